// Reading one numeral run — Arabic, Chinese or mixed — into an exact value.
//
// The run is what the candidate pattern matched: "1,100.9亿", "一万五千亿", "3万4000",
// "25万6千", "十几万", "二〇二二", "七点五". Chinese scales compose the usual way: 十/百/千
// multiply the digit before them inside a 万-block, 万 closes a block, 亿 multiplies
// everything before it (so 二十万亿 = 20×10^4×10^8 and 一万五千亿 = 15000×10^8).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exact_decimal.h"

namespace reportlens::numbers {

struct ParsedNumeral {
  ExactDecimal low;   // the value; for 十几 / 几十 the low end of the range
  ExactDecimal high;  // equal to low unless `is_range`
  bool is_range = false;
  bool has_arabic = false;
  bool has_digit = false;  // a digit, not only scale characters (万台, 百亿)
  // Digits read one by one with no scale between them (二〇二二, 三四): a year or a list,
  // never a cardinal. `sequence` holds the digits.
  bool digit_sequence = false;
  std::vector<int> sequence;
  // The scale characters closing the numeral ("亿" in 1200.2亿, "万亿" in 74.4万亿).
  std::string trailing_scale;
};

// Parses `run` completely; nullopt when it is not a well-formed numeral (三一, 十三五...).
std::optional<ParsedNumeral> parse_numeral(std::string_view run);

// Digit value of a Chinese digit character (零〇一二两三…九), or -1.
int chinese_digit(char32_t cp);
// Power of ten of a scale character (十 1, 百 2, 千 3, 万 4, 亿 8), or 0.
int chinese_scale(char32_t cp);

}  // namespace reportlens::numbers
