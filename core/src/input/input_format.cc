#include "input/input_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>

#include "input/docx_text.h"
#include "input/html_text.h"

namespace reportlens {
namespace {

std::string lower_extension(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// PDF readers accept the header anywhere in the first kilobyte (some files carry a few
// bytes of junk before it); so does this check, as long as no letter comes before it (a web
// page or a note that mentions "%PDF-" is no PDF).
bool is_pdf_head(std::string_view bytes) {
  const std::size_t at = bytes.substr(0, 1024).find("%PDF-");
  if (at == std::string_view::npos) return false;
  return std::none_of(bytes.begin(), bytes.begin() + static_cast<long>(at),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

bool is_zip_head(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 2) == "PK" &&
         ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

// "---" on the first line and a closing "---" or "..." line further down: YAML front matter,
// which only Markdown corpora put at the top of a report.
bool has_front_matter(std::string_view text) {
  if (!(text.starts_with("---\n") || text.starts_with("---\r\n"))) return false;
  const std::string_view head = text.substr(0, 8192);
  return head.find("\n---\n", 3) != std::string_view::npos || head.find("\n---\r\n", 3) != std::string_view::npos ||
         head.find("\n...\n", 3) != std::string_view::npos;
}

}  // namespace

const char* format_name(InputFormat format) {
  switch (format) {
    case InputFormat::kText: return "text";
    case InputFormat::kHtml: return "html";
    case InputFormat::kMarkdown: return "markdown";
    case InputFormat::kPdf: return "pdf";
    case InputFormat::kDocx: return "docx";
  }
  return "text";
}

std::optional<InputFormat> format_from_name(std::string_view name) {
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "html" || name == "htm") return InputFormat::kHtml;
  if (name == "markdown" || name == "md") return InputFormat::kMarkdown;
  if (name == "pdf") return InputFormat::kPdf;
  if (name == "docx") return InputFormat::kDocx;
  return std::nullopt;
}

std::string format_names() { return "text, html, markdown, pdf, docx"; }

InputFormat detect_binary_format(std::string_view path, std::string_view bytes) {
  if (is_pdf_head(bytes)) return InputFormat::kPdf;
  if (is_zip_head(bytes)) return InputFormat::kDocx;
  const std::string ext = lower_extension(path);
  if (ext == ".md" || ext == ".markdown") return InputFormat::kMarkdown;
  if (ext == ".pdf") return InputFormat::kPdf;    // no header: the PDF reader says it is damaged
  if (ext == ".docx") return InputFormat::kDocx;  // likewise for the DOCX reader
  return InputFormat::kText;
}

InputFormat detect_text_format(std::string_view path, std::string_view text) {
  if (has_front_matter(text)) return InputFormat::kMarkdown;
  if (looks_like_html(path, text)) return InputFormat::kHtml;
  return InputFormat::kText;
}

bool is_document_file(const std::string& path) {
  static constexpr std::array<std::string_view, 7> kKnown = {".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", ".docx"};
  const std::string ext = lower_extension(path);
  if (std::find(kKnown.begin(), kKnown.end(), ext) != kKnown.end()) return true;
  // Other names: only what announces itself as a report, not every image, spreadsheet or
  // README lying next to the reports: a PDF, a zip holding a Word document, Markdown
  // that opens with front matter.
  std::ifstream in(path, std::ios::binary);
  std::array<char, 8192> head{};
  in.read(head.data(), head.size());
  std::string_view bytes(head.data(), static_cast<std::size_t>(in.gcount()));
  if (is_pdf_head(bytes)) return true;
  if (is_zip_head(bytes)) return zip_holds_word_document(path);
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  return (ext == ".md" || ext == ".markdown") && has_front_matter(bytes);
}

}  // namespace reportlens
