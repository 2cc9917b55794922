#include "chinese_numeral.h"

#include "reportlens/text.h"

namespace reportlens::segment {

bool is_chinese_digit(char32_t cp) { return chinese_digit_value(cp) >= 0 || cp == U'十' || cp == U'百'; }

std::optional<int> parse_numeral(std::u32string_view s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  if (s[0] >= U'0' && s[0] <= U'9') {
    int v = 0;
    for (char32_t c : s) {
      if (c < U'0' || c > U'9') return std::nullopt;
      v = v * 10 + static_cast<int>(c - U'0');
    }
    return v;
  }
  // Positional reading: 百 and 十 multiply the digit before them (一 implied: 十二 = 12).
  int total = 0, pending = -1;
  for (char32_t c : s) {
    if (c == U'百' || c == U'十') {
      const int unit = c == U'百' ? 100 : 10;
      total += (pending < 0 ? 1 : pending) * unit;
      pending = -1;
    } else {
      const int d = chinese_digit_value(c);
      if (d < 0) return std::nullopt;
      if (pending > 0) return std::nullopt;  // two digits in a row: not a small numeral
      pending = d;
    }
  }
  if (pending > 0) total += pending;
  return total > 0 ? std::optional<int>(total) : std::nullopt;
}

}  // namespace reportlens::segment
