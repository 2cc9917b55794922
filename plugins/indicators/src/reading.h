// The state of the reader while it reads one sentence, and the rules it applies to each
// number in turn (rule_table.cc lists them in order). A rule looks at the number and the
// words around it and either lets the next rule go on, drops the number, or keeps it as a
// fact; the verdict names the rule so that a trace can say why (reasons: data/lexicon.yaml,
// `rule_reasons`).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "sentence_frame.h"
#include "sentence_reader.h"

namespace reportlens::indicators {

// What the reader knows of the sentence so far (it reads the numbers left to right).
struct SentenceState {
  std::size_t last_kept_end = 0;
  std::size_t kept_before_date = 0;  // last_kept_end before the latest year/date mention
  std::size_t proportion_clause = std::string_view::npos;   // clause of "60%的村…" (its other numbers are criteria)
  std::size_t consecutive_clause = std::string_view::npos;  // clause of "连续8年…" (a figure over several years)
  std::vector<std::string> respective;  // subjects of a 分别 list
  std::size_t respective_next = 0;
  // Where the facts of the current and of the previous 分别 list start: the second list
  // (分别增长p和q) completes the first one's facts in order.
  std::size_t respective_facts_begin = 0, previous_respective_facts_begin = 0;
  int respective_sign = 0;         // 0: the list is levels
  int from_year = 0, to_year = 0;  // years written in the sentence's last from-to pair
  std::size_t average_end = 0;     // end of the last yearly average read (年均增长8.5%|和5.7%)
  bool in_respective = false;
  // multi_year_figures' look for an earlier base year in the clause (比2002年增长65.5%), kept
  // from number to number so that a clause of n figures is read once, not n times: the
  // clause looked at, the next mention to look at, and whether such a year was found.
  std::size_t base_year_clause = std::string_view::npos;
  std::size_t base_year_next = 0;
  bool base_year_found = false;
  // status_and_period's and noun_phrase_numbers' look for cues in the clause before each figure.
  ClauseWordSearch target_cues, estimate_cues, milestone_verbs;
};

// What the rules found out about the number being read.
struct NumberState {
  std::size_t qi = 0;
  Span clause{};
  std::size_t left_begin = 0, right_end = 0, trailing_qualifier = 0;
  std::string_view left, right, right_trim;
  bool horizon = false, average = false;
  // role
  bool growth = false, saw_to = false, is_from = false, absolute_change = false;
  int sign = 1;
  std::string_view subject;
  int figure_year = 0;  // 由2002年7703元: the year written right before the figure
  bool over_years = false;
  YearSpan span;
  bool respective_here = false;
  std::string_view before_respective;
  // metric
  std::string_view noun, counted_object;
  bool count_unit = false;
  std::vector<std::string> metrics;
  std::size_t metric_begin = 0, metric_end = 0;
  bool inherited = false;
  bool milestone = false;  // the subject is that of the milestone clause before
  std::size_t inherited_from = 0;
  std::string change_of;
  Rule metric_rule = Rule::kSubject;
  // value, status and period
  bool from_to_end = false;
  Measure measure;
  std::string qualifier, status, partial;
  int period = 0, period_last = 0;
  bool dated = false;
  // kept: the fact the figure made or completed, and how many it made
  std::size_t kept_fact = 0, kept_facts = 1;

  std::size_t end_with_qualifier(std::size_t q_end) const { return q_end + trailing_qualifier; }
};

struct Reading {
  std::string_view text;
  std::size_t begin, end;
  std::span<const QuantityView> quantities;
  const SentenceContext& context;
  const Lexicon& lex;
  SentenceFrame frame;
  SentenceState s;
  std::vector<Fact> facts;
  std::string carried_metric;  // the previous sentence's last metric
  NumberState n;

  const QuantityView& q() const { return quantities[n.qi]; }
  // The number of figures (quantities, percents) from the current one to the clause end.
  std::size_t figures_to_clause_end() const;
  // True when a figure (or, with any_kind, any mention) lies in [from, to).
  bool has_figure_in(std::size_t from, std::size_t to, bool any_kind) const;
};

enum class Verdict { kNext, kDrop, kKeep };

struct Step {
  Verdict verdict = Verdict::kNext;
  Rule rule = Rule::kSubject;
  static Step next() { return {}; }
  static Step drop(Rule r) { return {Verdict::kDrop, r}; }
  static Step keep(Rule r) { return {Verdict::kKeep, r}; }
};

// A step of the reader (rules_*.cc); rule_table.cc lists them in the order they run.
using ReaderRule = Step (*)(Reading&);

// rules_exclusions.cc
Step non_figure(Reading& r);
Step frame_number(Reading& r);
Step consecutive_years(Reading& r);
Step not_a_measure(Reading& r);
Step noun_phrase_numbers(Reading& r);
Step rhetoric_and_denominators(Reading& r);
Step multi_year_figures(Reading& r);
// rules_subject.cc
Step role(Reading& r);
Step subject_before_year(Reading& r);
Step subject_of_target(Reading& r);
Step duration(Reading& r);
Step clean_subject(Reading& r);
Step respective_distribution(Reading& r);
Step from_to_subject(Reading& r);
Step milestone_subject(Reading& r);
// rules_metric.cc
Step metric(Reading& r);
Step metric_checks(Reading& r);
Step value(Reading& r);
// rules_period.cc
Step status_and_period(Reading& r);
Step plan_span(Reading& r);
Step merge_or_emit(Reading& r);

}  // namespace reportlens::indicators
