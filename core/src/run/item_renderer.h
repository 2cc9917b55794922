// Renders a processed document into what the writer appends (StreamItem), in the worker
// thread, or in a worker process (isolation) whose answer the thread turns into the same.
// For pipelines with corpus stages it also renders the document for the corpus pass: its
// spill line and its place in each grouped corpus stage (run/corpus_spill.h).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "output/output_sink.h"
#include "plugins/plugin_registry.h"
#include "run/batch_stream.h"
#include "run/batch_worker.h"
#include "run/document_processor.h"

namespace reportlens {

struct ItemRenderer {
  const std::string& pipeline_hash;
  bool json;                 // the JSON result is written
  bool series_from_records;  // the series report comes from the records
  const std::vector<std::unique_ptr<OutputSink>>& stores;
  bool spill;                // the corpus stages need the document (pipelines with corpus stages)
  const std::vector<const StageInstance*>& grouped;  // grouped corpus stages: place() each document
  const Projections& projections;  // the series report's statements come through them

  // A document that finished its stages. False (failure set, document dropped) when what the
  // stages made cannot be written, e.g. a string that is not UTF-8: that document fails alone.
  bool render_ok(const ResolvedInput& in, std::size_t seq, Processed& processed, StreamItem& item) const;

  // A failed document's record (its failure is set).
  void render_failed(const ResolvedInput& in, std::size_t seq, const Processed& processed, StreamItem& item) const;

  // Runs the document in a worker process. True when the item is complete (an ok document,
  // or one stopped by an interruption: item.interrupted); false with the failure set (the
  // stage's, or the worker's death or limit).
  bool run_isolated(const DocumentProcessor& processor, const ResolvedInput& in, std::size_t seq,
                    const std::string& bytes, Processed& processed, const WorkerLimits& limits,
                    StreamItem& item) const;

 private:
  // The worker's side: runs the stages and answers "ok" with the rendered texts, or
  // "failed" with stage, message and exit code.
  void work(WorkerChannel& channel, const DocumentProcessor& processor, const ResolvedInput& in,
            std::size_t seq, const std::string& bytes, Processed& processed) const;
  // The worker's side of run_isolated(): the document from a request, then work().
  void serve(WorkerChannel& channel, const DocumentProcessor& processor, const std::vector<std::string>& request) const;
  // In the worker process: the document's record rendered by each store and packed
  // (OutputSink::pack), or nothing when a store cannot pack or the record itself is needed.
  std::vector<std::string> pack_for_stores(std::size_t seq, const Processed& processed) const;
  // The spill line and places of an ok document into `item` (throws what they cannot render).
  void render_for_corpus(const Document& document, StreamItem& item) const;
  static void fail_unwritable(const ResolvedInput& in, Processed& processed, StreamItem& item, const std::string& why);
};

}  // namespace reportlens
