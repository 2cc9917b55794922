// Rules that read the figure's role (level or change, from or to) and its subject: the noun
// phrase before it, without scope words, verbs, dates, plan periods and durations.
#include <algorithm>

#include "reader_words.h"
#include "reading.h"
#include "reportlens/text.h"
#include "subject_lists.h"

namespace reportlens::indicators {

// The words between subject and figure, read from the figure backwards: qualifiers, a to-marker
// (提高到), a growth verb (增长: the figure is a change), scope words, from-markers (由).
Step role(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  n.subject = n.left;
  if (n.qi > 0 && dating_year(r.text, r.quantities, n.qi - 1, lex) && r.quantities[n.qi - 1].begin >= n.left_begin) {
    n.figure_year = r.quantities[n.qi - 1].value.get<int>();
    n.subject = r.text.substr(n.left_begin, r.quantities[n.qi - 1].begin - n.left_begin);
  }
  std::string_view& subject = n.subject;
  for (bool changed = true; changed && !subject.empty();) {
    changed = false;
    subject = trim_spaces(subject);
    std::size_t k = 0;
    int s = 0;
    if ((k = lex.qualifier_words.suffix_match(subject)) > 0) {
    } else if (n.average && (k = lex.average_cues.suffix_match(subject)) > 0) {
    } else if ((k = lex.to_markers.suffix_match(subject)) > 0) {
      n.saw_to = true;
    } else if (!n.saw_to && lex.absolute_change_verbs.suffix_match(subject) > 0 && !is_ratio(q.unit)) {
      n.absolute_change = true;  // 减少1650万人: the verb stays in the metric
      break;
    } else if (!n.growth && (k = lex.growth_verbs.suffix_match(subject, &s)) > 0) {
      // (only the verb next to the figure: in 增速较上年提高 the 增速 is the subject)
      if (is_ratio(q.unit) && !n.saw_to) {
        n.growth = true;
        n.sign = s;
      }
    } else if ((k = lex.scope_words.suffix_match(subject)) > 0 &&
               code_point_count(subject.substr(0, subject.size() - k)) != 1) {
      // (a scope word is kept when one character would remain: 占全市)
    } else if ((k = lex.trailing_modifiers.suffix_match(subject)) > 0) {
    } else if ((k = lex.from_period_words.suffix_match(subject)) > 0) {
    } else if ((k = lex.from_markers.suffix_match(subject)) > 0) {
      n.is_from = true;
    } else if ((k = predicate_suffix(subject, lex)) > 0) {
    } else if ((k = lex.connectors.suffix_match(subject)) > 0) {
    }
    if (k > 0) {
      subject.remove_suffix(k);
      changed = true;
    }
  }
  return Step::next();
}

// 国家外汇储备2000年底达1656亿美元, 国民收入1987年达到9153亿元: a year between the subject and
// its verb. 底/末/初 after it belong to the date, and the subject is the noun phrase before the
// year, which dates the figure. Not a comparison base (比2002年底增加…: that subject is the 增加
// left here). (A month or quarter there — 工业总产值第一季度下降0.2% — is a figure of part of a
// year: not read as the year's.)
Step subject_before_year(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  if (n.qi == 0) return Step::next();
  const QuantityView& date = r.quantities[n.qi - 1];
  if (date.kind != "year" || date.end != n.left_begin || date.begin < n.clause.begin) return Step::next();
  const std::size_t suffix = lex.time_suffixes.prefix_match(n.subject);
  // (分别为1982年的3.4倍: a figure relative to that year, not a date of the subject)
  const bool relative = lex.attributive_particles.prefix_match(r.text.substr(n.left_begin + suffix)) > 0;
  n.subject = trim_spaces(n.subject.substr(suffix));
  // (2012年底已达到12.5%: nothing is left; 比2020年末增加260亿元: the change verb stays)
  if (suffix > 0 && !n.absolute_change && only_function_words(n.subject, lex)) n.subject.remove_prefix(n.subject.size());
  const std::size_t from = std::max(n.clause.begin, r.s.kept_before_date);
  std::string_view before_date = trim_spaces(r.text.substr(from, date.begin > from ? date.begin - from : 0));
  for (std::size_t k; (k = lex.time_prepositions.suffix_match(before_date)) > 0;)
    before_date = trim_spaces(before_date.substr(0, before_date.size() - k));
  // (比2002年底, 低于1985年, 与上年同期: a comparison base; 其中/分别为: no subject)
  const bool comparison = lex.comparison_bases.suffix_match(before_date) > 0;
  if (comparison || relative || only_function_words(before_date, lex)) before_date.remove_prefix(before_date.size());
  else before_date = strip_subject(before_date, lex);
  const bool noun_phrase = code_point_count(before_date) >= 2 && code_point_count(before_date) <= 20 &&
                           all_nominal(before_date, lex);
  int change_sign = 0;
  if (n.subject.empty() && noun_phrase && lex.growth_verbs.suffix_match(before_date, &change_sign) == 0) {
    n.subject = before_date;
    if (n.figure_year == 0 && date.value.is_number_integer()) n.figure_year = date.value.get<int>();
  }
  return Step::next();
}

// 经济增长预期目标是…年均增长7%, 经济增长速度的调控目标定为8%: the metric is what the target is
// set for. 居民消费价格涨幅3.5%: a subject ending in a rate suffix makes the figure a change.
Step subject_of_target(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  std::string_view& subject = n.subject;
  if (std::size_t at = lex.sentence_target_cues.find_first(subject); at != npos && at > 0) {
    subject = strip_subject(subject.substr(0, at), lex);
    if (std::size_t k = leading_plan_period(subject, lex); k > 0 && k < subject.size()) subject.remove_prefix(k);
    if (n.average)
      if (std::size_t k = lex.average_cues.prefix_match(subject); k > 0 && k < subject.size()) subject.remove_prefix(k);
  }
  int s = 0;
  if (std::size_t k = lex.rate_suffixes.suffix_match(subject, &s); k > 0 && is_ratio(r.q().unit) && k < subject.size()) {
    n.growth = true;
    n.sign = s;
    subject.remove_suffix(k);
  }
  return Step::next();
}

// 五年新增就业4500万人: a figure summed over several years. Over a planned span it is a target of
// the span; in a review it fits no single year and is left out, like the figures of a
// multi-year review paragraph. A plan for the next N years (三年内参保率提高到90%) spans them
// from the planned year; …年来 looks back and is never a plan.
Step duration(Reading& r) {
  const Lexicon& lex = r.lex;
  const SentenceContext& context = r.context;
  NumberState& n = r.n;
  std::string_view& subject = n.subject;
  n.span = n.horizon ? context.horizon : YearSpan{};
  subject = trim_spaces(subject);
  if (std::size_t k = leading_plan_period(subject, lex); k > 0 && k < subject.size()) subject = subject.substr(k);
  // (年均经济增长速度7%: the average cue opens the subject)
  if (n.average)
    if (std::size_t k = lex.average_cues.prefix_match(subject); k > 0 && k < subject.size()) subject = subject.substr(k);
  int years = 0;
  const std::size_t k = leading_duration(subject, &years, lex);
  if (k == 0 || k >= subject.size()) return Step::next();
  const bool looking_back = lex.looking_back_tails.suffix_match(subject.substr(0, k)) > 0;
  const bool planned = (context.scope == Scope::kPlan || lex.target_cues.find_first(n.left) != npos) &&
                       !context.review_paragraph && context.plan_year != 0 && !looking_back;
  if (looking_back) n.span = {};
  if (!n.horizon && planned) n.span = {context.plan_year, context.plan_year + years - 1};
  if (n.span.empty() && !n.is_from && !(n.saw_to && !r.facts.empty() && r.facts.back().from_point)) {
    r.s.last_kept_end = n.end_with_qualifier(r.q().end);
    return Step::drop(Rule::kMultiYearTotal);
  }
  subject = subject.substr(k);
  n.over_years = true;
  return Step::next();
}

// The subject without an adverbial frame (在实际工作中争取实现7%: no subject, the figure continues
// the fact before it), scope and verb words, and an adjustment (一般公共预算收入扣除减税降费因素
// 增长8%: an adjusted rate of the same metric). Notes where a 分别 stands.
Step clean_subject(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  std::string_view& subject = n.subject;
  if (const std::size_t at = lex.respective_words.find_first(n.left); at != npos) {
    n.respective_here = true;
    n.before_respective = n.left.substr(0, at);
  }
  if (const std::string_view frame = trim_spaces(subject); lex.adverbial_openers.prefix_match(frame) > 0) {
    std::size_t length = 0;
    const std::size_t closer = lex.adverbial_closers.find_first(frame, &length);
    if (closer != npos && only_function_words(frame.substr(closer + length), lex)) subject = {};
  }
  subject = strip_subject(subject, lex);
  // (贵阳市地区生产总值达到4921.17亿元 in Guiyang's report: the region's own name is scope)
  const std::string_view region = r.context.region;
  if (!region.empty() && subject.size() > region.size() + 3 && subject.starts_with(region) &&
      !lex.kept_region_words.contains(region))
    subject = strip_subject(subject.substr(region.size()), lex);
  if (n.absolute_change) subject = strip_subject(subject, lex);
  if (const std::size_t at = lex.exclusion_cues.find_first(subject);
      at != npos && at > 0 && lex.adjustment_ends.suffix_match(subject) > 0)
    subject = strip_subject(subject.substr(0, at), lex);
  return Step::next();
}

namespace {

// The subjects a 分别 list pairs with its figures: listed before it, in the clause before
// (A、B保持快速增长，分别增长15%、17.4%), or the facts just read (…A x元，B y元，扣除价格因素，
// 分别增长p和q); one subject with a coordinating prefix (城乡) is one per group.
std::vector<std::string> list_subjects(const Reading& r) {
  const NumberState& n = r.n;
  std::vector<std::string> subjects = respective_subjects(n.before_respective, r.lex);
  if (subjects.empty()) {
    const Span prev = r.frame.clause_of(n.clause.begin > r.begin ? n.clause.begin - 1 : r.begin);
    if (prev.begin < n.clause.begin && !r.has_figure_in(prev.begin, n.clause.begin, false))
      subjects = respective_subjects(r.text.substr(prev.begin, n.clause.begin - prev.begin), r.lex);
  }
  if (subjects.empty()) {
    const std::size_t figures = r.figures_to_clause_end();
    if (figures >= 2 && r.facts.size() >= figures) {
      for (std::size_t k = r.facts.size() - figures; k < r.facts.size(); ++k)
        if (std::find(subjects.begin(), subjects.end(), r.facts[k].metric) == subjects.end())
          subjects.push_back(r.facts[k].metric);
      if (subjects.size() != figures) subjects.clear();
    }
  }
  if (subjects.size() == 1) subjects = split_coordinated_prefix(subjects.front(), r.figures_to_clause_end(), r.lex);
  return subjects;
}

}  // namespace

// 分别 distribution: "A、B分别达到x元、y元" pairs subjects and figures in order; so does a
// subject list joined to figures joined the same way (A和B x和y). A bare figure after the list
// (…，p和q) continues it.
Step respective_distribution(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  SentenceState& s = r.s;
  const QuantityView& q = r.q();
  if (!n.respective_here && n.qi + 1 < r.quantities.size() && !s.in_respective) {
    const std::size_t after = n.end_with_qualifier(q.end), next = r.quantities[n.qi + 1].begin;
    const std::string_view between = r.text.substr(after, next > after ? next - after : 0);
    if (lex.list_joiners.contains(between) && lex.list_marks.find_first(n.subject) != npos &&
        respective_subjects(n.subject, lex).size() >= 2) {
      n.respective_here = true;
      n.before_respective = n.subject;
    }
  }
  int sign = 0;
  const bool connector_only = !n.respective_here && only_function_words(n.left, lex) &&
                              lex.growth_verbs.suffix_match(n.left, &sign) == 0 && !r.facts.empty();
  if (n.respective_here) {
    s.in_respective = true;
    s.respective_next = 0;
    s.respective_sign = n.growth ? n.sign : 0;
    s.respective = list_subjects(r);
    s.previous_respective_facts_begin = s.respective_facts_begin;
    s.respective_facts_begin = r.facts.size();
  } else if (!(connector_only && s.in_respective)) {
    s.in_respective = false;
  } else if (s.respective_sign != 0 && is_ratio(q.unit)) {
    n.growth = true;
    n.sign = s.respective_sign;
  }
  return Step::next();
}

// 由40.8%调整到21.1%: the second figure of a from-to pair keeps the first one's subject whatever
// verb joins them. 全社会研究与实验发展经费，从2002年1288亿元增加到…: a from-figure opening its
// clause takes the clause before as its subject when that is a bare noun phrase.
Step from_to_subject(Reading& r) {
  NumberState& n = r.n;
  if (n.saw_to && !r.facts.empty() && r.facts.back().from_point && code_point_count(n.subject) <= 2) n.subject = {};
  if (n.is_from && n.subject.empty() && !r.s.in_respective && n.clause.begin > r.begin) {
    const Span prev = r.frame.clause_of(n.clause.begin - 1);
    const std::string_view candidate =
        strip_subject(r.text.substr(prev.begin, n.clause.begin - prev.begin), r.lex);
    if (!candidate.empty() && !r.has_figure_in(prev.begin, n.clause.begin, true) &&
        code_point_count(candidate) <= 20 && all_nominal(candidate, r.lex))
      n.subject = candidate;
  }
  return Step::next();
}

// A figure after a clause that passes a milestone (突破4万亿元大关, 迈上新台阶, 跨过一个千亿级台阶):
// the milestone noun after the figure before is no subject (地区生产总值迈上3万亿元新台阶、达到
// 30145.79亿元: the figure continues that fact); a figure with no subject of its own, or only an
// elliptical head (总量), takes the subject of the milestone clause when no fact was read there
// (全市地区生产总值再次跨过一个千亿级台阶，达到5154.75亿元; 地区生产总值迈上新台阶，总量突破5万亿元).
Step milestone_subject(Reading& r) {
  const Lexicon& lex = r.lex;
  NumberState& n = r.n;
  if (n.is_from || r.s.in_respective || n.respective_here) return Step::next();
  const std::string_view subject = trim_spaces(n.subject);
  // (地区生产总值跨过两个千亿台阶、达到8712亿元: the milestones passed are no part of the subject)
  std::size_t verb_length = 0;
  if (const std::size_t verb = lex.milestone_verbs.find_first(subject, &verb_length);
      verb != npos && verb > 0 && lex.milestone_nouns.suffix_match(subject) > 0) {
    n.subject = strip_subject(subject.substr(0, verb), lex);
    return Step::next();
  }
  if (const std::size_t k = lex.milestone_nouns.prefix_match(subject);
      k > 0 && !r.facts.empty() && only_function_words(subject.substr(k), lex)) {
    n.subject = {};
    return Step::next();
  }
  if ((!subject.empty() && !lex.generic_heads.contains(subject)) || n.clause.begin <= r.begin) return Step::next();
  const Span prev = r.frame.clause_of(n.clause.begin - 1);
  if (prev.begin >= n.clause.begin || (!r.facts.empty() && r.facts.back().end > prev.begin)) return Step::next();
  const std::string_view clause = r.text.substr(prev.begin, n.clause.begin - prev.begin);
  std::size_t length = 0;
  const std::size_t verb = lex.milestone_verbs.find_first(clause, &length);
  if (verb == npos || verb == 0) return Step::next();
  const std::string_view passed = clause.substr(verb + length);
  if (lex.milestone_nouns.find_first(passed) == npos && !r.has_figure_in(prev.begin + verb, n.clause.begin, true))
    return Step::next();
  const std::string_view candidate = strip_subject(clause.substr(0, verb), lex);
  if (candidate.empty() || code_point_count(candidate) > 20 || !all_nominal(candidate, lex)) return Step::next();
  n.subject = candidate;
  n.milestone = true;
  return Step::next();
}

}  // namespace reportlens::indicators
