// Inline UTF-8 decoding for the reader's character loops: they run over every character of
// every sentence, where a call into the core per character costs more than the work.
#pragma once

#include <cstddef>
#include <string_view>

#include "reportlens/text.h"

namespace reportlens::indicators {

// The character starting at byte `i` of `text` (i < text.size()); `length` gets its bytes.
// ASCII and the 3-byte form (nearly all of a Chinese report) are read here, the same way
// the core reads them; anything else is left to the core, so the result is always the one
// next_code_point() gives.
inline char32_t decode_at(std::string_view text, std::size_t i, std::size_t* length) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    *length = 1;
    return lead;
  }
  if (lead >= 0xE0 && lead < 0xF0 && i + 2 < text.size() && (byte(i + 1) & 0xC0) == 0x80 &&
      (byte(i + 2) & 0xC0) == 0x80) {
    *length = 3;
    return ((lead & 0x0Fu) << 12) | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
  }
  std::size_t j = i;
  const char32_t cp = next_code_point(text, j);
  *length = j - i;
  return cp;
}

}  // namespace reportlens::indicators
