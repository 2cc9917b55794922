// Rules that name the figure's metric (the subject, a counted noun after the figure, the
// subject of a 分别 list, the fact it completes) and read its value.
#include <algorithm>

#include "reader_words.h"
#include "reading.h"
#include "reportlens/text.h"
#include "subject_lists.h"

namespace reportlens::indicators {

namespace {

std::size_t offset_in(std::string_view text, std::string_view part) {
  return static_cast<std::size_t>(part.data() - text.data());
}

// The first word of a one-word list (a suffix the data names), "" when the list is empty.
std::string first_word(const WordList& list) {
  return list.as_written().empty() ? std::string() : list.as_written().front();
}

// The noun counted by the figure: 270个|口袋公园|; 44个参与农村改厕的行政村 (after a relative
// clause); 全年完成新春特辑等11期 (what the clause before introduced, when 等 ends the left).
void counted_noun(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  n.count_unit = q.unit.empty() || lex.count_units.contains(q.unit);
  // (after a from-figure comes its to-verb, never a counted noun: 由7种扩大到15种)
  n.noun = n.is_from ? std::string_view() : noun_after(n.right_trim, lex);
  // (首次突破2万家大关: the milestone passed is no counted thing)
  if (lex.milestone_nouns.prefix_match(n.noun) > 0) n.noun = {};
  // (争取实现7%的更好结果: a figure qualifying a result word names no counted thing)
  if (q.unit == "percent" && lex.result_heads.suffix_match(n.noun) > 0) n.noun = {};
  if (n.noun.empty() && n.count_unit) {
    const std::size_t de = lex.attributive_particles.find_first(n.right_trim);
    if (de != npos && de > 0) n.noun = noun_after(n.right_trim.substr(de), lex);
  }
  if (n.count_unit && !n.growth && n.noun.empty() && lex.etc_words.suffix_match(trim_spaces(n.left)) > 0) {
    const Span prev = r.frame.clause_of(n.clause.begin > r.begin ? n.clause.begin - 1 : r.begin);
    if (prev.begin < n.clause.begin && !r.has_figure_in(prev.begin, n.clause.begin, true))
      n.counted_object = object_after_last_verb(r.text.substr(prev.begin, n.clause.begin - prev.begin), lex);
  }
}

// The metric named by the subject before the figure.
Rule metric_of_subject(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  const std::string_view subject = n.subject;
  const std::string prev = !r.facts.empty() ? r.facts.back().metric : r.carried_metric;
  n.metric_begin = offset_in(r.text, subject);
  // (never the change of a change: a previous 增加… metric is no subject for 增产)
  if (lex.absolute_change_verbs.contains(subject) && !prev.empty() &&
      lex.absolute_change_verbs.suffix_match(prev) == 0) {
    n.metrics.push_back(prev + std::string(subject));  // …支出超过1万亿元，增加1839亿元
    n.change_of = prev;
    return Rule::kChangeOfPrevious;
  }
  if (lex.share_verbs.suffix_match(subject) > 0 && code_point_count(subject) > 2) {
    n.metrics.push_back(std::string(subject) + first_word(lex.share_ratio_suffix));  // 社会事业投资占44%
    return Rule::kShareWithVerb;
  }
  if (lex.share_verbs.prefix_match(subject) > 0 && !prev.empty()) {
    std::string m = prev + std::string(subject);
    // (占常住人口比重（常住人口城镇化率）: the head is before a bracketed note)
    std::string_view head = subject;
    if (lex.bracket_closes.suffix_match(head) > 0) {
      std::size_t open = npos;
      for (const auto& word : lex.bracket_opens.words())
        if (const std::size_t at = head.rfind(word); at != npos && (open == npos || at > open)) open = at;
      if (open != npos && open > 0) head = head.substr(0, open);
    }
    if (lex.share_heads.suffix_match(head) == 0) m += first_word(lex.share_metric_suffix);
    n.metrics.push_back(m);
    return Rule::kShareOfPrevious;
  }
  if (lex.generic_heads.contains(subject) && !prev.empty()) {
    n.metrics.push_back(prev + std::string(subject));
    return Rule::kGenericHead;
  }
  if (auto items = coordinated_items(subject, lex); !items.empty()) {
    n.metrics = std::move(items);
    return Rule::kCoordinatedSubjects;
  }
  n.metrics.push_back(without_inner_light_verb(subject, lex));
  return Rule::kSubject;
}

// A bare figure completes the fact before it. 余额512.4亿元，比年初增加45.6亿元，增长9.8%: a rate
// after an absolute change is the rate of the level that changed, not of the change.
// 地区生产总值增长6%以上，力争7%: a bare percent striven for after a change of the same subject
// is a change too, in the same direction (not …上升3个百分点，达到51.2%).
void inherit_metric(Reading& r) {
  NumberState& n = r.n;
  auto& facts = r.facts;
  if (n.growth && !facts.back().change_of.empty()) {
    for (std::size_t k = facts.size() - 1; k-- > 0;)
      if (facts[k].metric == facts.back().change_of) {
        n.inherited_from = k;
        break;
      }
  }
  n.metrics.push_back(facts[n.inherited_from].metric);
  n.inherited = true;
  const Fact& before = facts[n.inherited_from];
  if (!n.growth && r.q().unit == "percent" && before.growth && before.growth->unit == "percent" && !before.level &&
      r.lex.target_cues.find_first(n.left) != npos) {
    n.growth = true;
    const Json& v = before.growth->value;
    n.sign = v.is_number() && v.get<double>() < 0 ? -1 : 1;
  }
}

// The metric, in order of preference; kNoSubject when nothing names one.
Step choose_metric(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  SentenceState& s = r.s;
  if (s.in_respective && !s.respective.empty()) {
    n.metrics.push_back(s.respective[std::min(s.respective_next, s.respective.size() - 1)]);
    ++s.respective_next;
    n.metric_rule = Rule::kRespectiveSubject;
  } else if (n.count_unit && !n.noun.empty() && !n.growth) {
    if (lex.programme_heads.suffix_match(n.noun) > 0 || lex.programme_heads.prefix_match(n.noun) > 0) {
      s.last_kept_end = n.end_with_qualifier(q.end);
      return Step::drop(Rule::kProgrammePart);  // 19个专项行动: parts of a programme
    }
    n.metrics.emplace_back(n.noun);
    n.metric_end = offset_in(r.text, n.noun) + n.noun.size();
    n.metric_rule = Rule::kCountedNoun;
  } else if (q.unit == "percent" && n.subject.empty() && !n.noun.empty() &&
             lex.attributive_particles.prefix_match(n.right_trim) > 0) {
    n.metrics.emplace_back(n.noun);  // 超60%的村集体经济纯收入…: a share of subjects
    n.metric_end = offset_in(r.text, n.noun) + n.noun.size();
    s.proportion_clause = n.clause.begin;
    n.metric_rule = Rule::kShareOfSubjects;
  } else if (!n.counted_object.empty()) {
    n.metrics.emplace_back(n.counted_object);
    n.metric_begin = offset_in(r.text, n.counted_object);
    n.metric_rule = Rule::kCountedObject;
  } else if (q.unit == "percent" && !r.facts.empty() && lex.plan_share_cues.suffix_match(trim_spaces(n.left)) > 0 &&
             code_point_count(n.subject) <= 4) {
    // 规上工业总产值完成4120亿元，完成年计划的102.5%: the share of the plan reached.
    n.metrics.push_back(r.facts.back().metric + first_word(lex.plan_completion_metric));
    n.metric_rule = Rule::kPlanCompletion;
  } else if (!n.subject.empty()) {
    n.metric_rule = metric_of_subject(r);
  } else if (!n.noun.empty() && !n.growth) {
    n.metrics.emplace_back(n.noun);
    n.metric_end = offset_in(r.text, n.noun) + n.noun.size();
    n.metric_rule = Rule::kNounAfterFigure;
  } else if (!r.facts.empty()) {
    inherit_metric(r);
    n.metric_rule = Rule::kInheritedMetric;
  } else if (!r.carried_metric.empty()) {
    n.metrics.push_back(r.carried_metric);
    n.inherited = true;
    n.metric_rule = Rule::kCarriedMetric;
  } else if (n.count_unit && !trim_spaces(n.right_trim).empty()) {
    n.metrics.emplace_back(trim_spaces(n.right_trim));  // 其中2所已交付使用
    n.metric_end = n.right_end;
    n.metric_rule = Rule::kTrailingWords;
  } else {
    s.last_kept_end = n.end_with_qualifier(q.end);
    return Step::drop(Rule::kNoSubject);
  }
  return Step::next();
}

}  // namespace

Step metric(Reading& r) {
  NumberState& n = r.n;
  counted_noun(r);
  n.metric_begin = r.q().begin;
  n.metric_end = r.q().end;
  n.inherited_from = r.facts.empty() ? 0 : r.facts.size() - 1;
  const Step step = choose_metric(r);
  if (step.verdict != Verdict::kNext) return step;
  if (n.milestone && n.metric_rule == Rule::kSubject) n.metric_rule = Rule::kMilestoneSubject;
  r.s.last_kept_end = std::max(n.end_with_qualifier(r.q().end), n.metric_end);
  return Step::next();
}

// 比一九八○年增长51.8%, 比前五年增长1.27倍, 比“六五”期间增加49%: a change against another period
// than the year before (比上年 is no part of a metric) fits no single year. In a multi-year
// review only the ends of a from-to pair are facts of one year.
Step metric_checks(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  if (n.metrics.size() == 1 && lex.comparison_openers.prefix_match(n.metrics.front()) > 0 &&
      lex.period_words.find_first(n.metrics.front()) != npos)
    return Step::drop(Rule::kChangeAgainstPeriod);
  n.from_to_end = n.saw_to && !r.facts.empty() && r.facts.back().from_point;
  if (r.context.multi_year && !n.is_from && !n.from_to_end) return Step::drop(Rule::kMultiYearReview);
  return Step::next();
}

// The value: a bare 万/亿 amount (numbers gives it as a count) takes its unit from the metric's
// head; a bare number is a name or a code; a fall negates the change.
Step value(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  n.measure = Measure{q.value, q.unit};
  n.qualifier = q.qualifier;
  bool magnitude_only = !q.surface_unit.empty();
  for (std::size_t i = 0; i < q.surface_unit.size();)
    if (!lex.magnitude_chars.has(next_code_point(q.surface_unit, i))) magnitude_only = false;
  const bool bare_amount = n.measure.unit.empty() ||
                           (n.measure.unit == "item" && (q.surface_unit.empty() || magnitude_only));
  if (bare_amount) {
    if (magnitude(q.value) < 10000 && n.measure.unit.empty()) return Step::drop(Rule::kBareNumber);
    // (总量突破3万亿 after 地区生产总值…: the head of the subject it continues decides)
    std::string_view m = n.metrics.front();
    if (const std::size_t k = lex.generic_heads.suffix_match(m); k > 0 && k < m.size()) m.remove_suffix(k);
    if (magnitude(q.value) < 10000) {
    } else if (lex.money_heads.suffix_match(m) > 0) n.measure.unit = "CNY";
    else if (lex.household_heads.suffix_match(m) > 0) n.measure.unit = "household";
    else if (lex.person_heads.suffix_match(m) > 0 || lex.person_heads.find_first(m) != npos)
      n.measure.unit = "person";
    else n.measure.unit = "item";
  }
  if (n.growth && n.sign < 0) {
    n.measure.value = negate(n.measure.value);
    n.qualifier = mirror(n.qualifier);
  }
  return Step::next();
}

}  // namespace reportlens::indicators
