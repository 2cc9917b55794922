// Byte offsets (what the SDK stores) to code point offsets (what the JSON contract uses),
// and the evidence objects every comparison entry carries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::diff {

// Prefix table: code point index of every byte offset of one text. Built once per document
// so that converting many spans stays linear.
class CodePointIndex {
 public:
  explicit CodePointIndex(const std::string& text);
  std::size_t at(std::size_t byte_offset) const;

 private:
  std::vector<std::uint32_t> cp_at_byte_;
};

// {"doc", "begin", "end", "text"} with code point offsets, the shape of every evidence span.
Json evidence_json(const Document& doc, const CodePointIndex& index, std::size_t begin,
                   std::size_t end);

}  // namespace reportlens::diff
