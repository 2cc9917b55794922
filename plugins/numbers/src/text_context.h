// Small helpers to look at the characters around a position of a UTF-8 text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace reportlens::numbers {

// The code point that ends at byte `pos` (0 when pos is 0); `start` gets its first byte.
char32_t code_point_before(std::string_view text, std::size_t pos, std::size_t* start = nullptr);
// The code point starting at byte `pos` (0 at the end); `next` gets the byte after it.
char32_t code_point_at(std::string_view text, std::size_t pos, std::size_t* next = nullptr);

inline bool starts_with_at(std::string_view text, std::size_t pos, std::string_view word) {
  return pos <= text.size() && text.substr(pos).starts_with(word);
}
inline bool ends_with_at(std::string_view text, std::size_t pos, std::string_view word) {
  return pos >= word.size() && text.substr(pos - word.size(), word.size()) == word;
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
