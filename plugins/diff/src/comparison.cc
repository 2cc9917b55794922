#include "comparison.h"

#include <cmath>

#include "number_text.h"

namespace reportlens::diff {
namespace {

// A base-unit value written back with a Chinese scale word: 13100000 person -> 1310万人.
std::string scaled(double v, const std::string& unit) {
  static const std::pair<const char*, const char*> names[] = {
      {"CNY", "元"}, {"USD", "美元"}, {"EUR", "欧元"}, {"person", "人"}, {"jin", "斤"},
      {"ton", "吨"}, {"household", "户"}, {"item", "个"}, {"m2", "平方米"}, {"mu", "亩"},
      {"person_time", "人次"}, {"km", "公里"}, {"m", "米"}, {"set", "套"}, {"unit", "台"}};
  std::string word = unit;
  for (const auto& [code, zh] : names)
    if (unit == code) word = zh;
  const double a = std::fabs(v);
  if (a >= 1e12) return format_number(v / 1e12) + "万亿" + word;
  if (a >= 1e8) return format_number(v / 1e8) + "亿" + word;
  if (a >= 1e4) return format_number(v / 1e4) + "万" + word;
  return format_number(v) + (word.empty() ? "" : word);
}

std::string one(const Json& value, const std::string& unit) {
  if (!value.is_number()) return "?";
  const double v = value.get<double>();
  if (unit == "percent") return format_number(v) + "%";
  if (unit == "percentage_point") return format_number(v) + "个百分点";
  if (unit == "times") return format_number(v) + "倍";
  return scaled(v, unit);
}

}  // namespace

std::string figure_text(const Json& value, const Json& unit_json, const Json& qualifier) {
  if (value.is_null()) return "-";
  const std::string unit = unit_json.is_string() ? unit_json.get<std::string>() : "";
  if (value.is_array() && value.size() == 2) {
    std::string lo = one(value[0], unit), hi = one(value[1], unit);
    if (unit == "percent") lo = format_number(value[0].get<double>());
    return lo + "–" + hi;
  }
  const std::string q = qualifier.is_string() ? qualifier.get<std::string>() : "";
  std::string prefix = q == ">=" ? "≥" : q == ">" ? ">" : q == "<=" ? "≤" : q == "<" ? "<" : q == "~" ? "≈" : "";
  return prefix + one(value, unit);
}

}  // namespace reportlens::diff
