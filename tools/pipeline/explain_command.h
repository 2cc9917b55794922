// `pipeline explain`: why the indicator reader kept or dropped each number of a text.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace reportlens::cli {

struct ExplainArgs {
  std::string pipeline;  // optional: a pipeline with segment, numbers and indicators stages
  std::string file;      // a report, or
  std::string text;      // --text: a sentence or paragraph given on the command line
  long long at = -1;     // --at: only the sentence holding this code point offset of FILE
  std::vector<std::string> settings;  // --set STAGE.KEY=VALUE
};

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args);

// Runs segment + numbers + indicators with the trace on and prints one line per number.
// Returns the exit code; throws HostError/ConfigError like `run`.
int run_explain(const ExplainArgs& args, const std::vector<std::string>& plugin_paths);

}  // namespace reportlens::cli
