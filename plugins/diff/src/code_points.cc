#include "code_points.h"

namespace reportlens::diff {

CodePointIndex::CodePointIndex(const std::string& text) : cp_at_byte_(text.size() + 1) {
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    cp_at_byte_[i] = cp;
    // A byte that is not a UTF-8 continuation byte starts a new code point.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++cp;
    else cp_at_byte_[i] = cp - 1;
  }
  cp_at_byte_[text.size()] = cp;
}

std::size_t CodePointIndex::at(std::size_t byte_offset) const {
  if (byte_offset >= cp_at_byte_.size()) return cp_at_byte_.back();
  return cp_at_byte_[byte_offset];
}

Json evidence_json(const Document& doc, const CodePointIndex& index, std::size_t begin,
                   std::size_t end) {
  Json e = Json::object();
  e["doc"] = doc.id();
  e["begin"] = index.at(begin);
  e["end"] = index.at(end);
  e["text"] = std::string(doc.slice(begin, end));
  return e;
}

}  // namespace reportlens::diff
