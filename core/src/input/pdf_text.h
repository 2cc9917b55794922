// Text from a PDF's text layer (poppler), in reading order.
//
// Lines are rebuilt from poppler's words and joined with a line break; a blank line marks a
// probable paragraph end (a short line, or an indented line after it), so the normalised
// view joins the lines the typesetter wrapped (1200.\n2亿元, 2023\n年) and keeps paragraphs.
// Running headers and footers (a line at the top or bottom of the page repeated on most
// pages, digits aside) and page numbers (- 3 -, 第3页, 3/12) are left out of the text and
// kept in the metadata: pages, page_starts (the code point offset where each page's text
// begins), page_labels (each page's printed number, "" if none) and running_lines.
// The reader is in libreportlens-readers.so, loaded at the first PDF (binary_readers.h);
// these functions load it and throw its errors as it raised them.
#pragma once

#include <string>

#include "input/extracted_text.h"

namespace reportlens {

// Throws HostError(kInput) naming `file` for a damaged PDF, an encrypted one that needs a
// password, and one without a text layer (a scan: no OCR here).
ExtractedText pdf_to_text(const std::string& bytes, const std::string& file);

}  // namespace reportlens
