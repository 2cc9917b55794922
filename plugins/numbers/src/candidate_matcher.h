// The scanner's candidate pattern — stop word or pattern | fixed expression | 第+numeral
// run | numeral run | Roman class (III类) — matched in C++ at the few places a candidate
// can start, with the regex's own leftmost-first rule: the earliest start wins, and there
// the first alternative that matches, with that alternative's preferred length.
//
// The numeral run is kRun of quantity_scanner.cc read by hand; stop words and fixed
// expressions are literal (longest first, as in their alternation); stop patterns are still
// run by RE2, anchored, only where their first character is. When the stop patterns cannot
// be analysed (see candidate_starts.h) the matcher is disabled and the scanner keeps the
// regex search. Same matches either way (tested on the national corpus).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>

#include "candidate_starts.h"
#include "number_lexicon.h"

namespace reportlens::numbers {

// Literal words by their first two characters (one-character words: second 0), longest
// first, behind a bit filter on the same key: most places a candidate may start (digits)
// begin no word, and the filter says so without touching the table.
struct WordsByStart {
  using Key = std::uint64_t;
  static Key key(char32_t first, char32_t second) { return Key(first) << 32 | second; }
  static std::size_t bit(Key k) { return static_cast<std::size_t>((k >> 32) * 31 + (k & 0xFFFFFFFF)) & 4095; }
  bool may_hold(Key k) const { return (filter[bit(k) >> 6] >> (bit(k) & 63)) & 1; }

  std::unordered_map<Key, std::vector<std::string>> words;
  std::array<std::uint64_t, 64> filter{};
};

enum class CandidateKind { kStop, kFixed, kOrdinalRun, kRun, kRoman };

struct CandidateMatch {
  std::size_t begin = 0, end = 0;
  CandidateKind kind = CandidateKind::kRun;
};

class CandidateMatcher {
 public:
  CandidateMatcher(const NumberLexicon& lexicon, const CandidateStarts& starts);

  bool enabled() const { return enabled_; }
  // The leftmost candidate starting at or after `pos`, or nullopt.
  std::optional<CandidateMatch> next(std::string_view text, std::size_t pos) const;

 private:
  // Length of each alternative's match at `p` (0: none).
  std::size_t stop_at(std::string_view text, std::size_t p) const;
  std::size_t fixed_at(std::string_view text, std::size_t p) const;
  bool match_at(std::string_view text, std::size_t p, CandidateMatch* m) const;

  const CandidateStarts& starts_;
  const NumberGrammar& grammar_;  // the ordinal prefix (第) and the class suffix (III类)
  bool enabled_ = true;
  // Keyed by two characters: many stop words share their first one (一体化, 一般, 一些 …).
  WordsByStart stop_words_, fixed_;
  std::unique_ptr<RE2> patterns_;            // leftmost-first alternation, anchored use
  std::vector<std::uint64_t> pattern_first_;  // first characters of the patterns (BMP bits)
};

// Length of the numeral run (kRun) starting at `p`, 0 if none.
std::size_t numeral_run_at(std::string_view text, std::size_t p);

}  // namespace reportlens::numbers
