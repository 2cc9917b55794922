#include "labels.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <yaml-cpp/yaml.h>

#include "yaml_file.h"

namespace reportlens::diff {
namespace {

// The keys the code reads, per group: checked at load so that a renamed or missing label is
// an error naming the file rather than an empty cell in a report.
const std::map<std::string, std::set<std::string>>& required_keys() {
  static const std::map<std::string, std::set<std::string>> keys = {
      {"figures", {"percentage_point", "times", "list_separator", "clause_separator", "growth",
                   "decline", "estimate", "estimate_note", "textual_note"}},
      {"verdicts", {"met", "missed", "unclear"}},
      {"directions", {"higher_is_better", "lower_is_better", "ceiling", "band"}},
      {"sections", {"preamble", "changed", "removed", "added", "moved_out", "moved_in",
                    "section_added", "section_removed", "renumbered", "retitled", "moved",
                    "number_mark", "number_close"}},
      {"html", {"title", "heading", "targets", "metric", "year", "target", "actual", "direction",
                "verdict", "evidence", "qualitative", "statement", "relation", "indicators", "base",
                "compare", "level_delta", "growth_delta", "entities", "change", "names",
                "entities_added", "entities_removed", "entities_kept", "sections", "charts"}},
      {"chart", {"target", "target_range", "actual", "estimate", "year", "index_title",
                 "by_region", "by_indicator", "region_page", "indicator_page", "growth", "level",
                 "rate", "no_data"}}};
  return keys;
}

std::map<std::string, std::string> string_map(const std::filesystem::path& file,
                                              const YAML::Node& node, const std::string& what) {
  if (!node || !node.IsMap()) yaml_fail(file, node, what + " must be a mapping of strings");
  std::map<std::string, std::string> out;
  for (const auto& kv : node) {
    if (!kv.second.IsScalar()) yaml_fail(file, kv.second, what + "." + kv.first.as<std::string>() +
                                                               " must be a string");
    out[kv.first.as<std::string>()] = kv.second.as<std::string>();
  }
  return out;
}

}  // namespace

void Labels::load(const std::filesystem::path& file) {
  const YAML::Node root = load_yaml_file(file, "labels file");
  if (!root.IsMap()) yaml_fail(file, root, "expected a mapping");
  for (const auto& [group, keys] : required_keys()) {
    auto& g = groups_[group];
    for (auto& [k, v] : string_map(file, root[group], group)) g[k] = v;
    for (const auto& k : keys)
      if (!g.count(k)) yaml_fail(file, root[group], group + " lacks '" + k + "'");
  }
  for (auto& [k, v] : string_map(file, root["units"], "units")) units_[k] = v;
  if (const auto s = root["scales"]) {
    if (!s.IsSequence()) yaml_fail(file, s, "scales must be a list of {word, factor}");
    scales_.clear();
    for (const auto& e : s) {
      if (!e.IsMap() || !e["word"] || !e["factor"] || e["factor"].as<double>() <= 1)
        yaml_fail(file, e, "each scale needs a word and a factor above 1");
      scales_.emplace_back(e["factor"].as<double>(), e["word"].as<std::string>());
    }
    std::sort(scales_.begin(), scales_.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  }
}

std::string Labels::text(const std::string& group, const std::string& key) const {
  const auto g = groups_.find(group);
  if (g == groups_.end()) return key;
  const auto it = g->second.find(key);
  return it == g->second.end() ? key : it->second;
}

std::string Labels::unit_word(const std::string& code) const {
  const auto it = units_.find(code);
  return it == units_.end() ? code : it->second;
}

std::pair<double, std::string> Labels::scale_for(double magnitude) const {
  for (const auto& s : scales_)
    if (magnitude >= s.first) return s;
  return {1.0, ""};
}

std::pair<double, std::string> Labels::split_scale(const std::string& unit) const {
  for (const auto& [factor, word] : scales_)  // largest first: 万亿 before 万
    if (unit.size() > word.size() && unit.compare(0, word.size(), word) == 0)
      return {factor, unit.substr(word.size())};
  return {1.0, unit};
}

std::string Labels::scaled(double v, const std::string& unit) const {
  const auto [factor, word] = scale_for(std::fabs(v));
  return format_number(v / factor) + word + unit_word(unit);
}

std::string Labels::one(const Json& value, const std::string& unit) const {
  if (!value.is_number()) return "?";
  const double v = value.get<double>();
  if (unit == "percent") return format_number(v) + "%";
  if (unit == "percentage_point") return format_number(v) + text("figures", "percentage_point");
  if (unit == "times") return format_number(v) + text("figures", "times");
  return scaled(v, unit);
}

std::string Labels::figure(const Json& value, const Json& unit_json, const Json& qualifier) const {
  if (value.is_null()) return "-";
  const std::string unit = unit_json.is_string() ? unit_json.get<std::string>() : "";
  if (value.is_array() && value.size() == 2) {
    std::string lo = one(value[0], unit), hi = one(value[1], unit);
    if (unit == "percent") lo = format_number(value[0].get<double>());
    return lo + "–" + hi;
  }
  const std::string q = qualifier.is_string() ? qualifier.get<std::string>() : "";
  const std::string prefix =
      q == ">=" ? "≥" : q == ">" ? ">" : q == "<=" ? "≤" : q == "<" ? "<" : q == "~" ? "≈" : "";
  return prefix + one(value, unit);
}

std::string format_number(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace reportlens::diff
