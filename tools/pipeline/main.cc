// `pipeline`: run, check and inspect reportlens pipelines.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "pipeline/config_issue.h"
#include "run/errors.h"
#include "plugins/plugin_registry.h"
#include "new_plugin.h"
#include "batch_command.h"
#include "explain_command.h"
#include "gazetteer_command.h"
#include "plugins_command.h"
#include "reportlens/abi.h"
#include "run/batch_identity.h"
#include "run/runner.h"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 internal error; 2 usage or pipeline YAML error; 3 an input could "
    "not be read or decoded; 4 plugin load error; 5 a stage failed; 6 the output could not be "
    "written. With several documents, 3 and 5 mean the others completed and the result lists "
    "the failures under \"errors\". Interrupted by SIGINT (Ctrl-C), SIGTERM or SIGHUP, a run stops "
    "cleanly and ends by that signal, which a shell shows as status 130, 143 or 129: resumable "
    "stores keep every finished document (rerun to resume), a JSON result or a rebuilt store is not "
    "written (the previous file stays, no temporary file is left). A second signal kills at once.";

void setup_logging(int verbosity, bool quiet) {
  auto logger = spdlog::stderr_color_mt("reportlens");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::level::level_enum level = spdlog::level::info;
  if (const char* env = std::getenv("REPORTLENS_LOG_LEVEL")) level = spdlog::level::from_str(env);
  if (verbosity == 1) level = spdlog::level::debug;
  if (verbosity >= 2) level = spdlog::level::trace;
  if (quiet) level = spdlog::level::err;
  spdlog::set_level(level);
}

}  // namespace

int main(int argc, char** argv) {
  using reportlens::ExitCode;
  CLI::App app{"pipeline: structured data from Chinese government economic reports", "pipeline"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("reportlens ") + REPORTLENS_VERSION + " (plugin ABI " +
                                        std::to_string(REPORTLENS_ABI_MAJOR) + "." +
                                        std::to_string(REPORTLENS_ABI_MINOR) + ", build key " +
                                        reportlens::host_build_key() + ")");
  app.require_subcommand(1);
  // Global options (--plugin-path, -v) are also accepted after the subcommand:
  // `pipeline run x.yaml --plugin-path build/plugins` is what people type.
  app.fallthrough();
  int verbosity = 0;
  bool quiet = false;
  std::vector<std::string> plugin_paths;
  app.add_flag("-v,--verbose", verbosity, "More log output (-vv for trace)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
  bool allow_writable_plugins = false;
  app.add_flag("--allow-writable-plugins", allow_writable_plugins,
               "Load plugins that group or others can write (refused by default: they could run any code)");
  app.add_option("--plugin-path", plugin_paths,
                 "Directory or plugin file searched first (repeatable; also REPORTLENS_PLUGIN_PATH)");

  reportlens::RunOptions options;
  auto add_pipeline_options = [&](CLI::App* cmd) {
    cmd->add_option("pipeline", options.pipeline_file, "Pipeline YAML file")->required();
    cmd->add_option("-i,--input", options.inputs,
                    "Input file, directory or glob, or ROLE=PATH (repeatable; replaces the YAML's inputs)");
    cmd->add_option("-o,--output", options.output, "Result path (replaces the YAML's output); its extension picks the format: .json, .jsonl, .sqlite, .csv");
    cmd->add_option("--set", options.settings, "Override a setting: STAGE.KEY=VALUE (repeatable)");
  };
  CLI::App* run = app.add_subcommand("run", "Run a pipeline and write its result");
  add_pipeline_options(run);
  run->add_option("-j,--jobs", options.jobs, "Documents processed in parallel (default: all cores)");
  reportlens::cli::add_batch_options(run, options);
  run->add_option("--trace", options.trace,
                  "Write the trace records (why each number was kept or dropped) to this JSON Lines file, "
                  "not to the result; turns on every stage's trace setting and runs documents in-process");
  reportlens::cli::MergeArgs merge_args;
  CLI::App* merge = reportlens::cli::add_merge_command(app, merge_args);
  CLI::App* check = app.add_subcommand("check", "Validate a pipeline (YAML, plugins, settings, inputs) without running it");
  add_pipeline_options(check);
  reportlens::cli::ExplainArgs explain_args;
  CLI::App* explain = reportlens::cli::add_explain_command(app, explain_args);
  reportlens::cli::GazetteerArgs gazetteer_args;
  CLI::App* gazetteer = reportlens::cli::add_gazetteer_command(app, gazetteer_args);
  CLI::App* plugins = app.add_subcommand("plugins", "List plugins and their stages");
  CLI::App* info = plugins->add_subcommand("info", "Show a plugin's descriptor, stages and settings");
  std::string info_name;
  bool info_json = false;
  info->add_option("name", info_name, "Plugin or stage name")->required();
  info->add_flag("--json", info_json, "Print as JSON");
  CLI::App* scaffold = app.add_subcommand("new-plugin", "Create a plugin project (stage, test, README) to build out of tree");
  std::string scaffold_name, scaffold_dir;
  scaffold->add_option("name", scaffold_name, "Plugin and stage name, e.g. policy-terms")->required();
  scaffold->add_option("--dir", scaffold_dir, "Project directory to create (default: ./NAME)");
  bool scaffold_python = false;
  scaffold->add_flag("--python", scaffold_python, "A stage written in Python (run by the `python` stage) instead of C++");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }
  setup_logging(verbosity, quiet);
  if (allow_writable_plugins) reportlens::PluginRegistry::allow_writable(true);
  options.plugin_paths = plugin_paths;

  try {
    if (*scaffold) return reportlens::cli::new_plugin(scaffold_name, scaffold_dir, plugin_paths, scaffold_python);
    if (*merge) return reportlens::cli::run_merge(merge_args, quiet);
    if (*explain) return reportlens::cli::run_explain(explain_args, plugin_paths);
    if (*gazetteer) return reportlens::cli::run_gazetteer_build(gazetteer_args, plugin_paths, quiet);
    if (*plugins) {
      if (*info) return reportlens::cli::plugin_info(info_name, plugin_paths, info_json);
      return reportlens::cli::list_plugins(plugin_paths);
    }
    if (*check) {
      reportlens::check_pipeline(options);
      std::cout << options.pipeline_file.string() << ": ok\n";
      return 0;
    }
    const reportlens::RunReport report = reportlens::run_pipeline(options);
    for (const auto& line : report.failure_lines) spdlog::error("{}", line);
    if (!report.summary.empty() && !quiet && !report.discarded) std::cerr << report.summary;
    // An interruption is always told (even with -q): it is why the outputs are incomplete.
    if (!quiet || report.signal != 0) std::cerr << reportlens::cli::summary_line(report) << "\n";
    if (!report.discarded) {
      std::cout << "result: " << report.output.string() << "\n";
      for (const auto& side : report.side_outputs) std::cout << "report: " << side.string() << "\n";
    }
    if (report.signal != 0) {
      reportlens::cli::end_by_signal(report.signal);
      return 128 + report.signal;  // the same status, should the signal not end the process
    }
    return static_cast<int>(report.code);
  } catch (const reportlens::ConfigError& e) {
    for (const auto& issue : e.issues()) std::cerr << reportlens::printable(issue.to_string()) << "\n";
    return static_cast<int>(e.code());
  } catch (const reportlens::HostError& e) {
    std::cerr << "pipeline: " << reportlens::printable(e.what()) << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << "pipeline: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kInternal);
  }
}
