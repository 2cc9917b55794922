// Reads indicator facts out of one sentence, given the number mentions the numbers stage
// found in it.
//
// The grammar is the one these reports share: a subject noun phrase, a predicate verb, a
// figure; 增长/下降 before a ratio make it a change; 由A提高到B gives two periods; 分别
// pairs a list of subjects with a list of figures in order; a count written before a noun
// (新建270个口袋公园) names that noun. Numbers that describe another fact (亿元以上项目,
// 每万人, 24小时供水, 四大基地) are left out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "report_calendar.h"
#include "reportlens/document.h"

namespace reportlens::indicators {

// A quantity annotation seen in the normalised text.
struct QuantityView {
  std::size_t begin = 0, end = 0;  // normalised byte offsets
  std::string kind;                // quantity | percent | date | year | ordinal
  Json value;                      // number, or [low, high] for a range
  std::string unit;
  std::string qualifier;           // "" for none
  std::string surface_unit;
};

struct Measure {
  Json value;
  std::string unit;
};

struct Fact {
  std::string metric;
  std::size_t begin = 0, end = 0;  // normalised span the fact was read from
  std::optional<Measure> level;
  std::optional<Measure> growth;
  std::string qualifier;           // "" for none
  std::string status;              // actual | estimate | target
  int period = 0;
  int period_last = 0;             // a multi-year span [period, period_last]; 0: one year
  bool average = false;            // a yearly average over the span (年均增长7%)
  bool from_point = false;         // the earlier end of a from-to pair
  std::string change_of;           // 减少0.42万人 after 户籍总人口…: the metric this is a change of
  std::string partial;             // the part of the year covered (Q1-Q3, H1, M1-M11); "" whole year
};

struct SentenceContext {
  Scope scope = Scope::kOther;
  int report_year = 0;
  int plan_year = 0;
  bool review_paragraph = false;
  bool multi_year = false;
  YearSpan horizon;  // the multi-year plan the sentence is about (empty: none)
  std::string_view region;  // the report's own region (贵阳市): before a subject it is scope, like 全市
};

// The reader's rules, by the verdict they give a number: dropped (the number is no fact of its
// own) or kept (how the fact's metric was found, or the fact it completes). Ids are ASCII;
// each has a one-line reason in data/lexicon.yaml (`rule_reasons`).
#define REPORTLENS_INDICATOR_RULES(X)                                                              \
  X(kYearDatesFigure, "year_dates_figure") X(kCalendarYear, "calendar_year")                       \
  X(kDateMention, "date_mention") X(kOrdinal, "ordinal") X(kListedNumeral, "listed_numeral")       \
  X(kConsecutiveYears, "consecutive_years") X(kHeldOverYears, "held_over_consecutive_years")       \
  X(kQuoted, "quoted_slogan") X(kLatinName, "latin_name") X(kCodeName, "code_name")                \
  X(kPerUnitOrRank, "per_unit_or_rank") X(kDigitFollows, "digit_follows")                          \
  X(kExclusionCue, "exclusion_cue") X(kSloganCount, "slogan_count")                                \
  X(kPopulationSize, "population_size") X(kAttributeOfNoun, "attribute_of_noun")                   \
  X(kThreshold, "threshold_in_noun_phrase") X(kCriterionOfShare, "criterion_of_share")             \
  X(kGapToBenchmark, "gap_to_benchmark") X(kDesignator, "designator")                              \
  X(kMilestoneCount, "milestone_count")                                                            \
  X(kDurationOfYears, "duration_of_years") X(kRhetoricalNumeral, "rhetorical_numeral")             \
  X(kDenominator, "denominator") X(kAverageOutsidePlan, "average_outside_plan")                    \
  X(kChangeOverYears, "change_over_years") X(kMultiYearTotal, "multi_year_total")                  \
  X(kProgrammePart, "programme_part") X(kNoSubject, "no_subject")                                  \
  X(kChangeAgainstPeriod, "change_against_other_period") X(kMultiYearReview, "multi_year_review")  \
  X(kBareNumber, "bare_number")                                                                    \
  X(kRespectiveSubject, "respective_subject") X(kCountedNoun, "counted_noun")                      \
  X(kShareOfSubjects, "share_of_subjects") X(kCountedObject, "counted_object")                     \
  X(kPlanCompletion, "plan_completion") X(kChangeOfPrevious, "change_of_previous")                 \
  X(kShareWithVerb, "share_with_verb") X(kShareOfPrevious, "share_of_previous")                    \
  X(kGenericHead, "generic_head") X(kCoordinatedSubjects, "coordinated_subjects")                  \
  X(kSubject, "subject") X(kMilestoneSubject, "milestone_subject")                                 \
  X(kNounAfterFigure, "noun_after_figure")                                                         \
  X(kInheritedMetric, "inherited_metric") X(kCarriedMetric, "carried_metric")                      \
  X(kTrailingWords, "trailing_words") X(kMergedIntoList, "merged_into_list")                       \
  X(kMergedIntoPrevious, "merged_into_previous")

#define REPORTLENS_RULE_ENUM(id, name) id,
enum class Rule : std::uint8_t { REPORTLENS_INDICATOR_RULES(REPORTLENS_RULE_ENUM) };
#undef REPORTLENS_RULE_ENUM

// The ASCII id of a rule ("threshold_in_noun_phrase").
std::string_view rule_id(Rule rule);
// Every rule, in declaration order.
std::span<const Rule> all_rules();

// What the reader decided about one number of a sentence.
struct TraceRecord {
  std::size_t begin = 0, end = 0;  // the number's normalised span
  Rule rule = Rule::kSubject;
  bool kept = false;
  std::size_t fact = 0;   // kept: index of the fact (among those read_sentence returns)
  std::size_t facts = 0;  // kept: how many facts the number made (several for A、B产值)
};

// `text` is the whole normalised document; the sentence is [begin, end). `quantities` are
// the mentions inside it, in order. `carried_metric` is the last metric of the previous
// sentence (for a sentence that starts with 增长…) and is updated. With `trace`, one record per
// number looked at is appended to it.
std::vector<Fact> read_sentence(std::string_view text, std::size_t begin, std::size_t end,
                                std::span<const QuantityView> quantities,
                                const SentenceContext& context, const Lexicon& lexicon,
                                std::string& carried_metric, std::vector<TraceRecord>* trace = nullptr);

}  // namespace reportlens::indicators
