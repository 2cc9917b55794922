#include "panel_context.h"

#include <algorithm>
#include <yaml-cpp/yaml.h>

#include "yaml_file.h"

namespace reportlens::panel {
namespace {

using diff::yaml_fail;

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

PanelContext PanelContext::from_data_dir(const std::filesystem::path& data_dir) {
  PanelContext c;
  c.catalog_.load_shipped(data_dir);
  c.load_panel_data(data_dir / "panel.yaml");
  c.words_ = diff::DiffWords::from_data_dir(data_dir);  // words.yaml, labels.yaml (DATA_FILES)
  c.qualitative_.load(data_dir / "qualitative_targets.yaml");
  return c;
}

void PanelContext::load_panel_data(const std::filesystem::path& file) {
  const YAML::Node root = diff::load_yaml_file(file, "panel data file");
  if (!root.IsMap()) yaml_fail(file, root, "expected a mapping with region_levels and unit_labels");
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    if (key != "region_levels" && key != "unit_labels") yaml_fail(file, kv.first, "unknown key '" + key + "'");
  }
  if (const auto levels = root["region_levels"]) {
    if (!levels.IsSequence()) yaml_fail(file, levels, "region_levels must be a list");
    for (const auto& l : levels) {
      if (!l.IsMap() || !l["level"]) yaml_fail(file, l, "each region level needs 'level'");
      levels_.push_back({l["level"].as<std::string>(), diff::string_list(file, l["names"], "names"),
                         diff::string_list(file, l["suffixes"], "suffixes")});
    }
  }
  if (const auto labels = root["unit_labels"]) {
    if (!labels.IsMap()) yaml_fail(file, labels, "unit_labels must be a mapping 'unit: label'");
    for (const auto& kv : labels) unit_labels_[kv.first.as<std::string>()] = kv.second.as<std::string>();
  }
}

std::string PanelContext::region_level(const std::string& region) const {
  for (const auto& l : levels_)
    if (std::find(l.names.begin(), l.names.end(), region) != l.names.end()) return l.level;
  for (const auto& l : levels_)
    for (const auto& s : l.suffixes)
      if (ends_with(region, s)) return l.level;
  return "";
}

std::string PanelContext::unit_label(const std::string& unit) const {
  const auto it = unit_labels_.find(unit);
  return it == unit_labels_.end() ? unit : it->second;
}

}  // namespace reportlens::panel
