// Small Chinese numerals as used in heading markers, enumerations and dates (一 … 九十九,
// 〇/零). Which characters are digits and units is language knowledge: it is read from
// data/segment.yaml `numerals`, not written here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reportlens::segment {

struct NumeralTable {
  std::u32string digit_chars;  // 〇零一二两三…九, each with its value in digit_values
  std::vector<int> digit_values;
  std::u32string unit_chars;  // 十 百: multiply the digit before them
  std::vector<int> unit_values;

  // Value of a digit character (0–9), or -1.
  int digit(char32_t cp) const;
  // Value of a unit character (10, 100 …), or 0.
  int unit(char32_t cp) const;
  // A digit or a unit character.
  bool contains(char32_t cp) const { return digit(cp) >= 0 || unit(cp) > 0; }
  // Value of a numeral written with these characters (一, 十二, 二十, 一百零五) or with ASCII
  // digits; nullopt when it is not one.
  std::optional<int> parse(std::u32string_view numeral) const;
};

}  // namespace reportlens::segment
