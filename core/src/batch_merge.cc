#include "batch_merge.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <unordered_set>

#include "batch_signals.h"
#include "errors.h"
#include "output_sink.h"

namespace reportlens {
namespace fs = std::filesystem;

MergeReport merge_outputs(const fs::path& output, const std::vector<fs::path>& inputs, bool csv_bom) {
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

  RunIdentity identity = readers.front()->identity();
  identity.pipeline_hash = hash.empty() ? identity.pipeline_hash : hash;
  identity.shard = "merged";
  // OUT is written beside its target: interrupted, the temporary goes and OUT stays as it was.
  const InterruptGuard interrupts;
  SinkOptions options;
  options.fresh = true;
  options.csv_bom = csv_bom;
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
  MergeReport report;
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
  sink->finish({{"documents", report.documents}, {"failed", report.failed}, {"skipped", 0}});
  return report;
}

}  // namespace reportlens
