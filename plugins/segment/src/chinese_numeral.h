// Small Chinese numerals as used in heading markers and enumerations (一 … 九十九, 〇/零).
#pragma once

#include <optional>
#include <string_view>

namespace reportlens::segment {

// True for 〇零一二两三四五六七八九十百.
bool is_chinese_digit(char32_t cp);

// Value of a numeral written with Chinese characters (一, 十二, 二十, 一百零五) or ASCII
// digits; nullopt when it is not one.
std::optional<int> parse_numeral(std::u32string_view numeral);

}  // namespace reportlens::segment
