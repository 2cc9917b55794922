#include "chinese_numeral.h"

namespace reportlens::segment {

int NumeralTable::digit(char32_t cp) const {
  const std::size_t at = digit_chars.find(cp);
  return at == std::u32string::npos ? -1 : digit_values[at];
}

int NumeralTable::unit(char32_t cp) const {
  const std::size_t at = unit_chars.find(cp);
  return at == std::u32string::npos ? 0 : unit_values[at];
}

std::optional<int> NumeralTable::parse(std::u32string_view s) const {
  if (s.empty() || s.size() > 6) return std::nullopt;
  if (s[0] >= U'0' && s[0] <= U'9') {
    int v = 0;
    for (char32_t c : s) {
      if (c < U'0' || c > U'9') return std::nullopt;
      v = v * 10 + static_cast<int>(c - U'0');
    }
    return v;
  }
  // Positional reading: a unit multiplies the digit before it (一 implied: 十二 = 12).
  int total = 0, pending = -1;
  for (char32_t c : s) {
    if (const int u = unit(c); u > 0) {
      total += (pending < 0 ? 1 : pending) * u;
      pending = -1;
    } else {
      const int d = digit(c);
      if (d < 0) return std::nullopt;
      if (pending > 0) return std::nullopt;  // two digits in a row: not a small numeral
      pending = d;
    }
  }
  if (pending > 0) total += pending;
  return total > 0 ? std::optional<int>(total) : std::nullopt;
}

}  // namespace reportlens::segment
