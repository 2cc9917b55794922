// The corpus stages of a run, over the documents the document pass spilled (corpus_spill.h).
//
// A grouped corpus stage (stage.h, GroupedCorpusStage) is streamed: the documents are
// arranged by the places the stage gave them during the document pass, and each hand-over
// (a group, or two consecutive documents of one) is loaded, handed over and freed, so memory
// is bounded by the largest hand-over. Any other corpus stage, and every stage when inputs
// carry roles (base=, compare=: they name documents across the whole run), gets the whole
// corpus at once, loaded once for all such stages.
//
// After each call what a stage left in corpus.comparisons is moved to a temporary file, and
// what it left in corpus.side_outputs is added to
// a temporary file beside the output and the string emptied; commit() renames those over
// their targets. "summary" is kept for the terminal instead.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "plugins/plugin_registry.h"
#include "run/corpus_spill.h"
#include "output/result_writer.h"
#include "run/errors.h"
#include "run/run_setup.h"
#include "util/atomic_file.h"

namespace reportlens {

class CorpusPass {
 public:
  CorpusPass(const Prepared& p, const std::vector<std::unique_ptr<StageInstance>>& stages, const CorpusSpill& spill)
      : p_(p), stages_(stages), spill_(spill), comparisons_file_(p.output.parent_path()) {}

  // Runs every corpus stage in order. A stage that throws is recorded in failures() and the
  // next one runs. Throws Interrupted between hand-overs when a signal came.
  void run();

  // The comparisons, in the order the stages made them, read back one at a time.
  void for_each_comparison(const std::function<void(const Json&)>& use) const;
  const std::vector<DocumentFailure>& failures() const { return failures_; }
  const std::string& summary() const { return summary_; }
  // Renames the side outputs over their targets; their paths, in suffix order.
  std::vector<std::filesystem::path> commit();

 private:
  void run_whole(const StageInstance& stage);
  void run_grouped(const StageInstance& stage, std::size_t slot);
  // Moves what the stages left in corpus_ (comparisons, side outputs) to the files.
  void drain();

  const Prepared& p_;
  const std::vector<std::unique_ptr<StageInstance>>& stages_;
  const CorpusSpill& spill_;
  Corpus corpus_;
  std::vector<std::unique_ptr<Document>> whole_;  // every document, once a whole-corpus stage needs them
  std::vector<DocumentFailure> failures_;
  std::string summary_;
  std::map<std::string, std::unique_ptr<AtomicFileWriter>> side_;
  SpillFile comparisons_file_;  // comparisons as JSON lines: they too grow with the corpus
  std::vector<std::pair<std::size_t, std::size_t>> comparison_lines_;  // offset, size
};

}  // namespace reportlens
