// The batch side of the CLI: `run` options for resumable, sharded batches and the
// `merge` subcommand (docs/batch.md).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "run/runner.h"

namespace reportlens::cli {

void add_batch_options(CLI::App* run, RunOptions& options);

struct MergeArgs {
  std::string output;
  std::vector<std::string> inputs;
  bool csv_bom = false;
  bool allow_partial = false;
};
CLI::App* add_merge_command(CLI::App& app, MergeArgs& args);
int run_merge(const MergeArgs& args, bool quiet);

// The last line of a run on stderr: counts, size, time, throughput (or, for a run
// interrupted before its outputs were complete, that nothing was written).
std::string summary_line(const RunReport& report);

// Ends the process by `signal` (default action) after flushing the standard streams, so
// that a shell sees "killed by SIGINT" (status 130) and a script's loop stops too, as it
// would not for a plain exit(130). Returns only if the signal does not end the process.
void end_by_signal(int signal);

}  // namespace reportlens::cli
