#include "run/runner.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include "output/output_series.h"
#include "output/output_sink.h"
#include "output/result_writer.h"
#include "run/batch_identity.h"
#include "run/batch_progress.h"
#include "run/batch_signals.h"
#include "run/batch_stream.h"
#include "run/batch_worker.h"
#include "run/corpus_pass.h"
#include "run/corpus_spill.h"
#include "run/document_processor.h"
#include "run/item_renderer.h"
#include "run/run_records.h"
#include "run/run_setup.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// One run, one path. Documents stream through a bounded window of worker threads (or worker
// processes, with isolation) and are written in input order as they finish, then freed.
// Workers also render what is written (the document's part of the JSON result, its record in
// each store's form, its series statements), so the writer thread only appends.
//  - With the JSON result, or with corpus stages: every document is run, and every output is
//    written whole or not at all (the JSON atomically at the end, stores rebuilt from scratch).
//  - Stores only, no corpus stages: what the stores already hold for this pipeline is skipped
//    (resumable), and --max-errors and SIGINT/SIGTERM stop early with every finished
//    document kept.
//  - With corpus stages, finished documents are also spilled to disk with a small index
//    (corpus_spill.h); after the last document the corpus stages run over them
//    (corpus_pass.h), group by group where the stage allows, and their comparisons and side
//    outputs complete the outputs.
class PipelineRun {
 public:
  PipelineRun(const Prepared& p, const RunOptions& o, const std::vector<std::unique_ptr<StageInstance>>& doc_stages,
              const std::vector<std::unique_ptr<StageInstance>>& corpus_stages, RunReport& report)
      : p_(p), o_(o), corpus_stages_(corpus_stages), report_(report), identity_(identity_of(p, o)),
        json_(wants(p, "json")), corpus_(!corpus_stages.empty()), resumable_(!json_ && !corpus_),
        series_from_records_(!resumable_ && wants(p, "series")), processor_(p, doc_stages),
        feed_(p.input_specs, p.input_base, p.input_origin, p.in_shard) {
    for (const auto& s : corpus_stages)
      if (s->handle().grouped) grouped_.push_back(s.get());
  }

  void run() {
    open_outputs();
    document_pass();
    // The outputs written whole are dropped when interrupted (their temporary files removed
    // as they unwind).
    if (!resumable_) throw_if_interrupted();
    std::optional<CorpusPass> corpus;
    if (corpus_) {
      corpus.emplace(p_, corpus_stages_, *spill_);
      corpus->run();
      for (const auto& f : corpus->failures()) {
        note_failure(report_, f.code, f.message);
        failures_.push_back(f);
      }
      throw_if_interrupted();  // the last point where stopping discards the outputs
    }
    if (report_.stopped_early && InterruptGuard::received() == 0)
      report_.failure_lines.push_back(max_errors_line(o_.max_errors, report_.not_run));
    finish_outputs(corpus ? &*corpus : nullptr);
  }

 private:
  void open_outputs() {
    stores_ = make_stores(p_, o_, !resumable_);
    for (auto& s : stores_) {
      DoneMap held = s->open(identity_);
      if (resumable_) done_.push_back(std::move(held));
    }
    if (json_) {
      Json provenance = identity_.provenance;
      provenance.erase("pipeline_hash");  // the contract file keeps its established shape
      result_.emplace(path_for_format(p_.output, "json"), kResultIndent, p_.config.name, provenance);
    }
    if (corpus_) spill_.emplace(p_.output.parent_path(), p_.line_breaks);
  }

  void document_pass() {
    const std::size_t n = p_.input_count;
    report_.documents = n;
    // Store outputs are isolated by default (one bad document must not cost a long batch),
    // the JSON result on request (--isolate).
    if (!p_.trace && (o_.isolate > 0 || (o_.isolate < 0 && !json_))) isolation_ = WorkerLimits{o_.doc_timeout_seconds, o_.doc_memory_bytes};
    const unsigned jobs = job_count(o_, n);
    // A few documents per worker keep every core busy while the writer catches up; memory
    // stays bounded by the window whatever the corpus size. Larger windows also mean larger
    // write transactions (fewer commits).
    const std::size_t window = std::max<std::size_t>(32, 16u * jobs);
    progress_.emplace(n, o_.progress && ProgressLine::stderr_is_terminal());
    StreamControl control;
    control.should_stop = [] { return InterruptGuard::received() != 0; };
    control.on_idle = [&] { progress_->update(counts_); };
    const std::size_t consumed = run_ordered(
        n, jobs, window, [&](std::size_t i) { return produce(i); },
        [&](std::vector<StreamItem>& batch) { return consume(batch); }, control);
    progress_->finish();
    if (resumable_) report_.bytes = counts_.bytes;
    if (consumed < n) {
      report_.stopped_early = true;
      report_.not_run = n - consumed;
    }
  }

  // Done in every store with the same key (and not a failure to retry): skip.
  bool already_done(const std::string& id, const std::string& key, int& failure_code) const {
    if (done_.empty()) return false;
    failure_code = 0;
    for (const auto& map : done_) {
      const auto it = map.find(id);
      if (it == map.end() || it->second.result_key != key) return false;
      if (it->second.failed) {
        if (o_.retry_failed) return false;
        failure_code = it->second.exit_code ? it->second.exit_code : static_cast<int>(ExitCode::kStage);
      }
    }
    return true;
  }

  // On a worker thread: one input read, run (in a worker process with isolation) and rendered.
  StreamItem produce(std::size_t i) {
    const ItemRenderer renderer{identity_.pipeline_hash, json_, series_from_records_, stores_, corpus_, grouped_,
                                *p_.plan.projections};
    StreamItem item;
    ResolvedInput in;
    std::size_t seq = 0;
    if (!feed_.take(i, in, seq)) {
      // The inputs changed since they were counted (a file removed during the run).
      item.skipped = true;
      return item;
    }
    item.id = in.id;
    item.role = in.role;
    Processed processed;
    std::string bytes;
    if (processor_.read(in, bytes, processed)) {
      if (already_done(in.id, make_result_key(identity_.pipeline_hash, processed.sha256), item.skipped_exit_code)) {
        item.skipped = true;
        return item;
      }
      item.bytes = processed.bytes;
      if (isolation_) {
        // Per thread: stages may keep their caches per thread (thread_local), and a worker
        // inherits the forking thread's.
        thread_local bool warmed = false;
        if (!std::exchange(warmed, true)) warm_up(processor_);
        if (renderer.run_isolated(processor_, in, seq, bytes, processed, *isolation_, item)) return item;
      } else {
        processor_.run(in, bytes, processed);
        if (processed.document && renderer.render_ok(in, seq, processed, item)) return item;
      }
    }
    item.bytes = processed.bytes;
    renderer.render_failed(in, seq, processed, item);
    return item;
  }

  // On the writer thread, in input order: appends a batch of finished items.
  bool consume(std::vector<StreamItem>& batch) {
    std::vector<const std::vector<std::unique_ptr<RenderedRecord>>*> records;
    std::size_t used = 0;
    bool interrupted = false;
    for (auto& item : batch) {
      if (item.error) std::rethrow_exception(item.error);
      // A document whose worker an interruption stopped was not run: it and those after it
      // are left for the rerun (the run stops at a contiguous prefix of the inputs).
      if (item.interrupted) {
        interrupted = true;
        break;
      }
      if (o_.max_errors > 0 && failed_now_ >= o_.max_errors) break;  // stop right at the limit
      ++used;
      if (item.skipped) {
        note_skipped(item.skipped_exit_code);
        continue;
      }
      counts_.bytes += item.bytes;
      if (p_.trace) p_.trace->append(item.trace_lines);
      if (item.failure) {
        ++counts_.failed;
        ++failed_now_;
        note_failure(report_, item.failure->code, item.failure->message);
        if (!resumable_) failures_.push_back(std::move(*item.failure));
      } else {
        ++counts_.done;
        if (result_) result_->add_rendered(item.result_json);
        if (corpus_) spill_->add(std::move(item.id), std::move(item.role), item.spill, std::move(item.places));
        if (!resumable_) report_.bytes += item.bytes;  // a run written whole counts the documents it holds
      }
      if (!stores_.empty()) records.push_back(&item.stored);
      if (series_from_records_) series_.add(item.series);
    }
    append_to_stores(stores_, records);
    progress_->update(counts_);
    const bool go_on = !interrupted && !(o_.max_errors > 0 && failed_now_ >= o_.max_errors);
    if (!go_on) batch.resize(used);
    return go_on;
  }

  void note_skipped(int code) {
    ++counts_.skipped;
    ++report_.skipped;
    if (code == 0) return;
    ++report_.known_failed;
    ++report_.failed;
    if (report_.code == ExitCode::kOk || (code == 3 && report_.code == ExitCode::kStage))
      report_.code = static_cast<ExitCode>(code);
  }

  // Comparisons and the errors close the JSON result; side outputs, stores and the series
  // report follow, in that order of report.side_outputs.
  void finish_outputs(CorpusPass* corpus) {
    const Json none = Json::array();
    if (result_) {
      if (corpus) corpus->for_each_comparison([&](const Json& c) { result_->add_comparison(c); });
      result_->finish(none, failures_);
      report_.output = path_for_format(p_.output, "json");
    }
    if (!resumable_) {
      for (auto& s : stores_) s->write_comparisons(none);
      if (corpus && !stores_.empty()) append_comparisons(*corpus);
    }
    if (corpus) {
      for (auto& path : corpus->commit()) report_.side_outputs.push_back(std::move(path));
      report_.summary = corpus->summary();
    }
    for (auto& s : stores_) {
      s->finish(summary_json(report_));
      if (report_.output.empty()) report_.output = s->path();
      else report_.side_outputs.push_back(s->path());
    }
    const std::vector<std::unique_ptr<OutputSink>> no_stores;
    if (wants(p_, "series")) write_series(p_, o_, resumable_ ? stores_ : no_stores, series_, report_);
  }

  // The comparisons into the stores, a few at a time (each batch one transaction).
  void append_comparisons(const CorpusPass& corpus) {
    Json batch = Json::array();
    const auto flush = [&] {
      for (auto& s : stores_) s->append_comparisons(batch);
      batch = Json::array();
    };
    corpus.for_each_comparison([&](const Json& c) {
      batch.push_back(c);
      if (batch.size() >= 64) flush();
    });
    if (!batch.empty()) flush();
  }

  const Prepared& p_;
  const RunOptions& o_;
  const std::vector<std::unique_ptr<StageInstance>>& corpus_stages_;
  RunReport& report_;
  const RunIdentity identity_;
  const bool json_, corpus_, resumable_;
  const bool series_from_records_;  // the series report from this run's records, not a store
  const DocumentProcessor processor_;
  InputFeed feed_;
  std::vector<const StageInstance*> grouped_;
  std::vector<std::unique_ptr<OutputSink>> stores_;
  std::vector<DoneMap> done_;
  std::optional<ResultJsonWriter> result_;
  std::optional<CorpusSpill> spill_;
  std::optional<WorkerLimits> isolation_;
  std::optional<ProgressLine> progress_;
  SeriesCollector series_;
  std::vector<DocumentFailure> failures_;  // the JSON result's "errors"
  BatchCounts counts_;
  std::size_t failed_now_ = 0;
};

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
    p.line_breaks = std::make_shared<const LineBreakRules>(collect_line_break_rules(doc_stages, corpus_stages));
  } catch (const StageError& e) {
    throw HostError(ExitCode::kStage, p.config.file.string() + ": " + e.what());
  }

  // From here on outputs are written: SIGINT/SIGTERM/SIGHUP stop the run cleanly (batch_signals.h).
  const InterruptGuard interrupts;
  // A stage calling exit() must not end an unfinished run with status 0.
  const ExitGuard exit_guard(static_cast<int>(ExitCode::kStage));
  report.output.clear();
  try {
    PipelineRun(p, options, doc_stages, corpus_stages, report).run();
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
