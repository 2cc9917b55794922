#include "region.h"

#include <array>

#include "reportlens/text.h"

namespace reportlens::entities {

namespace {

// Level suffixes, longest first. 自治州/地区/盟 are prefecture level like 市.
struct Suffix {
  std::string_view text;
  int level;  // 0 province, 1 city, 2 district
};
constexpr std::array<Suffix, 10> kSuffixes{{{"特别行政区", 0},
                                            {"自治区", 0},
                                            {"自治州", 1},
                                            {"地区", 1},
                                            {"省", 0},
                                            {"市", 1},
                                            {"盟", 1},
                                            {"区", 2},
                                            {"县", 2},
                                            {"旗", 2}}};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string Region::to_string() const {
  std::string out;
  if (!province.empty()) out += province + "省";
  if (!city.empty()) out += city + "市";
  if (!district.empty()) out += district + "区";
  return out;
}

Region parse_region(std::string_view text) {
  Region region;
  if (text.empty()) return region;
  if (text == "全国" || text == "national" || text == "中国") {
    region.national = true;
    return region;
  }
  // Walk the string character by character; whenever the text so far ends with a level
  // suffix, what precedes it (since the last cut) is the name at that level.
  std::string current;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    next_code_point(text, i);
    current.append(text.substr(start, i - start));
    for (const auto& suffix : kSuffixes) {
      // A one-character name such as "市" alone is not a region; need at least one char.
      if (ends_with(current, suffix.text) && current.size() > suffix.text.size()) {
        std::string name = current.substr(0, current.size() - suffix.text.size());
        std::string& slot = suffix.level == 0 ? region.province
                            : suffix.level == 1 ? region.city
                                                : region.district;
        slot = std::move(name);
        current.clear();
        break;
      }
    }
  }
  if (!current.empty()) {  // a bare trailing name: the most specific level still open
    if (region.city.empty()) region.city = current;
    else if (region.district.empty()) region.district = current;
  }
  return region;
}

Region merge_regions(Region base, const Region& more) {
  if (base.province.empty()) base.province = more.province;
  if (base.city.empty()) base.city = more.city;
  if (base.district.empty()) base.district = more.district;
  base.national = base.national || (base.empty() && more.national);
  return base;
}

RegionFit region_fit(const Region& limit, const Region& document) {
  if (limit.empty()) return RegionFit::kYes;
  if (document.national) return RegionFit::kNo;
  bool unknown = false;
  const auto check = [&](const std::string& want, const std::string& have) {
    if (want.empty()) return true;
    if (have.empty()) {
      unknown = true;
      return true;
    }
    return want == have;
  };
  if (!check(limit.province, document.province) || !check(limit.city, document.city) ||
      !check(limit.district, document.district))
    return RegionFit::kNo;
  return unknown ? RegionFit::kUnknown : RegionFit::kYes;
}

}  // namespace reportlens::entities
