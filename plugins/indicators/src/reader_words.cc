#include "reader_words.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "report_calendar.h"
#include "reportlens/text.h"
#include "utf8_decode.h"

namespace reportlens::indicators {

namespace {

// The numeral ten (U+5341): with chinese_digit_value it reads the numerals 二 … 十 of a duration.
constexpr char32_t kNumeralTen = 0x5341;

}  // namespace

bool is_ratio(const std::string& unit) {
  return unit == "percent" || unit == "percentage_point" || unit == "times";
}

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

char32_t first_cp(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = 0;
  return next_code_point(s, i);
}

char32_t last_cp(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return next_code_point(s, i);
}

bool nominal(char32_t cp, const Lexicon& lex) {
  return is_cjk_ideograph(cp) || (cp < 0x80 && std::isalnum(static_cast<int>(cp))) || lex.nominal_marks.has(cp);
}

bool all_nominal(std::string_view s, const Lexicon& lex) {
  for (std::size_t i = 0, n = 0; i < s.size(); i += n)
    if (!nominal(decode_at(s, i, &n), lex)) return false;
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::string_view drop_leading_year(std::string_view s, const Lexicon& lex) {
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 4)
    if (const std::size_t n = lex.year_words.prefix_match(s.substr(4)); n > 0) return s.substr(4 + n);
  return s;
}

std::size_t leading_duration(std::string_view s, int* years, const Lexicon& lex) {
  std::size_t i = lex.ahead_words.prefix_match(s);
  if (i >= s.size()) return 0;
  const char32_t cp = next_code_point(s, i);
  const int value = cp == kNumeralTen ? 10 : chinese_digit_value(cp);
  if (value < 2) return 0;
  *years = value;
  const std::size_t year = lex.year_words.prefix_match(s.substr(i));
  if (year == 0) return 0;
  i += year;
  // 五年计划 / 五年规划 name the plan, not a span of the figure.
  if (lex.plan_name_words.prefix_match(s.substr(i)) > 0) return 0;
  return i + lex.duration_tails.prefix_match(s.substr(i));
}

std::size_t leading_plan_period(std::string_view s, const Lexicon& lex) {
  std::size_t i = lex.open_quotes.prefix_match(s);
  std::size_t length = 0;
  if (five_year_plan_at(s, i, &length, lex).empty()) return 0;
  i += length;
  i += lex.close_quotes.prefix_match(s.substr(i));
  return i + lex.plan_period_tails.prefix_match(s.substr(i));
}

// The next mention is a figure and only 的 (after 底/末/初) stands between them, and the year
// follows a from/to word (由, 从, 到, 至), so it is no clause-opening date (2007年产量…).
bool dating_year(std::string_view text, std::span<const QuantityView> quantities, std::size_t i,
                 const Lexicon& lex) {
  const QuantityView& year = quantities[i];
  if (year.kind != "year" || !year.value.is_number_integer() || i + 1 >= quantities.size()) return false;
  const QuantityView& next = quantities[i + 1];
  if (next.kind != "quantity" && next.kind != "percent") return false;
  if (next.begin < year.end) return false;
  std::string_view between = text.substr(year.end, next.begin - year.end);
  between.remove_prefix(lex.time_suffixes.prefix_match(between));
  if (!between.empty() && !lex.attributive_particles.contains(between)) return false;
  return lex.dating_markers.suffix_match(text.substr(0, year.begin)) > 0;
}

// 储备 ends the noun phrase 国家外汇储备 (a stock), while 储备首台（套）项目 opens with the verb.
std::size_t predicate_suffix(std::string_view s, const Lexicon& lex) {
  const std::size_t n = lex.predicate_verbs.suffix_match(s);
  if (n == 0 || !lex.nominal_verbs.contains(s.substr(s.size() - n))) return n;
  const std::string_view head = s.substr(0, s.size() - n);
  return code_point_count(head) >= 2 && is_cjk_ideograph(last_cp(head)) ? 0 : n;
}

// Only when a metric head (收入, 利润, 产值…) ends the noun after the light verb and a noun of
// two characters or more stands before.
std::string without_inner_light_verb(std::string_view subject, const Lexicon& lex) {
  if (lex.metric_heads.suffix_match(subject) == 0) return std::string(subject);
  std::size_t verb = 0;
  if (const std::size_t i = lex.inner_light_verbs.find_first(subject, &verb); i != npos && i > 0) {
    std::string_view unit = subject.substr(0, i);
    const std::string_view measured = subject.substr(i + verb);
    unit.remove_suffix(lex.scope_words.suffix_match(unit));  // (重灾区已完成投资)
    if (code_point_count(unit) >= 2 && code_point_count(measured) >= 2 &&
        lex.metric_heads.suffix_match(measured) > 0 && is_cjk_ideograph(last_cp(unit)))
      return std::string(unit) + std::string(measured);
  }
  return std::string(subject);
}

bool has_etc(std::string_view s, const Lexicon& lex) {
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t c = lex.compound_words.prefix_match(s.substr(i)); c > 0) {
      i += c;
      continue;
    }
    if (lex.etc_words.prefix_match(s.substr(i)) > 0) return true;
    next_code_point(s, i);
  }
  return false;
}

std::string_view strip_subject(std::string_view s, const Lexicon& lex) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    s = trim_spaces(s);
    std::string_view before = s;
    s = drop_leading_year(s, lex);
    // A word is only dropped when at least two characters remain: "占全市" keeps 全市.
    auto keeps_enough = [](std::string_view rest) { return code_point_count(rest) >= 2; };
    for (const WordList* list : {&lex.connectors, &lex.scope_words, &lex.qualifier_words,
                                 &lex.predicate_verbs}) {
      if (std::size_t n = list->prefix_match(s); n > 0 && keeps_enough(s.substr(n))) s.remove_prefix(n);
      const std::size_t n = list == &lex.predicate_verbs ? predicate_suffix(s, lex) : list->suffix_match(s);
      if (n > 0 && keeps_enough(s.substr(0, s.size() - n))) s.remove_suffix(n);
    }
    if (std::size_t n = lex.trailing_modifiers.suffix_match(s); n > 0 && keeps_enough(s.substr(0, s.size() - n)))
      s.remove_suffix(n);
    changed = s.size() != before.size();
  }
  return trim_spaces(s);
}

bool only_function_words(std::string_view s, const Lexicon& lex) {
  s = trim_spaces(s);
  while (!s.empty()) {
    std::size_t n = 0;
    for (const WordList* list : {&lex.connectors, &lex.scope_words, &lex.qualifier_words,
                                 &lex.predicate_verbs, &lex.trailing_modifiers, &lex.to_markers, &lex.from_markers,
                                 &lex.from_period_words, &lex.estimate_cues, &lex.target_cues})
      n = std::max(n, list->prefix_match(s));
    int sign = 0;
    n = std::max(n, lex.growth_verbs.prefix_match(s, &sign));
    if (n == 0) return false;
    s = trim_spaces(s.substr(n));
  }
  return true;
}

// Asked only where a stop matched, so the common case costs nothing extra.
std::size_t compound_end(std::string_view s, std::size_t previous, std::size_t at, const Lexicon& lex) {
  if (std::size_t c = lex.compound_words.prefix_match(s.substr(at)); c > 0) return at + c;
  if (previous < at)
    if (std::size_t c = lex.compound_words.prefix_match(s.substr(previous)); previous + c > at) return previous + c;
  return 0;
}

std::string_view noun_after(std::string_view r, const Lexicon& lex) {
  r.remove_prefix(lex.attributive_particles.prefix_match(r));
  std::size_t i = 0, previous = 0;
  while (i < r.size()) {
    std::string_view rest = r.substr(i);
    if (lex.noun_stops.prefix_match(rest) > 0) {
      if (std::size_t e = compound_end(r, previous, i, lex); e > 0) {  // 高等院校, 等级公路: one word
        previous = i;
        i = e;
        continue;
      }
      if (i > 0) break;
      return {};
    }
    std::size_t j = i;
    char32_t cp = next_code_point(r, j);
    if (!nominal(cp, lex)) break;
    if (i == 0 && cp < 0x80 && std::isdigit(static_cast<int>(cp))) return {};
    previous = i;
    i = j;
  }
  return r.substr(0, i);
}

// (持续创新开展“云上·艺术课堂”， → “云上·艺术课堂”): a noun phrase of two characters or more.
std::string_view object_after_last_verb(std::string_view clause, const Lexicon& lex) {
  clause = trim_spaces(clause);
  while (!clause.empty() && !nominal(last_cp(clause), lex)) {  // the clause mark and any space
    std::size_t i = clause.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(clause[i]) & 0xC0) == 0x80) --i;
    clause = trim_spaces(clause.substr(0, i));
  }
  std::size_t object_begin = npos;
  for (std::size_t i = 0, n = 0; i < clause.size(); i += n) {
    if (std::size_t verb = lex.predicate_verbs.prefix_match(clause.substr(i)); verb > 0) {
      object_begin = i + verb;
      n = verb;
      continue;
    }
    decode_at(clause, i, &n);
  }
  if (object_begin == npos) return {};
  std::string_view object = trim_spaces(clause.substr(object_begin));
  if (code_point_count(object) < 2 || !all_nominal(object, lex)) return {};
  return object;
}

Json negate(const Json& v) {
  if (v.is_array() && v.size() == 2) return Json::array({-v[1].get<double>(), -v[0].get<double>()});
  if (v.is_number_integer()) return -v.get<long long>();
  if (v.is_number()) return -v.get<double>();
  return v;
}

std::string mirror(const std::string& q) {
  if (q == ">=") return "<=";
  if (q == "<=") return ">=";
  if (q == ">") return "<";
  if (q == "<") return ">";
  return q;
}

double magnitude(const Json& v) {
  if (v.is_number()) return std::abs(v.get<double>());
  if (v.is_array() && !v.empty() && v[0].is_number()) return std::abs(v[0].get<double>());
  return 0;
}

}  // namespace reportlens::indicators
