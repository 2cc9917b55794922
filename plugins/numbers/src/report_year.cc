#include "report_year.h"

#include <re2/re2.h>

namespace reportlens::numbers {

namespace {

int first_year(std::string_view text, const RE2& pattern) {
  re2::StringPiece input(text.data(), text.size());
  std::string year;
  if (RE2::FindAndConsume(&input, pattern, &year)) return std::stoi(year);
  return 0;
}

}  // namespace

int report_year(const Document& document) {
  const Json& meta = document.meta();
  for (const char* key : {"delivery_year", "report_year"}) {
    if (!meta.contains(key)) continue;
    const Json& y = meta[key];
    if (y.is_number_integer()) return y.get<int>();
    if (y.is_string() && !y.get<std::string>().empty()) {
      try {
        return std::stoi(y.get<std::string>());
      } catch (...) {
      }
    }
  }
  static const RE2 kYear("((?:19|20)[0-9]{2})(?:[^0-9]|$)");
  static const RE2 kYearNian("((?:19|20)[0-9]{2})年");
  if (meta.contains("title") && meta["title"].is_string())
    if (int y = first_year(meta["title"].get<std::string>(), kYear)) return y;
  if (int y = first_year(document.id(), kYear)) return y;
  const std::string_view head = std::string_view(document.text()).substr(0, 600);
  return first_year(head, kYearNian);
}

}  // namespace reportlens::numbers
