// Numbers inside sentence text, compared as VALUES rather than as characters.
//
// "1200.2亿元" and "1,200.2亿元" must compare equal, "1200.2亿元" against "1300亿元" is a
// change of +99.8亿元 (+8.3%). A sentence is reduced to a skeleton (its text with every
// number replaced by a placeholder) plus the list of its values; calendar years are
// replaced by their offset from the report's year, so "2022年" in the 2022 report and
// "2023年" in the 2023 report are the same words ("this year").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diff_words.h"

namespace reportlens::diff {

struct NumberMention {
  std::size_t begin = 0;  // byte offsets into the text given to parse_numbers()
  std::size_t end = 0;
  double surface = 0;     // the digits as written (1200.2 in 1200.2亿元)
  double scale = 1;       // 1e8 for 亿, 1e4 for 万 ...
  double value = 0;       // surface * scale
  std::string scale_text; // "亿"
  std::string unit;       // "元", "%", "万人" -> "人", "个百分点" ...
  bool is_year = false;   // 2022年
};

// Finds the Arabic numbers of `text` (ASCII digits: give it normalised text); scale words,
// units and the year word come from `words` (data/words.yaml).
std::vector<NumberMention> parse_numbers(std::string_view text, const NumberWords& words);

// The comparison form of one sentence.
struct SentenceKey {
  std::string skeleton;        // text with numbers masked, whitespace dropped
  std::vector<NumberMention> numbers;  // non-year numbers, in order
  std::uint64_t shape_hash = 0;  // hash of the skeleton only
  std::uint64_t value_hash = 0;  // skeleton + values: equal iff "no change"
};

// `report_year`: the year of the report the sentence comes from (0: years kept literal).
SentenceKey make_sentence_key(std::string_view normalized_sentence, int report_year,
                              const NumberWords& words);

// "+99.8亿元 (+8.3%)" style description of a change between two mentions of the same unit;
// nullopt when the units differ.
struct NumberChange {
  std::string base_text, compare_text;
  double delta = 0;          // in base units (compare.value - base.value)
  std::string delta_text;    // "+99.8亿元"
  std::optional<double> percent;  // relative change, one decimal
};
std::optional<NumberChange> describe_change(const NumberMention& base,
                                            const NumberMention& compare,
                                            std::string_view base_surface,
                                            std::string_view compare_surface,
                                            const Labels& labels);

}  // namespace reportlens::diff
