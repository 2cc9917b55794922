#include "number_lexicon.h"

#include <algorithm>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "reportlens/stage.h"
#include "reportlens/yaml_data.h"
#include "text_context.h"

namespace reportlens::numbers {

namespace {

std::string where(const std::filesystem::path& file, const YAML::Node& node) {
  return file.string() + ":" + std::to_string(node.Mark().line + 1);
}

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Node& node,
                       const std::string& message) {
  throw StageError(where(file, node) + ": " + message);
}

std::string scalar(const std::filesystem::path& file, const YAML::Node& node,
                   const char* what) {
  if (!node || !node.IsScalar()) fail(file, node, std::string("expected a string for ") + what);
  return node.as<std::string>();
}

std::vector<std::string> string_list(const std::filesystem::path& file, const YAML::Node& node,
                                     const char* key) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) fail(file, node, std::string(key) + " must be a list");
  for (const auto& item : node) out.push_back(scalar(file, item, key));
  return out;
}

void append(std::vector<std::string>& to, std::vector<std::string> more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

std::vector<QualifierWord> qualifier_map(const std::filesystem::path& file,
                                         const YAML::Node& node, const char* key) {
  static const std::vector<std::string> kKnown = {">", ">=", "<", "<=", "~"};
  std::vector<QualifierWord> out;
  if (!node) return out;
  if (!node.IsMap()) fail(file, node, std::string(key) + " must map a qualifier to words");
  for (const auto& entry : node) {
    const std::string q = entry.first.as<std::string>();
    if (std::find(kKnown.begin(), kKnown.end(), q) == kKnown.end())
      fail(file, entry.first, "unknown qualifier '" + q + "' (use > >= < <= ~)");
    for (auto& word : string_list(file, entry.second, key)) out.push_back({word, q});
  }
  return out;
}

ExactDecimal decimal(const std::filesystem::path& file, const YAML::Node& node) {
  const auto parsed = ExactDecimal::parse(scalar(file, node, "a number"));
  if (!parsed) fail(file, node, "not a plain decimal number: " + node.as<std::string>());
  return *parsed;
}

// An RE2 alternation of literal words (longest first, so that leftmost-first matching
// takes the longest word) followed by raw patterns.
std::string alternation(std::vector<std::string> words, const std::vector<std::string>& patterns) {
  sort_longest_first(words);
  std::string pattern;
  for (const auto& w : words) {
    if (!pattern.empty()) pattern += '|';
    pattern += RE2::QuoteMeta(w);
  }
  for (const auto& p : patterns) {
    if (!pattern.empty()) pattern += '|';
    pattern += "(?:" + p + ")";
  }
  if (pattern.empty()) pattern = "[^\\x00-\\x{10FFFF}]";  // matches nothing
  return "(?:" + pattern + ")";
}

std::unique_ptr<RE2> compile_longest(const std::string& pattern) {
  RE2::Options options;
  options.set_longest_match(true);
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) throw StageError("number lexicon: bad pattern: " + re->error());
  return re;
}

}  // namespace

void sort_longest_first(std::vector<std::string>& words) {
  std::stable_sort(words.begin(), words.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void sort_longest_first(std::vector<QualifierWord>& words) {
  std::stable_sort(words.begin(), words.end(), [](const QualifierWord& a, const QualifierWord& b) {
    return a.word.size() > b.word.size();
  });
}

std::unique_ptr<NumberLexicon> NumberLexicon::load(
    const std::vector<std::filesystem::path>& files) {
  auto lexicon = std::unique_ptr<NumberLexicon>(new NumberLexicon());
  for (const auto& file : files) lexicon->load_file(file);
  lexicon->compile();
  return lexicon;
}

void NumberLexicon::load_file(const std::filesystem::path& file) {
  // (the fast reader: yaml-cpp's scanner would cost more than scanning a report)
  std::optional<yaml_data::File> yaml;
  try {
    yaml.emplace(file);
  } catch (const YAML::BadFile&) {
    throw StageError(file.string() + ": cannot read the file");
  } catch (const YAML::ParserException& e) {
    throw StageError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  yaml->walk([&](const YAML::Node& root) { read_sections(file, root); });
}

void NumberLexicon::read_sections(const std::filesystem::path& file, const YAML::Node& root) {
  if (!root.IsMap()) throw StageError(file.string() + ":1: expected a mapping of sections");
  static const std::vector<std::string> kSections = {
      "units", "qualifiers_before", "qualifiers_after", "approximate_inside", "decrease_words",
      "money_context", "stop_words", "stop_patterns", "fixed_expressions", "ordinal_suffixes",
      "ordinal_counters", "congress_before", "congress_after", "month_parts",
      "range_connectors", "range_blockers", "not_units", "vague_before", "article_counters", "grammar"};
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    if (std::find(kSections.begin(), kSections.end(), key) == kSections.end())
      fail(file, entry.first, "unknown section '" + key + "'");
  }

  if (const auto units = root["units"]) {
    if (!units.IsSequence()) fail(file, units, "units must be a list");
    for (const auto& u : units) {
      if (!u.IsMap()) fail(file, u, "a unit is {surface, unit, factor?, kind?}");
      UnitInfo info;
      info.surface = scalar(file, u["surface"], "surface");
      info.unit = scalar(file, u["unit"], "unit");
      if (u["factor"]) {
        info.factor = decimal(file, u["factor"]);
        // Scaling must stay exact: a factor is a power of ten, applied as an exponent shift.
        const std::string f = info.factor.to_string();
        if (f.find_first_not_of('0', 1) != std::string::npos || f[0] != '1')
          fail(file, u["factor"], "factor must be a power of ten (1, 10, 1000, ...): " + f);
      }
      if (u["kind"]) info.kind = scalar(file, u["kind"], "kind");
      if (info.surface.empty()) fail(file, u, "empty unit surface");
      units_[info.surface] = info;
    }
  }
  if (const auto fixed = root["fixed_expressions"]) {
    if (!fixed.IsSequence()) fail(file, fixed, "fixed_expressions must be a list");
    for (const auto& f : fixed) {
      FixedExpression e;
      e.surface = scalar(file, f["surface"], "surface");
      e.value = decimal(file, f["value"]);
      e.unit = scalar(file, f["unit"], "unit");
      if (f["kind"]) e.kind = scalar(file, f["kind"], "kind");
      fixed_[e.surface] = e;
    }
  }
  if (const auto suffixes = root["ordinal_suffixes"]) {
    if (!suffixes.IsSequence()) fail(file, suffixes, "ordinal_suffixes must be a list");
    for (const auto& s : suffixes) {
      OrdinalSuffix o;
      o.suffix = scalar(file, s["suffix"], "suffix");
      if (s["keep"]) o.keep = s["keep"].as<int>();
      const std::string script = s["numerals"] ? scalar(file, s["numerals"], "numerals") : "any";
      if (script == "chinese") o.numerals = NumeralScript::kChinese;
      else if (script == "arabic") o.numerals = NumeralScript::kArabic;
      else if (script != "any") fail(file, s["numerals"], "numerals: chinese, arabic or any");
      ordinal_suffixes_.push_back(o);
    }
  }
  for (auto& q : qualifier_map(file, root["qualifiers_before"], "qualifiers_before"))
    qualifiers_before_.push_back(q);
  for (auto& q : qualifier_map(file, root["qualifiers_after"], "qualifiers_after"))
    qualifiers_after_.push_back(q);
  for (auto& q : qualifier_map(file, root["approximate_inside"], "approximate_inside"))
    approximate_inside_.push_back(q);
  append(decrease_words_, string_list(file, root["decrease_words"], "decrease_words"));
  append(money_context_, string_list(file, root["money_context"], "money_context"));
  append(stop_words_, string_list(file, root["stop_words"], "stop_words"));
  append(ordinal_counters_, string_list(file, root["ordinal_counters"], "ordinal_counters"));
  append(congress_before_, string_list(file, root["congress_before"], "congress_before"));
  append(congress_after_, string_list(file, root["congress_after"], "congress_after"));
  append(month_parts_, string_list(file, root["month_parts"], "month_parts"));
  append(range_connectors_, string_list(file, root["range_connectors"], "range_connectors"));
  append(range_blockers_, string_list(file, root["range_blockers"], "range_blockers"));
  append(article_counters_, string_list(file, root["article_counters"], "article_counters"));
  append(not_units_, string_list(file, root["not_units"], "not_units"));
  append(vague_before_, string_list(file, root["vague_before"], "vague_before"));
  if (const auto grammar = root["grammar"]) read_grammar(file, grammar);
  if (const auto patterns = root["stop_patterns"]) {
    for (const auto& p : patterns) {
      const std::string pattern = scalar(file, p, "stop_patterns");
      RE2 check(pattern, RE2::Quiet);
      if (!check.ok()) fail(file, p, "bad RE2 pattern: " + check.error());
      stop_patterns_.push_back(pattern);
    }
  }
}

namespace {

// The grammar's keys, each with where it is kept.
struct GrammarWord {
  const char* key;
  std::string NumberGrammar::*word;
};
struct GrammarList {
  const char* key;
  std::vector<std::string> NumberGrammar::*words;
};
constexpr GrammarWord kGrammarWords[] = {
    {"ordinal_prefix", &NumberGrammar::ordinal_prefix}, {"class_suffix", &NumberGrammar::class_suffix},
    {"percent_in_words", &NumberGrammar::percent_in_words},
    {"fraction_in_words", &NumberGrammar::fraction_in_words}, {"quarter", &NumberGrammar::quarter},
    {"cardinal_only", &NumberGrammar::cardinal_only}, {"named_set", &NumberGrammar::named_set},
    {"year", &NumberGrammar::year}, {"decade", &NumberGrammar::decade},
    {"month", &NumberGrammar::month}, {"month_number", &NumberGrammar::month_number},
    {"months", &NumberGrammar::months}, {"first_n", &NumberGrammar::first_n},
    {"recent", &NumberGrammar::recent}, {"one", &NumberGrammar::one},
    {"thousands_comma", &NumberGrammar::thousands_comma}};
constexpr GrammarList kGrammarLists[] = {
    {"day", &NumberGrammar::day}, {"year_before", &NumberGrammar::year_before},
    {"year_after", &NumberGrammar::year_after}, {"list_joiners", &NumberGrammar::list_joiners},
    {"large_scales", &NumberGrammar::large_scales}};

}  // namespace

void NumberLexicon::read_grammar(const std::filesystem::path& file, const YAML::Node& node) {
  if (!node.IsMap()) fail(file, node, "grammar must map names to words");
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    bool known = false;
    for (const auto& [name, word] : kGrammarWords)
      if (key == name) {
        grammar_.*word = scalar(file, entry.second, name);
        if ((grammar_.*word).empty()) fail(file, entry.second, "grammar." + key + " is empty");
        known = true;
      }
    for (const auto& [name, words] : kGrammarLists)
      if (key == name) {
        grammar_.*words = string_list(file, entry.second, name);
        for (const auto& w : grammar_.*words)
          if (w.empty()) fail(file, entry.second, "grammar." + key + " has an empty word");
        known = true;
      }
    if (!known) fail(file, entry.first, "unknown grammar word '" + key + "'");
  }
}

void NumberLexicon::compile() {
  for (const auto& [name, word] : kGrammarWords)
    if ((grammar_.*word).empty())
      throw StageError(std::string("number lexicon: grammar.") + name + " is missing (lexicon.yaml)");
  for (const auto& [name, words] : kGrammarLists)
    if ((grammar_.*words).empty())
      throw StageError(std::string("number lexicon: grammar.") + name + " is missing (lexicon.yaml)");
  for (const auto& [surface, info] : units_)
    units_by_first_[code_point_at(surface, 0)].push_back(&info);
  for (auto& [first, list] : units_by_first_)
    std::stable_sort(list.begin(), list.end(), [](const UnitInfo* a, const UnitInfo* b) {
      return a->surface.size() > b->surface.size();
    });
  std::vector<std::string> fixed_surfaces;
  for (const auto& [surface, info] : fixed_) {
    fixed_surfaces.push_back(surface);
    longest_fixed_ = std::max(longest_fixed_, surface.size());
  }
  fixed_surface_set_ = {fixed_surfaces.begin(), fixed_surfaces.end()};
  fixed_pattern_ = alternation(fixed_surfaces, {});
  fixed_re_ = compile_longest(fixed_pattern_);
  stop_pattern_ = alternation(stop_words_, stop_patterns_);
  stop_word_set_ = {stop_words_.begin(), stop_words_.end()};
  if (!stop_patterns_.empty()) stop_patterns_re_ = compile_longest(alternation({}, stop_patterns_));
  for (auto* list : {&decrease_words_, &money_context_, &ordinal_counters_, &congress_before_,
                     &congress_after_, &month_parts_, &range_connectors_, &range_blockers_, &not_units_, &vague_before_})
    sort_longest_first(*list);
  sort_longest_first(qualifiers_before_);
  sort_longest_first(qualifiers_after_);
  sort_longest_first(approximate_inside_);
  std::stable_sort(ordinal_suffixes_.begin(), ordinal_suffixes_.end(),
                   [](const OrdinalSuffix& a, const OrdinalSuffix& b) {
                     return a.suffix.size() > b.suffix.size();
                   });
}

namespace {

// Length of the anchored match of `re` at `pos`, looking at most `window` bytes ahead.
std::size_t anchored_match(const RE2& re, std::string_view text, std::size_t pos,
                           std::size_t window) {
  if (pos >= text.size()) return 0;
  const std::size_t end = std::min(text.size(), pos + window);
  re2::StringPiece match;
  const re2::StringPiece input(text.data(), end);
  if (!re.Match(input, pos, end, RE2::ANCHOR_START, &match, 1)) return 0;
  return match.size();
}

}  // namespace

const UnitInfo* NumberLexicon::unit_at(std::string_view text, std::size_t pos,
                                       std::size_t* length) const {
  // The longest surface `text` has at `pos` (what a longest-match alternation gives).
  if (pos >= text.size()) return nullptr;
  const auto it = units_by_first_.find(code_point_at(text, pos));
  if (it == units_by_first_.end()) return nullptr;
  for (const UnitInfo* unit : it->second)
    if (starts_with_at(text, pos, unit->surface)) {
      *length = unit->surface.size();
      return unit;
    }
  return nullptr;
}

bool NumberLexicon::is_stop(std::string_view text, std::size_t begin, std::size_t end) const {
  if (stop_word_set_.find(text.substr(begin, end - begin)) != stop_word_set_.end()) return true;
  if (!stop_patterns_re_) return false;
  const re2::StringPiece input(text.data(), end);
  return stop_patterns_re_->Match(input, begin, end, RE2::ANCHOR_BOTH, nullptr, 0);
}

std::vector<std::string> NumberLexicon::fixed_surfaces() const {
  std::vector<std::string> out;
  for (const auto& [surface, info] : fixed_) out.push_back(surface);
  return out;
}

const FixedExpression* NumberLexicon::fixed_at(std::string_view text, std::size_t pos,
                                               std::size_t* length) const {
  const std::size_t n = anchored_match(*fixed_re_, text, pos, longest_fixed_);
  if (n == 0) return nullptr;
  *length = n;
  return &fixed_.at(std::string(text.substr(pos, n)));
}

}  // namespace reportlens::numbers
