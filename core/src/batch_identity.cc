#include "batch_identity.h"

#include <algorithm>

#include "reportlens/abi.h"
#include "sha256.h"

namespace reportlens {

Json make_provenance(const PipelineConfig& config, const PipelinePlan& plan) {
  Json plugins = Json::array();
  std::vector<const LoadedPlugin*> used;
  Json stages = Json::array();
  for (const auto* list : {&plan.document_stages, &plan.corpus_stages}) {
    for (const auto& s : *list) {
      stages.push_back({{"id", s.id}, {"use", s.handle->name}, {"plugin", s.handle->plugin->name},
                        {"settings", s.context.settings}});
      if (std::find(used.begin(), used.end(), s.handle->plugin) == used.end())
        used.push_back(s.handle->plugin);
    }
  }
  for (const auto* pl : used)
    plugins.push_back({{"name", pl->name}, {"version", pl->version},
                       {"file", pl->file.filename().string()}});
  Json out = Json::object();
  out["tool"] = "reportlens";
  out["version"] = REPORTLENS_VERSION;
  out["abi"] = std::to_string(REPORTLENS_ABI_MAJOR) + "." + std::to_string(REPORTLENS_ABI_MINOR);
  out["pipeline_file"] = config.file.filename().string();
  out["pipeline_sha256"] = config.sha256;
  out["plugins"] = std::move(plugins);
  out["stages"] = std::move(stages);
  return out;
}

std::string make_pipeline_hash(const PipelinePlan& plan) {
  Json key = Json::object();
  key["tool"] = REPORTLENS_VERSION;
  key["abi"] = std::to_string(REPORTLENS_ABI_MAJOR) + "." + std::to_string(REPORTLENS_ABI_MINOR);
  Json stages = Json::array();
  for (const auto* list : {&plan.document_stages, &plan.corpus_stages})
    for (const auto& s : *list)
      stages.push_back({{"use", s.handle->name}, {"plugin", s.handle->plugin->name},
                        {"plugin_version", s.handle->plugin->version}, {"settings", s.context.settings}});
  key["stages"] = std::move(stages);
  return sha256_hex(key.dump());
}

std::string make_result_key(const std::string& pipeline_hash, const std::string& input_sha256) {
  return sha256_hex(pipeline_hash + ":" + input_sha256);
}

}  // namespace reportlens
