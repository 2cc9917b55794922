// Result stores a batch run writes into: JSON Lines, SQLite, CSV (and the series report).
//
// Every store receives the same thing, one DocumentRecord per input, in input order. A
// record is the contract's DOCUMENT object (../shared/spec/output-format.md) plus the
// bookkeeping that makes runs resumable:
//   pipeline_hash  what produced it (stages, settings, plugin versions; see batch_identity.h)
//   result_key     sha256(pipeline_hash ":" input sha256): equal key, equal result
//   seq            the input's position in the full (unsharded) input list
//   status         "ok" or "failed"; a failed record carries "error": {stage, message, exit_code}
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "output/table_projection.h"
#include "reportlens/document.h"

namespace reportlens {

// What a run (or a merge) is: written into every store so results can be traced and
// stores from different pipeline versions are never mixed silently.
struct RunIdentity {
  std::string pipeline;       // the pipeline's name
  std::string pipeline_hash;  // see batch_identity.h
  Json provenance = Json::object();
  std::string shard;          // "i/N", "merged" or ""
};

// A store's record of one finished document, enough to decide whether to skip it.
struct DoneEntry {
  std::string result_key;
  bool failed = false;
  int exit_code = 0;  // of a failed document (3 input, 5 stage)
};
using DoneMap = std::unordered_map<std::string, DoneEntry>;

// Settings shared by the stores.
struct SinkOptions {
  bool csv_bom = false;  // start CSV files with a UTF-8 BOM (Excel)
  // true: the store is rebuilt from scratch (written beside the target, renamed over it at
  // finish), used when corpus stages need every document anyway and for merges.
  bool fresh = false;
  // How the pipeline's annotation types become table columns (SQLite tables, CSV columns);
  // none: only the store's own tables and columns.
  ProjectionsPtr projections;
};

// A record in the form one store appends it (a JSON line, CSV rows, SQLite row values),
// made by that store's OutputSink::render().
class RenderedRecord {
 public:
  virtual ~RenderedRecord() = default;
};

// A store. Writing a record is split in two so that runs scale with -j: render() does the
// work (printing, converting attrs, computing columns) on the worker thread that processed
// the document, append() only adds finished records to the store, in input order.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Opens (creating or repairing) the store and returns what it already holds for this
  // pipeline_hash, keyed by document id. Results of another pipeline version are dropped
  // from the store (they will be recomputed).
  virtual DoneMap open(const RunIdentity& run) = 0;
  // The record in this store's form. `document_text`: the document's text when known (the
  // SQLite store keeps it once and stores long spans as offsets into it; the others ignore
  // it). Thread-safe: reads only the store's settings, never its state.
  virtual std::unique_ptr<RenderedRecord> render(const Json& record,
                                                 const std::string* document_text = nullptr) const = 0;
  // The same for a processed document, whose record is `head` (the bookkeeping keys, in
  // order) followed by document_to_json(document). This default builds that record; a store
  // that can write straight from the document overrides it (same result, no tree).
  virtual std::unique_ptr<RenderedRecord> render_document(const Json& head, const Document& document) const;
  // A record this store rendered, as bytes, and the record again from them: how a worker
  // process (isolation) hands over a record it rendered completely, so that the parent only
  // copies it. pack() gives "" when the store cannot (the parent then renders the record).
  virtual std::string pack(const RenderedRecord& /*record*/) const { return {}; }
  virtual std::unique_ptr<RenderedRecord> unpack(const std::string& bytes) const;
  // The same for a record (or bytes) no longer needed after the call: a store may reuse its
  // memory instead of copying it, so that a large document's record is never held twice.
  virtual std::string pack_owned(std::unique_ptr<RenderedRecord> record) const { return pack(*record); }
  virtual std::unique_ptr<RenderedRecord> unpack_owned(std::string&& bytes) const { return unpack(bytes); }
  // Appends records rendered by this store's render(), in input order, durably enough that a
  // killed process keeps them.
  virtual void append(const std::vector<const RenderedRecord*>& records) = 0;
  // render() and append() on the calling thread.
  void write(const std::vector<const Json*>& records);
  virtual void write_comparisons(const Json& /*comparisons*/) {}
  // More comparisons after those written (a run that streams them), in one transaction.
  virtual void append_comparisons(const Json& /*comparisons*/) {}
  // Completes the store (counts, compaction, rename). `summary` has documents/failed/skipped.
  virtual void finish(const Json& summary) = 0;
  virtual std::filesystem::path path() const = 0;
};

// The format a path's extension names (json, jsonl, sqlite, csv) or "" if none.
std::string format_for_extension(const std::filesystem::path& path);
// The problem with an output path whose extension names no format (results.parquet), or
// empty: such a path would silently get a .json beside it.
std::string unsupported_output_extension(const std::filesystem::path& path);
// `base` with the extension of `format` (sqlite -> .sqlite, series -> .series directory).
std::filesystem::path path_for_format(const std::filesystem::path& base, const std::string& format);

// Creates the store for `format` (jsonl, sqlite, csv) at `path`; nullptr if not a store.
std::unique_ptr<OutputSink> make_sink(const std::string& format, const std::filesystem::path& path,
                                      const SinkOptions& options);

// Reads the records of a store (jsonl or sqlite) one at a time, in (seq, id) order,
// without holding them all: used by `pipeline merge` and the series report.
class RecordCursor {
 public:
  virtual ~RecordCursor() = default;
  // The next record, or false at the end.
  virtual bool next(Json& record) = 0;
  // The document text of the record last returned by next(), if the store keeps it (SQLite).
  virtual const std::string* document_text() const { return nullptr; }
};

// How the last run (or merge) that wrote into a store ended, as its `runs` row (SQLite) or
// run log (JSON Lines) says: what `pipeline merge` checks before trusting a shard.
struct RunState {
  std::string shard;    // "I/N", "merged" or ""
  std::string status;   // complete, interrupted (signal), stopped (--max-errors), running (no end recorded)
  long long not_run = 0;  // documents of its input set left for the next run
  std::string started_at;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  virtual const RunIdentity& identity() const = 0;
  // The last run's state, or nothing when the store keeps no record of its runs.
  virtual std::optional<RunState> last_run() const { return std::nullopt; }
  // Every pipeline_hash found in the store (a store from one run has exactly one).
  virtual std::vector<std::string> pipeline_hashes() const = 0;
  virtual std::unique_ptr<RecordCursor> cursor() const = 0;
  // Calls `fn` for each record, in (seq, id) order.
  void for_each(const std::function<void(const Json&)>& fn) const {
    auto c = cursor();
    Json r;
    while (c->next(r)) fn(r);
  }
};
std::unique_ptr<RecordReader> open_reader(const std::filesystem::path& path);

}  // namespace reportlens
