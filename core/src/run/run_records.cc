#include "run/run_records.h"

#include "output/result_writer.h"
#include "run/batch_identity.h"
#include "run/batch_signals.h"

namespace reportlens {

namespace {

// Failure messages kept for the final report; the stores hold all of them.
constexpr std::size_t kMaxFailureLines = 200;

}  // namespace

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
  options.projections = p.plan.projections;
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

Json summary_json(const RunReport& r) {
  const char* status = r.not_run == 0 ? "complete" : InterruptGuard::received() != 0 ? "interrupted" : "stopped";
  return {{"documents", r.documents}, {"failed", r.failed}, {"skipped", r.skipped},
          {"status", status}, {"not_run", r.not_run}};
}

// The series report from a store (all results, including those of earlier runs) or, when
// the run keeps no store, from the records of this run.
void write_series(const Prepared& p, const RunOptions& o, const std::vector<std::unique_ptr<OutputSink>>& stores,
                  SeriesCollector& from_run, RunReport& report) {
  SeriesCollector collector(p.plan.projections);
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

}  // namespace reportlens
