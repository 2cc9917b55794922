// Finds entity names nobody listed: a known name ending (产业园, 集团, 公园 ...) plus the
// words to its left that belong to the name.
//
// The left edge is found on word boundaries (ICU dictionary word segmentation of the
// clause), walking left from the ending and stopping at punctuation, a stop word (verbs such
// as 打造/推进/新建, prepositions, determiners), a count (4所, 2个, 四大) or an ordinal. The
// stem left over is then rejected when it is a generic description (口袋公园, 特色园区,
// 中试基地), a designation (国家…示范基地, 标杆园区) or too short or long to be a name.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "aho_corasick.h"
#include "candidate.h"
#include "pattern_rules.h"

namespace reportlens::entities {

// Why a name ending did not give a candidate (exposed for tests and diagnostics).
enum class StemVerdict { kName, kEmpty, kTooShort, kTooLong, kCounted, kDesignation, kGeneric };

// A set of words looked up by string_view (no temporary strings on the hot path).
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

class PatternFinder {
 public:
  explicit PatternFinder(PatternRules rules);

  // Candidates in `text` (normalised text; byte offsets).
  std::vector<Candidate> find(std::string_view text) const;

  // The same in two steps, for a caller that finds the name endings itself (the tagger scans
  // them with the gazetteer surfaces in one pass): the ending texts, in rule order ...
  std::vector<std::string> ending_texts() const;
  // ... every occurrence of ending `ending` (index into ending_texts()), in the order an
  // Aho-Corasick scan reports them (by end offset, longer first at the same end) ...
  struct EndingHit {
    std::size_t begin, end, ending;
  };
  static void add_ending_hit(std::vector<EndingHit>& hits, std::size_t ending, std::size_t begin, std::size_t end);
  // ... and the candidates they give.
  std::vector<Candidate> find(std::string_view text, const std::vector<EndingHit>& hits) const;

  // The stem start for an ending beginning at `ending_begin`, and the verdict on the stem.
  struct Stem {
    std::size_t begin = 0;
    StemVerdict verdict = StemVerdict::kEmpty;
    bool stopped_at_soft_stop = false;  // the walk ended at a soft one-character stop word
  };
  // Some one-character stop words (得, 地 ...: soft_stop_chars) may also be part of an unknown
  // name (宝得钢铁): `stem()` retries through them when stopping there left only a generic or
  // too short stem.
  Stem left_edge(std::string_view text, std::size_t ending_begin, bool soft_stops = true) const;
  Stem stem(std::string_view text, std::size_t ending_begin) const;

  // The canonical name of a pattern match (see README, "Canonical names"): quotes and the
  // middle dot dropped, a leading region name (沈阳市, 铁西区) dropped when a name is left,
  // the legal-form ending spelled one way (有限公司 -> 公司).
  std::string canonical_name(std::string_view surface) const;

  // The verdict on a stem with no count before it, and whether it is made only of generic
  // words (for the document-level short forms, document_names.h).
  StemVerdict verdict(std::string_view stem) const { return verdict_of(stem, false); }
  bool is_generic(std::string_view stem) const;
  // Does `s` start with a digit or a Chinese numeral (125宗, 三农)?
  bool starts_with_numeral(std::string_view s) const;
  const PatternRules& rules() const { return rules_; }

 private:
  StemVerdict verdict_of(std::string_view stem, bool counted) const;
  // A digit or a Chinese numeral (words.numerals in patterns.yaml).
  bool is_numeral_(char32_t cp) const;
  bool starts_with_generic_word(std::string_view s) const;
  bool etc_before(std::string_view text, std::size_t at) const;
  bool quoted_stem(std::string_view text, std::size_t ending_begin, Stem& out) const;
  void add_list_items(std::string_view text, std::size_t ending_begin, const Stem& generic, const NameEnding& ending,
                      std::vector<Candidate>& out) const;
  void add_descriptive_name(std::string_view text, const Stem& found, const EndingHit& hit, const NameEnding& ending,
                            std::vector<Candidate>& out) const;
  bool ends_with_stop_word(std::string_view word) const;
  bool ends_with_glued_preposition(std::string_view word) const;
  // A stop word longer than the word that ends `text` (重点企业 over the words 重点/企业).
  bool ends_with_stop_phrase(std::string_view text, std::size_t word_size) const;
  std::size_t starts_with_stop_word(std::string_view word) const;  // its length, or 0
  // Is the word before cuts[k - 1] a lone character that, with the brand stop character
  // span[cuts[k - 1], cuts[k]) after it, starts a brand (华|为, 新|和|成)?
  bool brand_lead(std::string_view span, const std::vector<std::size_t>& cuts, std::size_t k) const;
  // Why a found name is still no name of a thing (see find()).
  bool quoted_common_noun(std::string_view text, std::size_t begin, std::size_t ending_begin, std::size_t end) const;
  bool region_class(std::string_view stem, bool region_alone) const;
  bool starts_with_quantity(std::string_view stem) const;
  bool in_quotation(std::string_view text, std::size_t begin, std::size_t end) const;
  bool listed_as_non_firm(std::string_view text, std::size_t end) const;

  PatternRules rules_;
  AhoCorasick endings_;
  std::vector<std::size_t> ending_of_key_;  // key id -> index into rules_.endings
  AhoCorasick stop_automaton_;              // stop words and soft stops: is there any in a span?
  WordSet stop_words_;
  WordSet generic_words_;
  WordSet counters_;
  WordSet date_units_;
  WordSet soft_stops_;
  WordSet brand_stops_;
  WordSet non_brand_chars_;
  WordSet object_verbs_;
  WordSet breakers_;
  std::size_t longest_generic_ = 0;
  std::size_t longest_stop_word_ = 0;  // bytes
  std::vector<std::pair<std::string, std::string>> canonical_suffixes_;  // longest first
};

}  // namespace reportlens::entities
