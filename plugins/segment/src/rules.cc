#include "rules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>
#include <optional>

#include "reportlens/stage.h"
#include "reportlens/text.h"
#include "reportlens/yaml_data.h"

namespace reportlens::segment {
namespace {

void append(const YAML::Node& node, const std::string& file, const char* key,
            std::vector<std::string>& into) {
  if (!node || node.IsNull()) return;
  if (!node.IsSequence())
    throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key +
                     "' must be a list of strings");
  for (const auto& item : node) {
    if (!item.IsScalar() || item.as<std::string>().empty())
      throw StageError(file + ":" + std::to_string(item.Mark().line + 1) + ": '" + key +
                       "' entries must be non-empty strings");
    into.push_back(item.as<std::string>());
  }
}

// Months 1–12 ("delivery.next_year_months").
void append_months(const YAML::Node& node, const std::string& file, std::vector<int>& into) {
  if (!node || node.IsNull()) return;
  auto bad = [&](const YAML::Node& at) {
    return StageError(file + ":" + std::to_string(at.Mark().line + 1) +
                      ": 'delivery.next_year_months' must be a list of months 1-12");
  };
  if (!node.IsSequence()) throw bad(node);
  for (const auto& item : node) {
    int m = 0;
    try {
      m = item.as<int>();
    } catch (const YAML::Exception&) {
      throw bad(item);
    }
    if (m < 1 || m > 12) throw bad(item);
    into.push_back(m);
  }
}

// A mapping of non-empty strings ("provinces": short name → full name), in file order.
void append_pairs(const YAML::Node& node, const std::string& file, const char* key,
                  std::vector<std::pair<std::string, std::string>>& into) {
  if (!node || node.IsNull()) return;
  if (!node.IsMap())
    throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key +
                     "' must map short names to full names");
  for (const auto& kv : node) {
    if (!kv.second.IsScalar() || kv.first.as<std::string>().empty() || kv.second.as<std::string>().empty())
      throw StageError(file + ":" + std::to_string(kv.first.Mark().line + 1) + ": '" + key +
                       "' entries must be non-empty strings");
    into.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
  }
}

// A single non-empty word ("region.city_suffix"); a later file replaces it.
void replace_word(const YAML::Node& node, const std::string& file, const char* key, std::string& into) {
  if (!node || node.IsNull()) return;
  if (!node.IsScalar() || node.as<std::string>().empty())
    throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key +
                     "' must be a non-empty string");
  into = node.as<std::string>();
}

// A string of characters, each ASCII or three bytes long (what CharFilter finds); `single`:
// exactly one three-byte character. A later file replaces it.
void replace_chars(const YAML::Node& node, const std::string& file, const char* key, bool single,
                   std::u32string& into) {
  std::string word;
  replace_word(node, file, key, word);
  if (word.empty()) return;
  std::u32string chars;
  for (std::size_t i = 0; i < word.size();) {
    const std::size_t at = i;
    const char32_t c = decode_code_point(word, i);
    if ((i - at != 1 && i - at != 3) || (single && i - at != 3))
      throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key + "' must be " +
                       (single ? "one three-byte character" : "ASCII or three-byte characters"));
    chars.push_back(c);
  }
  if (single && chars.size() != 1)
    throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key +
                     "' must be one three-byte character");
  into = std::move(chars);
}

// A mapping of one three-byte character to an integer accepted by `valid` ("numerals.digits"):
// appended to chars/values in file order.
template <typename Valid>
void append_char_values(const YAML::Node& node, const std::string& file, const char* key, const char* expected,
                        Valid valid, std::u32string& chars, std::vector<int>& values) {
  if (!node || node.IsNull()) return;
  auto bad = [&](const YAML::Node& at) {
    return StageError(file + ":" + std::to_string(at.Mark().line + 1) + ": '" + key + "' must map " + expected);
  };
  if (!node.IsMap()) throw bad(node);
  for (const auto& kv : node) {
    const std::string c = kv.first.as<std::string>();
    std::size_t i = 0;
    const char32_t cp = c.empty() ? 0 : decode_code_point(c, i);
    int v = 0;
    try {
      v = kv.second.as<int>();
    } catch (const YAML::Exception&) {
      throw bad(kv.first);
    }
    if (c.size() != 3 || i != 3 || !valid(v)) throw bad(kv.first);
    chars.push_back(cp);
    values.push_back(v);
  }
}

// The ordinal words of a heading ("heading.ordinal_units": 章 → chapter): word → style name.
void append_ordinal_units(const YAML::Node& node, const std::string& file,
                          std::vector<std::pair<std::u32string, MarkerStyle>>& into) {
  if (!node || node.IsNull()) return;
  auto bad = [&](const YAML::Node& at) {
    return StageError(file + ":" + std::to_string(at.Mark().line + 1) +
                      ": 'heading.ordinal_units' must map words to part, chapter or jie");
  };
  if (!node.IsMap()) throw bad(node);
  for (const auto& kv : node) {
    const std::string word = kv.first.as<std::string>();
    const auto style = kv.second.IsScalar() ? style_named(kv.second.as<std::string>()) : std::nullopt;
    if (word.empty() || !style ||
        (*style != MarkerStyle::kPart && *style != MarkerStyle::kChapter && *style != MarkerStyle::kJie))
      throw bad(kv.first);
    std::u32string chars;
    for (std::size_t i = 0; i < word.size();) chars.push_back(decode_code_point(word, i));
    into.emplace_back(std::move(chars), *style);
  }
}

// One three-byte character ("date.year"); a later file replaces it.
void replace_char(const YAML::Node& node, const std::string& file, const char* key, char32_t& into) {
  std::u32string chars;
  replace_chars(node, file, key, true, chars);
  if (!chars.empty()) into = chars[0];
}

bool is_power_of_ten(int v) {
  return v == 10 || v == 100 || v == 1000;
}

constexpr const char* kKeys[] = {"scope",          "kind",     "salutation", "national",
                                  "region_suffixes", "city_stopwords", "delivery", "region",
                                  "provinces",       "title_block",
                                  "national_name", "national_congress", "national_speaker",
                                  "outline",       "enumeration",       "numerals",
                                  "heading",       "date",              "sentence"};

// node[key] without creating or throwing on missing levels.
YAML::Node child(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return YAML::Node();
  for (const auto& kv : node)
    if (kv.first.as<std::string>() == key) return kv.second;
  return YAML::Node();
}

// The grammar of numerals, heading markers and dates (`numerals`, `heading`, `date`) and the
// characters that end a region name in a title (`region.title_stops`).
void read_grammar(const YAML::Node& root, const std::string& file, SegmentRules& read) {
  const YAML::Node numerals = child(root, "numerals");
  append_char_values(child(numerals, "digits"), file, "numerals.digits", "one character to a digit 0-9",
                     [](int v) { return v >= 0 && v <= 9; }, read.numerals.digit_chars,
                     read.numerals.digit_values);
  append_char_values(child(numerals, "units"), file, "numerals.units", "one character to 10, 100 or 1000",
                     is_power_of_ten, read.numerals.unit_chars, read.numerals.unit_values);
  const YAML::Node heading = child(root, "heading");
  replace_char(child(heading, "ordinal_prefix"), file, "heading.ordinal_prefix", read.ordinal_prefix);
  append_ordinal_units(child(heading, "ordinal_units"), file, read.ordinal_units);
  const YAML::Node date = child(root, "date");
  replace_char(child(date, "year"), file, "date.year", read.date_year);
  replace_char(child(date, "month"), file, "date.month", read.date_month);
  replace_char(child(date, "day"), file, "date.day", read.date_day);
  replace_chars(child(child(root, "region"), "title_stops"), file, "region.title_stops", false,
                read.title_stops);
  replace_chars(child(child(root, "sentence"), "goes_on_after_quote"), file, "sentence.goes_on_after_quote", false,
                read.quote_continuations);
}

}  // namespace

void SegmentRules::load(const std::filesystem::path& path) {
  const std::string file = path.string();
  // yaml_data: the same tree as yaml-cpp at a fraction of its cost (the stage's whole
  // start-up was reading this file); yaml-cpp's own tree names the line of an error.
  std::optional<yaml_data::File> yaml;
  try {
    yaml.emplace(path);
  } catch (const YAML::BadFile&) {
    throw StageError(file + ": cannot read the rules file");
  } catch (const YAML::Exception& e) {
    throw StageError(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  // Read into a copy: a file with an error adds nothing.
  SegmentRules read = *this;
  yaml->walk([&](const YAML::Node& root) {
    read = *this;
    if (!root.IsMap()) throw StageError(file + ":1: expected a mapping of word lists");
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
        throw StageError(file + ":" + std::to_string(kv.first.Mark().line + 1) +
                         ": unknown key '" + key +
                         "' (expected scope, kind, national, salutation, region_suffixes, "
                         "city_stopwords, delivery, region, provinces, title_block, national_name, "
                         "national_congress, national_speaker, outline, enumeration, numerals, heading, date, sentence)");
    }
    append(child(child(root, "scope"), "review"), file, "scope.review", read.review_words);
    append(child(child(root, "scope"), "plan"), file, "scope.plan", read.plan_words);
    append(child(child(root, "scope"), "not_heading"), file, "scope.not_heading", read.not_heading_marks);
    append(child(child(root, "kind"), "statistical_bulletin"), file, "kind.statistical_bulletin",
           read.bulletin_words);
    append(child(child(root, "kind"), "plan_report"), file, "kind.plan_report", read.plan_report_words);
    append(child(child(root, "kind"), "work_report"), file, "kind.work_report", read.work_report_words);
    append(child(child(root, "kind"), "work_report_speaker"), file, "kind.work_report_speaker",
           read.work_report_speakers);
    append(child(root, "salutation"), file, "salutation", read.salutations);
    append(child(root, "national"), file, "national", read.national_words);
    append(child(root, "region_suffixes"), file, "region_suffixes", read.region_suffixes);
    append(child(root, "city_stopwords"), file, "city_stopwords", read.city_stopwords);
    const YAML::Node delivery = child(root, "delivery");
    append(child(delivery, "dashes"), file, "delivery.dashes", read.dashes);
    append(child(delivery, "congress"), file, "delivery.congress", read.congress_words);
    append(child(delivery, "meeting"), file, "delivery.meeting", read.meeting_words);
    append(child(delivery, "title_labels"), file, "delivery.title_labels", read.title_labels);
    append_months(child(delivery, "next_year_months"), file, read.next_year_months);
    append(child(delivery, "year"), file, "delivery.year", read.year_words);
    append(child(delivery, "month"), file, "delivery.month", read.month_words);
    append(child(delivery, "day"), file, "delivery.day", read.day_words);
    append(child(delivery, "brackets"), file, "delivery.brackets", read.brackets);
    append(child(delivery, "line_ends"), file, "delivery.line_ends", read.line_ends);
    append(child(delivery, "file_label"), file, "delivery.file_label", read.file_labels);
    const YAML::Node title_block = child(root, "title_block");
    append(child(title_block, "document_names"), file, "title_block.document_names", read.document_names);
    append(child(title_block, "speech_marks"), file, "title_block.speech_marks", read.speech_marks);
    const YAML::Node region = child(root, "region");
    append(child(region, "government"), file, "region.government", read.government_words);
    append(child(region, "offices"), file, "region.offices", read.office_words);
    append(child(region, "suffix_words"), file, "region.suffix_words", read.suffix_words);
    append(child(region, "title_prefixes"), file, "region.title_prefixes", read.title_prefixes);
    append(child(region, "at"), file, "region.at", read.at_words);
    append(child(region, "session"), file, "region.session", read.session_words);
    append(child(region, "representing"), file, "region.representing", read.representing_words);
    append(child(region, "below_city"), file, "region.below_city", read.below_city_suffixes);
    append(child(region, "not_below_city"), file, "region.not_below_city", read.not_below_city_suffixes);
    replace_word(child(region, "city_suffix"), file, "region.city_suffix", read.city_suffix);
    replace_word(child(root, "national_name"), file, "national_name", read.national_name);
    append(child(root, "national_congress"), file, "national_congress", read.national_congress);
    append(child(root, "national_speaker"), file, "national_speaker", read.national_speakers);
    append_pairs(child(root, "provinces"), file, "provinces", read.province_names);
    const YAML::Node outline = child(root, "outline");
    append(child(outline, "box_labels"), file, "outline.box_labels", read.box_labels);
    append(child(outline, "paragraph_ends"), file, "outline.paragraph_ends", read.paragraph_ends);
    std::string numerals;
    replace_word(child(outline, "box_numerals"), file, "outline.box_numerals", numerals);
    for (std::size_t i = 0; i < numerals.size();) read.box_numerals.push_back(decode_code_point(numerals, i));
    const YAML::Node enumeration = child(root, "enumeration");
    replace_chars(child(enumeration, "after_numeral"), file, "enumeration.after_numeral", true,
                  read.enum_after_numeral);
    replace_chars(child(enumeration, "before_numeral"), file, "enumeration.before_numeral", true,
                  read.enum_before_numeral);
    replace_chars(child(enumeration, "after_ordinal"), file, "enumeration.after_ordinal", false,
                  read.enum_after_ordinal);
    replace_chars(child(enumeration, "boundaries"), file, "enumeration.boundaries", false,
                  read.enum_boundaries);
    replace_chars(child(enumeration, "separators"), file, "enumeration.separators", false,
                  read.enum_separators);
    read_grammar(root, file, read);
  });
  *this = std::move(read);
}

LineBreakRules SegmentRules::line_break_rules() const {
  LineBreakRules out;
  out.numerals = numerals.digit_chars + numerals.unit_chars;
  const auto utf8 = [](std::u32string_view chars) {
    std::string s;
    for (const char32_t cp : chars) append_utf8(s, cp);
    return s;
  };
  if (ordinal_prefix != 0) out.ordinal_prefixes.push_back(utf8(std::u32string(1, ordinal_prefix)));
  for (const char32_t cp : enum_before_numeral) out.ordinal_prefixes.push_back(utf8(std::u32string(1, cp)));
  for (const auto& [word, style] : ordinal_units) out.ordinal_headings.push_back(utf8(word));
  out.box_labels = box_labels;
  out.paragraph_openers = salutations;
  // Once each, as the runner's merge keeps them (第 is both prefixes).
  LineBreakRules unique;
  unique.merge(out);
  return unique;
}

}  // namespace reportlens::segment
