#include "pipeline/pipeline_plan.h"

#include <algorithm>
#include <set>

#include "pipeline/settings_schema.h"

namespace reportlens {

namespace {

// The stages (of any loaded plugin) that set a meta key or produce an annotation type, for
// the "add one of" hint.
std::string producers_of(const PluginRegistry& registry, const std::string& what, bool meta) {
  std::string producers;
  for (const auto& p : registry.plugins())
    for (const auto& s : p->stages) {
      const auto& list = meta ? s.meta_produces : s.produces;
      if (std::find(list.begin(), list.end(), what) != list.end())
        producers += (producers.empty() ? "" : ", ") + s.name;
    }
  return producers.empty() ? "(no known stage)" : producers;
}

// Meta keys the pipeline's inputs set themselves (`meta:`): a stage may read those too.
std::set<std::string> input_meta_keys(const PipelineConfig& config) {
  std::set<std::string> keys;
  for (const auto& in : config.inputs)
    if (in.meta.is_object())
      for (const auto& [k, v] : in.meta.items()) keys.insert(k);
  return keys;
}

// Adds the stage's projections, refusing a second projection of one type or one table.
void add_projections(const StageSpec& spec, const StageHandle& h, const std::string& file,
                     std::vector<Projection>& all, std::vector<ConfigIssue>& issues) {
  for (const auto& p : h.projections) {
    bool clash = false;
    for (const auto& q : all)
      if (q.type == p.type || q.table == p.table) {
        issues.push_back({file, spec.line, spec.column,
                          "stage '" + spec.use + "' projects '" + p.type + "' into table '" + p.table +
                              "', as stage '" + q.stage + "' already does ('" + q.type + "' into '" + q.table +
                              "'); use only one of them"});
        clash = true;
      }
    if (!clash) all.push_back(p);
  }
}

}  // namespace

PipelinePlan make_plan(const PipelineConfig& config, const PluginRegistry& registry,
                       const std::vector<std::string>& overrides) {
  std::vector<ConfigIssue> issues;
  const std::string file = config.file.string();
  PipelinePlan plan;
  std::set<std::string> produced;
  std::set<std::string> meta_produced = input_meta_keys(config);
  std::vector<Projection> projections;
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
      issues.push_back({file, spec.line, spec.column,
                        "stage '" + spec.use + "' consumes '" + need +
                            "' but no earlier stage produces it; add one of: " + producers_of(registry, need, false) +
                            " before it"});
    }
    for (const auto& key : h->meta_consumes) {
      if (meta_produced.count(key)) continue;
      issues.push_back({file, spec.line, spec.column,
                        "stage '" + spec.use + "' reads document meta key '" + key +
                            "' but no earlier stage sets it; add one of: " + producers_of(registry, key, true) +
                            " before it (or give it in the inputs' meta:)",
                        ExitCode::kMetaKey});
    }
    for (const auto& key : h->meta_produces) meta_produced.insert(key);
    add_projections(spec, *h, file, projections, issues);
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
  plan.projections = std::make_shared<const Projections>(std::move(projections));
  return plan;
}

}  // namespace reportlens
