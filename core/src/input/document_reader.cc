#include "input/document_reader.h"

#include <spdlog/spdlog.h>

#include "input/decode.h"
#include "input/docx_text.h"
#include "run/errors.h"
#include "input/html_text.h"
#include "input/input_format.h"
#include "input/markdown_text.h"
#include "input/pdf_text.h"

#include <optional>

namespace reportlens {
namespace {

// A file that is no text at all gets a message that says so, rather than the decoder's
// complaint about its first undecodable byte.
[[noreturn]] void refuse_binary(const ResolvedInput& in, const std::string& bytes, const HostError& e) {
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    throw HostError(ExitCode::kInput, in.source + ": legacy Office binary file (.doc/.xls/.ppt); "
                                                  "save it as .docx or PDF to read it");
  const std::size_t nul = bytes.find('\0');
  if (nul != std::string::npos && nul < 8192)
    throw HostError(ExitCode::kInput, in.source + ": byte " + std::to_string(nul) +
                                          ": NUL character; this looks like a binary file, not text, HTML, "
                                          "Markdown, PDF or DOCX");
  throw e;
}

DecodedText decode_text(const ResolvedInput& in, const std::string& bytes) {
  try {
    DecodedText decoded = decode_bytes(bytes, {in.encoding, in.replace_invalid}, in.source);
    if (decoded.replaced > 0)
      spdlog::warn("{}: replaced {} invalid byte sequence(s) with U+FFFD", in.source, decoded.replaced);
    return decoded;
  } catch (const HostError& e) {
    if (bytes.empty()) throw;
    refuse_binary(in, bytes, e);
  }
}

std::optional<InputFormat> given_format(const ResolvedInput& in) {
  if (in.format.empty()) return std::nullopt;
  if (const auto given = format_from_name(in.format)) return given;
  throw HostError(ExitCode::kInput, in.source + ": unknown format '" + in.format + "'; expected one of " +
                                        format_names());
}

// The reader's text and metadata, `format` set to what was read; `meta` gets "encoding"
// first for the text formats (the established key order of text and HTML results).
ExtractedText extract(const ResolvedInput& in, const std::string& bytes, InputFormat& format, Json& meta) {
  if (bytes.empty()) throw HostError(ExitCode::kInput, in.source + ": empty input (0 bytes)");
  const std::optional<InputFormat> given = given_format(in);
  format = given ? *given : detect_binary_format(in.path, bytes);
  if (format == InputFormat::kPdf) return pdf_to_text(bytes, in.source);
  if (format == InputFormat::kDocx) return docx_to_text(bytes, in.source);
  DecodedText decoded = decode_text(in, bytes);
  meta["encoding"] = decoded.encoding;
  if (format == InputFormat::kText && !given) format = detect_text_format(in.path, decoded.text);
  if (format == InputFormat::kMarkdown) return markdown_to_text(decoded.text, in.source);
  if (format == InputFormat::kHtml) return {html_to_text(decoded.text), Json::object()};
  return {std::move(decoded.text), Json::object()};
}

}  // namespace

std::unique_ptr<Document> read_document(const ResolvedInput& in, const std::string& bytes, const std::string& sha256,
                                        std::shared_ptr<const LineBreakRules> line_breaks) {
  InputFormat format = InputFormat::kText;
  Json meta = Json::object();
  ExtractedText extracted = extract(in, bytes, format, meta);
  meta["format"] = format_name(format);
  if (extracted.text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw HostError(ExitCode::kInput, in.source + ": no text after decoding");
  meta["sha256"] = sha256;
  meta["bytes"] = bytes.size();
  for (auto& [k, v] : extracted.meta.items()) meta[k] = std::move(v);  // front matter, pages...
  for (const auto& [k, v] : in.meta.items()) meta[k] = v;               // user overrides win
  if (!in.role.empty()) meta["role"] = in.role;
  return std::make_unique<Document>(in.id, in.source, std::move(extracted.text), std::move(meta),
                                    std::move(line_breaks));
}

}  // namespace reportlens
