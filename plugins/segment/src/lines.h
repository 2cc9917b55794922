// The logical lines of a document's normalised view (PDF and link breaks already joined),
// trimmed of spaces, with the blank-line structure around them.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::segment {

struct Line {
  std::size_t begin = 0;  // normalised byte offsets, spaces trimmed
  std::size_t end = 0;
  bool blank_before = false;  // a blank line (or the text start) precedes it
  bool blank_after = false;   // a blank line (or the text end) follows it
  // The input format marks the line as a heading (meta.headings, docs/input-formats.md):
  // its level there, 1 for a level-less one; 0 when not marked.
  int hinted_level = 0;
};

std::vector<Line> split_lines(std::string_view normalized);

// A byte span in the normalised view, mapped to the original text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};
Span to_original(const NormalizedText& norm, std::size_t begin, std::size_t end);

// The code points of a piece of UTF-8 (lines are short; scanners index them directly).
std::u32string decode(std::string_view utf8);

// Number of code points before each byte offset is not needed; scanners that work on a
// u32 copy of a line convert back with this: byte offset of code point `index` in `utf8`.
std::size_t byte_offset(std::string_view utf8, std::size_t index);

}  // namespace reportlens::segment
