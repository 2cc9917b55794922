// A pipeline checked against the loaded plugins: every stage found, its settings valid,
// every consumed annotation type and document meta key produced by an earlier stage, at most
// one projection per annotation type and table.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/pipeline_config.h"
#include "plugins/plugin_registry.h"

namespace reportlens {

struct PlannedStage {
  const StageHandle* handle = nullptr;
  std::string id;
  StageContext context;
};

struct PipelinePlan {
  std::vector<PlannedStage> document_stages;
  std::vector<PlannedStage> corpus_stages;
  // How the annotation types of its stages become table columns (every stage's declaration,
  // in stage order): what the SQLite, CSV and series outputs build their columns from.
  ProjectionsPtr projections = std::make_shared<const Projections>();
};

// Checks `config` against `registry`, applying `--set id.key=value` overrides. Throws
// ConfigError with all problems at once (file:line:column each).
PipelinePlan make_plan(const PipelineConfig& config, const PluginRegistry& registry,
                       const std::vector<std::string>& overrides);

}  // namespace reportlens
