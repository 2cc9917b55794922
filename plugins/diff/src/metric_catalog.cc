#include "metric_catalog.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

#include "yaml_file.h"

namespace reportlens::diff {
namespace {

void append_unique(std::vector<std::string>& to, const std::vector<std::string>& more) {
  for (const auto& s : more)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  // Longest first, so that 涨幅 is not stripped as 幅 and 全年 before 全.
  std::stable_sort(to.begin(), to.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

using catalogue::valid_direction;

std::string compact(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  return out;
}

}  // namespace

void MetricCatalog::load_shipped(const std::filesystem::path& data_dir) {
  for (const char* name : {"catalogue.yaml", "directions.yaml"})
    if (std::filesystem::exists(data_dir / name)) load(data_dir / name);
}

// The catalogue's indicators become metrics: the standard name is the canonical key, the
// variants its aliases.
void MetricCatalog::add_vocabulary(const std::filesystem::path& file) {
  vocabulary_.load(file);
  for (const auto& ind : vocabulary_.indicators()) {
    metrics_[ind.name] = MetricInfo{ind.name, ind.direction, ind.bounded};
    alias_to_canonical_[ind.name] = ind.name;
    for (const auto& v : ind.variants) alias_to_canonical_[v] = ind.name;
  }
}

void MetricCatalog::load(const std::filesystem::path& file) {
  const YAML::Node root = load_yaml_file(file, "directions file");
  if (!root.IsMap()) yaml_fail(file, root, "expected a mapping with 'metrics'");
  if (root["indicators"] || root["units"]) return add_vocabulary(file);
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    if (key != "metrics" && key != "tolerance" && key != "scope_prefixes" &&
        key != "change_suffixes" && key != "qualitative" && key != "synonyms" &&
        key != "loose_words" && key != "lower_is_better_words" && key != "reduction_words" &&
        key != "decline_rates")
      yaml_fail(file, kv.first, "unknown key '" + key + "'");
  }
  if (const auto t = root["tolerance"]) {
    if (!t.IsMap()) yaml_fail(file, t, "tolerance must be a mapping");
    if (t["percent_points"]) tolerance_.percent_points = t["percent_points"].as<double>();
    if (t["relative"]) tolerance_.relative = t["relative"].as<double>();
  }
  append_unique(scope_prefixes_, string_list(file, root["scope_prefixes"], "scope_prefixes"));
  append_unique(change_suffixes_, string_list(file, root["change_suffixes"], "change_suffixes"));
  if (const auto q = root["qualitative"]) {
    append_unique(decline_words_, string_list(file, q["decline"], "qualitative.decline"));
    append_unique(not_met_words_, string_list(file, q["not_met"], "qualitative.not_met"));
    append_unique(share_before_, string_list(file, q["share_before"], "qualitative.share_before"));
    append_unique(share_after_, string_list(file, q["share_after"], "qualitative.share_after"));
  }
  append_unique(lower_words_,
                string_list(file, root["lower_is_better_words"], "lower_is_better_words"));
  append_unique(reduction_words_, string_list(file, root["reduction_words"], "reduction_words"));
  if (const auto l = root["loose_words"]) {
    if (!l.IsMap()) yaml_fail(file, l, "loose_words must be a mapping with prefixes/suffixes");
    append_unique(loose_prefixes_, string_list(file, l["prefixes"], "loose_words.prefixes"));
    append_unique(loose_suffixes_, string_list(file, l["suffixes"], "loose_words.suffixes"));
  }
  if (const auto d = root["decline_rates"]) {
    if (!d.IsMap()) yaml_fail(file, d, "decline_rates must be a mapping with words/trailing");
    append_unique(decline_rate_words_, string_list(file, d["words"], "decline_rates.words"));
    append_unique(decline_rate_trailing_, string_list(file, d["trailing"], "decline_rates.trailing"));
  }
  if (const auto syn = root["synonyms"]) {
    if (!syn.IsMap()) yaml_fail(file, syn, "synonyms must be a mapping 'word: replacement'");
    for (const auto& kv : syn) {
      if (!kv.second.IsScalar()) yaml_fail(file, kv.second, "a synonym must be a string");
      const std::string from = compact(kv.first.as<std::string>());
      const std::string to = compact(kv.second.as<std::string>());
      if (from.empty()) yaml_fail(file, kv.first, "empty synonym");
      auto it = std::find_if(synonyms_.begin(), synonyms_.end(),
                             [&](const auto& p) { return p.first == from; });
      if (it != synonyms_.end()) it->second = to;
      else synonyms_.emplace_back(from, to);
    }
    std::stable_sort(synonyms_.begin(), synonyms_.end(), [](const auto& a, const auto& b) {
      return a.first.size() > b.first.size();
    });
  }
  if (const auto metrics = root["metrics"]) {
    if (!metrics.IsSequence()) yaml_fail(file, metrics, "metrics must be a list");
    for (const auto& m : metrics) {
      if (!m.IsMap() || !m["canonical"]) yaml_fail(file, m, "each metric needs 'canonical'");
      MetricInfo info;
      info.canonical = compact(m["canonical"].as<std::string>());
      info.direction = m["direction"] ? m["direction"].as<std::string>() : "higher_is_better";
      if (!valid_direction(info.direction))
        yaml_fail(file, m["direction"], "direction must be higher_is_better, lower_is_better, ceiling or band");
      if (m["bounded"]) {
        info.bounded = m["bounded"].as<std::string>();
        if (!valid_direction(info.bounded)) yaml_fail(file, m["bounded"], "bad 'bounded' direction");
      }
      metrics_[info.canonical] = info;
      alias_to_canonical_[info.canonical] = info.canonical;
      for (const auto& alias : string_list(file, m["aliases"], "aliases"))
        alias_to_canonical_[compact(alias)] = info.canonical;
    }
  }
}

std::string MetricCatalog::strip(const std::string& metric) const {
  std::string s = compact(metric);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& p : scope_prefixes_)
      if (s.size() > p.size() && s.compare(0, p.size(), p) == 0) {
        s.erase(0, p.size());
        changed = true;
      }
    for (const auto& x : change_suffixes_)
      if (s.size() > x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0) {
        s.erase(s.size() - x.size());
        changed = true;
      }
  }
  return s;
}

// Replaces each synonym by its preferred word, left to right, longest synonym first at
// each position (规上工业 → 规模以上工业). Replacements are not rescanned.
std::string MetricCatalog::apply_synonyms(std::string s) const {
  if (synonyms_.empty()) return s;
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    bool replaced = false;
    for (const auto& [from, to] : synonyms_) {
      if (s.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    // Copy one whole UTF-8 character so that a synonym never matches mid-character.
    std::size_t n = 1;
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead >= 0xF0) n = 4;
    else if (lead >= 0xE0) n = 3;
    else if (lead >= 0xC0) n = 2;
    out.append(s, i, n);
    i += n;
  }
  return out;
}

std::string MetricCatalog::canonical(const std::string& metric) const {
  const std::string whole = compact(metric);
  if (auto it = alias_to_canonical_.find(whole); it != alias_to_canonical_.end()) return it->second;
  const std::string s = strip(metric);
  if (auto it = alias_to_canonical_.find(s); it != alias_to_canonical_.end()) return it->second;
  const std::string synonymous = apply_synonyms(s);
  if (auto it = alias_to_canonical_.find(synonymous); it != alias_to_canonical_.end())
    return it->second;
  return synonymous;
}

std::string MetricCatalog::loose(const std::string& canonical) const {
  std::string s = canonical;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& p : loose_prefixes_)
      if (s.size() > p.size() && s.compare(0, p.size(), p) == 0) {
        s.erase(0, p.size());
        changed = true;
      }
    for (const auto& x : loose_suffixes_)
      if (s.size() > x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0) {
        s.erase(s.size() - x.size());
        changed = true;
      }
  }
  return s;
}

std::optional<std::string> MetricCatalog::decline_rate_of(const std::string& metric) const {
  std::string s = compact(metric);
  const auto ends = [&](const std::string& w) {
    return s.size() > w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0;
  };
  for (const auto& w : decline_rate_trailing_)
    if (ends(w)) s.erase(s.size() - w.size());
  for (const auto& w : decline_rate_words_)
    if (ends(w)) return s.substr(0, s.size() - w.size());
  return std::nullopt;
}

const MetricInfo* MetricCatalog::find(const std::string& canonical) const {
  auto it = metrics_.find(canonical);
  return it == metrics_.end() ? nullptr : &it->second;
}

std::vector<std::string> MetricCatalog::names_of(const std::string& canonical) const {
  std::vector<std::string> out{canonical};
  for (const auto& [alias, c] : alias_to_canonical_)
    if (c == canonical && alias != canonical) out.push_back(alias);
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

}  // namespace reportlens::diff
