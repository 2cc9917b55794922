#include "store_reader.h"

#include <fstream>
#include <iterator>

#include "input/decode.h"
#include "run/errors.h"
#include "input/html_text.h"
#include "util/sha256.h"

namespace reportlens::python {

StoreContent read_store(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw HostError(ExitCode::kInput, path.string() + ": no such file");
  StoreContent content;
  auto reader = open_reader(path);
  content.identity = reader->identity();
  auto cursor = reader->cursor();
  Json r;
  while (cursor->next(r)) {
    StoredRecord& s = content.records.emplace_back();
    s.record = std::move(r);
    if (const std::string* text = cursor->document_text()) s.text = *text;
    r = Json();
  }
  return content;
}

std::optional<std::string> recover_text(const std::string& source, const std::string& sha256,
                                        const std::string& encoding, const std::string& format) {
  std::ifstream in(source, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (sha256.empty() || sha256_hex(bytes) != sha256) return std::nullopt;
  try {
    DecodedText decoded = decode_bytes(bytes, {encoding, false}, source);
    if (format == "html") return html_to_text(decoded.text);
    return std::move(decoded.text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace reportlens::python
