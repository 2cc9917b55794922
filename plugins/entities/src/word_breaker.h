// Word boundaries from ICU's dictionary-based word break iterator (Chinese uses a
// dictionary; there are no spaces to split on).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace reportlens::entities {

// Byte offsets (into `text`, UTF-8) of every word boundary, including 0 and text.size().
// Thread-safe: each thread keeps its own iterator.
std::vector<std::size_t> word_boundaries(std::string_view text);

}  // namespace reportlens::entities
