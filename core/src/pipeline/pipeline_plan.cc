#include "pipeline/pipeline_plan.h"

#include <algorithm>
#include <set>

#include "pipeline/settings_schema.h"

namespace reportlens {

PipelinePlan make_plan(const PipelineConfig& config, const PluginRegistry& registry,
                       const std::vector<std::string>& overrides) {
  std::vector<ConfigIssue> issues;
  const std::string file = config.file.string();
  PipelinePlan plan;
  std::set<std::string> produced;
  std::vector<PlannedStage*> all;
  for (const auto& spec : config.stages) {
    const StageHandle* h = registry.find_stage(spec.use);
    if (h == nullptr) {
      std::string known;
      for (const auto& p : registry.plugins())
        for (const auto& s : p->stages) known += (known.empty() ? "" : ", ") + s.name;
      issues.push_back({file, spec.line, spec.column,
                        "unknown stage '" + spec.use + "'; available stages: " +
                            (known.empty() ? "(none found; see `pipeline plugins`)" : known)});
      continue;
    }
    for (const auto& need : h->consumes) {
      if (produced.count(need)) continue;
      std::string producers;
      for (const auto& p : registry.plugins())
        for (const auto& s : p->stages)
          if (std::find(s.produces.begin(), s.produces.end(), need) != s.produces.end())
            producers += (producers.empty() ? "" : ", ") + s.name;
      issues.push_back({file, spec.line, spec.column,
                        "stage '" + spec.use + "' consumes '" + need +
                            "' but no earlier stage produces it; add one of: " +
                            (producers.empty() ? "(no known stage)" : producers) + " before it"});
    }
    for (const auto& p : h->produces) produced.insert(p);
    PlannedStage ps;
    ps.handle = h;
    ps.id = spec.id;
    ps.context.pipeline_dir = config.dir;
    ps.context.data_dir = h->plugin->data_dir;
    ps.context.settings = settings_from_yaml(spec.with, h->schema, file,
                                             "stage '" + spec.id + "' with", issues);
    (h->corpus ? plan.corpus_stages : plan.document_stages).push_back(std::move(ps));
  }
  if (!plan.corpus_stages.empty() && !plan.document_stages.empty()) {
    // Document stages always run before corpus stages; a document stage listed after a
    // corpus stage would silently run earlier than written, so refuse it.
    bool seen_corpus = false;
    for (const auto& spec : config.stages) {
      const StageHandle* h = registry.find_stage(spec.use);
      if (h == nullptr) continue;
      if (h->corpus) seen_corpus = true;
      else if (seen_corpus)
        issues.push_back({file, spec.line, spec.column,
                          "document stage '" + spec.use +
                              "' comes after a corpus stage; list document stages first"});
    }
  }
  for (const auto& o : overrides) {
    const auto dot = o.find('.');
    const auto eq = o.find('=');
    if (dot == std::string::npos || eq == std::string::npos || eq < dot) {
      issues.push_back({"--set", 0, 0, "'" + o + "': expected STAGE.KEY=VALUE"});
      continue;
    }
    const std::string id = o.substr(0, dot), key = o.substr(dot + 1, eq - dot - 1),
                      value = o.substr(eq + 1);
    PlannedStage* target = nullptr;
    for (auto* list : {&plan.document_stages, &plan.corpus_stages})
      for (auto& s : *list)
        if (s.id == id) target = &s;
    if (target == nullptr) {
      issues.push_back({"--set", 0, 0, "'" + o + "': no stage with id '" + id + "' in the pipeline"});
      continue;
    }
    std::string error;
    if (!apply_setting_override(target->context.settings, target->handle->schema, key, value, error))
      issues.push_back({"--set", 0, 0, "'" + o + "': " + error});
  }
  if (!issues.empty()) throw ConfigError(std::move(issues));
  return plan;
}

}  // namespace reportlens
