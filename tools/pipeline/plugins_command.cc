#include "plugins_command.h"

#include <cstdio>
#include <iostream>

#include "run/errors.h"
#include "output/table_projection.h"
#include "plugins/plugin_registry.h"

namespace reportlens::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s.empty() ? "-" : s;
}

PluginRegistry discover(const std::vector<std::string>& paths) {
  PluginRegistry r;
  r.discover(PluginRegistry::search_path(paths));
  return r;
}

std::vector<std::string> column_names(const Projection& p) {
  std::vector<std::string> names;
  for (const ProjectedColumn& c : p.columns) names.push_back(c.name);
  return names;
}

// The tables a stage's annotation types become (its declared projections): type, table and
// column names, what a user needs to query a store without reading the plugin's source.
Json projections_json(const StageHandle& s) {
  Json out = Json::array();
  for (const Projection& p : s.projections)
    out.push_back({{"type", p.type}, {"table", p.table}, {"columns", column_names(p)}});
  return out;
}

Json stage_json(const StageHandle& s) {
  return {{"name", s.name}, {"kind", s.corpus ? "corpus" : "document"},
          {"summary", s.info->summary ? s.info->summary : ""},
          {"consumes", s.consumes}, {"produces", s.produces},
          {"meta_consumes", s.meta_consumes}, {"meta_produces", s.meta_produces},
          {"projections", projections_json(s)}, {"settings", s.schema}};
}

// Meta keys and tables, printed only when the stage declares any (ABI minor 2).
void print_meta_and_tables(const StageHandle& s) {
  if (!s.meta_consumes.empty()) std::cout << "    meta reads: " << join(s.meta_consumes) << "\n";
  if (!s.meta_produces.empty()) std::cout << "    meta sets:  " << join(s.meta_produces) << "\n";
  for (const Projection& p : s.projections)
    std::cout << "    table " << p.table << " <- " << p.type << ": " << join(column_names(p)) << "\n";
}

void print_settings(const Json& schema) {
  const Json props = schema.value("properties", Json::object());
  if (props.empty()) {
    std::cout << "    settings: none\n";
    return;
  }
  std::cout << "    settings:\n";
  for (const auto& [key, p] : props.items()) {
    std::cout << "      " << key << " (" << p.value("type", "any") << ")";
    if (p.contains("default")) std::cout << " = " << p["default"].dump();
    if (p.contains("enum")) std::cout << " one of " << p["enum"].dump();
    std::cout << "\n";
    if (p.contains("description"))
      std::cout << "          " << p["description"].get<std::string>() << "\n";
  }
}

}  // namespace

int list_plugins(const std::vector<std::string>& paths) {
  const PluginRegistry r = discover(paths);
  for (const auto& p : r.plugins()) {
    std::cout << p->name << " " << p->version << "  (" << p->file.string() << ")\n";
    std::cout << "  " << p->description << "\n";
    for (const auto& s : p->stages)
      std::cout << "  - " << s.name << " [" << (s.corpus ? "corpus" : "document") << "] "
                << (s.info->summary ? s.info->summary : "") << "\n";
  }
  if (r.plugins().empty()) std::cout << "no plugins found\n";
  for (const auto& rej : r.rejections()) std::cerr << "refused: " << rej.reason << "\n";
  return r.rejections().empty() ? 0 : static_cast<int>(ExitCode::kPluginLoad);
}

int plugin_info(const std::string& name, const std::vector<std::string>& paths, bool json) {
  const PluginRegistry r = discover(paths);
  for (const auto& rej : r.rejections()) std::cerr << "refused: " << rej.reason << "\n";
  const LoadedPlugin* plugin = r.find_plugin(name);
  const StageHandle* stage = r.find_stage(name);
  if (plugin == nullptr && stage != nullptr) plugin = stage->plugin;
  if (plugin == nullptr) {
    std::cerr << "pipeline: no plugin or stage named '" << name << "'; run `pipeline plugins`\n";
    return static_cast<int>(ExitCode::kPluginLoad);
  }
  if (json) {
    Json out = {{"name", plugin->name}, {"version", plugin->version},
                {"description", plugin->description}, {"license", plugin->license},
                {"file", plugin->file.string()},
                {"abi", std::to_string(plugin->abi_major) + "." + std::to_string(plugin->abi_minor)},
                {"build_key", plugin->build_key}, {"data_dir", plugin->data_dir.string()},
                {"stages", Json::array()}};
    for (const auto& s : plugin->stages) out["stages"].push_back(stage_json(s));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "plugin:      " << plugin->name << " " << plugin->version << "\n"
            << "description: " << plugin->description << "\n"
            << "file:        " << plugin->file.string() << "\n"
            << "abi:         " << plugin->abi_major << "." << plugin->abi_minor << "\n"
            << "build key:   " << plugin->build_key << "\n"
            << "data:        " << plugin->data_dir.string() << "\n"
            << "stages:\n";
  for (const auto& s : plugin->stages) {
    std::cout << "  " << s.name << " [" << (s.corpus ? "corpus" : "document") << "]: "
              << (s.info->summary ? s.info->summary : "") << "\n"
              << "    consumes: " << join(s.consumes) << "\n"
              << "    produces: " << join(s.produces) << "\n";
    print_settings(s.schema);
    print_meta_and_tables(s);
  }
  return 0;
}

}  // namespace reportlens::cli
