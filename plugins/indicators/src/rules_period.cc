// Rules that give a fact its status (actual, estimate, target) and period, place it in a
// planned span, and merge a bare figure into the fact it completes.
#include <algorithm>

#include "reader_words.h"
#include "reading.h"

namespace reportlens::indicators {

// The section's scope and the cues before the figure set the status; an explicit year (到2020年,
// 由2002年7703元) or a from-to pair sets the period; the part of the year named last before the
// figure (前三季度) is its partial period.
Step status_and_period(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  const SentenceContext& context = r.context;
  NumberState& n = r.n;
  SentenceState& s = r.s;
  n.status = "actual";
  n.period = context.report_year;
  if (context.scope == Scope::kPlan && !context.review_paragraph) {
    n.status = "target";
    n.period = context.plan_year;
  }
  if (r.frame.sentence_target_at != npos && r.frame.sentence_target_at < q.begin && !context.review_paragraph) {
    n.status = "target";
    n.period = context.plan_year;
  }
  const WordList& cues = context.scope == Scope::kReview || context.review_paragraph ? lex.review_target_cues
                                                                                      : lex.target_cues;
  if (n.status != "target" && s.target_cues.occurs(cues, r.text, n.clause.begin, q.begin)) n.status = "target";
  if (n.status != "target" && ((r.frame.estimate_at != npos && r.frame.estimate_at <= q.begin) ||
                               s.estimate_cues.occurs(lex.estimate_cues, r.text, n.clause.begin, q.begin)))
    n.status = "estimate";
  for (const auto& cue : r.frame.year_cues)
    if (cue.at <= q.begin) {
      n.period = cue.year;
      n.dated = true;
    }
  if (n.status == "actual" && n.period > context.report_year && context.report_year != 0) n.status = "target";
  for (const auto& mark : r.frame.partials)
    if (mark.at < q.begin) n.partial = mark.label;
  // (从一季度的10.4%收窄至前三季度的2.2%: both ends are of the same year)
  if (n.is_from && n.partial.empty()) n.period = context.multi_year ? context.report_year - 5 : n.period - 1;
  if (n.from_to_end && context.multi_year) n.period = context.report_year;
  // A from-to pair without years written next to one with them (由2002年A增加到2007年B，C由x增加到y)
  // shares its years.
  if (n.figure_year == 0 && n.is_from) n.figure_year = s.from_year;
  if (n.figure_year == 0 && n.from_to_end) n.figure_year = s.to_year;
  if (n.figure_year != 0) {
    n.period = n.figure_year;
    n.dated = true;
    if (n.is_from) s.from_year = n.figure_year;
    else if (n.from_to_end) s.to_year = n.figure_year;
    if (n.status == "actual" && n.period > context.report_year && context.report_year != 0) n.status = "target";
  }
  return Step::next();
}

// A planned span (“十二五”时期, 今后五年): a level reached (达到, 提高到, 超过, a rate) is the state at
// the span's end; a change, a yearly average or a sum over the span (五年新增就业, 改造2000万套,
// 增加6亿立方米) belongs to the whole span; 保持在/控制在/稳定在 hold every year of it.
Step plan_span(Reading& r) {
  NumberState& n = r.n;
  if (n.span.empty()) return Step::next();
  const Lexicon& lex = r.lex;
  n.status = "target";
  const bool reached = n.saw_to || lex.reach_words.find_first(n.left) != npos;
  const bool held = lex.hold_words.find_first(n.left) != npos;
  // (三年内普及率提高到95%: reached at the end, although written with a duration)
  const bool over_span = n.growth || n.average || n.absolute_change || !n.change_of.empty() ||
                         (n.over_years && !reached) || held || lex.cumulative_words.find_first(n.left) != npos;
  if (n.dated && !(over_span && n.period == n.span.last)) {
  } else if (n.is_from) {
    n.period = n.span.first - 1;
  } else if (n.from_to_end || (!over_span && (r.q().unit == "percent" || reached))) {
    n.period = n.span.last;
  } else {
    n.period = n.span.first;
    n.period_last = n.span.last;
  }
  return Step::next();
}

namespace {

// True when `f` is a fact of the same kind as the figure being read (same qualifier, period,
// span and part of the year).
bool same_frame(const Fact& f, const NumberState& n) {
  return f.qualifier == n.qualifier && f.period == n.period && f.period_last == n.period_last &&
         f.partial == n.partial;
}

// Completes fact `f` with the figure (a growth after a level or a level after a growth).
bool complete(Fact& f, const NumberState& n, std::size_t figure_end) {
  if (n.growth ? (f.growth || !f.level) : (f.level || !f.growth)) return false;
  (n.growth ? f.growth : f.level) = n.measure;
  f.end = std::max(f.end, figure_end);
  return true;
}

// "A、B分别达到x元、y元，分别增长p%、q%": each subject's growth joins its level. The earliest
// open fact of that subject from the previous list on: when the subjects repeat (one subject,
// 分别 x和y, 分别 p和q) the order of the figures pairs them.
bool merge_into_list(Reading& r) {
  NumberState& n = r.n;
  if (!r.s.in_respective || n.metrics.size() != 1) return false;
  const std::size_t from = std::min(r.s.previous_respective_facts_begin, r.facts.size());
  for (std::size_t k = from; k < r.facts.size(); ++k) {
    Fact& f = r.facts[k];
    if (f.metric != n.metrics.front() || f.from_point || !same_frame(f, n)) continue;
    if (complete(f, n, n.end_with_qualifier(r.q().end))) {
      n.kept_fact = k;
      return true;
    }
  }
  return false;
}

bool merge_into_previous(Reading& r) {
  NumberState& n = r.n;
  if (!n.inherited || r.facts.empty()) return false;
  Fact& prev = r.facts[n.inherited_from];
  if (prev.from_point || !same_frame(prev, n) || n.metrics.size() != 1 || prev.metric != n.metrics.front())
    return false;
  const bool open = n.growth ? !prev.growth : !prev.level;
  if (!open) return false;
  (n.growth ? prev.growth : prev.level) = n.measure;
  prev.end = std::max(prev.end, n.end_with_qualifier(r.q().end));
  return true;
}

}  // namespace

// Merges a bare growth or level into the fact it completes, else adds one fact per metric.
Step merge_or_emit(Reading& r) {
  NumberState& n = r.n;
  if (merge_into_list(r)) return Step::keep(Rule::kMergedIntoList);
  if (merge_into_previous(r)) {
    n.kept_fact = n.inherited_from;
    return Step::keep(Rule::kMergedIntoPrevious);
  }
  const QuantityView& q = r.q();
  const std::size_t first = r.facts.size();
  for (const auto& metric : n.metrics) {
    Fact f;
    f.metric = metric;
    f.begin = std::min(n.metric_begin, q.begin);
    f.end = std::max(n.metric_end, n.end_with_qualifier(q.end));
    (n.growth ? f.growth : f.level) = n.measure;
    f.qualifier = n.qualifier;
    f.status = n.status;
    f.period = n.period;
    f.from_point = n.is_from;
    f.period_last = n.period_last;
    f.average = n.average;
    f.change_of = n.change_of;
    f.partial = n.partial;
    r.facts.push_back(std::move(f));
  }
  n.kept_fact = first;
  n.kept_facts = n.metrics.size();
  return Step::keep(n.metric_rule);
}

}  // namespace reportlens::indicators
