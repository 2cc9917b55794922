// Running a pipeline: inputs -> decode -> document stages (in parallel) -> corpus stages
// -> result file (atomically). Also `check`, which stops after validation.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "run/errors.h"

namespace reportlens {

struct RunOptions {
  std::filesystem::path pipeline_file;
  std::vector<std::string> inputs;        // --input (replaces the YAML's inputs)
  std::string output;                     // --output (replaces the YAML's output path)
  std::vector<std::string> settings;      // --set stage.key=value
  std::vector<std::string> plugin_paths;  // --plugin-path
  unsigned jobs = 0;                      // 0: all cores
  // Batch runs (docs/batch.md).
  bool retry_failed = false;              // rerun documents a store records as failed
  std::size_t max_errors = 0;             // stop after this many failed documents (0: never)
  std::string shard;                      // "i/N": this run takes the i-th of N shares (1-based)
  bool progress = true;                   // progress line on stderr (only if it is a terminal)
  bool csv_bom = false;                   // start CSV outputs with a UTF-8 BOM (or output.csv_bom)
  // Worker isolation (docs/batch.md): each document in a worker process. -1: for stores
  // (resumable runs) but not for the JSON result (the CLI's default); 0: never (--no-isolate;
  // the default for in-process callers such as the Python module, whose interpreter threads
  // make fork unsafe); 1: always (--isolate).
  int isolate = 0;
  bool wait_lock = false;                 // wait for another run's lock on a store instead of refusing
  std::string trace;                      // --trace FILE: trace annotations to JSON Lines, not the result
  double doc_timeout_seconds = 600;        // an isolated document's time limit (0: none)
  std::size_t doc_memory_bytes = 0;        // an isolated worker's address-space limit (0: none)
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
  std::size_t skipped = 0;                  // already done in the output stores (not rerun)
  std::size_t known_failed = 0;             // of the skipped: recorded failures (see --retry-failed)
  bool stopped_early = false;               // --max-errors reached or interrupted
  std::size_t not_run = 0;                  // documents left for the next run when stopped early
  int signal = 0;                           // SIGINT/SIGTERM/SIGHUP received during the run, else 0
  // Interrupted before outputs that are written whole (the JSON result, rebuilt stores) were
  // complete: none was written, their targets are as they were, no temporary file is left.
  bool discarded = false;
};

// Validates everything a run needs (YAML, plugins, stages, settings, inputs) without
// reading inputs. Throws HostError/ConfigError.
void check_pipeline(const RunOptions& options);

// Runs the pipeline. Outputs come from output.formats or the --output extension: .json
// (everything in memory, the contract file), or the streamed, resumable stores .jsonl,
// .sqlite and .csv (documents written in input order as they finish, memory flat), plus the
// series report. Pipelines with corpus stages keep every document and rebuild the stores.
// Throws HostError for problems that stop the whole run; per-document
// failures are reported in RunReport (and in the result's "errors").
RunReport run_pipeline(const RunOptions& options);

}  // namespace reportlens
