// The `diff` corpus stage: pairs the reports of a run and writes one COMPARISON per pair,
// plus the HTML report and the terminal summary as side outputs. It is streamed: the host
// hands it the reports of one region at a time, ordered by the year they review (two
// consecutive reports for `pairs: chain`, the whole region for `pairs: base`), so memory is
// bounded by what one hand-over holds, not by the corpus.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "comparison.h"
#include "diff_words.h"
#include "metric_catalog.h"
#include "pairing.h"
#include "qualitative_rules.h"
#include "reportlens/stage.h"
#include "section_align.h"

namespace reportlens::diff {

struct DiffOptions {
  PairingOptions pairing;
  AlignOptions align;
  bool html = true;
  bool summary = true;
};

class DiffEngine {
 public:
  DiffEngine(MetricCatalog catalog, DiffWords words, DiffOptions options,
             QualitativeRules qualitative = {})
      : catalog_(std::move(catalog)), words_(std::move(words)), options_(std::move(options)),
        qualitative_(std::move(qualitative)) {}

  // Compares two documents (their views must outlive the result).
  Comparison compare(const DocView& base, const DocView& compare) const;

  // Everything the stage does over a whole corpus (inputs with roles): pairs, comparisons,
  // side outputs.
  void run(Corpus& corpus) const;

  // The streamed form (GroupedCorpusStage): begin, one call per hand-over, finish give the
  // same comparisons and side outputs as run() over the same documents without roles.
  Grouping grouping() const;
  GroupPlace place(const Document& document) const;
  void begin(Corpus& corpus) const;
  void run_group(const CorpusGroup& group, Corpus& corpus) const;
  void finish(Corpus& corpus) const;

  const MetricCatalog& catalog() const { return catalog_; }
  const DiffWords& words() const { return words_; }

 private:
  // Compares each pair, appending the comparisons and their HTML and summary parts.
  void compare_pairs(const std::vector<std::pair<const Document*, const Document*>>& pairs, Corpus& corpus) const;

  MetricCatalog catalog_;
  DiffWords words_;  // data/words.yaml, data/labels.yaml
  DiffOptions options_;
  QualitativeRules qualitative_;  // empty: qualitative targets are not looked for
  // Comparisons made since begin(), for "no pairs" at finish(). The host takes comparisons
  // out of the corpus as it goes, and makes corpus calls one at a time (stage.h).
  mutable std::size_t made_ = 0;
};

// Builds the engine from validated stage settings: loads data/directions.yaml and any
// extra `directions` files, data/qualitative_targets.yaml and any extra
// `qualitative_targets` files, data/words.yaml and data/labels.yaml, reads pairing and
// tolerance settings.
DiffEngine make_engine(const StageContext& context);

class DiffStage : public GroupedCorpusStage {
 public:
  explicit DiffStage(const StageContext& context) : engine_(make_engine(context)) {}
  Grouping grouping() const override { return engine_.grouping(); }
  GroupPlace place(const Document& document) const override { return engine_.place(document); }
  void begin(Corpus& corpus) const override { engine_.begin(corpus); }
  void process_group(const CorpusGroup& group, Corpus& corpus) const override { engine_.run_group(group, corpus); }
  void finish(Corpus& corpus) const override { engine_.finish(corpus); }
  // Roles (base=, compare=) pair across regions: that form keeps the whole corpus.
  void process(Corpus& corpus) const override { engine_.run(corpus); }

 private:
  DiffEngine engine_;
};

}  // namespace reportlens::diff
