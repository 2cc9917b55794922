// Inline UTF-8 decoding for the reader's character loops: they run over every character of
// every sentence, where a call into the core per character costs more than the work.
#pragma once

#include <cstddef>
#include <string_view>

#include "reportlens/text.h"

namespace reportlens::indicators {

// The character starting at byte `i` of `text` (i < text.size()); `length` gets its bytes.
// The SDK's decode_code_point with the length handed back, its ASCII and three-byte paths
// repeated here and forced inline: the compiler kept the SDK's copy out of line, a call per
// character of every sentence (3.3 M instructions of 46 M on six lawtext reports).
[[gnu::always_inline]] inline char32_t decode_at(std::string_view text, std::size_t i, std::size_t* length) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char lead = p[i];
  if (lead < 0x80) {
    *length = 1;
    return lead;
  }
  if ((lead & 0xF0) == 0xE0 && i + 2 < text.size() && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
    *length = 3;
    return (static_cast<char32_t>(lead & 0x0F) << 12) | (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) |
           (p[i + 2] & 0x3F);
  }
  std::size_t j = i;
  const char32_t cp = next_code_point(text, j);
  *length = j - i;
  return cp;
}

}  // namespace reportlens::indicators
