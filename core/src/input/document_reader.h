// From an input's bytes to the Document the stages see: the format chosen (input_format.h,
// or `format:` given for the input), its reader run (decode + html_text, markdown_text,
// pdf_text, docx_text) and the metadata assembled: the reader's, then the user's.
#pragma once

#include <memory>
#include <string>

#include "input/input_resolver.h"
#include "reportlens/document.h"

namespace reportlens {

// Throws HostError(kInput) with a one-line message naming the input for anything it
// cannot read: undecodable or binary bytes, a damaged, encrypted or scanned PDF, a zip that
// is not a DOCX, an input without any text. The Document is normalised with `line_breaks`
// (the run's stages' rules, text.h; null: script-level only).
std::unique_ptr<Document> read_document(const ResolvedInput& in, const std::string& bytes, const std::string& sha256,
                                        std::shared_ptr<const LineBreakRules> line_breaks);

}  // namespace reportlens
