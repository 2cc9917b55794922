// Text from a Word document (DOCX: a zip archive of WordprocessingML parts), read with
// libzip and libxml2.
//
// The main part (named by _rels/.rels, word/document.xml by default) gives the body in
// order: each paragraph its own paragraph (a blank line between), tabs and line breaks as
// written, tables row by row with cells separated by tabs, content controls and inserted
// text read through, deleted text and field codes left out. Paragraphs whose style is a
// heading style ("heading 1".., Title, or an outline level) become heading hints
// (extracted_text.h).
// The reader is in libreportlens-readers.so, loaded at the first DOCX (binary_readers.h);
// these functions load it and throw its errors as it raised them.
#pragma once

#include <string>

#include "input/extracted_text.h"

namespace reportlens {

// Throws HostError(kInput) naming `file` for a damaged zip, a zip that is not a Word
// document, a DOCX without its main part and unreadable XML.
ExtractedText docx_to_text(const std::string& bytes, const std::string& file);

// Whether the zip archive at `path` holds word/document.xml (for directory walks).
bool zip_holds_word_document(const std::string& path);

}  // namespace reportlens
