#include "run/runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "util/atomic_file.h"
#include "run/batch_identity.h"
#include "run/batch_progress.h"
#include "run/batch_signals.h"
#include "run/batch_stream.h"
#include "run/batch_worker.h"
#include "run/trace_records.h"
#include "pipeline/config_issue.h"
#include "input/document_reader.h"
#include "input/input_resolver.h"
#include "input/input_roles.h"
#include "output/output_series.h"
#include "output/output_sink.h"
#include "pipeline/pipeline_plan.h"
#include "plugins/plugin_registry.h"
#include "output/result_writer.h"
#include "util/sha256.h"
#include "output/store_guard.h"
#include "pipeline/yaml_guard.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// Inputs larger than this are refused rather than risking memory exhaustion.
constexpr std::uintmax_t kMaxInputBytes = 512ull * 1024 * 1024;
// Failure messages kept for the final report; the stores hold all of them.
constexpr std::size_t kMaxFailureLines = 200;

struct Prepared {
  PipelineConfig config;
  PluginRegistry registry;
  PipelinePlan plan;
  // The inputs are walked, not listed (input_resolver.h): memory stays flat however many.
  std::vector<InputSpec> input_specs;
  fs::path input_base;
  std::string input_origin;
  std::function<bool(const std::string&)> in_shard;  // empty: every input
  std::size_t input_count = 0;                        // inputs of this run (its shard)
  fs::path output;
  std::vector<std::string> formats;  // json, jsonl, sqlite, csv, series
  std::shared_ptr<TraceFile> trace;  // --trace: where the trace annotations go (null: no trace)
};

// "i/N" -> (i, N), 1 <= i <= N; nullopt when empty. Throws ConfigError when malformed.
std::optional<std::pair<std::size_t, std::size_t>> parse_shard(const std::string& shard) {
  if (shard.empty()) return std::nullopt;
  const auto slash = shard.find('/');
  // Digits only: stoul would take "-3" (as a huge number) and " 3".
  const bool digits = shard.find_first_not_of("0123456789/") == std::string::npos;
  std::size_t i = 0, n = 0;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t used = 0;
    i = std::stoul(shard.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("junk");
    n = std::stoul(shard.substr(slash + 1), &used);
    if (used != shard.size() - slash - 1) throw std::invalid_argument("junk");
  } catch (const std::exception&) {
    n = 0;
  }
  if (!digits || n == 0 || i < 1 || i > n)
    throw ConfigError({{"--shard", 0, 0, "'" + shard + "': expected I/N with 1 <= I <= N, e.g. 3/8"}});
  return std::make_pair(i, n);
}

// FNV-1a of the document id: a shard's share depends only on the id, not on the order or
// the number of other inputs, so shards stay stable when inputs are added.
std::uint64_t id_hash(const std::string& id) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::vector<std::string> choose_formats(const RunOptions& o, const PipelineConfig& config,
                                        const fs::path& output) {
  std::vector<std::string> formats;
  const bool wants_series = std::find(config.output.formats.begin(), config.output.formats.end(),
                                      "series") != config.output.formats.end();
  const std::string by_extension = format_for_extension(output);
  if (!o.output.empty() && !by_extension.empty()) {
    formats.push_back(by_extension);  // --output x.sqlite: that store (plus the series report)
    if (wants_series) formats.push_back("series");
  } else if (config.output.formats_given) {
    formats = config.output.formats;
  } else {
    formats.push_back(by_extension.empty() ? "json" : by_extension);
  }
  formats.erase(std::remove(formats.begin(), formats.end(), "html"), formats.end());
  if (formats.empty() || (formats.size() == 1 && formats[0] == "series")) formats.insert(formats.begin(), "json");
  return formats;
}

// --trace: every document stage with a `trace` setting gets it on; documents run in-process
// (the trace annotations travel with the document to the writer).
void plan_trace(Prepared& p, const RunOptions& o, std::vector<ConfigIssue>& issues) {
  std::vector<std::pair<std::string, const Json*>> schemas;
  for (const auto& s : p.plan.document_stages) schemas.emplace_back(s.id, &s.handle->schema);
  std::vector<std::string> overrides = trace_overrides(schemas);
  if (overrides.empty())
    issues.push_back({"--trace", 0, 0, "no stage of " + p.config.file.string() + " has a trace setting"});
  if (o.isolate > 0) issues.push_back({"--trace", 0, 0, "runs documents in-process: drop --isolate"});
  if (overrides.empty() || o.isolate > 0) return;
  overrides.insert(overrides.begin(), o.settings.begin(), o.settings.end());
  p.plan = make_plan(p.config, p.registry, overrides);
}

Prepared prepare(const RunOptions& o) {
  Prepared p;
  // Every validation problem (structure, stages, settings, inputs) is collected and
  // reported at once; only an unreadable file or a plugin refusal stops earlier.
  std::vector<ConfigIssue> issues;
  {
    // What yaml-cpp would accept silently (yaml_guard.h) is refused before it is loaded.
    std::ifstream in(o.pipeline_file, std::ios::binary);
    if (in) {
      std::ostringstream bytes;
      bytes << in.rdbuf();
      check_pipeline_yaml(bytes.str(), o.pipeline_file.string(), issues);
      if (!issues.empty()) throw ConfigError(std::move(issues));
    }
  }
  p.config = load_pipeline_config(o.pipeline_file, issues);
  std::vector<std::string> used;  // only the plugins of these stages are opened
  for (const auto& st : p.config.stages) used.push_back(st.use);
  p.registry.discover_stages(PluginRegistry::search_path(o.plugin_paths), used);
  p.registry.throw_if_rejected();
  bool planned = true;
  try {
    p.plan = make_plan(p.config, p.registry, o.settings);
    if (!o.trace.empty()) plan_trace(p, o, issues);
  } catch (const ConfigError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
    planned = false;
  }

  std::optional<std::pair<std::size_t, std::size_t>> shard;
  try {
    shard = parse_shard(o.shard);
  } catch (const ConfigError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
  }
  if (shard)
    p.in_shard = [i = shard->first, n = shard->second](const std::string& id) { return id_hash(id) % n == i - 1; };
  if (!o.inputs.empty()) {
    for (const auto& a : o.inputs) p.input_specs.push_back(parse_input_argument(a));
    p.input_base = fs::current_path();
    p.input_origin = "--input";
  } else {
    p.input_specs = p.config.inputs;
    p.input_base = p.config.dir;
    p.input_origin = p.config.file.string();
  }
  if (planned) check_input_roles(p.input_specs, p.input_origin, p.plan, issues);
  // One walk over the inputs checks them (and counts this run's share) before anything runs.
  check_inputs(p.input_specs, p.input_base, p.input_origin, p.in_shard, p.input_count, issues);
  if (o.inputs.empty() && p.config.inputs.empty())
    issues.push_back({p.config.file.string(), 0, 0, "no inputs: add 'inputs:' or pass --input"});
  if (!issues.empty()) throw ConfigError(std::move(issues));

  if (!o.output.empty()) p.output = o.output;
  else if (!p.config.output.path.empty())
    p.output = (p.config.dir / p.config.output.path).lexically_normal();
  else if (p.config.name.find_first_of("/\\") != std::string::npos || p.config.name.empty() ||
           p.config.name == "." || p.config.name == "..")
    // The default output is out/NAME.json: a name with a path in it would write elsewhere.
    throw ConfigError({{p.config.file.string(), 0, 0,
                        "name '" + p.config.name + "' is not a plain file name, so the default output out/" +
                            p.config.name + ".json would leave out/: rename it or set output.path / --output"}});
  else p.output = fs::path("out") / (p.config.name + ".json");
  if (const std::string problem = unsupported_output_extension(p.output); !problem.empty())
    throw ConfigError({{o.output.empty() ? p.config.file.string() : "--output", 0, 0, problem}});
  p.formats = choose_formats(o, p.config, p.output);
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

// One input through reading, decoding and the document stages. Exactly one of `document`
// and `failure` is set.
struct Processed {
  std::unique_ptr<Document> document;
  std::optional<DocumentFailure> failure;
  std::string sha256;
  std::size_t bytes = 0;
  std::string trace_lines;  // --trace: the document's trace records (JSON lines)
};

class DocumentProcessor {
 public:
  DocumentProcessor(const Prepared& p, const std::vector<std::unique_ptr<StageInstance>>& stages)
      : p_(p), stages_(stages) {}

  // Reads the input; returns false (with the failure set) if it cannot be read.
  bool read(const ResolvedInput& in, std::string& bytes, Processed& out) const {
    try {
      bytes = read_file(in.path, in.source);
      out.sha256 = sha256_hex(bytes);
      out.bytes = bytes.size();
      return true;
    } catch (const HostError& e) {
      out.failure = DocumentFailure{in.id, in.source, "", e.what(), e.code()};
      return false;
    }
  }

  // `on_stage` (optional) hears each stage's id before it runs (a worker tells its parent).
  void run(const ResolvedInput& in, const std::string& bytes, Processed& out,
           const std::function<void(const std::string&)>& on_stage = {}) const {
    std::string stage;
    try {
      auto doc = read_document(in, bytes, out.sha256);
      for (std::size_t k = 0; k < stages_.size(); ++k) {
        stage = p_.plan.document_stages[k].id;
        if (on_stage) on_stage(stage);
        ExitGuard::set_stage(stage);
        stages_[k]->run(*doc);
        // A stage may replace meta wholesale: the contract needs an object.
        if (!doc->meta().is_object())
          throw std::runtime_error(std::string("set the document's meta to a JSON ") + doc->meta().type_name() +
                                   ", not an object");
      }
      ExitGuard::set_stage("");
      if (p_.trace) out.trace_lines = take_trace_records(*doc);
      out.document = std::move(doc);
    } catch (const HostError& e) {
      out.failure = DocumentFailure{in.id, in.source, stage, e.what(), e.code()};
    } catch (const std::bad_alloc&) {
      out.failure = DocumentFailure{in.id, in.source, stage,
                                    in.source + ": stage '" + stage + "': out of memory", ExitCode::kStage};
    } catch (const std::exception& e) {
      std::string what = e.what();
      // A plugin passes its exception on as its what(): name the cause for bad_alloc.
      if (what == "std::bad_alloc") what = "out of memory (std::bad_alloc; see --doc-memory)";
      out.failure = DocumentFailure{in.id, in.source, stage,
                                    in.source + ": stage '" + stage + "': " + what, ExitCode::kStage};
    }
    ExitGuard::set_stage("");
  }

 private:
  const Prepared& p_;
  const std::vector<std::unique_ptr<StageInstance>>& stages_;
};

// The stored record of one input (output_sink.h): bookkeeping first (so stores can read it
// without parsing the rest), then the contract's DOCUMENT fields.
// The bookkeeping keys of a processed document's record (see make_record).
Json record_head(const std::string& pipeline_hash, std::size_t seq, const Processed& processed) {
  Json r = Json::object();
  r["pipeline_hash"] = pipeline_hash;
  r["result_key"] = make_result_key(pipeline_hash, processed.sha256);
  r["seq"] = seq;
  r["status"] = "ok";
  return r;
}

Json make_record(const std::string& pipeline_hash, std::size_t seq, const ResolvedInput& in,
                 const Processed& processed) {
  if (processed.document) {
    Json r = record_head(pipeline_hash, seq, processed);
    Json document = document_to_json(*processed.document);
    for (auto& [k, v] : document.items()) r[k] = std::move(v);
    return r;
  }
  Json r = Json::object();
  r["pipeline_hash"] = pipeline_hash;
  r["result_key"] = make_result_key(pipeline_hash, processed.sha256);
  r["seq"] = seq;
  const DocumentFailure& f = *processed.failure;
  r["status"] = "failed";
  r["exit_code"] = static_cast<int>(f.code);
  r["id"] = in.id;
  r["source"] = in.source;
  r["sha256"] = processed.sha256;
  Json meta = in.meta;
  if (!in.role.empty()) meta["role"] = in.role;
  r["meta"] = std::move(meta);
  r["annotations"] = Json::array();
  r["error"] = {{"stage", f.stage}, {"message", f.message}, {"exit_code", static_cast<int>(f.code)}};
  return r;
}

void note_failure(RunReport& report, ExitCode code, const std::string& message) {
  ++report.failed;
  if (report.failure_lines.size() < kMaxFailureLines) report.failure_lines.push_back(printable(message));
  else if (report.failure_lines.size() == kMaxFailureLines)
    report.failure_lines.push_back("... further failures are listed in the output's errors");
  if (report.code == ExitCode::kOk || (code == ExitCode::kInput && report.code == ExitCode::kStage))
    report.code = code;
}

std::vector<std::unique_ptr<OutputSink>> make_stores(const Prepared& p, const RunOptions& o, bool fresh) {
  std::vector<std::unique_ptr<OutputSink>> stores;
  SinkOptions options;
  options.csv_bom = o.csv_bom || p.config.output.csv_bom;
  options.fresh = fresh;
  for (const auto& f : p.formats)
    if (auto sink = make_sink(f, path_for_format(p.output, f), options)) stores.push_back(std::move(sink));
  return stores;
}

// The record as each store appends it, rendered on the calling thread. The document's text
// goes along: SQLite stores keep it once (docs/sqlite-schema.md).
std::vector<std::unique_ptr<RenderedRecord>> render_for_stores(const std::vector<std::unique_ptr<OutputSink>>& stores,
                                                               const Json& record, const Document* document) {
  std::vector<std::unique_ptr<RenderedRecord>> rendered;
  rendered.reserve(stores.size());
  for (const auto& s : stores) rendered.push_back(s->render(record, document ? &document->text() : nullptr));
  return rendered;
}

// Appends rendered records (each a list with one entry per store) to the stores.
void append_to_stores(const std::vector<std::unique_ptr<OutputSink>>& stores,
                      const std::vector<const std::vector<std::unique_ptr<RenderedRecord>>*>& records) {
  if (records.empty()) return;
  std::vector<const RenderedRecord*> view;
  view.reserve(records.size());
  for (std::size_t k = 0; k < stores.size(); ++k) {
    view.clear();
    for (const auto* r : records) view.push_back((*r)[k].get());
    stores[k]->append(view);
  }
}

bool wants(const Prepared& p, const std::string& format) {
  return std::find(p.formats.begin(), p.formats.end(), format) != p.formats.end();
}

RunIdentity identity_of(const Prepared& p, const RunOptions& o) {
  RunIdentity id;
  id.pipeline = p.config.name;
  id.pipeline_hash = make_pipeline_hash(p.plan);
  id.provenance = make_provenance(p.config, p.plan);
  id.provenance["pipeline_hash"] = id.pipeline_hash;
  id.shard = o.shard;
  return id;
}

unsigned job_count(const RunOptions& o, std::size_t n) {
  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(n, 1)));
}

// What the stores record of the run (the `runs` row): counts and how it ended.
Json summary_json(const RunReport& r) {
  const char* status = r.not_run == 0 ? "complete" : InterruptGuard::received() != 0 ? "interrupted" : "stopped";
  return {{"documents", r.documents}, {"failed", r.failed}, {"skipped", r.skipped},
          {"status", status}, {"not_run", r.not_run}};
}

// The series report from a store (all results, including those of earlier runs) or, when
// the run keeps no store, from the records of this run.
void write_series(const Prepared& p, const RunOptions& o, const std::vector<std::unique_ptr<OutputSink>>& stores,
                  SeriesCollector& from_run, RunReport& report) {
  SeriesCollector collector;
  const SeriesCollector* use = &from_run;
  for (const auto& s : stores) {
    const std::string f = format_for_extension(s->path());
    if (f != "sqlite" && f != "jsonl") continue;
    open_reader(s->path())->for_each([&](const Json& r) { collector.add(r); });
    use = &collector;
    break;
  }
  report.side_outputs.push_back(use->write(path_for_format(p.output, "series"), o.csv_bom || p.config.output.csv_bom));
}

std::string max_errors_line(std::size_t max_errors, std::size_t not_run) {
  return "stopped after " + std::to_string(max_errors) + " failed document(s) (--max-errors " +
         std::to_string(max_errors) + "); " + std::to_string(not_run) + " document(s) not run";
}

// Corpus stages need every document: documents are kept in memory, the JSON written
// atomically and the stores rebuilt from scratch.
void run_whole(const Prepared& p, const RunOptions& o,
               const std::vector<std::unique_ptr<StageInstance>>& doc_stages,
               const std::vector<std::unique_ptr<StageInstance>>& corpus_stages, RunReport& report) {
  // Every document is held anyway: the inputs can be listed.
  std::vector<ResolvedInput> inputs;
  std::vector<std::size_t> seqs;  // each input's position in the full (unsharded) list
  {
    InputWalk walk(p.input_specs, p.input_base, p.input_origin);
    std::string id;
    for (std::size_t seq = 0; walk.next_id(id); ++seq) {
      if (p.in_shard && !p.in_shard(id)) continue;
      walk.current(inputs.emplace_back());
      seqs.push_back(seq);
    }
  }
  std::size_t n = inputs.size();
  std::vector<Processed> results(n);
  const DocumentProcessor processor(p, doc_stages);
  // Inputs are taken in order, and a taken one is always finished: every input before
  // `next` is done when the workers return.
  std::atomic<std::size_t> next{0}, failures{0};
  const auto work = [&] {
    for (;;) {
      if (InterruptGuard::received() || (o.max_errors > 0 && failures >= o.max_errors)) return;
      const std::size_t i = next++;
      if (i >= n) return;
      std::string bytes;
      if (processor.read(inputs[i], bytes, results[i])) processor.run(inputs[i], bytes, results[i]);
      if (results[i].failure) ++failures;
    }
  };
  const unsigned jobs = job_count(o, n);
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
  }
  throw_if_interrupted();  // nothing written yet
  if (o.max_errors > 0 && failures >= o.max_errors) {
    // As a streamed run does: the documents up to the N-th failure in input order (the same
    // whatever -j; all of them are done), the rest not run.
    std::size_t cut = 0;
    for (std::size_t seen = 0; cut < n && seen < o.max_errors; ++cut)
      if (results[cut].failure) ++seen;
    report.stopped_early = cut < n;
    report.not_run = n - cut;
    inputs.resize(cut);
    seqs.resize(cut);
    results.resize(cut);
    n = cut;
  }

  Corpus corpus;
  std::vector<DocumentFailure> failed;
  for (std::size_t i = 0; i < n; ++i) {
    if (p.trace) p.trace->append(results[i].trace_lines);
    if (results[i].document) {
      corpus.documents.push_back(results[i].document.get());
      report.bytes += results[i].bytes;
      if (!inputs[i].role.empty()) corpus.roles[inputs[i].role] = results[i].document.get();
    } else {
      failed.push_back(*results[i].failure);
    }
  }
  for (std::size_t k = 0; k < corpus_stages.size(); ++k) {
    throw_if_interrupted();
    try {
      corpus_stages[k]->run(corpus);
    } catch (const std::exception& e) {
      failed.push_back({"(corpus)", "", p.plan.corpus_stages[k].id,
                        "stage '" + p.plan.corpus_stages[k].id + "': " + e.what(), ExitCode::kStage});
    }
  }

  throw_if_interrupted();

  // Every output is written beside its target first and renamed over it only once all are
  // complete: an interrupted run (checked between documents) leaves every target as it was.
  const RunIdentity identity = identity_of(p, o);
  std::optional<ResultJsonWriter> result;
  if (wants(p, "json")) {
    Json provenance = identity.provenance;
    provenance.erase("pipeline_hash");  // the contract file keeps its established shape
    // Streamed document by document: the result is never held as one tree or one string.
    result.emplace(path_for_format(p.output, "json"), 1, p.config.name, provenance);
    for (const Document* d : corpus.documents) {
      throw_if_interrupted();
      result->add(*d);
    }
    report.output = path_for_format(p.output, "json");
  }

  report.documents = n + report.not_run;
  for (const auto& f : failed) note_failure(report, f.code, f.message);
  if (report.stopped_early)
    report.failure_lines.push_back(max_errors_line(o.max_errors, report.not_run));

  auto stores = make_stores(p, o, true);
  SeriesCollector series;
  for (auto& s : stores) s->open(identity);
  for (std::size_t i = 0; i < n && (!stores.empty() || wants(p, "series")); ++i) {
    throw_if_interrupted();
    const Json record = make_record(identity.pipeline_hash, seqs[i], inputs[i], results[i]);
    const auto rendered = render_for_stores(stores, record, results[i].document.get());
    append_to_stores(stores, {&rendered});
    if (wants(p, "series")) series.add(record);
  }
  for (auto& s : stores) s->write_comparisons(corpus.comparisons);
  throw_if_interrupted();  // the last point where stopping discards the outputs

  if (result) result->finish(corpus.comparisons, failed);
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
  for (auto& s : stores) {
    s->finish(summary_json(report));
    if (report.output.empty()) report.output = s->path();
    else report.side_outputs.push_back(s->path());
  }
  if (wants(p, "series")) write_series(p, o, {}, series, report);
}

// Stages build caches on first use (compiled patterns, ICU data, lookup tables). A worker
// forked from a parent that never ran a document would build them again for every
// document; one small document run first in each forking thread lets every worker inherit them.
// Its result is dropped; a stage that fails on it fails the same way in the workers.
void warm_up(const DocumentProcessor& processor) {
  static const std::string kText =
      "2023年政府工作报告\n一、2022年工作回顾\n全年地区生产总值增长5.2%，达到1234.5亿元；"
      "一般公共预算收入完成89亿元，同比增长6%。\n二、2023年主要目标\n城镇新增就业1.2万人以上。\n";
  ResolvedInput in;
  in.id = in.source = in.path = "(warm-up)";
  Processed ignored;
  processor.run(in, kText, ignored);
}

// The JSON result is printed with this indentation (the contract file's established shape).
constexpr int kResultIndent = 1;

// Renders a processed document into what the writer appends (StreamItem), in the worker
// thread, or in a worker process (isolation) whose answer the thread turns into the same.
struct ItemRenderer {
  const std::string& pipeline_hash;
  bool json;                 // the JSON result is written
  bool series_from_records;  // the series report comes from the records
  const std::vector<std::unique_ptr<OutputSink>>& stores;

  // A document that finished its stages. False (failure set, document dropped) when what the
  // stages made cannot be written, e.g. a string that is not UTF-8: that document fails alone.
  bool render_ok(const ResolvedInput& in, std::size_t seq, Processed& processed, StreamItem& item) const {
    item.trace_lines = std::move(processed.trace_lines);
    try {
      if (json) item.result_json = result_document_text(*processed.document, kResultIndent);
      const Json head = record_head(pipeline_hash, seq, processed);
      // Stores that can write straight from the document do (no record tree).
      for (const auto& s : stores) item.stored.push_back(s->render_document(head, *processed.document));
      if (series_from_records)
        item.series = SeriesCollector::entries(make_record(pipeline_hash, seq, in, processed));
      return true;
    } catch (const std::exception& e) {
      fail_unwritable(in, processed, item, e.what());
      return false;
    }
  }

  static void fail_unwritable(const ResolvedInput& in, Processed& processed, StreamItem& item, const std::string& why) {
    item.result_json.clear();
    item.stored.clear();
    item.series.clear();
    processed.document.reset();
    processed.failure = DocumentFailure{in.id, in.source, "",
                                        in.source + ": the stages' output cannot be written: " + why, ExitCode::kStage};
  }

  // A failed document's record (its failure is set).
  void render_failed(const ResolvedInput& in, std::size_t seq, const Processed& processed, StreamItem& item) const {
    item.failure = processed.failure;
    try {
      const Json record = make_record(pipeline_hash, seq, in, processed);
      if (!stores.empty()) item.stored = render_for_stores(stores, record, nullptr);
      if (series_from_records) item.series = SeriesCollector::entries(record);
    } catch (...) {
      item.error = std::current_exception();  // e.g. a file name that is not UTF-8
    }
  }

  // The worker's side: runs the stages and answers "ok" with the rendered texts, or
  // "failed" with stage, message and exit code.
  void work(WorkerChannel& channel, const DocumentProcessor& processor, const ResolvedInput& in,
            std::size_t seq, const std::string& bytes, Processed& processed) const {
    processor.run(in, bytes, processed, [&](const std::string& stage) { channel.stage(stage); });
    if (processed.document) {
      try {
        std::string result = json ? result_document_text(*processed.document, kResultIndent) : std::string();
        std::string record, text;
        if (!stores.empty() || series_from_records) {
          Json r = record_head(pipeline_hash, seq, processed);
          Json members = document_to_json(*processed.document);
          for (auto& [k, v] : members.items()) r[k] = std::move(v);
          record = r.dump();
          if (!stores.empty()) text = processed.document->text();
        }
        channel.answer({"ok", result, record, text});
        return;
      } catch (const std::exception& e) {
        StreamItem unused;
        fail_unwritable(in, processed, unused, e.what());
      }
    }
    const DocumentFailure& f = *processed.failure;
    channel.answer({"failed", f.stage, f.message, std::to_string(static_cast<int>(f.code))});
  }

  // Runs the document in a worker process. True when the item is complete (an ok document);
  // false with the failure set (the stage's, or the worker's death or limit).
  bool run_isolated(const DocumentProcessor& processor, const ResolvedInput& in, std::size_t seq,
                    const std::string& bytes, Processed& processed, const WorkerLimits& limits,
                    StreamItem& item) const {
    const WorkerOutcome w = run_in_worker(
        [&](WorkerChannel& channel) { work(channel, processor, in, seq, bytes, processed); }, limits);
    if (!w.answered || w.fields.size() != 4) {
      const std::string where = w.stage.empty() ? "decoding" : "stage '" + w.stage + "'";
      processed.failure = DocumentFailure{in.id, in.source, w.stage, in.source + ": " + where + ": " + w.failure,
                                          ExitCode::kStage};
      return false;
    }
    if (w.fields[0] == "failed") {
      int code = static_cast<int>(ExitCode::kStage);
      try {
        code = std::stoi(w.fields[3]);
      } catch (const std::exception&) {
      }
      processed.failure = DocumentFailure{in.id, in.source, w.fields[1], w.fields[2], static_cast<ExitCode>(code)};
      return false;
    }
    item.result_json = w.fields[1];
    try {
      if (!w.fields[2].empty()) {
        const Json record = Json::parse(w.fields[2]);
        for (const auto& s : stores) item.stored.push_back(s->render(record, &w.fields[3]));
        if (series_from_records) item.series = SeriesCollector::entries(record);
      }
    } catch (...) {
      item.error = std::current_exception();
    }
    return true;
  }
};

// No corpus stages: documents stream through a bounded window and are written in input order
// as they finish, then freed. Workers also render what is written (the document's part of the
// JSON result, its record in each store's form, its series statements), so the writer thread
// only appends.
//  - With the JSON result: every document is run and written into it (atomically, at the end);
//    stores requested alongside are rebuilt from scratch, as by run_whole.
//  - Stores only: what the stores already hold for this pipeline is skipped (resumable), and
//    --max-errors and SIGINT/SIGTERM stop early with every finished document kept.
void run_streaming(const Prepared& p, const RunOptions& o,
                   const std::vector<std::unique_ptr<StageInstance>>& doc_stages, RunReport& report) {
  const RunIdentity identity = identity_of(p, o);
  const bool json = wants(p, "json");
  const bool resumable = !json;
  auto stores = make_stores(p, o, !resumable);
  std::vector<DoneMap> done;
  for (auto& s : stores) {
    DoneMap held = s->open(identity);
    if (resumable) done.push_back(std::move(held));
  }
  std::optional<ResultJsonWriter> result;
  if (json) {
    Json provenance = identity.provenance;
    provenance.erase("pipeline_hash");  // the contract file keeps its established shape
    result.emplace(path_for_format(p.output, "json"), kResultIndent, p.config.name, provenance);
    report.output = path_for_format(p.output, "json");
  }
  for (const auto& s : stores) {
    if (report.output.empty()) report.output = s->path();
    else report.side_outputs.push_back(s->path());
  }

  const std::size_t n = p.input_count;
  report.documents = n;
  // The JSON run's series report comes from its records; a resumable run's from its store.
  const bool series_from_records = json && wants(p, "series");
  InputFeed feed(p.input_specs, p.input_base, p.input_origin, p.in_shard);
  const DocumentProcessor processor(p, doc_stages);
  // Stores are isolated by default (one bad document must not cost a long batch), the JSON
  // result on request (--isolate).
  std::optional<WorkerLimits> isolation;
  if (!p.trace && (o.isolate > 0 || (o.isolate < 0 && resumable))) {
    isolation = WorkerLimits{o.doc_timeout_seconds, o.doc_memory_bytes};
  }
  const unsigned jobs = job_count(o, n);
  // A few documents per worker keep every core busy while the writer catches up; memory
  // stays bounded by the window whatever the corpus size.
  // Larger windows also mean larger write transactions (fewer commits).
  const std::size_t window = std::max<std::size_t>(32, 16u * jobs);

  // Done in every store with the same key (and not a failure to retry): skip.
  const auto already_done = [&](const std::string& id, const std::string& key, int& failure_code) {
    if (done.empty()) return false;
    failure_code = 0;
    for (const auto& map : done) {
      const auto it = map.find(id);
      if (it == map.end() || it->second.result_key != key) return false;
      if (it->second.failed) {
        if (o.retry_failed) return false;
        failure_code = it->second.exit_code ? it->second.exit_code : static_cast<int>(ExitCode::kStage);
      }
    }
    return true;
  };

  const ItemRenderer renderer{identity.pipeline_hash, json, series_from_records, stores};
  const auto produce = [&](std::size_t i) {
    StreamItem item;
    ResolvedInput in;
    std::size_t seq = 0;
    if (!feed.take(i, in, seq)) {
      // The inputs changed since they were counted (a file removed during the run).
      item.skipped = true;
      return item;
    }
    Processed processed;
    std::string bytes;
    if (processor.read(in, bytes, processed)) {
      if (already_done(in.id, make_result_key(identity.pipeline_hash, processed.sha256), item.skipped_exit_code)) {
        item.skipped = true;
        return item;
      }
      item.bytes = processed.bytes;
      if (isolation) {
        // Per thread: stages may keep their caches per thread (thread_local), and a worker
        // inherits the forking thread's.
        thread_local bool warmed = false;
        if (!std::exchange(warmed, true)) warm_up(processor);
        if (renderer.run_isolated(processor, in, seq, bytes, processed, *isolation, item)) return item;
      } else {
        processor.run(in, bytes, processed);
        if (processed.document && renderer.render_ok(in, seq, processed, item)) return item;
      }
    }
    item.bytes = processed.bytes;
    renderer.render_failed(in, seq, processed, item);
    return item;
  };

  SeriesCollector series;  // from the records (JSON runs); resumable runs read their store
  std::vector<DocumentFailure> failures;  // the JSON result's "errors"
  BatchCounts counts;
  std::size_t failed_now = 0;
  ProgressLine progress(n, o.progress && ProgressLine::stderr_is_terminal());
  const auto consume = [&](std::vector<StreamItem>& batch) {
    std::vector<const std::vector<std::unique_ptr<RenderedRecord>>*> records;
    std::size_t used = 0;
    for (auto& item : batch) {
      if (item.error) std::rethrow_exception(item.error);
      if (o.max_errors > 0 && failed_now >= o.max_errors) break;  // stop right at the limit
      ++used;
      if (item.skipped) {
        ++counts.skipped;
        ++report.skipped;
        const int code = item.skipped_exit_code;
        if (code != 0) {
          ++report.known_failed;
          ++report.failed;
          if (report.code == ExitCode::kOk || (code == 3 && report.code == ExitCode::kStage))
            report.code = static_cast<ExitCode>(code);
        }
        continue;
      }
      counts.bytes += item.bytes;
      if (p.trace) p.trace->append(item.trace_lines);
      if (item.failure) {
        ++counts.failed;
        ++failed_now;
        note_failure(report, item.failure->code, item.failure->message);
        if (result) failures.push_back(std::move(*item.failure));
      } else {
        ++counts.done;
        if (result) {
          result->add_rendered(item.result_json);
          report.bytes += item.bytes;  // the JSON run counts the documents it holds
        }
      }
      if (!stores.empty()) records.push_back(&item.stored);
      if (series_from_records) series.add(item.series);
    }
    append_to_stores(stores, records);
    progress.update(counts);
    const bool go_on = !(o.max_errors > 0 && failed_now >= o.max_errors);
    if (!go_on) batch.resize(used);
    return go_on;
  };

  StreamControl control;
  control.should_stop = [] { return InterruptGuard::received() != 0; };
  control.on_idle = [&] { progress.update(counts); };
  const std::size_t consumed = run_ordered(n, jobs, window, produce, consume, control);
  progress.finish();
  if (resumable) report.bytes = counts.bytes;
  if (consumed < n) {
    report.stopped_early = true;
    report.not_run = n - consumed;
  }
  // The JSON result, and the stores rebuilt beside it, are written whole or not at all:
  // interrupted, they are dropped (their temporary files removed as they unwind).
  if (json) throw_if_interrupted();
  if (report.stopped_early && InterruptGuard::received() == 0)
    report.failure_lines.push_back(max_errors_line(o.max_errors, report.not_run));
  if (result) {
    const Corpus no_corpus;  // no corpus stages: no comparisons
    result->finish(no_corpus.comparisons, failures);
    for (auto& s : stores) s->write_comparisons(no_corpus.comparisons);
  }
  for (auto& s : stores) s->finish(summary_json(report));
  const std::vector<std::unique_ptr<OutputSink>> none;
  if (wants(p, "series")) write_series(p, o, json ? none : stores, series, report);
}

// Before anything is written: every output must not be an input file, a store must be a
// store of its kind (or new) and not a symbolic link, and no other run may write into it.
std::vector<std::unique_ptr<StoreLock>> guard_outputs(const Prepared& p, const RunOptions& o) {
  std::vector<fs::path> input_files;
  for (const auto& spec : p.input_specs) {
    const fs::path path = (p.input_base / spec.path).lexically_normal();
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) input_files.push_back(path);
  }
  std::vector<std::unique_ptr<StoreLock>> locks;
  for (const auto& f : p.formats) {
    if (f == "series") continue;
    const fs::path path = path_for_format(p.output, f);
    check_not_an_input(path, input_files);
    std::error_code ec;
    if (fs::is_directory(path, ec))
      throw HostError(ExitCode::kOutput, path.string() + ": is a directory; give a file name for the output");
    if (f == "json") continue;  // written beside and renamed over: nothing to lock or check
    check_store_target(path, f);
    locks.push_back(std::make_unique<StoreLock>(path, o.wait_lock));
    check_store_target(path, f);  // again, now that no other run can be changing it
  }
  return locks;
}

}  // namespace

void check_pipeline(const RunOptions& options) { prepare(options); }

RunReport run_pipeline(const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  Prepared p = prepare(options);
  const auto locks = guard_outputs(p, options);
  if (!options.trace.empty()) p.trace = std::make_shared<TraceFile>(options.trace);
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

  // From here on outputs are written: SIGINT/SIGTERM/SIGHUP stop the run cleanly (batch_signals.h).
  const InterruptGuard interrupts;
  // A stage calling exit() must not end an unfinished run with status 0.
  const ExitGuard exit_guard(static_cast<int>(ExitCode::kStage));
  report.output.clear();
  try {
    if (corpus_stages.empty()) run_streaming(p, options, doc_stages, report);
    else run_whole(p, options, doc_stages, corpus_stages, report);
  } catch (const Interrupted&) {
    report.discarded = true;
    report.stopped_early = true;
    report.output.clear();
    report.side_outputs.clear();
  }
  if (p.trace && !report.discarded) {
    p.trace->finish();
    report.side_outputs.push_back(options.trace);
  }
  report.signal = InterruptGuard::received();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace reportlens
