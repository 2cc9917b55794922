#include "explain_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "run/errors.h"
#include "reportlens/document.h"
#include "run/runner.h"

namespace reportlens::cli {

namespace fs = std::filesystem;

namespace {

// The stages `explain` runs when no pipeline is given.
constexpr const char* kPipeline =
    "name: explain\n"
    "description: segment, numbers and indicators, for pipeline explain\n"
    "stages:\n"
    "  - use: segment\n"
    "  - use: numbers\n"
    "  - use: indicators\n";

// A fresh directory for the run's files, removed when the command ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device seed;
    path_ = fs::temp_directory_path() / ("reportlens-explain-" + std::to_string(seed()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw HostError(ExitCode::kOutput, path.string() + ": cannot write");
}

std::string text_of(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// One readable line for a trace annotation.
std::string explain_line(const Json& a) {
  const Json& attrs = a.at("attrs");
  std::string line = "  " + a.value("text", std::string()) + "  " + attrs.value("decision", std::string()) + "  " +
                     attrs.value("rule", std::string()) + ": " + attrs.value("reason", std::string());
  if (attrs.value("decision", std::string()) == "kept") {
    line += "\n      metric=" + text_of(attrs.at("metric")) + " period=" + text_of(attrs.at("period")) +
            " status=" + text_of(attrs.at("status")) +
            " qualifier=" + (attrs.at("qualifier").is_null() ? std::string("-") : text_of(attrs.at("qualifier")));
    if (attrs.contains("facts")) line += " facts=" + text_of(attrs.at("facts"));
  }
  return line;
}

// Prints the traces of `doc` sentence by sentence (only the sentence holding `at` when at >= 0).
// Returns false when `at` lies in no sentence.
bool print_traces(const Json& doc, long long at, std::ostream& out) {
  std::vector<const Json*> sentences, traces;
  for (const Json& a : doc.at("annotations")) {
    const std::string type = a.value("type", std::string());
    if (type == "sentence") sentences.push_back(&a);
    if (type == "trace") traces.push_back(&a);
  }
  bool found = at < 0;
  for (const Json* s : sentences) {
    const long long begin = s->at("begin").get<long long>(), end = s->at("end").get<long long>();
    if (at >= 0 && (at < begin || at >= end)) continue;
    found = true;
    std::vector<const Json*> inside;
    for (const Json* t : traces)
      if (t->at("begin").get<long long>() >= begin && t->at("end").get<long long>() <= end) inside.push_back(t);
    if (inside.empty()) continue;
    out << "[" << begin << "-" << end << "] " << s->value("text", std::string()) << "\n";
    for (const Json* t : inside) out << explain_line(*t) << "\n";
  }
  return found;
}

}  // namespace

CLI::App* add_explain_command(CLI::App& app, ExplainArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "explain", "Show, for every number of a text, the indicator rule that kept or dropped it and why");
  cmd->add_option("pipeline_or_file", args.pipeline,
                  "A pipeline YAML (with segment, numbers, indicators) and then FILE, or just FILE");
  cmd->add_option("file", args.file, "The report to read (omit with --text)");
  cmd->add_option("--text", args.text, "Read this text instead of a file");
  cmd->add_option("--at", args.at, "Only the sentence holding this character offset of FILE");
  cmd->add_option("--set", args.settings, "Override a setting: STAGE.KEY=VALUE (repeatable)");
  return cmd;
}

int run_explain(const ExplainArgs& given, const std::vector<std::string>& plugin_paths) {
  ExplainArgs args = given;
  // `explain FILE` / `explain PIPELINE FILE` / `explain [PIPELINE] --text T`.
  const auto is_yaml = [](const std::string& p) { return p.ends_with(".yaml") || p.ends_with(".yml"); };
  if (args.file.empty() && !args.pipeline.empty() && !is_yaml(args.pipeline)) std::swap(args.file, args.pipeline);
  if (args.file.empty() == args.text.empty()) {
    std::cerr << "pipeline explain: give a FILE or --text TEXT (one of them)\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  ScratchDir scratch;
  RunOptions options;
  options.plugin_paths = plugin_paths;
  options.pipeline_file = args.pipeline.empty() ? scratch.path() / "explain.yaml" : fs::path(args.pipeline);
  if (args.pipeline.empty()) write_file(options.pipeline_file, kPipeline);
  std::string input = args.file;
  if (!args.text.empty()) {
    input = (scratch.path() / "text.txt").string();
    write_file(input, args.text + "\n");
  }
  options.inputs = {input};
  options.output = (scratch.path() / "explain.json").string();
  options.settings = args.settings;
  options.settings.push_back("indicators.trace=true");
  options.jobs = 1;
  options.progress = false;
  const RunReport report = run_pipeline(options);
  for (const auto& line : report.failure_lines) std::cerr << line << "\n";
  if (report.code != ExitCode::kOk) return static_cast<int>(report.code);
  std::ifstream in(report.output, std::ios::binary);
  const Json result = Json::parse(in);
  for (const Json& doc : result.at("documents")) {
    if (!print_traces(doc, args.at, std::cout)) {
      std::cerr << "pipeline explain: " << args.file << ": no sentence at offset " << args.at << "\n";
      return static_cast<int>(ExitCode::kUsage);
    }
  }
  return 0;
}

}  // namespace reportlens::cli
