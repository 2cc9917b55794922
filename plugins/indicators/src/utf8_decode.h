// Inline UTF-8 decoding for the reader's character loops: they run over every character of
// every sentence, where a call into the core per character costs more than the work.
#pragma once

#include <cstddef>
#include <string_view>

#include "reportlens/text.h"

namespace reportlens::indicators {

// The character starting at byte `i` of `text` (i < text.size()); `length` gets its bytes.
// The SDK's inline decode_code_point with the length handed back.
inline char32_t decode_at(std::string_view text, std::size_t i, std::size_t* length) {
  std::size_t j = i;
  const char32_t cp = decode_code_point(text, j);
  *length = j - i;
  return cp;
}

}  // namespace reportlens::indicators
