// The standard indicator catalogue (data/catalogue.yaml): standard names, their variants,
// measures, direction and display unit, and the unit conversions between written and base
// units. The one metric vocabulary of the indicators, diff and panel stages.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace reportlens::catalogue {

struct Indicator {
  std::string name;                   // standard name
  std::vector<std::string> variants;  // other spellings (exact, after scope words)
  std::vector<std::string> measures;  // growth | level | rate
  std::string unit;                   // display unit of a level ("" = as given)
  std::string direction = "higher_is_better";
  std::string bounded;                // direction when the target is a bound; "" = same

  bool has_measure(std::string_view m) const;
};

struct Unit {
  std::string base;    // CNY, person, ton ...
  double factor = 1;   // one of this unit = factor × base
};

class Catalogue {
 public:
  // Merges one catalogue file: new indicators are appended, a known name gets the new
  // variants and any field the file sets. Throws reportlens::StageError("file:line: ...").
  void load(const std::filesystem::path& file);

  // The indicator a name denotes (standard name or variant, spaces ignored), else nullptr.
  const Indicator* find(std::string_view name) const;
  // Indicators in file order.
  const std::vector<Indicator>& indicators() const { return indicators_; }

  // `metric` without the words around a name that do not change the indicator (name_noise
  // in the data): leading ones removed (（下同）, ——, 预计), and the text cut before a verb the
  // reader left in the name (生产总值有望 → 生产总值, 地区生产总值突破4000亿元大关 → 地区生产总值).
  // The metric itself when nothing applies.
  std::string without_noise(std::string_view metric) const;

  const Unit* unit(const std::string& name) const;
  // A unit of `base` with the same scale as `like` (亿美元 for base USD like 亿元), or "".
  std::string same_scale(const std::string& base, const std::string& like) const;
  // `value` in unit `from` expressed in unit `to`, when both are known and share a base.
  std::optional<double> convert(double value, const std::string& from, const std::string& to) const;

 private:
  void read(const std::filesystem::path& file, const YAML::Node& root);

  std::vector<Indicator> indicators_;
  std::map<std::string, std::size_t, std::less<>> by_name_;  // name or variant -> index
  std::map<std::string, Unit, std::less<>> units_;
  std::vector<std::string> noise_leading_, noise_cut_;
};

bool valid_direction(std::string_view d);

}  // namespace reportlens::catalogue
