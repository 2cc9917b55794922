#include "panel_stage.h"

#include <map>

#include "panel_writers.h"
#include "reportlens/report_meta.h"

namespace reportlens::panel {

std::vector<ReportLink> region_series(const Corpus& corpus) {
  // region -> report year -> the report kept for it
  std::map<std::string, std::map<int, const Document*>> by_region;
  for (const Document* d : corpus.documents) {
    const ReportMeta m = read_report_meta(*d);
    if (m.region.empty() || m.report_year <= 0) continue;
    const Document*& slot = by_region[m.region][m.report_year];
    if (!slot || (m.kind == "work_report" && read_report_meta(*slot).kind != "work_report")) slot = d;
  }
  std::vector<ReportLink> links;
  for (const auto& [region, years] : by_region) {
    std::map<const Document*, bool> has_previous;
    const std::size_t first = links.size();
    for (const auto& [year, doc] : years) {
      const ReportMeta m = read_report_meta(*doc);
      const int next = m.plan_year > year ? m.plan_year : year + 1;
      const auto it = years.find(next);
      links.push_back({doc, it == years.end() ? nullptr : it->second, false});
      if (it != years.end()) has_previous[it->second] = true;
    }
    for (std::size_t i = first; i < links.size(); ++i)
      links[i].first = !has_previous.count(links[i].report);
  }
  return links;
}

std::vector<PanelRow> corpus_rows(const Corpus& corpus, const PanelContext& context) {
  std::vector<PanelRow> rows;
  const auto append = [&](std::vector<PanelRow> more) {
    for (auto& r : more) rows.push_back(std::move(r));
  };
  for (const ReportLink& link : region_series(corpus)) {
    if (link.first) append(actual_rows(*link.report, context));
    if (link.next) append(panel_rows(*link.report, *link.next, context));
    else append(target_rows(*link.report, context));
  }
  return rows;
}

PanelStage::PanelStage(const StageContext& context)
    : context_(PanelContext::from_data_dir(context.data_dir)) {
  const Json& s = context.settings;
  for (const auto& f : s.value("catalogue", Json::array()))
    context_.load_catalogue(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("directions", Json::array()))
    context_.load_catalogue(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("panel_data", Json::array()))
    context_.load_panel_data(context.resolve(f.get<std::string>()));
  for (const auto& f : s.value("formats", Json::array({"csv", "jsonl", "sqlite"})))
    formats_.push_back(f.get<std::string>());
}

void PanelStage::process(Corpus& corpus) const {
  const std::vector<PanelRow> rows = corpus_rows(corpus, context_);
  for (const auto& f : formats_) {
    if (f == "csv") corpus.side_outputs["panel.csv"] = to_csv(rows);
    else if (f == "jsonl") corpus.side_outputs["panel.jsonl"] = to_jsonl(rows);
    else if (f == "sqlite") corpus.side_outputs["panel.sqlite"] = to_sqlite(rows);
  }
  std::size_t targets = 0, met = 0;
  for (const auto& r : rows) {
    targets += !r.target_text.empty();
    met += r.verdict == "met";
  }
  std::size_t pairs = 0;
  for (const auto& link : region_series(corpus)) pairs += link.next != nullptr;
  corpus.side_outputs["summary"] += "panel: " + std::to_string(pairs) + " report pairs, " +
                                    std::to_string(rows.size()) + " rows, " +
                                    std::to_string(targets) + " with a target (" +
                                    std::to_string(met) + " met)\n";
}

}  // namespace reportlens::panel
