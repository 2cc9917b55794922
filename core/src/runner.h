// Running a pipeline: inputs -> decode -> document stages (in parallel) -> corpus stages
// -> result file (atomically). Also `check`, which stops after validation.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "errors.h"

namespace reportlens {

struct RunOptions {
  std::filesystem::path pipeline_file;
  std::vector<std::string> inputs;        // --input (replaces the YAML's inputs)
  std::string output;                     // --output (replaces the YAML's output path)
  std::vector<std::string> settings;      // --set stage.key=value
  std::vector<std::string> plugin_paths;  // --plugin-path
  unsigned jobs = 0;                      // 0: all cores
};

struct RunReport {
  ExitCode code = ExitCode::kOk;
  std::filesystem::path output;
  std::vector<std::filesystem::path> side_outputs;
  std::size_t documents = 0;
  std::size_t failed = 0;
  std::size_t bytes = 0;
  double seconds = 0;
  std::vector<std::string> failure_lines;  // one line per failed document
  std::string summary;                      // what corpus stages want shown (e.g. targets table)
};

// Validates everything a run needs (YAML, plugins, stages, settings, inputs) without
// reading inputs. Throws HostError/ConfigError.
void check_pipeline(const RunOptions& options);

// Runs the pipeline. Throws HostError for problems that stop the whole run; per-document
// failures are reported in RunReport (and in the result's "errors").
RunReport run_pipeline(const RunOptions& options);

}  // namespace reportlens
