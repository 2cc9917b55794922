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

// The characters numerals are written with (lexicon.yaml `numerals`): which ideograph is
// which digit or scale is language knowledge, read from data.
struct NumeralChars {
  std::u32string digit_chars;  // 零〇一二两三…九, each with its value in digit_values
  std::vector<int> digit_values;
  std::u32string scale_chars;  // 十百千万亿, each with its power of ten in scale_powers
  std::vector<int> scale_powers;
  char32_t several = 0;           // 几: an unknown digit (十几, 几十)
  char32_t point = 0;             // 点: the decimal point of 七点五
  std::u32string fraction_chars;  // the digits that may follow the point
  std::string thousands_comma;    // a full-width comma between digit groups (1，753亿)

  // Digit value of a digit character, or -1.
  int digit(char32_t cp) const;
  // Power of ten of a scale character, or 0.
  int scale(char32_t cp) const;
  // A character of a Chinese numeral run: a digit, a scale or `several`.
  bool in_run(char32_t cp) const { return digit(cp) >= 0 || scale(cp) > 0 || cp == several; }
  bool in_fraction(char32_t cp) const { return fraction_chars.find(cp) != std::u32string::npos; }
  // The run's characters (digits, scales, several) as UTF-8, for a regex class.
  std::string run_chars() const;
};

// Parses `run` completely; nullopt when it is not a well-formed numeral (三一, 十三五...).
std::optional<ParsedNumeral> parse_numeral(std::string_view run, const NumeralChars& script);

}  // namespace reportlens::numbers
