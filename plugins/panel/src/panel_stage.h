// The `panel` corpus stage: pairs each report with the next year's report of the same
// region (from the segment stage's metadata) and writes the rows of all pairs as side
// outputs <output>.panel.csv / .panel.jsonl / .panel.sqlite.
#pragma once

#include <string>
#include <vector>

#include "panel_context.h"
#include "panel_row.h"
#include "reportlens/stage.h"

namespace reportlens::panel {

// A report and the next year's report of its region (nullptr when absent from the collection).
struct ReportLink {
  const Document* report = nullptr;
  const Document* next = nullptr;
  bool first = false;  // no report of the previous year: its own figures start the series
};

// Per region, each report linked with the report reviewing the year it plans (its
// plan_year, else its report_year + 1). Reports without a region or a year are left out. Of
// two reports of one region and year, the work report is kept, else the first in input
// order. Ordered by region, then year.
std::vector<ReportLink> region_series(const Corpus& corpus);

// Every row: a pair's rows, a series' first figures, a series' last targets; in series order.
std::vector<PanelRow> corpus_rows(const Corpus& corpus, const PanelContext& context);

class PanelStage : public CorpusStage {
 public:
  explicit PanelStage(const StageContext& context);
  void process(Corpus& corpus) const override;

 private:
  PanelContext context_;
  std::vector<std::string> formats_;  // csv, jsonl, sqlite
};

}  // namespace reportlens::panel
