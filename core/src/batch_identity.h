// What identifies a pipeline's results: the provenance written into every output and the
// pipeline hash that keys resumable results.
#pragma once

#include <string>

#include "pipeline_config.h"
#include "pipeline_plan.h"
#include "reportlens/document.h"

namespace reportlens {

// tool, version, ABI, pipeline file and its sha256, plugins (name, version, file), stages.
Json make_provenance(const PipelineConfig& config, const PipelinePlan& plan);

// sha256 over what decides a document's result: each stage (name, plugin, plugin version,
// validated settings, in order) and the tool's version and ABI. Not the YAML bytes: adding
// an input or editing a comment must not invalidate finished results.
std::string make_pipeline_hash(const PipelinePlan& plan);

// sha256(pipeline_hash ":" input_sha256): equal keys mean an equal result.
std::string make_result_key(const std::string& pipeline_hash, const std::string& input_sha256);

}  // namespace reportlens
