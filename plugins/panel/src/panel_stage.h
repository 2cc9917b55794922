// The `panel` corpus stage: pairs each report with the next year's report of the same
// region (from the segment stage's metadata) and writes the rows of all pairs as side
// outputs <output>.panel.csv / .panel.jsonl / .panel.sqlite, and with the `charts` setting
// a folder of chart pages (panel_charts.h).
//
// It is streamed (GroupedCorpusStage): the host hands it the reports of one region at a
// time, ordered by year, and frees them after; the rows of a region are appended to the
// files at once. What lives across regions is the SQLite table being built (a temporary
// file), the counts of the summary and, for the charts, the rows without their evidence.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "panel_context.h"
#include "panel_row.h"
#include "panel_writers.h"
#include "reportlens/stage.h"

namespace reportlens::panel {

// A report and the next year's report of its region (nullptr when absent from the collection).
struct ReportLink {
  const Document* report = nullptr;
  const Document* next = nullptr;
  bool first = false;  // no report of the previous year: its own figures start the series
};

// The reports of one region (in (year, id) order, as the host hands a group over), each
// linked with the report reviewing the year it plans (its plan_year, else its report_year +
// 1). Reports without a year are left out. Of two reports of one year, the work report is
// kept, else the first. Ordered by year.
std::vector<ReportLink> region_links(const std::vector<const Document*>& reports);

// Every row of one region's reports: a pair's rows, a series' first figures, a series' last
// targets; in year order.
std::vector<PanelRow> region_rows(const std::vector<const Document*>& reports, const PanelContext& context);

class PanelStage : public GroupedCorpusStage {
 public:
  explicit PanelStage(const StageContext& context);
  ~PanelStage() override;

  // One group per region, ordered by report year; reports without a region or a year are
  // placed in "" and left out.
  Grouping grouping() const override;
  GroupPlace place(const Document& document) const override;
  void begin(Corpus& corpus) const override;
  void process_group(const CorpusGroup& group, Corpus& corpus) const override;
  void finish(Corpus& corpus) const override;

 private:
  bool writes(const char* format) const;

  PanelContext context_;
  std::vector<std::string> formats_;  // csv, jsonl, sqlite
  std::string charts_dir_;            // "" : no chart pages

  // Across the groups of one run (the host makes these calls one at a time, stage.h).
  struct RunState;
  mutable std::unique_ptr<RunState> run_;
};

}  // namespace reportlens::panel
