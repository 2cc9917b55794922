#include "indicator_catalogue.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

#include "reportlens/stage.h"
#include "reportlens/yaml_data.h"

namespace reportlens::catalogue {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Node& node,
                       const std::string& message) {
  throw StageError(file.string() + ":" + std::to_string(node.Mark().line + 1) + ": " + message);
}

std::string compact(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

std::string scalar(const std::filesystem::path& file, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(file, node, what + " must be a string");
  return node.as<std::string>();
}

std::vector<std::string> strings(const std::filesystem::path& file, const YAML::Node& node,
                                 const std::string& what) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) fail(file, node, what + " must be a list of strings");
  for (const auto& item : node) out.push_back(compact(scalar(file, item, what)));
  return out;
}

void read_units(const std::filesystem::path& file, const YAML::Node& units,
                std::map<std::string, Unit, std::less<>>& out) {
  if (!units.IsMap()) fail(file, units, "units must be a mapping 'unit: {base, factor}'");
  for (const auto& kv : units) {
    const std::string name = scalar(file, kv.first, "a unit name");
    const YAML::Node& u = kv.second;
    if (!u.IsMap() || !u["base"] || !u["factor"]) fail(file, u, name + ": needs base and factor");
    Unit unit;
    unit.base = scalar(file, u["base"], name + ".base");
    try {
      unit.factor = u["factor"].as<double>();
    } catch (const YAML::Exception&) {
      fail(file, u["factor"], name + ": factor must be a number");
    }
    if (!(unit.factor > 0)) fail(file, u["factor"], name + ": factor must be positive");
    out[name] = unit;
  }
}

void read_fields(const std::filesystem::path& file, const YAML::Node& m, Indicator& ind) {
  for (const auto& kv : m) {
    const std::string key = kv.first.as<std::string>();
    if (key != "name" && key != "variants" && key != "measures" && key != "unit" &&
        key != "direction" && key != "bounded")
      fail(file, kv.first, "unknown indicator field '" + key + "'");
  }
  for (auto& v : strings(file, m["variants"], ind.name + ".variants"))
    if (std::find(ind.variants.begin(), ind.variants.end(), v) == ind.variants.end())
      ind.variants.push_back(std::move(v));
  if (m["measures"]) {
    ind.measures = strings(file, m["measures"], ind.name + ".measures");
    for (const auto& x : ind.measures)
      if (x != "growth" && x != "level" && x != "rate")
        fail(file, m["measures"], ind.name + ": a measure is growth, level or rate, not '" + x + "'");
  }
  if (m["unit"]) ind.unit = scalar(file, m["unit"], ind.name + ".unit");
  if (m["direction"]) {
    ind.direction = scalar(file, m["direction"], ind.name + ".direction");
    if (!valid_direction(ind.direction))
      fail(file, m["direction"], "direction must be higher_is_better, lower_is_better, ceiling or band");
  }
  if (m["bounded"]) {
    ind.bounded = scalar(file, m["bounded"], ind.name + ".bounded");
    if (!valid_direction(ind.bounded)) fail(file, m["bounded"], "bad 'bounded' direction");
  }
}

}  // namespace

bool valid_direction(std::string_view d) {
  return d == "higher_is_better" || d == "lower_is_better" || d == "ceiling" || d == "band";
}

bool Indicator::has_measure(std::string_view m) const {
  return std::find(measures.begin(), measures.end(), m) != measures.end();
}

void Catalogue::load(const std::filesystem::path& file) {
  std::optional<yaml_data::File> data;
  try {
    data.emplace(file);
  } catch (const YAML::BadFile&) {
    throw StageError(file.string() + ": cannot read the indicator catalogue");
  } catch (const YAML::Exception& e) {
    throw StageError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  // Read into a copy so that a file with an error changes nothing.
  data->walk([&](const YAML::Node& root) {
    Catalogue next = *this;
    next.read(file, root);
    *this = std::move(next);
  });
}

void Catalogue::read(const std::filesystem::path& file, const YAML::Node& root) {
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) fail(file, root, "expected a mapping with 'indicators' and 'units'");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key != "indicators" && key != "units" && key != "name_noise")
      fail(file, kv.first, "unknown key '" + key + "'");
  }
  if (root["units"]) read_units(file, root["units"], units_);
  if (const YAML::Node noise = root["name_noise"]) {
    if (!noise.IsMap()) fail(file, noise, "name_noise must be a mapping with leading and cut_before");
    for (auto& w : strings(file, noise["leading"], "name_noise.leading")) noise_leading_.push_back(std::move(w));
    for (auto& w : strings(file, noise["cut_before"], "name_noise.cut_before")) noise_cut_.push_back(std::move(w));
  }
  const YAML::Node list = root["indicators"];
  if (!list) return;
  if (!list.IsSequence()) fail(file, list, "indicators must be a list");
  for (const auto& m : list) {
    if (!m.IsMap() || !m["name"]) fail(file, m, "each indicator needs a 'name'");
    const std::string name = compact(scalar(file, m["name"], "name"));
    // A variant of another indicator given as a name extends that indicator.
    auto at = by_name_.find(name);
    if (at == by_name_.end()) {
      indicators_.push_back(Indicator{name, {}, {}, "", "higher_is_better", ""});
      at = by_name_.emplace(name, indicators_.size() - 1).first;
    }
    Indicator& ind = indicators_[at->second];
    read_fields(file, m, ind);
    for (const auto& v : ind.variants) by_name_[v] = at->second;
  }
}

const Indicator* Catalogue::find(std::string_view name) const {
  const auto it = by_name_.find(name);
  if (it != by_name_.end()) return &indicators_[it->second];
  if (name.find_first_of(" \t\n\r") == std::string_view::npos) return nullptr;
  const auto again = by_name_.find(compact(name));
  return again == by_name_.end() ? nullptr : &indicators_[again->second];
}

std::string Catalogue::without_noise(std::string_view metric) const {
  std::string s(metric);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& w : noise_leading_)
      if (s.size() > w.size() && s.compare(0, w.size(), w) == 0) {
        s.erase(0, w.size());
        changed = true;
      }
  }
  // Cut at the earliest verb that follows some name (never at the very start).
  std::size_t cut = std::string::npos;
  for (const auto& w : noise_cut_)
    if (const auto at = s.find(w); at != std::string::npos && at > 0) cut = std::min(cut, at);
  if (cut != std::string::npos) s.resize(cut);
  return s;
}

const Unit* Catalogue::unit(const std::string& name) const {
  const auto it = units_.find(name);
  return it == units_.end() ? nullptr : &it->second;
}

std::string Catalogue::same_scale(const std::string& base, const std::string& like) const {
  const Unit* l = unit(like);
  if (!l) return "";
  for (const auto& [name, u] : units_)
    if (u.base == base && u.factor == l->factor) return name;
  return "";
}

std::optional<double> Catalogue::convert(double value, const std::string& from,
                                         const std::string& to) const {
  const Unit* a = unit(from);
  const Unit* b = unit(to);
  if (!a || !b || a->base != b->base) return std::nullopt;
  return value * a->factor / b->factor;
}

}  // namespace reportlens::catalogue
