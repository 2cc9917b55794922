// Markdown input: YAML front matter as metadata, markup left out of the analysed text.
//
// Every markup character is replaced by a space (line breaks stay), so the text keeps the
// file's length in code points and every offset in the result points at the same character
// of the original Markdown file. Front matter (--- … --- at the top) becomes metadata: each
// key as given (title, source, date, region, …; `year` is stored as report_year, as in
// manifests). `#` headings, setext headings and whole-line **bold** paragraphs become heading
// hints (extracted_text.h); list bullets, quote markers, emphasis, code marks, link targets,
// images, rules and table pipes (tabs between cells) are blanked.
#pragma once

#include <string>

#include "input/extracted_text.h"

namespace reportlens {

// `text` is the decoded file. Throws HostError(kInput) naming `file` and the line when the
// front matter is not YAML.
ExtractedText markdown_to_text(const std::string& text, const std::string& file);

}  // namespace reportlens
