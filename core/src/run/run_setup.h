// Getting a run ready: the pipeline YAML validated, plugins loaded, stages planned, inputs
// checked and counted, outputs chosen and guarded. Nothing is read or written yet.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "output/output_sink.h"
#include "output/store_guard.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/pipeline_plan.h"
#include "plugins/plugin_registry.h"
#include "run/batch_identity.h"
#include "run/runner.h"
#include "run/trace_records.h"

namespace reportlens {

struct Prepared {
  PipelineConfig config;
  PluginRegistry registry;
  PipelinePlan plan;
  // The inputs are walked, not listed (input_resolver.h): memory stays flat however many.
  std::vector<InputSpec> input_specs;
  std::filesystem::path input_base;
  std::string input_origin;
  std::function<bool(const std::string&)> in_shard;  // empty: every input
  std::size_t input_count = 0;                        // inputs of this run (its shard)
  std::filesystem::path output;
  std::vector<std::string> formats;  // json, jsonl, sqlite, csv, series
  std::shared_ptr<TraceFile> trace;  // --trace: where the trace annotations go (null: no trace)
  // What the stages supply to the normaliser (text.h), set once they are created: every
  // Document of the run is built with it. Null: script-level rules only.
  std::shared_ptr<const LineBreakRules> line_breaks;
};


// Validates everything (throws ConfigError with every problem found, HostError for an
// unreadable file or a plugin refusal).
Prepared prepare(const RunOptions& o);

// Whether the run writes `format` (json, jsonl, sqlite, csv, series).
bool wants(const Prepared& p, const std::string& format);

// The run's name, pipeline hash and provenance, as recorded in every output.
RunIdentity identity_of(const Prepared& p, const RunOptions& o);

// Worker threads for `n` documents (-j, or all cores; never more than the documents).
unsigned job_count(const RunOptions& o, std::size_t n);

// Before anything is written: every output must not be an input file, a store must be a
// store of its kind (or new) and not a symbolic link, and no other run may write into it.
std::vector<std::unique_ptr<StoreLock>> guard_outputs(const Prepared& p, const RunOptions& o);

}  // namespace reportlens
