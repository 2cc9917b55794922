#include "text_context.h"

#include "reportlens/text.h"

namespace reportlens::numbers {

char32_t code_point_before_general(std::string_view text, std::size_t pos, std::size_t* start) {
  if (pos == 0 || pos > text.size()) {
    if (start) *start = pos;
    return 0;
  }
  std::size_t i = pos - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  if (start) *start = i;
  std::size_t j = i;
  return next_code_point(text, j);
}

char32_t code_point_at_general(std::string_view text, std::size_t pos, std::size_t* next) {
  if (pos >= text.size()) {
    if (next) *next = text.size();
    return 0;
  }
  std::size_t j = pos;
  const char32_t cp = next_code_point(text, j);
  if (next) *next = j;
  return cp;
}

const std::string* word_at(std::string_view text, std::size_t pos,
                           const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (starts_with_at(text, pos, w)) return &w;
  return nullptr;
}

const std::string* word_before(std::string_view text, std::size_t pos,
                               const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (ends_with_at(text, pos, w)) return &w;
  return nullptr;
}

// Script-level: the marks that close a clause are the punctuation of Chinese text (full
// and half width), not words.
std::size_t clause_start(std::string_view text, std::size_t pos, std::size_t max_bytes) {
  const std::size_t limit = pos > max_bytes ? pos - max_bytes : 0;
  std::size_t i = pos;
  while (i > limit) {
    std::size_t start = 0;
    const char32_t cp = code_point_before(text, i, &start);
    switch (cp) {
      case U'，': case U'。': case U'；': case U'：': case U'！': case U'？': case U'\n':
      case U';': case U'!': case U'?':
        return i;
      default:
        break;
    }
    i = start;
  }
  // Never return a position inside a character.
  while (i < pos && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  return i;
}

bool is_ascii_letter(char32_t cp) { return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z'); }
bool is_ascii_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }
bool is_ideograph(char32_t cp) { return is_cjk_ideograph(cp); }

}  // namespace reportlens::numbers
