// Verdicts for qualitative targets: from the later report's figures for the target's year
// where the relation can be computed (income growth against GDP growth, a growth sign),
// else from its wording before its own target paragraph (the review of the year).
#include <algorithm>

#include "number_text.h"
#include "qualitative_targets.h"

namespace reportlens::diff {
namespace {

constexpr std::size_t npos = std::string::npos;

bool ends_with(const std::string& s, const std::string& w) {
  return s.size() >= w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0;
}

struct Found {
  const IndicatorView* fact;
  double growth;
};

// Growth figures (percent) of the later report for `subject` and the year: same canonical
// name first, else every figure of the subject's group (城镇…, 农村…人均可支配收入).
std::vector<Found> growth_facts(const std::string& subject, int period, const DocView& compare,
                                const MetricCatalog& catalog, const QualitativeRules& rules) {
  std::vector<Found> exact, grouped;
  const std::string canon = catalog.canonical(subject);
  const SubjectGroup* group = rules.group_of(subject);
  for (const auto& v : compare.indicators) {
    if (v.period != period || (v.status != "actual" && v.status != "estimate")) continue;
    if (!v.growth.is_object() || v.growth.value("unit", "") != "percent") continue;
    if (!v.growth["value"].is_number()) continue;
    const Found f{&v, v.growth["value"].get<double>()};
    if (v.canonical == canon) exact.push_back(f);
    else if (group)
      for (const auto& e : group->metric_endings)
        if (ends_with(v.canonical, e) || ends_with(v.metric, e)) {
          grouped.push_back(f);
          break;
        }
  }
  return exact.empty() ? grouped : exact;
}

// met when every value passes, missed when none does, unclear when they disagree or are none.
template <class Pass>
std::string all_or_none(const std::vector<Found>& facts, Pass pass) {
  if (facts.empty()) return "unclear";
  const auto n = std::count_if(facts.begin(), facts.end(), [&](const Found& f) { return pass(f.growth); });
  return n == static_cast<long>(facts.size()) ? "met" : n == 0 ? "missed" : "unclear";
}

struct Decision {
  std::string verdict = "unclear", reason;
  Json figures = Json::array(), evidence = Json::array();
};

Json figure_entry(const DocView& view, const Found& f) {
  return {{"metric", f.fact->metric}, {"value", f.growth}, {"unit", "percent"},
          {"status", f.fact->status}, {"evidence", view.evidence(f.fact->begin, f.fact->end)}};
}

// From figures: in_step / faster compare two growths, decrease / increase read a sign.
bool decide_by_figures(const QualitativeStatement& st, int period, const DocView& compare,
                       const MetricCatalog& catalog, const QualitativeRules& rules, Decision& d) {
  const std::string& kind = st.kind->kind;
  const auto a = growth_facts(st.subject, period, compare, catalog, rules);
  if (a.empty()) return false;
  if (kind == "in_step" || kind == "faster") {
    const auto b = growth_facts(st.reference, period, compare, catalog, rules);
    if (b.empty()) return false;
    const double ref = b.front().growth, tol = st.kind->tolerance_points;
    d.verdict = kind == "in_step" ? all_or_none(a, [&](double x) { return x >= ref - tol; })
                                  : all_or_none(a, [&](double x) { return x > ref; });
    for (const auto& f : a) d.figures.push_back(figure_entry(compare, f));
    d.figures.push_back(figure_entry(compare, b.front()));
    d.reason = kind == "in_step" ? "growth of " + st.subject + " against " + st.reference +
                                       " (in step: not more than " + format_number(tol) +
                                       " points below)"
                                 : "growth of " + st.subject + " against " + st.reference;
    return true;
  }
  if (kind != "decrease" && kind != "increase") return false;
  d.verdict = kind == "decrease" ? all_or_none(a, [](double x) { return x < 0; })
                                 : all_or_none(a, [](double x) { return x > 0; });
  for (const auto& f : a) d.figures.push_back(figure_entry(compare, f));
  d.reason = "sign of the growth figure";
  return true;
}

// Names under which the later report may speak of the subject.
Words subject_words(const QualitativeStatement& st, const MetricCatalog& catalog,
                    const QualitativeRules& rules) {
  Words out;
  const auto add = [&](const std::string& w) {
    if (!w.empty() && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  };
  add(st.subject);
  if (const SubjectGroup* g = rules.group_of(st.subject))
    for (const auto& w : g->words) add(w);
  const std::string canon = catalog.canonical(st.subject);
  if (catalog.find(canon))
    for (const auto& w : catalog.names_of(canon)) add(w);
  if (st.kind->kind == "higher_level") {  // 节能减排和碳排放强度: each part on its own
    const Words& joins = rules.subject_joins;
    std::size_t start = 0;
    while (start < st.subject.size()) {
      std::size_t len = 0, at = find_any(st.subject, joins, start, &len);
      if (at == npos) at = st.subject.size();
      if (at - start >= 6) add(st.subject.substr(start, at - start));
      start = at + (len ? len : 1);
    }
  }
  return out;
}

// The first clause of the later report's review that names the subject and then says
// met or missed.
bool decide_by_words(const QualitativeStatement& st, const DocView& compare, std::size_t limit,
                     const MetricCatalog& catalog, const QualitativeRules& rules, Decision& d) {
  const QualitativeKind& k = *st.kind;
  const Words names = subject_words(st, catalog, rules);
  const std::string& text = compare.doc->text();
  for (const auto& [b, e] : clauses(text, 0, std::min(limit, text.size()), rules)) {
    const std::string c = text.substr(b, e - b);
    if (find_any(c, rules.span_words) != npos) continue;  // 五年累计下降: several years
    std::size_t at = 0;
    if (!names.empty() && (at = find_any(c, names)) == npos) continue;
    if (!k.scope_words.empty() && find_any(c, k.scope_words, at) == npos) continue;
    if (!k.context_words.empty() && find_any(c, k.context_words) == npos) continue;
    // 完成省下达的节能减排目标: for tasks set from above the verdict word comes first.
    if (k.kind == "higher_level") at = 0;
    std::string verdict;
    std::size_t wlen = 0;
    if (find_any(c, k.missed_words, at) != npos) verdict = "missed";
    else if (const auto m = find_any(c, k.met_words, at, &wlen); m != npos) {
      verdict = "met";
      for (const auto& n : rules.negations)
        if (m >= n.size() && c.compare(m - n.size(), n.size(), n) == 0) verdict = "missed";
    }
    if (verdict.empty()) continue;
    d.verdict = verdict;
    d.evidence.push_back(compare.evidence(b, e));
    d.reason = "stated in the later report";
    return true;
  }
  return false;
}

}  // namespace

Json check_qualitative_targets(const DocView& base, const DocView& compare,
                               const MetricCatalog& catalog, const QualitativeRules& rules) {
  Json out = Json::array();
  if (rules.empty()) return out;
  const int period = base.plan_year;
  if (period <= 0 || (compare.year > 0 && period > compare.year)) return out;
  // Evidence only from the later report's text before its own targets (its plans).
  const auto own = target_paragraphs(compare.doc->text(), rules);
  const std::size_t limit = own.empty() ? compare.doc->text().size() : own.front().first;
  // A gap in the series (no 2020 report): the later report reviews another year.
  const bool gap = compare.year > period;
  for (const auto& st : find_statements(base, rules)) {
    Decision d;
    const bool by_figures =
        !gap && decide_by_figures(st, period, compare, catalog, rules, d) && d.verdict != "unclear";
    if (gap)
      d.reason = "the later report reviews " + std::to_string(compare.year) + ", not " +
                 std::to_string(period) + " (a report is missing in between)";
    else if (!by_figures && !decide_by_words(st, compare, limit, catalog, rules, d))
      d.reason = d.figures.empty() ? "no statement in the later report"
                                   : "the figures disagree among themselves";
    Json e = {{"kind", "qualitative"},
              {"relation", st.kind->kind},
              {"statement", base.doc->text().substr(st.begin, st.end - st.begin)},
              {"subject", st.subject}};
    if (!st.reference.empty()) e["reference"] = st.reference;
    e["period"] = period;
    e["target"] = {{"doc", base.doc->id()}, {"period", period},
                   {"evidence", base.evidence(st.begin, st.end)}};
    e["actual"] = {{"doc", compare.doc->id()}, {"figures", d.figures}, {"evidence", d.evidence}};
    e["verdict"] = d.verdict;
    e["reason"] = d.reason;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace reportlens::diff
