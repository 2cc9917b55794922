// The rows of one (earlier, later) report pair: the diff's target check for the year the
// later report reviews (figures and qualitative targets), restricted to catalogue indicators
// and laid out one row per (indicator, measure), plus the later report's own figures for
// indicators without a target.
#include <algorithm>
#include <cmath>

#include "comparison.h"
#include "doc_view.h"
#include "panel_context.h"
#include "panel_row.h"
#include "qualitative_targets.h"
#include "reportlens/report_meta.h"
#include "target_check.h"

namespace reportlens::panel {
namespace {

std::string text_of(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string evidence_text(const Json& figure) {
  const auto it = figure.find("evidence");
  return it != figure.end() && it->is_object() ? text_of(*it, "text") : std::string();
}

// growth | level | rate of a figure, or "" when the indicator is not reported in it.
// Growth and rates are both percentages: an indicator reported in only one of them takes
// that name for the other (a CPI 涨幅 written as a level of 3%).
std::string measure_of(const catalogue::Indicator& ind, bool growth, const std::string& unit) {
  const bool percent = unit == "percent" || unit == "percentage_point";
  std::string m = growth ? "growth" : percent ? "rate" : "level";
  if (ind.has_measure(m)) return m;
  if (m == "growth" && ind.has_measure("rate") && !ind.has_measure("growth")) return "rate";
  if (m == "rate" && ind.has_measure("growth") && !ind.has_measure("rate")) return "growth";
  return "";
}

// A value in base unit `unit` shown in the row's unit: growth and rates by the base unit's
// label (%); a level in the indicator's display unit when it converts (亿元 for CNY, 万吨 for
// 斤), else in the unit of its own base at the same scale (亿美元 for a USD figure of an
// indicator shown in 亿元). A level in a unit of neither (7个季度 of GDP) is not the indicator's
// level: nullopt. An indicator without a display unit shows the base unit's label.
struct Display {
  std::string unit;
  double factor = 1;  // display value = base value / factor
};
std::optional<Display> display_for(const PanelContext& ctx, const catalogue::Indicator& ind,
                                   const std::string& measure, const std::string& base_unit) {
  const auto& vocab = ctx.vocabulary();
  if (measure != "level" || ind.unit.empty()) return Display{ctx.unit_label(base_unit), 1};
  const catalogue::Unit* from = vocab.unit(base_unit);
  const catalogue::Unit* to = vocab.unit(ind.unit);
  if (!from || !to) return std::nullopt;
  if (from->base == to->base) return Display{ind.unit, to->factor / from->factor};
  const std::string scaled = vocab.same_scale(from->base, ind.unit);
  if (scaled.empty()) return std::nullopt;
  return Display{scaled, vocab.unit(scaled)->factor / from->factor};
}

// Rounded to 6 decimals so that 120020000000 CNY reads 1200.2 亿元, not 1200.2000000000001.
std::optional<double> shown(const Json& v, const Display& d) {
  if (!v.is_number()) return std::nullopt;
  return std::round(v.get<double>() / d.factor * 1e6) / 1e6;
}

// A qualifier that makes a figure a bound rather than the value (more than, at most …).
bool is_bound(const std::string& qualifier) {
  return qualifier == ">" || qualifier == ">=" || qualifier == "<" || qualifier == "<=";
}

class RowSet {
 public:
  RowSet(const PanelContext& ctx, std::string region, int year)
      : ctx_(ctx), region_(std::move(region)), year_(year) {}

  void add_target(const Json& entry);
  void add_qualitative(const Json& entry);
  void add_later_figures(const diff::DocView& later);
  std::vector<PanelRow> rows() &&;

 private:
  PanelRow* find(const std::string& indicator, const std::string& measure);
  PanelRow& make(const catalogue::Indicator& ind, const std::string& measure, const Display& d);
  void add_figure(const diff::DocView& later, const diff::IndicatorView& v,
                  const catalogue::Indicator& ind, bool growth);

  const PanelContext& ctx_;
  std::string region_;
  int year_ = 0;
  std::vector<PanelRow> rows_;
};

PanelRow* RowSet::find(const std::string& indicator, const std::string& measure) {
  for (auto& r : rows_)
    if (r.indicator == indicator && r.measure == measure) return &r;
  return nullptr;
}

PanelRow& RowSet::make(const catalogue::Indicator& ind, const std::string& measure, const Display& d) {
  PanelRow r;
  r.region = region_;
  r.region_level = ctx_.region_level(region_);
  r.year = year_;
  r.indicator = ind.name;
  r.measure = measure;
  r.unit = d.unit;
  r.direction = ind.direction;
  rows_.push_back(std::move(r));
  return rows_.back();
}

void RowSet::add_target(const Json& entry) {
  const catalogue::Indicator* ind = ctx_.vocabulary().find(text_of(entry, "canonical"));
  const Json& t = entry["target"];
  if (!ind || t.value("period", 0) != year_) return;
  const std::string unit = text_of(t, "unit");
  const std::string measure = measure_of(*ind, text_of(t, "measure") == "growth", unit);
  if (measure.empty()) return;
  const Json& a = entry.value("actual", Json::object());
  PanelRow* existing = find(ind->name, measure);
  // The first target stated wins, unless only a later statement of it has an actual.
  const bool has_actual = a.is_object() && a.value("value", Json()).is_number();
  if (existing && (existing->actual_value.has_value() || !has_actual)) return;
  if (existing) rows_.erase(rows_.begin() + (existing - rows_.data()));
  const auto display = display_for(ctx_, *ind, measure, unit);
  if (!display) return;
  const Display& d = *display;
  PanelRow& r = make(*ind, measure, d);
  const Json& tv = t["value"];
  if (tv.is_array() && tv.size() == 2) r.target_value = shown(tv[0], d), r.target_high = shown(tv[1], d);
  else r.target_value = shown(tv, d);
  r.target_qualifier = text_of(t, "qualifier");
  r.target_text = ctx_.words().labels.figure(tv, t["unit"], t["qualifier"]);
  r.target_doc = text_of(t, "doc");
  r.target_evidence = evidence_text(t);
  r.direction = text_of(entry, "direction");
  r.verdict = text_of(entry, "verdict");
  // The actual counts only in the target's unit and, for a level, within the plausible
  // range of the target: a five-year total is never a one-year actual.
  if (!a.is_object() || text_of(a, "unit") != unit) return;
  const diff::Figure tf{tv, unit, t["qualifier"], measure == "growth"};
  const diff::Figure af{a["value"], unit, a["qualifier"], measure == "growth"};
  if (a["value"].is_number() && !diff::plausible_pair(tf, af)) return;
  r.actual_value = shown(a["value"], d);
  r.actual_qualifier = text_of(a, "qualifier");
  r.actual_doc = text_of(a, "doc");
  r.actual_evidence = evidence_text(a);
}

// A target without a figure that the diff settled (kind: qualitative) whose subject is a
// catalogue indicator (单位地区生产总值能耗下降, 粮食产量保持稳定): a row of measure
// "qualitative", the relation (decrease, balanced, in_step …) as its qualifier, the statement
// as its text, no values. The first statement of an indicator wins.
void RowSet::add_qualitative(const Json& entry) {
  const catalogue::Indicator* ind = ctx_.vocabulary().find(text_of(entry, "subject"));
  if (!ind || entry.value("period", 0) != year_ || find(ind->name, "qualitative")) return;
  PanelRow& r = make(*ind, "qualitative", Display{});
  r.target_qualifier = text_of(entry, "relation");
  r.target_text = text_of(entry, "statement");
  r.verdict = text_of(entry, "verdict");
  const Json& t = entry.value("target", Json::object());
  r.target_doc = text_of(t, "doc");
  r.target_evidence = evidence_text(t);
  const Json& a = entry.value("actual", Json::object());
  r.actual_doc = text_of(a, "doc");
  // The sentences the verdict was read from (a decision by figures names the figures').
  const Json& said = a.value("evidence", Json::array());
  const Json& figures = a.value("figures", Json::array());
  for (const Json& e : said.empty() ? figures : said) {
    const std::string text = said.empty() ? evidence_text(e) : text_of(e, "text");
    if (text.empty()) continue;
    r.actual_evidence += (r.actual_evidence.empty() ? "" : " / ") + text;
  }
  if (r.actual_evidence.empty()) r.actual_doc.clear();
}

// The later report's own figure for its year: fills the estimate column (预计), and the
// actual of an indicator no target was set for.
void RowSet::add_figure(const diff::DocView& later, const diff::IndicatorView& v,
                        const catalogue::Indicator& ind, bool growth) {
  const Json& part = growth ? v.growth : v.level;
  if (!part.is_object() || !part.value("value", Json()).is_number()) return;
  const std::string unit = part.value("unit", std::string());
  const std::string measure = measure_of(ind, growth, unit);
  if (measure.empty()) return;
  const auto display = display_for(ctx_, ind, measure, unit);
  if (!display) return;
  const Display& d = *display;
  PanelRow* r = find(ind.name, measure);
  if (!r) r = &make(ind, measure, d);
  if (r->unit != d.unit) return;  // a figure that does not convert to the row's unit
  const bool estimate = v.status == "estimate";
  if (estimate && !r->estimate_value) r->estimate_value = shown(part["value"], d);
  if (!r->target_text.empty()) return;  // a target row keeps the diff's actual
  const std::string qualifier = v.qualifier.is_string() ? v.qualifier.get<std::string>() : "";
  // The first figure wins, except that a bound (突破4000亿元: ">") gives way to an exact figure
  // of the same report (达到4522.3亿元): a milestone is only the level's floor.
  const bool bound_replaced = r->actual_value && is_bound(r->actual_qualifier) && qualifier.empty();
  if (r->actual_value && !bound_replaced) return;
  r->actual_value = shown(part["value"], d);
  r->actual_qualifier = qualifier;
  r->actual_doc = later.doc->id();
  r->actual_evidence = later.evidence(v.begin, v.end).value("text", std::string());
}

void RowSet::add_later_figures(const diff::DocView& later) {
  for (const diff::IndicatorView& v : later.indicators) {
    if (v.period != year_ || (v.status != "actual" && v.status != "estimate")) continue;
    if (!v.region.empty() && v.region != region_) continue;  // a figure of another region
    const catalogue::Indicator* ind = ctx_.vocabulary().find(v.canonical);
    if (!ind) continue;
    add_figure(later, v, *ind, true);
    add_figure(later, v, *ind, false);
  }
}

std::vector<PanelRow> RowSet::rows() && {
  // Catalogue order, then growth, level, rate: the same order for every pair.
  const auto& list = ctx_.vocabulary().indicators();
  const auto rank = [&](const PanelRow& r) {
    const auto at = std::find_if(list.begin(), list.end(), [&](const auto& i) { return i.name == r.indicator; });
    const int m = r.measure == "growth" ? 0 : r.measure == "level" ? 1 : r.measure == "rate" ? 2 : 3;
    return std::pair<long, int>(at - list.begin(), m);
  };
  std::stable_sort(rows_.begin(), rows_.end(),
                   [&](const PanelRow& a, const PanelRow& b) { return rank(a) < rank(b); });
  return std::move(rows_);
}

// The target entries of a report whose next report is absent: the diff's target figure and
// direction, no actual and no verdict.
Json unchecked_targets(const diff::DocView& v, const diff::MetricCatalog& catalog) {
  Json out = Json::array();
  for (const diff::IndicatorView& t : v.indicators) {
    if (t.status != "target" || t.period != v.plan_year) continue;
    const auto f = diff::figure_of(t);
    if (!f) continue;
    Json target = {{"doc", v.doc->id()}, {"period", t.period}, {"value", f->value}, {"unit", f->unit},
                   {"qualifier", f->qualifier}, {"measure", f->is_growth ? "growth" : "level"},
                   {"evidence", v.evidence(t.begin, t.end)}};
    out.push_back({{"canonical", t.canonical}, {"target", std::move(target)},
                   {"direction", diff::direction_for(catalog, t.canonical, t.qualifier, &*f)},
                   {"verdict", ""}});
  }
  return out;
}

}  // namespace

std::vector<PanelRow> panel_rows(const Document& earlier, const Document& later,
                                 const PanelContext& context) {
  const diff::DocView e(earlier, context.catalog(), context.words());
  const diff::DocView l(later, context.catalog(), context.words());
  if (l.year <= 0) return {};
  RowSet rows(context, read_report_meta(later).region, l.year);
  for (const Json& entry : diff::check_targets(e, l, context.catalog())) rows.add_target(entry);
  for (const Json& entry : diff::check_qualitative_targets(e, l, context.catalog(), context.qualitative()))
    rows.add_qualitative(entry);
  rows.add_later_figures(l);
  return std::move(rows).rows();
}

std::vector<PanelRow> target_rows(const Document& earlier, const PanelContext& context) {
  const diff::DocView e(earlier, context.catalog(), context.words());
  if (e.plan_year <= 0) return {};
  RowSet rows(context, read_report_meta(earlier).region, e.plan_year);
  for (const Json& entry : unchecked_targets(e, context.catalog())) rows.add_target(entry);
  return std::move(rows).rows();
}

std::vector<PanelRow> actual_rows(const Document& later, const PanelContext& context) {
  const diff::DocView l(later, context.catalog(), context.words());
  if (l.year <= 0) return {};
  RowSet rows(context, read_report_meta(later).region, l.year);
  rows.add_later_figures(l);
  return std::move(rows).rows();
}

}  // namespace reportlens::panel
