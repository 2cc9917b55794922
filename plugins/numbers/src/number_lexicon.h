// The data the number stage reads: units (units.yaml) and the words around numerals
// (lexicon.yaml), plus whatever a pipeline adds with extra_units / extra_lexicon.
//
// Loaded once when the stage is created; immutable afterwards, so the compiled RE2 matchers
// are shared by all threads. Errors name the file and line.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <re2/re2.h>

#include "exact_decimal.h"

namespace YAML {
class Node;
}

namespace reportlens::numbers {

struct UnitInfo {
  std::string surface;
  std::string unit;  // base unit of the contract: CNY, percent, item...
  ExactDecimal factor = ExactDecimal::from_integer(1);
  std::string kind = "quantity";
};

struct FixedExpression {
  std::string surface;
  ExactDecimal value;
  std::string unit;
  std::string kind = "quantity";
};

enum class NumeralScript { kAny, kChinese, kArabic };

struct OrdinalSuffix {
  std::string suffix;
  int keep = 0;  // characters of the suffix that belong to the ordinal's text
  NumeralScript numerals = NumeralScript::kAny;
};

// A word with the qualifier it stands for.
struct QualifierWord {
  std::string word;
  std::string qualifier;
};

// The words the scanner's readers look for around a numeral run (lexicon.yaml `grammar`;
// every key is required, a later file may replace one).
struct NumberGrammar {
  std::string ordinal_prefix, class_suffix, percent_in_words, fraction_in_words, quarter;
  std::string cardinal_only, named_set, year, decade, month, month_number, months, first_n;
  std::string recent, one, thousands_comma;
  std::vector<std::string> day, year_before, year_after, list_joiners, large_scales;
};

class NumberLexicon {
 public:
  // Loads the given files in order; later files add to (and for units, override) earlier.
  static std::unique_ptr<NumberLexicon> load(const std::vector<std::filesystem::path>& files);

  // Longest unit starting at `pos` of `text`, or nullptr.
  const UnitInfo* unit_at(std::string_view text, std::size_t pos, std::size_t* length) const;
  // True when `span` is exactly one fixed expression (a hash lookup, no regex).
  bool is_fixed_expression(std::string_view span) const {
    return fixed_surface_set_.find(span) != fixed_surface_set_.end();
  }
  // Longest fixed expression starting at `pos`, or nullptr.
  const FixedExpression* fixed_at(std::string_view text, std::size_t pos,
                                  std::size_t* length) const;
  // True when [begin, end) of `text` is exactly a stop word or stop pattern match.
  bool is_stop(std::string_view text, std::size_t begin, std::size_t end) const;
  // RE2 alternations (longest alternative first) of the stop words and stop patterns, and
  // of the fixed expressions. The scanner folds them into its single pass over the text.
  const std::string& stop_pattern() const { return stop_pattern_; }
  const std::string& fixed_pattern() const { return fixed_pattern_; }
  // The literal words and the raw patterns behind those alternations.
  const std::vector<std::string>& stop_words() const { return stop_words_; }
  const std::vector<std::string>& stop_patterns() const { return stop_patterns_; }
  std::vector<std::string> fixed_surfaces() const;

  const std::vector<QualifierWord>& qualifiers_before() const { return qualifiers_before_; }
  const std::vector<QualifierWord>& qualifiers_after() const { return qualifiers_after_; }
  const std::vector<QualifierWord>& approximate_inside() const { return approximate_inside_; }
  const std::vector<std::string>& decrease_words() const { return decrease_words_; }
  const std::vector<std::string>& money_context() const { return money_context_; }
  const std::vector<OrdinalSuffix>& ordinal_suffixes() const { return ordinal_suffixes_; }
  const std::vector<std::string>& ordinal_counters() const { return ordinal_counters_; }
  // Counters after which a lone 一 is an article, not a count (一个重要成果, 一批项目).
  const std::vector<std::string>& article_counters() const { return article_counters_; }
  const std::vector<std::string>& congress_before() const { return congress_before_; }
  const std::vector<std::string>& congress_after() const { return congress_after_; }
  const std::vector<std::string>& month_parts() const { return month_parts_; }
  const std::vector<std::string>& range_connectors() const { return range_connectors_; }
  const std::vector<std::string>& range_blockers() const { return range_blockers_; }
  const std::vector<std::string>& not_units() const { return not_units_; }
  const std::vector<std::string>& vague_before() const { return vague_before_; }
  const NumberGrammar& grammar() const { return grammar_; }

 private:
  void load_file(const std::filesystem::path& file);
  void read_sections(const std::filesystem::path& file, const YAML::Node& root);
  void read_grammar(const std::filesystem::path& file, const YAML::Node& node);
  void compile();

  std::map<std::string, UnitInfo> units_;
  std::map<std::string, FixedExpression> fixed_;
  std::vector<std::string> stop_words_;
  std::vector<std::string> stop_patterns_;
  std::vector<QualifierWord> qualifiers_before_, qualifiers_after_, approximate_inside_;
  std::vector<std::string> decrease_words_, money_context_, ordinal_counters_, article_counters_;
  std::vector<std::string> congress_before_, congress_after_, month_parts_;
  std::vector<std::string> range_connectors_, range_blockers_, not_units_, vague_before_;
  std::vector<OrdinalSuffix> ordinal_suffixes_;
  NumberGrammar grammar_;

  // Units by their first character, longest surface first: unit_at() is asked after every
  // numeral, and comparing the few units that start alike beats an anchored regex call.
  std::unordered_map<char32_t, std::vector<const UnitInfo*>> units_by_first_;
  std::unique_ptr<RE2> fixed_re_;  // alternation of fixed expressions
  // Exact-span stop checks: a hash of the words, then the patterns (one RE2 call fewer per
  // candidate than one alternation of both).
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, StringHash, std::equal_to<>> stop_word_set_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> fixed_surface_set_;
  std::unique_ptr<RE2> stop_patterns_re_;  // nullptr when there are no stop patterns
  std::string stop_pattern_, fixed_pattern_;
  std::size_t longest_fixed_ = 0;
};

// Sorts words longest first, so that a scan taking the first match takes the longest.
void sort_longest_first(std::vector<std::string>& words);
void sort_longest_first(std::vector<QualifierWord>& words);

}  // namespace reportlens::numbers
