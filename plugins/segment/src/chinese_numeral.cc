#include "chinese_numeral.h"

namespace reportlens::segment {
namespace {

int digit_value(char32_t cp) {
  switch (cp) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

}  // namespace

bool is_chinese_digit(char32_t cp) { return digit_value(cp) >= 0 || cp == U'十' || cp == U'百'; }

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
      const int d = digit_value(c);
      if (d < 0) return std::nullopt;
      if (pending > 0) return std::nullopt;  // two digits in a row: not a small numeral
      pending = d;
    }
  }
  if (pending > 0) total += pending;
  return total > 0 ? std::optional<int>(total) : std::nullopt;
}

}  // namespace reportlens::segment
