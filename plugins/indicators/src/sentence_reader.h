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
};

// `text` is the whole normalised document; the sentence is [begin, end). `quantities` are
// the mentions inside it, in order. `carried_metric` is the last metric of the previous
// sentence (for a sentence that starts with 增长…) and is updated.
std::vector<Fact> read_sentence(std::string_view text, std::size_t begin, std::size_t end,
                                std::span<const QuantityView> quantities,
                                const SentenceContext& context, const Lexicon& lexicon,
                                std::string& carried_metric);

}  // namespace reportlens::indicators
