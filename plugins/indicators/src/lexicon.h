// The word lists and synonym table the indicator reader works with, loaded from YAML.
//
// Kept out of the code so that a user can teach the reader a new verb or scope word, or a
// new alias for a metric, from the pipeline file (settings `lexicon`, `catalogue`, `synonyms`).
// Metric names come from the standard indicator catalogue (data/catalogue.yaml), the
// vocabulary the diff and panel stages read too.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "indicator_catalogue.h"

namespace YAML {
class Node;
}

namespace reportlens::indicators {

// Where the words of a list sit, by their first and by their last character, so that a
// match looks at the few words that can match instead of comparing the whole list: the
// reader asks tens of thousands of prefix / suffix questions per report. Entries are
// indices into the owner's word vector (longest first), so copies of a list stay valid.
// Flat and small (a bit filter, then a binary search over the characters): the lookups
// run in hot loops where chasing hash-table nodes costs more than the comparisons saved.
class WordIndex {
 public:
  void rebuild(const std::vector<std::string_view>& words);
  // Records that `word` was inserted at `position` of the owner's vector.
  void inserted(std::string_view word, std::uint32_t position);
  // Indices of the words starting / ending with the character `text` starts / ends with
  // (longest first); empty when there are none.
  std::span<const std::uint32_t> starting_like(std::string_view text) const;
  std::span<const std::uint32_t> ending_like(std::string_view text) const;
  // False when no word starts with `c` (cheap test before a lookup; may say true wrongly).
  // Only the low twelve bits of `c` count: one bit each, so a scan tests a character with
  // one load, and a CJK character passes only when a word starts with it or with one of the
  // few others sharing its bits (the buckets' eight bits let one in sixteen more through).
  bool may_start_with(char32_t c) const { return ((first_low12_[(c >> 6) & 63] >> (c & 63)) & 1) != 0; }

 private:
  // Word indices by one of their characters, in buckets by the character's low 8 bits:
  // one array read tells that no word has it, else one or two entries are compared.
  struct ByChar {
    struct Entry {
      char32_t c;
      std::vector<std::uint32_t> words;  // ascending indices
    };
    std::vector<Entry> entries;                  // sorted by (c & 255, c)
    std::array<std::uint32_t, 257> bucket_start{};  // entries of bucket b: [start[b], start[b+1])

    std::span<const std::uint32_t> find(char32_t c) const;
    void add(char32_t c, std::uint32_t index);
    void clear() { *this = ByChar(); }
  };
  ByChar by_first_, by_last_;
  std::array<std::uint64_t, 64> first_low12_{};  // bit (c & 0xFFF): a word starts with some such c
  void note_first(char32_t c) { first_low12_[(c >> 6) & 63] |= std::uint64_t{1} << (c & 63); }
};

// A list of words matched longest first.
class WordList {
 public:
  void add(std::string word);
  bool contains(std::string_view word) const;
  // Length in bytes of the longest word that `text` starts / ends with, 0 if none.
  std::size_t prefix_match(std::string_view text) const;
  std::size_t suffix_match(std::string_view text) const;
  // Byte offset of the first occurrence of any word in `text`, npos if none; `length`
  // receives the matched word's length.
  std::size_t find_first(std::string_view text, std::size_t* length = nullptr) const;
  const std::vector<std::string>& words() const { return words_; }
  // Length in bytes of the longest word, 0 for an empty list.
  std::size_t max_length() const { return words_.empty() ? 0 : words_.front().size(); }
  // The words in the order the data files wrote them (for lists tried in turn).
  const std::vector<std::string>& as_written() const { return as_written_; }

 private:
  std::size_t find_first_scanning(std::string_view text, std::size_t* length) const;
  std::size_t find_first_by_firsts(std::string_view text, std::size_t* length) const;

  std::vector<std::string> words_;  // sorted longest first
  std::vector<std::string> as_written_;
  WordIndex index_;
  // The distinct first characters of the words (their three UTF-8 bytes) while all are
  // three-byte characters and there are at most kMaxFirsts of them: the lists searched in
  // every sentence (目标是…, 全年, the parts of a year) start with a handful, and memchr
  // finds a character's last byte many times faster than a loop looks at every character.
  static constexpr std::size_t kMaxFirsts = 8;
  std::vector<std::array<char, 3>> firsts_;
  bool scan_only_ = false;  // a word starts otherwise, or with too many characters
};

// Whether a word of a list lies wholly in text[clause, end), asked figure after figure of one
// clause with a growing `end`. It remembers how far the clause has been searched without a word
// and where one ended, so each question searches only the part it adds: a clause of n figures is
// read once, not n times (a clause of 30,000 figures, a text of short lines with no punctuation,
// took seconds to read, quadratically). The answer is find_first's on the whole prefix.
class ClauseWordSearch {
 public:
  bool occurs(const WordList& list, std::string_view text, std::size_t clause, std::size_t end);

 private:
  const WordList* list_ = nullptr;
  std::size_t clause_ = std::string_view::npos;
  std::size_t searched_to_ = 0;                       // text[clause, searched_to_) holds no word
  std::size_t found_end_ = std::string_view::npos;   // a word of the clause ends here
};

// A set of single characters (clause marks, quote marks, magnitude characters): a membership
// test per character of a sentence, so a sorted vector of code points, not words.
class CharSet {
 public:
  // Adds every character of `chars`.
  void add(std::string_view chars);
  // (the BMP by one bit per character: asked for every character of every sentence)
  bool has(char32_t c) const {
    if (c < kBmp) return ((bits_[c >> 6] >> (c & 63)) & 1) != 0;
    return std::binary_search(chars_.begin(), chars_.end(), c);
  }
  // Byte length of the first / last character of `text` when it is in the set, else 0.
  std::size_t prefix_match(std::string_view text) const;
  std::size_t suffix_match(std::string_view text) const;

 private:
  static constexpr char32_t kBmp = 0x10000;
  std::vector<char32_t> chars_;  // sorted
  std::vector<std::uint64_t> bits_ = std::vector<std::uint64_t>(kBmp / 64);  // chars_ in the BMP
};

// Words with a sign (+1 growth, -1 decline).
class SignedWords {
 public:
  void set(const std::string& word, int sign);
  // Longest word `text` ends with: its length (0 if none) and sign.
  std::size_t suffix_match(std::string_view text, int* sign) const;
  std::size_t prefix_match(std::string_view text, int* sign) const;

 private:
  std::vector<std::pair<std::string, int>> words_;  // longest first
  WordIndex index_;
};

struct Lexicon {
  SignedWords growth_verbs;
  WordList absolute_change_verbs;
  SignedWords rate_suffixes;
  WordList to_markers;
  WordList from_markers;
  WordList from_period_words;
  WordList predicate_verbs;
  WordList scope_words;
  WordList trailing_modifiers;
  WordList qualifier_words;
  WordList connectors;
  WordList target_cues;
  WordList review_target_cues;
  WordList sentence_target_cues;
  WordList estimate_cues;
  WordList average_cues;
  WordList generic_heads;
  WordList metric_heads;
  WordList noun_stops;
  WordList compound_words;   // words with a noun stop inside (高等, 中等, 等级): never cut there
  WordList nominal_verbs;    // predicate verbs that end a noun phrase as nouns (外汇储备)
  WordList time_suffixes;    // 底, 末, 初 after a year or month (2000年底, 6月末)
  WordList time_prepositions;  // 到, 截至 before a date inside a clause
  WordList inner_light_verbs;  // 实现 in 规模以上工业企业实现营业收入: not part of the metric
  WordList milestone_verbs;    // 突破, 迈上: a clause passing a milestone (…突破4万亿元大关)
  WordList kept_region_words;  // 全国: a report's region that stays in its metrics
  WordList milestone_nouns;
  WordList successive_words;  // 连续, 先后 before a milestone verb: passed over several years    // 大关, 新台阶: the milestone passed, no slogan and no subject
  WordList programme_heads;
  WordList attribute_units;
  WordList exclusion_cues;
  WordList designator_suffixes;
  WordList comparison_cues;
  WordList count_units;
  WordList person_heads;
  WordList money_heads;
  WordList household_heads;
  WordList physical_counters;
  WordList review_openers;
  WordList single_year_openers;  // 今年…: a paragraph or sentence about the planned year alone
  WordList reviewed_year_openers;  // 去年…: a paragraph or sentence about the reviewed year alone
  WordList address_openers;     // 各位代表！ before a paragraph's opening: no part of it
  WordList estimate_notes;       // （预计数，下同）: every figure of the sentence is an estimate
  WordList estimate_scope_words; // 初步, 全年 before an opening 预计 (初步预计，…)
  WordList adverbial_openers;    // 在 … 中: 在实际工作中 is an adverbial frame, no subject
  WordList adverbial_closers;
  WordList result_heads;         // 7%的更好结果: a figure qualifying a result, no counted noun
  WordList adjustment_ends;      // 因素, 影响 ending 扣除减税降费因素 (an adjusted rate, same metric)
  WordList multi_year_openers;
  WordList review_heading_words;
  WordList plan_heading_words;

  // A prefix that coordinates several groups, and the groups in its order: 城乡 -> 城镇, 农村
  // (城乡居民人均可支配收入分别达到x和y names one subject per group). Longest prefix first.
  std::vector<std::pair<std::string, std::vector<std::string>>> coordinated_prefixes;
  // Part of a year a figure covers (前三季度 -> Q1-Q3); the words are in partial_period_words.
  std::map<std::string, std::string, std::less<>> partial_period_of;
  WordList partial_period_words;
  WordList whole_year_words;  // 全年: a figure of the whole year again after a partial one

  // Cue words of the sentence reader's rules (data/lexicon.yaml, section "Cue words of the
  // reader"): each list is named after the question a rule asks of the text.
  CharSet clause_marks, magnitude_chars, nominal_marks, open_quotes, close_quotes, sentence_ends, terminal_marks,
      denominator_magnitudes;
  WordList year_words, ahead_words, plan_name_words, duration_tails, looking_back_tails,
      plan_period_tails, attributive_particles, dating_markers, etc_words, ordinal_prefixes,
      ordinal_heads, per_prefixes, list_separators, list_joiners, list_marks, pair_joiners, dashes,
      comparison_bases,
      clause_commas, year_span_words, horizon_markers, consecutive_words, slogan_counters,
      person_counters, population_tails, threshold_words, age_units, respective_words,
      plan_share_cues, plan_completion_metric, share_verbs, share_heads, share_metric_suffix,
      share_ratio_suffix, bracket_opens, bracket_closes, comparison_openers, period_words,
      reach_words, hold_words, cumulative_words, opening_ends, opening_commas, plan_hint_words,
      looking_back_words, year_range_words, execution_words, this_year_words, review_span_words;
  CharSet heading_numerals;

  // The one-line reason of each rule of the reader (rule id -> reason), shown by the trace.
  std::map<std::string, std::string, std::less<>> rule_reasons;

  // User synonyms (setting `synonyms`): alias (or canonical) -> canonical, before the catalogue.
  std::map<std::string, std::string, std::less<>> canonical_of;
  // The standard indicators: a metric matching a name or variant takes the standard name.
  catalogue::Catalogue catalogue;

  // Merges one lexicon file; throws StageError("file:line: ...") on a bad entry.
  void load_words(const std::filesystem::path& file);
  // Merges one synonyms file (canonical: [aliases]).
  void load_synonyms(const std::filesystem::path& file);
  // Merges one indicator catalogue file (catalogue.yaml's shape).
  void load_catalogue(const std::filesystem::path& file) { catalogue.load(file); }

  // The canonical name for a metric as written (the metric itself when unknown).
  std::string canonical(std::string_view metric) const;
  // The catalogue's standard name when `canonical` (canonical()'s result) is a catalogue
  // indicator, else "".
  std::string standard_indicator(std::string_view canonical) const;

 private:
  void read_words(const std::filesystem::path& file, const YAML::Node& root);
  void read_synonyms(const std::filesystem::path& file, const YAML::Node& root);
};

}  // namespace reportlens::indicators
