// Which reader an input goes to: by its content first (a PDF or a zip archive says what it is
// in its first bytes, whatever the file is called), then by its extension, then as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reportlens {

enum class InputFormat { kText, kHtml, kMarkdown, kPdf, kDocx };

// "text", "html", "markdown", "pdf", "docx": the names `format:` takes and meta.format shows.
const char* format_name(InputFormat format);
// The format a `format:` value names (also "md", "txt", "htm"); nullopt if none.
std::optional<InputFormat> format_from_name(std::string_view name);
// The names `format:` accepts, for error messages.
std::string format_names();

// The format of an input from its path and its bytes, before decoding. Content wins: `%PDF-`
// near the start is a PDF, a zip archive is read as DOCX (the DOCX reader refuses a zip that
// is not one); then .pdf, .docx, .md/.markdown by extension; anything else is kText, to be
// refined by detect_text_format once decoded.
InputFormat detect_binary_format(std::string_view path, std::string_view bytes);
// A decoded text input: Markdown when YAML front matter opens it, HTML by extension or an
// <html> head (html_text.h), else text.
InputFormat detect_text_format(std::string_view path, std::string_view text);

// Whether a file found in an input directory is a document to read: a known extension
// (.txt .text .html .htm .xhtml .pdf .docx), or else content read from its first bytes: a
// PDF, a zip archive holding word/document.xml, a .md/.markdown file opening with front
// matter (a README.md beside the reports is not one).
bool is_document_file(const std::string& path);

}  // namespace reportlens
