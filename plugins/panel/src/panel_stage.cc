#include "panel_stage.h"

#include <map>

#include "panel_chart_folder.h"
#include "panel_charts.h"
#include "reportlens/report_meta.h"

namespace reportlens::panel {

std::vector<ReportLink> region_links(const std::vector<const Document*>& reports) {
  std::map<int, const Document*> years;  // report year -> the report kept for it
  for (const Document* d : reports) {
    const ReportMeta m = read_report_meta(*d);
    if (m.report_year <= 0) continue;
    const Document*& slot = years[m.report_year];
    if (!slot || (m.kind == "work_report" && read_report_meta(*slot).kind != "work_report")) slot = d;
  }
  std::vector<ReportLink> links;
  std::map<const Document*, bool> has_previous;
  for (const auto& [year, doc] : years) {
    const ReportMeta m = read_report_meta(*doc);
    const int next = m.plan_year > year ? m.plan_year : year + 1;
    const auto it = years.find(next);
    links.push_back({doc, it == years.end() ? nullptr : it->second, false});
    if (it != years.end()) has_previous[it->second] = true;
  }
  for (ReportLink& link : links) link.first = !has_previous.count(link.report);
  return links;
}

std::vector<PanelRow> region_rows(const std::vector<const Document*>& reports, const PanelContext& context) {
  std::vector<PanelRow> rows;
  const auto append = [&](std::vector<PanelRow> more) {
    for (auto& r : more) rows.push_back(std::move(r));
  };
  for (const ReportLink& link : region_links(reports)) {
    if (link.first) append(actual_rows(*link.report, context));
    if (link.next) append(panel_rows(*link.report, *link.next, context));
    else append(target_rows(*link.report, context));
  }
  return rows;
}

struct PanelStage::RunState {
  std::unique_ptr<PanelDatabase> database;  // when sqlite is written
  std::vector<PanelRow> chart_rows;         // when charts are drawn: the rows without evidence
  std::size_t pairs = 0, rows = 0, targets = 0, met = 0;
};

PanelStage::PanelStage(const StageContext& context)
    : context_(PanelContext::from_data_dir(context.data_dir)) {
  const Json& s = context.settings;
  for (const auto& f : s.value("catalogue", Json::array()))
    context_.load_catalogue(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("directions", Json::array()))
    context_.load_catalogue(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("qualitative_targets", Json::array()))
    context_.load_qualitative(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("panel_data", Json::array()))
    context_.load_panel_data(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("formats", Json::array({"csv", "jsonl", "sqlite"})))
    formats_.push_back(f.get<std::string>());
  const std::string charts = s.value("charts", std::string());
  if (!charts.empty()) charts_dir_ = context.resolve(charts).string();
}

PanelStage::~PanelStage() = default;

bool PanelStage::writes(const char* format) const {
  for (const auto& f : formats_)
    if (f == format) return true;
  return false;
}

Grouping PanelStage::grouping() const {
  Grouping g;
  g.handover = Grouping::Handover::kGroup;  // a report links to its plan year's, not always the next one's
  g.unknown_joins_single = false;           // a report of no region is in no series
  return g;
}

GroupPlace PanelStage::place(const Document& document) const {
  const ReportMeta m = read_report_meta(document);
  if (m.region.empty() || m.report_year <= 0) return {};
  return {m.region, m.report_year};
}

void PanelStage::begin(Corpus& corpus) const {
  run_ = std::make_unique<RunState>();
  if (writes("sqlite")) run_->database = std::make_unique<PanelDatabase>();
  // Every file exists even when no region has a row.
  if (writes("csv")) corpus.side_outputs["panel.csv"] += csv_header();
  if (writes("jsonl")) corpus.side_outputs["panel.jsonl"] += "";
}

void PanelStage::process_group(const CorpusGroup& group, Corpus& corpus) const {
  if (group.key.empty()) return;
  const std::vector<PanelRow> rows = region_rows(group.documents, context_);
  if (writes("csv")) corpus.side_outputs["panel.csv"] += csv_lines(rows);
  if (writes("jsonl")) corpus.side_outputs["panel.jsonl"] += to_jsonl(rows);
  if (run_->database) run_->database->add(rows);
  for (const auto& link : region_links(group.documents)) run_->pairs += link.next != nullptr;
  for (const auto& r : rows) {
    ++run_->rows;
    run_->targets += !r.target_text.empty();
    run_->met += r.verdict == "met";
    if (charts_dir_.empty()) continue;
    PanelRow slim = r;  // the charts show figures and verdicts, not the sentences
    slim.target_evidence.clear();
    slim.actual_evidence.clear();
    run_->chart_rows.push_back(std::move(slim));
  }
}

void PanelStage::finish(Corpus& corpus) const {
  if (run_->database) corpus.side_outputs["panel.sqlite"] = run_->database->finish();
  std::string charts;
  if (!charts_dir_.empty()) {
    const ChartFiles files = render_panel_charts(run_->chart_rows, context_.words().labels);
    publish_chart_folder(charts_dir_, files);
    charts = ", " + std::to_string(files.size()) + " chart pages in " + charts_dir_;
  }
  corpus.side_outputs["summary"] += "panel: " + std::to_string(run_->pairs) + " report pairs, " +
                                    std::to_string(run_->rows) + " rows, " +
                                    std::to_string(run_->targets) + " with a target (" +
                                    std::to_string(run_->met) + " met)" + charts + "\n";
  run_.reset();
}

}  // namespace reportlens::panel
