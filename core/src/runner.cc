#include "runner.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "atomic_file.h"
#include "config_issue.h"
#include "decode.h"
#include "html_text.h"
#include "input_resolver.h"
#include "pipeline_plan.h"
#include "plugin_registry.h"
#include "result_writer.h"
#include "sha256.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// Inputs larger than this are refused rather than risking memory exhaustion.
constexpr std::uintmax_t kMaxInputBytes = 512ull * 1024 * 1024;

struct Prepared {
  PipelineConfig config;
  PluginRegistry registry;
  PipelinePlan plan;
  std::vector<ResolvedInput> inputs;
  fs::path output;
};

Prepared prepare(const RunOptions& o) {
  Prepared p;
  // Every validation problem (structure, stages, settings, inputs) is collected and
  // reported at once; only an unreadable file or a plugin refusal stops earlier.
  std::vector<ConfigIssue> issues;
  p.config = load_pipeline_config(o.pipeline_file, issues);
  p.registry.discover(PluginRegistry::search_path(o.plugin_paths));
  p.registry.throw_if_rejected();
  try {
    p.plan = make_plan(p.config, p.registry, o.settings);
  } catch (const ConfigError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
  }

  if (!o.inputs.empty()) {
    std::vector<InputSpec> specs;
    for (const auto& a : o.inputs) specs.push_back(parse_input_argument(a));
    p.inputs = resolve_inputs(specs, fs::current_path(), "--input", issues);
  } else {
    p.inputs = resolve_inputs(p.config.inputs, p.config.dir, p.config.file.string(), issues);
    if (p.config.inputs.empty())
      issues.push_back({p.config.file.string(), 0, 0, "no inputs: add 'inputs:' or pass --input"});
  }
  if (!issues.empty()) throw ConfigError(std::move(issues));

  if (!o.output.empty()) p.output = o.output;
  else if (!p.config.output.path.empty()) p.output = p.config.dir / p.config.output.path;
  else p.output = fs::path("out") / (p.config.name + ".json");
  return p;
}

std::string read_file(const fs::path& path, const std::string& shown) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw HostError(ExitCode::kInput, shown + ": cannot read: " + ec.message());
  if (size > kMaxInputBytes)
    throw HostError(ExitCode::kInput, shown + ": " + std::to_string(size) +
                                          " bytes is larger than the 512 MiB limit for one input");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HostError(ExitCode::kInput, shown + ": cannot open for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size)
    throw HostError(ExitCode::kInput, shown + ": short read");
  return bytes;
}

std::unique_ptr<Document> load_document(const ResolvedInput& in) {
  const std::string bytes = read_file(in.path, in.source);
  DecodedText decoded = decode_bytes(bytes, {in.encoding, in.replace_invalid}, in.source);
  if (decoded.replaced > 0)
    spdlog::warn("{}: replaced {} invalid byte sequence(s) with U+FFFD", in.source, decoded.replaced);
  Json meta = Json::object();
  meta["encoding"] = decoded.encoding;
  std::string text = std::move(decoded.text);
  if (looks_like_html(in.path.string(), text)) {
    text = html_to_text(text);
    meta["format"] = "html";
  } else {
    meta["format"] = "text";
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw HostError(ExitCode::kInput, in.source + ": no text after decoding");
  meta["sha256"] = sha256_hex(bytes);
  meta["bytes"] = bytes.size();
  for (const auto& [k, v] : in.meta.items()) meta[k] = v;  // user overrides win
  if (!in.role.empty()) meta["role"] = in.role;
  return std::make_unique<Document>(in.id, in.source, std::move(text), std::move(meta));
}

Json provenance(const Prepared& p) {
  Json plugins = Json::array();
  std::vector<const LoadedPlugin*> used;
  Json stages = Json::array();
  for (const auto* list : {&p.plan.document_stages, &p.plan.corpus_stages}) {
    for (const auto& s : *list) {
      stages.push_back({{"id", s.id}, {"use", s.handle->name}, {"plugin", s.handle->plugin->name},
                        {"settings", s.context.settings}});
      if (std::find(used.begin(), used.end(), s.handle->plugin) == used.end())
        used.push_back(s.handle->plugin);
    }
  }
  for (const auto* pl : used)
    plugins.push_back({{"name", pl->name}, {"version", pl->version},
                       {"file", pl->file.filename().string()}});
  Json out = Json::object();
  out["tool"] = "reportlens";
  out["version"] = REPORTLENS_VERSION;
  out["abi"] = std::to_string(REPORTLENS_ABI_MAJOR) + "." + std::to_string(REPORTLENS_ABI_MINOR);
  out["pipeline_file"] = p.config.file.filename().string();
  out["pipeline_sha256"] = p.config.sha256;
  out["plugins"] = std::move(plugins);
  out["stages"] = std::move(stages);
  return out;
}

}  // namespace

void check_pipeline(const RunOptions& options) { prepare(options); }

RunReport run_pipeline(const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  Prepared p = prepare(options);
  RunReport report;
  report.output = p.output;

  // Stages are created once and shared by the workers (DocumentStage::process is const).
  std::vector<std::unique_ptr<StageInstance>> doc_stages, corpus_stages;
  try {
    for (const auto& s : p.plan.document_stages)
      doc_stages.push_back(std::make_unique<StageInstance>(*s.handle, s.context));
    for (const auto& s : p.plan.corpus_stages)
      corpus_stages.push_back(std::make_unique<StageInstance>(*s.handle, s.context));
  } catch (const StageError& e) {
    throw HostError(ExitCode::kStage, p.config.file.string() + ": " + e.what());
  }

  const std::size_t n = p.inputs.size();
  std::vector<std::unique_ptr<Document>> docs(n);
  std::vector<std::optional<DocumentFailure>> failures(n);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      const ResolvedInput& in = p.inputs[i];
      std::string stage;
      try {
        auto doc = load_document(in);
        for (std::size_t k = 0; k < doc_stages.size(); ++k) {
          stage = p.plan.document_stages[k].id;
          doc_stages[k]->run(*doc);
        }
        docs[i] = std::move(doc);
      } catch (const HostError& e) {
        failures[i] = DocumentFailure{in.id, in.source, stage, e.what(), e.code()};
      } catch (const std::exception& e) {
        failures[i] = DocumentFailure{in.id, in.source, stage,
                                      in.source + ": stage '" + stage + "': " + e.what(),
                                      ExitCode::kStage};
      }
    }
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(n, 1)));
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
  }

  Corpus corpus;
  std::vector<DocumentFailure> failed;
  for (std::size_t i = 0; i < n; ++i) {
    if (docs[i]) {
      corpus.documents.push_back(docs[i].get());
      report.bytes += docs[i]->meta().value("bytes", std::size_t{0});
      if (!p.inputs[i].role.empty()) corpus.roles[p.inputs[i].role] = docs[i].get();
    } else if (failures[i]) {
      failed.push_back(*failures[i]);
    }
  }
  for (std::size_t k = 0; k < corpus_stages.size(); ++k) {
    try {
      corpus_stages[k]->run(corpus);
    } catch (const std::exception& e) {
      failed.push_back({"(corpus)", "", p.plan.corpus_stages[k].id,
                        "stage '" + p.plan.corpus_stages[k].id + "': " + e.what(), ExitCode::kStage});
    }
  }

  std::vector<const Document*> written(corpus.documents.begin(), corpus.documents.end());
  const Json result = result_to_json(p.config.name, provenance(p), written, corpus.comparisons, failed);
  write_file_atomically(p.output, result.dump(1) + "\n");
  for (const auto& [suffix, content] : corpus.side_outputs) {
    if (suffix == "summary") {
      report.summary = content;
      continue;
    }
    fs::path side = p.output;
    side.replace_extension("." + suffix);
    write_file_atomically(side, content);
    report.side_outputs.push_back(side);
  }

  report.documents = n;
  report.failed = failed.size();
  for (const auto& f : failed) {
    report.failure_lines.push_back(f.message);
    if (report.code == ExitCode::kOk || (f.code == ExitCode::kInput && report.code == ExitCode::kStage))
      report.code = f.code;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace reportlens
