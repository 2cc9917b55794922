#include "merge/batch_merge.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "merge/batch_merge_sqlite.h"
#include "plugins/plugin_registry.h"
#include "run/batch_signals.h"
#include "run/errors.h"
#include "output/output_sink.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// "I/N" -> (I, N); (0, 0) for anything else ("merged", "", a store of an older version).
std::pair<long long, long long> parse_shard(const std::string& shard) {
  long long i = 0, n = 0;
  char slash = 0, rest = 0;
  std::istringstream in(shard);
  if (!(in >> i >> slash >> n) || slash != '/' || (in >> rest) || i < 1 || n < 1 || i > n) return {0, 0};
  return {i, n};
}

// Why the inputs are not a complete set of finished shards, one phrase per problem (empty: fine).
std::vector<std::string> shard_set_gaps(const std::vector<fs::path>& inputs,
                                        const std::vector<std::unique_ptr<RecordReader>>& readers) {
  std::vector<std::string> gaps;
  std::set<long long> present;
  long long count = 0;
  for (std::size_t k = 0; k < readers.size(); ++k) {
    const std::optional<RunState> run = readers[k]->last_run();
    if (!run) continue;  // a store that keeps no record of its runs: nothing to check
    const std::string name = inputs[k].string();
    if (run->status == "running")
      gaps.push_back(name + ": its last run (started " + run->started_at + ") never finished (killed, or still running)");
    else if (run->status == "interrupted" || run->status == "stopped" || run->status == "partial")
      gaps.push_back(name + ": its last run was " + (run->status == "stopped" ? "stopped early" : run->status) +
                     (run->not_run > 0 ? " with " + std::to_string(run->not_run) + " document(s) not run" : ""));
    const auto [i, n] = parse_shard(run->shard);
    if (n == 0) continue;
    if (count != 0 && n != count) {
      gaps.push_back(name + " is shard " + run->shard + " but another input is of " + std::to_string(count) + " shards");
      continue;
    }
    count = n;
    present.insert(i);
  }
  std::string missing;
  for (long long i = 1; i <= count; ++i)
    if (!present.count(i)) missing += (missing.empty() ? "" : ",") + std::to_string(i);
  if (!missing.empty()) gaps.insert(gaps.begin(), "shard(s) " + missing + " of " + std::to_string(count) + " missing");
  return gaps;
}

std::string join_gaps(const std::vector<std::string>& gaps) {
  std::string all;
  for (const auto& g : gaps) all += (all.empty() ? "" : "; ") + g;
  return all;
}

// The projections of the pipeline that wrote the stores (SQLite tables and CSV columns), as
// its stages declare them: read from their plugins, found as `pipeline run` finds them.
ProjectionsPtr projections_of(const RunIdentity& identity) {
  std::vector<std::string> stages;
  for (const auto& s : identity.provenance.value("stages", Json::array()))
    if (s.is_object()) stages.push_back(s.value("use", ""));
  std::vector<Projection> all;
  if (stages.empty()) return std::make_shared<const Projections>();
  PluginRegistry registry;
  registry.discover_stages(PluginRegistry::search_path({}), stages);
  for (const auto& name : stages) {
    const StageHandle* h = registry.find_stage(name);
    if (h == nullptr)
      throw HostError(ExitCode::kPluginLoad, "merge: stage '" + name + "' of pipeline '" + identity.pipeline +
                                                 "' is not installed, so its table columns are unknown "
                                                 "(set REPORTLENS_PLUGIN_PATH, or merge into .jsonl)");
    for (const auto& p : h->projections)
      if (std::none_of(all.begin(), all.end(), [&](const Projection& q) { return q.type == p.type; })) all.push_back(p);
  }
  return std::make_shared<const Projections>(std::move(all));
}

}  // namespace

MergeReport merge_outputs(const fs::path& output, const std::vector<fs::path>& inputs, bool csv_bom,
                          bool allow_partial) {
  if (inputs.empty()) throw HostError(ExitCode::kUsage, "merge: no input stores given");
  const std::string format = format_for_extension(output);
  if (format != "sqlite" && format != "jsonl" && format != "csv")
    throw HostError(ExitCode::kUsage, output.string() + ": merge writes .sqlite, .jsonl or .csv");

  std::vector<std::unique_ptr<RecordReader>> readers;
  std::string hash;
  fs::path hash_from;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::equivalent(in, output, ec))
      throw HostError(ExitCode::kUsage, in.string() + ": an input cannot also be the merge output");
    auto reader = open_reader(in);
    const auto hashes = reader->pipeline_hashes();
    if (hashes.size() > 1)
      throw HostError(ExitCode::kUsage, in.string() + ": holds results of " + std::to_string(hashes.size()) +
                                            " pipeline versions; rerun it to completion first");
    if (!hashes.empty()) {
      if (hash.empty()) {
        hash = hashes[0];
        hash_from = in;
      } else if (hashes[0] != hash) {
        throw HostError(ExitCode::kUsage,
                        "refusing to merge different pipeline versions: " + hash_from.string() +
                            " has pipeline hash " + hash.substr(0, 12) + ", " + in.string() + " has " +
                            hashes[0].substr(0, 12) +
                            " (stages, settings or plugin versions differ; rerun the shards with one build)");
      }
    }
    readers.push_back(std::move(reader));
  }

  // Merging an incomplete set silently would pass for the whole corpus: refuse, or say so.
  MergeReport report;
  report.gaps = shard_set_gaps(inputs, readers);
  if (!report.gaps.empty() && !allow_partial)
    throw HostError(ExitCode::kIncomplete, "merge: incomplete shard set: " + join_gaps(report.gaps) +
                                               " (rerun those shards to completion, or --allow-partial)");
  for (const auto& g : report.gaps) spdlog::warn("merge: merging a partial set (--allow-partial): {}", g);

  RunIdentity identity = readers.front()->identity();
  identity.pipeline_hash = hash.empty() ? identity.pipeline_hash : hash;
  identity.shard = "merged";
  const std::string status = report.gaps.empty() ? "complete" : "partial";
  // OUT is written beside its target: interrupted, the temporary goes and OUT stays as it was.
  const InterruptGuard interrupts;
  // SQLite into SQLite: rows copied as they are, several times faster than records. The
  // readers are closed first: a read-only connection left open on an input would keep its
  // -wal/-shm files from being removed when the copy detaches it.
  readers.clear();
  if (auto copied = merge_sqlite_rows(output, inputs, identity, status)) {
    copied->gaps = std::move(report.gaps);
    return *copied;
  }
  for (const auto& in : inputs) readers.push_back(open_reader(in));
  SinkOptions options;
  options.fresh = true;
  options.csv_bom = csv_bom;
  if (format != "jsonl") options.projections = projections_of(identity);
  auto sink = make_sink(format, output, options);
  sink->open(identity);

  // k-way merge by (seq, id): each store is already in that order.
  std::vector<std::unique_ptr<RecordCursor>> cursors;
  std::vector<Json> heads(readers.size());
  std::vector<bool> live(readers.size());
  for (std::size_t i = 0; i < readers.size(); ++i) {
    cursors.push_back(readers[i]->cursor());
    live[i] = cursors[i]->next(heads[i]);
  }
  report.output = output;
  std::unordered_set<std::string> seen;
  // Records are written in batches: one transaction per batch, not per document.
  constexpr std::size_t kBatch = 64;
  std::vector<std::unique_ptr<RenderedRecord>> pending;
  const auto flush = [&] {
    throw_if_interrupted();
    std::vector<const RenderedRecord*> records;
    for (const auto& r : pending) records.push_back(r.get());
    if (!records.empty()) sink->append(records);
    pending.clear();
  };
  for (;;) {
    std::size_t best = readers.size();
    for (std::size_t i = 0; i < readers.size(); ++i) {
      if (!live[i]) continue;
      if (best == readers.size()) {
        best = i;
        continue;
      }
      const auto a = std::make_pair(heads[i].value("seq", 0LL), heads[i].value("id", ""));
      const auto b = std::make_pair(heads[best].value("seq", 0LL), heads[best].value("id", ""));
      if (a < b) best = i;
    }
    if (best == readers.size()) break;
    const std::string id = heads[best].value("id", "");
    if (seen.insert(id).second) {
      ++report.documents;
      if (heads[best].value("status", "") == "failed") ++report.failed;
      // A SQLite input keeps the document text, which a SQLite store takes along.
      pending.push_back(sink->render(heads[best], cursors[best]->document_text()));
      if (pending.size() == kBatch) flush();
    } else {
      ++report.duplicates;
      spdlog::warn("merge: document '{}' appears in more than one input; keeping the first", id);
    }
    live[best] = cursors[best]->next(heads[best]);
  }
  flush();
  sink->finish({{"documents", report.documents}, {"failed", report.failed}, {"skipped", 0},
                {"status", status}, {"not_run", 0}});
  return report;
}

}  // namespace reportlens
