// The `diff` corpus stage: pairs the reports of a run and writes one COMPARISON per pair,
// plus the HTML report and the terminal summary as side outputs.
#pragma once

#include <memory>
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

  // Everything the stage does: pairs, comparisons, side outputs.
  void run(Corpus& corpus) const;

  const MetricCatalog& catalog() const { return catalog_; }
  const DiffWords& words() const { return words_; }

 private:
  MetricCatalog catalog_;
  DiffWords words_;  // data/words.yaml, data/labels.yaml
  DiffOptions options_;
  QualitativeRules qualitative_;  // empty: qualitative targets are not looked for
};

// Builds the engine from validated stage settings: loads data/directions.yaml and any
// extra `directions` files, data/qualitative_targets.yaml and any extra
// `qualitative_targets` files, data/words.yaml and data/labels.yaml, reads pairing and
// tolerance settings.
DiffEngine make_engine(const StageContext& context);

class DiffStage : public CorpusStage {
 public:
  explicit DiffStage(const StageContext& context) : engine_(make_engine(context)) {}
  void process(Corpus& corpus) const override { engine_.run(corpus); }

 private:
  DiffEngine engine_;
};

}  // namespace reportlens::diff
