// Finds every number mention in a normalised report text and reads it: quantities with
// exact value, base unit and qualifier; percentages; calendar years; dates; ordinals.
//
// One RE2 pass finds numeral runs (Arabic, Chinese, mixed); each run is then judged by its
// neighbours, in this order: non-number words (stop list, designators such as 5G, ratios,
// fractions, slogans in quotes), ordinals (第…, section markers, 一是, 25号, 三路), years and
// dates, named sets (四大), and finally a unit or counter from the lexicon. A numeral with
// neither a unit nor one of those shapes is not reported: a bare digit is not a quantity.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "candidate_matcher.h"
#include "candidate_starts.h"
#include "mention.h"
#include "number_lexicon.h"
#include "numeral.h"

namespace reportlens::numbers {

class QuantityScanner {
 public:
  explicit QuantityScanner(const NumberLexicon& lexicon);

  // Mentions in `text` (the normalised document text), sorted by position. `report_year`
  // completes partial dates (5月下旬 → "2022-05"); 0 when unknown.
  std::vector<Mention> scan(std::string_view text, int report_year) const;

  // Every candidate span of `text` in order (each search resumes after the previous
  // match), found by hand or, with `regex`, by the candidate pattern. For tests: both
  // must agree whenever the hand matcher is enabled.
  std::vector<std::pair<std::size_t, std::size_t>> candidate_spans(std::string_view text,
                                                                   bool regex) const;
  bool matches_by_hand() const { return matcher_->enabled(); }

 private:
  struct Scan;  // per-call state
  // The candidate regex, compiled on first use (thread-safe).
  const RE2& candidate() const;

  const NumberLexicon& lexicon_;
  // Stop words, fixed expressions, 第 + numeral run, numeral run, Roman class number (III类).
  std::string candidate_pattern_;
  mutable std::once_flag candidate_once_;
  mutable std::unique_ptr<RE2> candidate_;
  std::unique_ptr<RE2> run_;        // the numeral run alone, anchored use
  std::unique_ptr<CandidateStarts> starts_;  // where candidate_ can next match
  std::unique_ptr<CandidateMatcher> matcher_;  // candidate_ without the regex, when possible
};

}  // namespace reportlens::numbers
