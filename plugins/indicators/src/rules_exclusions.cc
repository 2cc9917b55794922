// Rules that frame a number and drop the numbers that are no fact of their own: years and
// dates, slogans, codes, ranks, thresholds and attributes inside a noun phrase, rhetoric,
// denominators, figures over several years.
#include <algorithm>
#include <cctype>

#include "reader_words.h"
#include "reading.h"
#include "reportlens/text.h"
#include "subject_lists.h"

namespace reportlens::indicators {

// 由2002年(的)7703元增加到2007年(的)13786元: a year right before a figure dates that figure;
// the subject before the year stays the figure's left context. Other years, dates and
// ordinals only move the left context on.
Step non_figure(Reading& r) {
  const QuantityView& q = r.q();
  if (q.kind == "quantity" || q.kind == "percent") return Step::next();
  if (q.kind == "year" && dating_year(r.text, r.quantities, r.n.qi, r.lex)) return Step::drop(Rule::kYearDatesFigure);
  if (q.kind == "year" || q.kind == "date") r.s.kept_before_date = r.s.last_kept_end;
  // (第一、二、三产业增加值: ordinals listed before a shared head are part of the subject)
  const bool listed = q.kind == "ordinal" && listed_numeral(r.text, q.begin, q.end, r.lex);
  if ((q.kind == "ordinal" && !listed) || q.kind == "year" || q.kind == "date")
    r.s.last_kept_end = std::max(r.s.last_kept_end, q.end);
  if (q.kind == "year") return Step::drop(Rule::kCalendarYear);
  if (q.kind == "ordinal") return Step::drop(listed ? Rule::kListedNumeral : Rule::kOrdinal);
  return Step::drop(Rule::kDateMention);
}

// The figure's clause, the words between the last fact and it (left), and up to the next
// mention (right), without the qualifier words right after it.
Step frame_number(Reading& r) {
  const QuantityView& q = r.q();
  NumberState& n = r.n;
  n.clause = r.frame.clause_of(q.begin);
  n.left_begin = std::min(std::max(n.clause.begin, r.s.last_kept_end), q.begin);
  n.left = r.text.substr(n.left_begin, q.begin - n.left_begin);
  n.right_end = n.clause.end;
  if (n.qi + 1 < r.quantities.size()) n.right_end = std::min(n.right_end, r.quantities[n.qi + 1].begin);
  if (n.right_end < q.end) n.right_end = q.end;
  n.right = r.text.substr(q.end, n.right_end - q.end);
  n.right_trim = n.right;
  for (std::size_t k; (k = r.lex.qualifier_words.prefix_match(n.right_trim)) > 0;) {
    n.right_trim.remove_prefix(k);
    n.trailing_qualifier += k;
  }
  return Step::next();
}

// 连续8年稳定在700亿斤以上, 连续三年累计投入90亿元: what follows in the clause is held or
// summed over several years and fits no single year.
Step consecutive_years(Reading& r) {
  const QuantityView& q = r.q();
  const Span clause = r.n.clause;
  if (q.unit == "year" &&
      r.lex.consecutive_words.suffix_match(trim_spaces(r.text.substr(clause.begin, q.begin - clause.begin))) > 0) {
    r.s.consecutive_clause = clause.begin;
    return Step::drop(Rule::kConsecutiveYears);
  }
  if (r.s.consecutive_clause == clause.begin) {
    r.s.last_kept_end = r.n.end_with_qualifier(q.end);
    return Step::drop(Rule::kHeldOverYears);
  }
  return Step::next();
}

// Numbers that name or rank rather than measure.
Step not_a_measure(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  const std::string_view text = r.text, left = r.n.left, right = r.n.right;
  if (r.frame.quoted(q.begin)) return Step::drop(Rule::kQuoted);
  if (q.begin > 0 && std::isalpha(static_cast<unsigned char>(text[q.begin - 1]))) return Step::drop(Rule::kLatinName);
  if (q.unit.empty() && q.end < text.size() && ascii_alnum(text[q.end])) return Step::drop(Rule::kCodeName);
  if (lex.per_prefixes.suffix_match(left) > 0) return Step::drop(Rule::kPerUnitOrRank);
  if (q.end < text.size() && std::isdigit(static_cast<unsigned char>(text[q.end])))
    return Step::drop(Rule::kDigitFollows);
  if (lex.exclusion_cues.suffix_match(trim_spaces(left)) > 0) return Step::drop(Rule::kExclusionCue);
  // (突破4万亿元大关: 大关 is the milestone passed, no slogan)
  if (lex.slogan_counters.contains(q.surface_unit) ||
      (lex.slogan_counters.prefix_match(right) > 0 && lex.milestone_nouns.prefix_match(right) == 0))
    return Step::drop(Rule::kSloganCount);
  // (the counter 人 is the first character of 人口/人民)
  if (q.unit == "person" && lex.person_counters.suffix_match(q.surface_unit) > 0 &&
      lex.population_tails.prefix_match(right) > 0)
    return Step::drop(Rule::kPopulationSize);
  return Step::next();
}

// Numbers inside a noun phrase (24小时供水, 亿元以上项目, 万吨级泊位), criteria of a share, a
// gap to a benchmark, a duration.
Step noun_phrase_numbers(Reading& r) {
  const QuantityView& q = r.q();
  const Lexicon& lex = r.lex;
  const std::string_view right = r.n.right, right_trim = r.n.right_trim;
  int right_sign = 0;  // (2.54亿千瓦增加到…: a figure followed by its change is no attribute)
  if (lex.attribute_units.contains(q.unit) && !right_trim.empty() && nominal(first_cp(right_trim), lex) &&
      right_trim == right && lex.growth_verbs.prefix_match(right_trim, &right_sign) == 0)
    return Step::drop(Rule::kAttributeOfNoun);
  if (q.qualifier == ">=" || q.qualifier == ">")
    if (const std::size_t t = lex.threshold_words.prefix_match(right); t > 0) {
      const std::string_view after = right.substr(t);
      if (is_cjk_ideograph(first_cp(after)) && lex.attributive_particles.prefix_match(after) == 0)
        return Step::drop(Rule::kThreshold);
    }
  if (r.s.proportion_clause == r.n.clause.begin) return Step::drop(Rule::kCriterionOfShare);
  if (q.unit == "percentage_point" && lex.comparison_cues.find_first(r.n.left) != npos) {
    r.s.last_kept_end = r.n.end_with_qualifier(q.end);
    return Step::drop(Rule::kGapToBenchmark);
  }
  if (lex.designator_suffixes.prefix_match(right) > 0) return Step::drop(Rule::kDesignator);
  // 跨过4个千亿元台阶: the count of milestones passed and the size of each are no level.
  const auto& qs = r.quantities;
  const bool after_count = r.n.qi > 0 && qs[r.n.qi - 1].end == q.begin && qs[r.n.qi - 1].unit == "item";
  const bool before_sized = r.n.qi + 1 < qs.size() && qs[r.n.qi + 1].begin == q.end && q.unit == "item" &&
                            lex.milestone_nouns.prefix_match(r.text.substr(qs[r.n.qi + 1].end)) > 0;
  if ((after_count && lex.milestone_nouns.prefix_match(right) > 0) || before_sized)
    return Step::drop(Rule::kMilestoneCount);
  // 连续跨越7000亿、8000亿、9000亿三个千亿台阶: milestones passed one after another over years
  // (not the level reached after them: 连跨2个万亿元台阶、达到4.5万亿元).
  // (asked first of the clause searched so far: most clauses have no such verb)
  if (r.s.milestone_verbs.occurs(lex.milestone_verbs, r.text, r.n.clause.begin, q.begin)) {
    const std::string_view clause_before = r.text.substr(r.n.clause.begin, q.begin - r.n.clause.begin);
    std::size_t verb_length = 0;
    const std::size_t verb = lex.milestone_verbs.find_first(clause_before, &verb_length);
    if (lex.successive_words.suffix_match(clause_before.substr(0, verb)) > 0 &&
        lex.reach_words.find_first(clause_before.substr(verb + verb_length)) == npos)
      return Step::drop(Rule::kMilestoneCount);
  }
  if (q.unit == "year" && !lex.age_units.contains(q.surface_unit)) return Step::drop(Rule::kDurationOfYears);
  return Step::next();
}

namespace {

// 万元地区生产总值能耗, 万人发明专利拥有量: a magnitude with no numeral that opens a noun
// phrase is the denominator of the measure named after it, not an amount.
// (近千万家庭, 十种有色金属, 百分之五十五 have a numeral or follow a verb: they stay)
bool denominator(const Reading& r, std::string_view surface) {
  const Lexicon& lex = r.lex;
  const std::size_t lead = lex.denominator_magnitudes.prefix_match(surface);
  surface.remove_prefix(lead);
  const bool bare_magnitude = lead > 0 && !surface.empty() && chinese_digit_value(first_cp(surface)) < 0 &&
                              !lex.magnitude_chars.has(first_cp(surface));
  if (!bare_magnitude) return false;
  std::string_view lead_words = trim_spaces(r.n.left);
  // (…城镇新增就业人数、万元GDP能耗: the magnitude opens the last item of a list)
  std::size_t separator_length = 0;
  for (std::size_t at; (at = lex.list_separators.find_first(lead_words, &separator_length)) != npos;)
    lead_words = lead_words.substr(at + separator_length);
  for (std::size_t k; (k = std::max(lex.connectors.prefix_match(lead_words), lex.scope_words.prefix_match(lead_words))) > 0;)
    lead_words = trim_spaces(lead_words.substr(k));
  return lead_words.empty() && nominal(first_cp(r.n.right), lex) && lex.qualifier_words.prefix_match(r.n.right) == 0;
}

}  // namespace

// 一个历史性变化, 两国, 八项主张: a small number written in Chinese numerals is rhetoric far more
// often than a measured count. Physical things counted with a measure word (四座过街天桥, 两台
// 机组) are the exception, and so are percentages, which are figures however they are written
// (增长百分之三点七: older reports write every figure in Chinese numerals). Not multiples: 翻两番
// is mostly the slogan of quadrupling by the century's end.
Step rhetoric_and_denominators(Reading& r) {
  const QuantityView& q = r.q();
  const std::string_view surface = r.text.substr(q.begin, q.end - q.begin);
  const bool arabic = std::any_of(surface.begin(), surface.end(),
                                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  const bool physical = r.lex.physical_counters.contains(q.surface_unit) && magnitude(q.value) >= 2;
  const bool percentage = q.unit == "percent" || q.unit == "percentage_point";
  if (!arabic && magnitude(q.value) < 10 && !physical && !percentage) return Step::drop(Rule::kRhetoricalNumeral);
  if (denominator(r, surface)) return Step::drop(Rule::kDenominator);  // (it stays in the metric)
  return Step::next();
}

// 年均增长: a yearly average fits no single year; over a planned span it is a target of that
// span, elsewhere (a review) it is left out. 比2002年增长65.5%: a change over several years
// fits no single period either.
Step multi_year_figures(Reading& r) {
  const QuantityView& q = r.q();
  NumberState& n = r.n;
  n.horizon = !r.context.horizon.empty() && !r.context.review_paragraph;
  n.average = r.lex.average_cues.find_first(n.left) != npos;
  // (年均增长8.5%和5.7%: a figure joined to a yearly average is one too)
  if (!n.average && r.s.average_end == n.left_begin && r.s.average_end != 0 &&
      r.lex.list_joiners.contains(trim_spaces(n.left)))
    n.average = true;
  if (n.average) r.s.average_end = n.end_with_qualifier(q.end);
  if (n.average && !n.horizon) {
    r.s.last_kept_end = n.end_with_qualifier(q.end);
    return Step::drop(Rule::kAverageOutsidePlan);
  }
  // The mentions before the figure are looked at once per clause: whether one of them is an
  // old base year does not depend on the figure, only on the clause, which moves forward.
  SentenceState& s = r.s;
  if (s.base_year_clause != n.clause.begin) {
    s.base_year_clause = n.clause.begin;
    s.base_year_found = false;
  }
  for (; !s.base_year_found && s.base_year_next < r.quantities.size(); ++s.base_year_next) {
    const QuantityView& other = r.quantities[s.base_year_next];
    if (other.begin >= q.begin) break;  // (sorted by begin: the rest come after the figure)
    if (other.kind != "year" || other.begin < n.clause.begin || !other.value.is_number()) continue;
    const std::string_view before_year = r.text.substr(n.clause.begin, other.begin - n.clause.begin);
    s.base_year_found = r.lex.comparison_bases.suffix_match(before_year) > 0 &&
                        other.value.get<int>() < r.context.report_year - 1;
  }
  if (s.base_year_found) {
    r.s.last_kept_end = n.end_with_qualifier(q.end);
    return Step::drop(Rule::kChangeOverYears);
  }
  return Step::next();
}

}  // namespace reportlens::indicators
