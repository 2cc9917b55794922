// Lists of subjects: the items of a coordinated subject (沈鼓集团、三一重装产值), the subjects a
// 分别 pairs with its figures, numerals listed before a shared head (第一、二、三产业).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"

namespace reportlens::indicators {

// True when the numeral [begin, end) (一, 第二) is an item of a list of numerals before a
// shared head (第一、二、三产业). (Not 项目二期、…, 全国第二、总产值.)
bool listed_numeral(std::string_view text, std::size_t begin, std::size_t end, const Lexicon& lex);
// The items of a coordinated subject, the shared head distributed; empty when it is none.
std::vector<std::string> coordinated_items(std::string_view subject, const Lexicon& lex);
// Subjects listed before 分别 (装备制造业、医药制造业保持快速增长 -> 装备制造业, 医药制造业).
std::vector<std::string> respective_subjects(std::string_view before, const Lexicon& lex);
// 城乡居民人均可支配收入 paired by 分别 with two figures -> 城镇…, 农村….
std::vector<std::string> split_coordinated_prefix(const std::string& subject, std::size_t figures,
                                                  const Lexicon& lex);

}  // namespace reportlens::indicators
