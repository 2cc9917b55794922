// The batch side of the CLI: `run` options for resumable, sharded batches and the
// `merge` subcommand (docs/batch.md).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "runner.h"

namespace reportlens::cli {

void add_batch_options(CLI::App* run, RunOptions& options);

struct MergeArgs {
  std::string output;
  std::vector<std::string> inputs;
  bool csv_bom = false;
};
CLI::App* add_merge_command(CLI::App& app, MergeArgs& args);
int run_merge(const MergeArgs& args, bool quiet);

// The last line of a run on stderr: counts, size, time, throughput.
std::string summary_line(const RunReport& report);

}  // namespace reportlens::cli
