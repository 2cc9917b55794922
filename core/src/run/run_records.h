// A run's records and their bookkeeping: the stored record of a document (ok or failed), the
// run's failure count and lines, the stores' creation and appends, the `runs` summary and
// the series report.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "input/input_resolver.h"
#include "output/output_series.h"
#include "output/output_sink.h"
#include "run/document_processor.h"
#include "run/run_setup.h"
#include "run/runner.h"

namespace reportlens {

// The JSON result is printed with this indentation (the contract file's established shape).
constexpr int kResultIndent = 1;

// The bookkeeping keys of a processed document's record (see make_record).
Json record_head(const std::string& pipeline_hash, std::size_t seq, const Processed& processed);

// The stored record of one input (output_sink.h): bookkeeping first (so stores can read it
// without parsing the rest), then the contract's DOCUMENT fields.
Json make_record(const std::string& pipeline_hash, std::size_t seq, const ResolvedInput& in,
                 const Processed& processed);

// Counts a failed document (or corpus stage) in the report: its line and the exit code.
void note_failure(RunReport& report, ExitCode code, const std::string& message);

// The stores the run writes (jsonl, sqlite, csv), fresh (rebuilt) or resumable.
std::vector<std::unique_ptr<OutputSink>> make_stores(const Prepared& p, const RunOptions& o, bool fresh);

// The record as each store appends it, rendered on the calling thread. The document's text
// goes along: SQLite stores keep it once (docs/sqlite-schema.md).
std::vector<std::unique_ptr<RenderedRecord>> render_for_stores(const std::vector<std::unique_ptr<OutputSink>>& stores,
                                                               const Json& record, const Document* document);

// Appends rendered records (each a list with one entry per store) to the stores.
void append_to_stores(const std::vector<std::unique_ptr<OutputSink>>& stores,
                      const std::vector<const std::vector<std::unique_ptr<RenderedRecord>>*>& records);

// What the stores record of the run (the `runs` row): counts and how it ended.
Json summary_json(const RunReport& r);

// The series report from a store (all results, including those of earlier runs) or, when
// the run keeps no store, from the records of this run.
void write_series(const Prepared& p, const RunOptions& o, const std::vector<std::unique_ptr<OutputSink>>& stores,
                  SeriesCollector& from_run, RunReport& report);

// The failure line of a run stopped by --max-errors.
std::string max_errors_line(std::size_t max_errors, std::size_t not_run);

}  // namespace reportlens
