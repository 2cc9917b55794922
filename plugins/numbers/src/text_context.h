// Small helpers to look at the characters around a position of a UTF-8 text.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "reportlens/text.h"

namespace reportlens::numbers {

// General forms of the two readers below (any UTF-8, invalid bytes as U+FFFD).
char32_t code_point_before_general(std::string_view text, std::size_t pos, std::size_t* start);
char32_t code_point_at_general(std::string_view text, std::size_t pos, std::size_t* next);

// The code point that ends at byte `pos` (0 when pos is 0); `start` gets its first byte.
// ASCII and 3-byte characters (nearly all of a report) are read inline.
inline char32_t code_point_before(std::string_view text, std::size_t pos,
                                  std::size_t* start = nullptr) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (pos > 0 && pos <= text.size()) {
    if (byte(pos - 1) < 0x80) {
      if (start) *start = pos - 1;
      return byte(pos - 1);
    }
    if (pos >= 3 && (byte(pos - 1) & 0xC0) == 0x80 && (byte(pos - 2) & 0xC0) == 0x80 &&
        (byte(pos - 3) & 0xF0) == 0xE0) {
      if (start) *start = pos - 3;
      return ((byte(pos - 3) & 0x0Fu) << 12) | ((byte(pos - 2) & 0x3Fu) << 6) | (byte(pos - 1) & 0x3Fu);
    }
  }
  return code_point_before_general(text, pos, start);
}

// The code point starting at byte `pos` (0 at the end); `next` gets the byte after it.
inline char32_t code_point_at(std::string_view text, std::size_t pos, std::size_t* next = nullptr) {
  if (pos < text.size()) {
    std::size_t j = pos;
    const char32_t cp = decode_code_point(text, j);
    if (next) *next = j;
    return cp;
  }
  return code_point_at_general(text, pos, next);
}

// Both are asked hundreds of thousands of times per corpus (every word list is tried
// around every number): no substr() with its bounds exception, first byte compared first.
inline bool starts_with_at(std::string_view text, std::size_t pos, std::string_view word) {
  return pos <= text.size() && text.size() - pos >= word.size() &&
         (word.empty() || (text[pos] == word[0] &&
                           std::memcmp(text.data() + pos, word.data(), word.size()) == 0));
}
inline bool ends_with_at(std::string_view text, std::size_t pos, std::string_view word) {
  return pos >= word.size() && pos <= text.size() &&
         (word.empty() || (text[pos - 1] == word.back() &&
                           std::memcmp(text.data() + pos - word.size(), word.data(), word.size()) == 0));
}

// First word of `words` (sorted longest first) that `text` has at `pos`, or nullptr.
const std::string* word_at(std::string_view text, std::size_t pos,
                           const std::vector<std::string>& words);
// First word of `words` that ends at `pos`, or nullptr.
const std::string* word_before(std::string_view text, std::size_t pos,
                               const std::vector<std::string>& words);

// Start of the clause holding `pos`: just after the previous ，。；：！？ or line break, at
// most `max_bytes` back.
std::size_t clause_start(std::string_view text, std::size_t pos, std::size_t max_bytes);

bool is_ascii_letter(char32_t cp);
bool is_ascii_digit(char32_t cp);
bool is_ideograph(char32_t cp);

}  // namespace reportlens::numbers
