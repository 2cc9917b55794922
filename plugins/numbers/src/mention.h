// One number mention found in the normalised text, before it becomes an annotation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace reportlens::numbers {

struct Mention {
  std::size_t begin = 0;  // bytes in the normalised text
  std::size_t end = 0;
  std::string kind;       // quantity | percent | date | year | ordinal
  nlohmann::ordered_json value;  // number, [low, high] for ranges, ISO string for dates
  std::string unit;
  std::optional<std::string> qualifier;  // > >= < <= ~ range, or none
  std::string surface_unit;  // the unit as written, with its scale: 亿元, 万㎡, %, 百分之
  std::string number;        // the numeral as written (normalised): 1200.2亿, 十九
  std::string exact;         // exact decimal value(s) as text: "120020000000", "6.5/7"
  bool negated_context = false;  // after 下降/减少...: the indicator stage signs it
};

}  // namespace reportlens::numbers
