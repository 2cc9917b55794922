// What a format reader hands the core: the text to analyse (UTF-8; every annotation offset
// points into it) and the metadata the format carries (pages, headings, front matter).
#pragma once

#include <string>

#include "reportlens/document.h"

namespace reportlens {

struct ExtractedText {
  std::string text;
  Json meta = Json::object();
};

// Heading hints for the segmenter, in meta["headings"]: one {begin, end, level, title} per
// heading the format marks as such (a Word heading style, a Markdown `#` or a whole-line
// bold paragraph), with code point offsets into the text as in the result's annotations.
// `level` is 0 when the format gives none (a bold line).
void add_heading_hint(Json& meta, std::size_t begin, std::size_t end, int level, std::string_view title);

}  // namespace reportlens
