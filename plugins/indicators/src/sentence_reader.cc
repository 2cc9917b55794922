#include "sentence_reader.h"

#include <algorithm>
#include <cctype>

#include "reportlens/text.h"
#include "utf8_decode.h"

namespace reportlens::indicators {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Punctuation that ends a clause inside a sentence.
bool is_clause_mark(char32_t cp) {
  switch (cp) {
    case U'，': case U'；': case U'：': case U'。': case U'！': case U'？':
    case U',': case U';': case U':': case U'!': case U'?': case U'\n':
      return true;
    default:
      return false;
  }
}

bool is_ratio(const std::string& unit) {
  return unit == "percent" || unit == "percentage_point" || unit == "times";
}

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// First code point of `s` (0 if empty).
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

// 十 百 千 万 亿: the magnitudes of a Chinese numeral.
bool is_magnitude_char(char32_t cp) {
  return cp == U'十' || cp == U'百' || cp == U'千' || cp == U'万' || cp == U'亿';
}

// A character that can start or continue a noun phrase.
bool nominal(char32_t cp) {
  return is_cjk_ideograph(cp) || (cp < 0x80 && std::isalnum(static_cast<int>(cp))) ||
         cp == U'“' || cp == U'”' || cp == U'（' || cp == U'）' || cp == U'·' || cp == U'"';
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Drops a leading "2022年" / "2022年底" style year.
std::string_view drop_leading_year(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 4 && s.substr(4).starts_with("年")) return s.substr(4 + std::string_view("年").size());
  return s;
}

// A leading duration of several years that is not part of the subject: "五年", "今后三年",
// "两年来", "五年内". Returns its byte length (0 if none) and the years in *years.
std::size_t leading_duration(std::string_view s, int* years) {
  std::size_t i = 0;
  for (std::string_view ahead : {std::string_view("今后"), std::string_view("未来")})
    if (s.starts_with(ahead)) i = ahead.size();
  if (i >= s.size()) return 0;
  const char32_t cp = next_code_point(s, i);
  switch (cp) {
    case U'两': case U'二': *years = 2; break;
    case U'三': *years = 3; break;
    case U'四': *years = 4; break;
    case U'五': *years = 5; break;
    case U'六': *years = 6; break;
    case U'七': *years = 7; break;
    case U'八': *years = 8; break;
    case U'九': *years = 9; break;
    case U'十': *years = 10; break;
    default: return 0;
  }
  if (!s.substr(i).starts_with("年")) return 0;
  i += std::string_view("年").size();
  // 五年计划 / 五年规划 name the plan, not a span of the figure.
  if (s.substr(i).starts_with("计划") || s.substr(i).starts_with("规划")) return 0;
  for (std::string_view tail : {"来", "内", "间"})
    if (s.substr(i).starts_with(tail)) {
      i += tail.size();
      break;
    }
  return i;
}

// A leading plan period before the subject: "“十三五”时期经济…", "“十一五”期间单位…".
std::size_t leading_plan_period(std::string_view s) {
  std::size_t i = s.starts_with("“") ? std::string_view("“").size() : 0;
  std::size_t length = 0;
  if (five_year_plan_at(s, i, &length).empty()) return 0;
  i += length;
  if (s.substr(i).starts_with("”")) i += std::string_view("”").size();
  for (std::string_view tail : {"时期", "期间", "末"})
    if (s.substr(i).starts_with(tail)) return i + tail.size();
  return i;
}

// True when the year mention quantities[i] dates the figure right after it (2002年7703元,
// 2007年的3664亿元, 2007年底的8.4%): the next mention is a figure and only 的 (after 底/末/初)
// stands between them, and the year follows a from/to word (由, 从, 到, 至), so it is no
// clause-opening date (2007年产量…).
bool dating_year(std::string_view text, std::span<const QuantityView> quantities, std::size_t i,
                 const Lexicon& lex) {
  const QuantityView& year = quantities[i];
  if (year.kind != "year" || !year.value.is_number_integer() || i + 1 >= quantities.size()) return false;
  const QuantityView& next = quantities[i + 1];
  if (next.kind != "quantity" && next.kind != "percent") return false;
  if (next.begin < year.end) return false;
  std::string_view between = text.substr(year.end, next.begin - year.end);
  between.remove_prefix(lex.time_suffixes.prefix_match(between));
  if (!between.empty() && between != "的") return false;
  const std::string_view before = text.substr(0, year.begin);
  return before.ends_with("由") || before.ends_with("从") || before.ends_with("到") || before.ends_with("至");
}

// The length of the predicate verb `s` ends with, or 0 — also when that verb is a noun there:
// 储备 ends the noun phrase 国家外汇储备 (a stock), while 储备首台（套）项目 opens with the verb.
std::size_t predicate_suffix(std::string_view s, const Lexicon& lex) {
  const std::size_t n = lex.predicate_verbs.suffix_match(s);
  if (n == 0 || !lex.nominal_verbs.contains(s.substr(s.size() - n))) return n;
  const std::string_view head = s.substr(0, s.size() - n);
  return code_point_count(head) >= 2 && is_cjk_ideograph(last_cp(head)) ? 0 : n;
}

// 规模以上工业企业实现营业收入 -> 规模以上工业企业营业收入: a light verb (实现, 完成) between the
// unit that reports and the measured noun is no part of the metric. Only when a metric head
// (收入, 利润, 产值…) ends the noun after it and a noun of two characters or more stands before.
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

// True when `s` holds 等 ("etc.") outside a word such as 高等 or 等级.
bool has_etc(std::string_view s, const Lexicon& lex) {
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t c = lex.compound_words.prefix_match(s.substr(i)); c > 0) {
      i += c;
      continue;
    }
    if (s.substr(i).starts_with("等")) return true;
    next_code_point(s, i);
  }
  return false;
}

// Strips scope, predicate, connector and qualifier words from both ends of a subject.
std::string_view strip_subject(std::string_view s, const Lexicon& lex) {
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    s = trim_spaces(s);
    std::string_view before = s;
    s = drop_leading_year(s);
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

// True when `s` is only words the lexicon drops (e.g. "比上年", "、", "实现").
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

// A noun stop at `at` that lies inside a compound word (高等, 等级, 在校) is no stop: the end of
// that word, or 0. `previous` is where the character before `at` starts (`at` at the start).
// Asked only where a stop matched, so the common case costs nothing extra.
std::size_t compound_end(std::string_view s, std::size_t previous, std::size_t at, const Lexicon& lex) {
  if (std::size_t c = lex.compound_words.prefix_match(s.substr(at)); c > 0) return at + c;
  if (previous < at)
    if (std::size_t c = lex.compound_words.prefix_match(s.substr(previous)); previous + c > at) return previous + c;
  return 0;
}

// The noun phrase right after a figure: 270个|口袋公园|，  3个|行业级节点  60%|的村集体…
std::string_view noun_after(std::string_view r, const Lexicon& lex) {
  if (r.starts_with("的")) r.remove_prefix(std::string_view("的").size());
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
    if (!nominal(cp)) break;
    if (i == 0 && cp < 0x80 && std::isdigit(static_cast<int>(cp))) return {};
    previous = i;
    i = j;
  }
  return r.substr(0, i);
}

// The object of the last predicate verb of `clause` (持续创新开展“云上·艺术课堂”， →
// “云上·艺术课堂”): a noun phrase of two characters or more, else empty.
std::string_view object_after_last_verb(std::string_view clause, const Lexicon& lex) {
  clause = trim_spaces(clause);
  while (!clause.empty() && !nominal(last_cp(clause))) {  // the clause mark and any space
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
  if (code_point_count(object) < 2) return {};
  for (std::size_t i = 0, n = 0; i < object.size(); i += n)
    if (!nominal(decode_at(object, i, &n))) return {};
  return object;
}

struct Clause {
  std::size_t begin, end;
};

struct Span {
  std::size_t begin, end;
};

Json negate(const Json& v) {
  if (v.is_array() && v.size() == 2) return Json::array({-v[1].get<double>(), -v[0].get<double>()});
  if (v.is_number_integer()) return -v.get<long long>();
  if (v.is_number()) return -v.get<double>();
  return v;
}

// A negated value keeps the meaning of its bound: 下降3.1%以上 is growth <= -3.1.
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

// "城镇、农村居民人均可支配收入": short leading items are modifiers of the last item's head;
// they take its tail after a modifier as long as the item before it.
void distribute_shared_tail(std::vector<std::string>& items) {
  if (items.size() < 2) return;
  const std::string& last = items.back();
  std::size_t modifier_cps = code_point_count(items[items.size() - 2]);
  if (modifier_cps == 0 || modifier_cps > 3 || code_point_count(last) < modifier_cps + 3) return;
  for (std::size_t k = 0; k + 1 < items.size(); ++k)
    if (code_point_count(items[k]) > 3) return;
  std::size_t cut = 0;
  for (std::size_t n = 0; n < modifier_cps; ++n) next_code_point(last, cut);
  std::string tail = last.substr(cut);
  for (std::size_t k = 0; k + 1 < items.size(); ++k) items[k] += tail;
}

// "第一、二、三产业增加值" -> 第一产业增加值, 第二产业增加值, 第三产业增加值 ("一、二、三产增加值" ->
// 一产增加值…): numerals listed before a head that the last one carries share that head.
// True when the items were such numerals (and are now named).
bool name_numbered_items(std::vector<std::string>& items) {
  if (items.size() < 2) return false;
  // The numeral of an item (without 第) and where it ends, or an empty numeral.
  auto numeral_of = [](std::string_view item, std::size_t* after) {
    const std::size_t start = item.starts_with("第") ? std::string_view("第").size() : 0;
    std::size_t i = start;
    const int value = i < item.size() ? chinese_digit_value(next_code_point(item, i)) : -1;
    *after = i;
    return value >= 1 ? item.substr(start, i - start) : std::string_view();
  };
  std::vector<std::string> numerals;
  std::size_t after = 0;
  for (const auto& item : items) {
    const std::string_view numeral = numeral_of(item, &after);
    const bool last = &item == &items.back();
    if (numeral.empty() || (last ? after >= item.size() : after != item.size())) return false;
    numerals.emplace_back(numeral);
  }
  const std::string head = items.back().substr(after);
  // (产业 after a bare numeral is written with 第: 第一产业; 一产 is the short form)
  const std::string prefix = items.front().starts_with("第") || head.starts_with("产业") ? "第" : "";
  for (std::size_t k = 0; k < items.size(); ++k) items[k] = prefix + numerals[k] + head;
  return true;
}

// True when the numeral [begin, end) (一, 第二) is an item of a list of numerals before a shared
// head (第一、二、三产业): a bare numeral, then 、 and another numeral. (Not 项目二期、…, 全国第二、总产值.)
bool listed_numeral(std::string_view text, std::size_t begin, std::size_t end) {
  auto bare = [](std::string_view s) {
    if (s.starts_with("第")) s.remove_prefix(std::string_view("第").size());
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size();)
      if (chinese_digit_value(next_code_point(s, i)) < 1) return false;
    return true;
  };
  std::string_view rest = text.substr(end);
  if (!bare(text.substr(begin, end - begin)) || !rest.starts_with("、")) return false;
  rest.remove_prefix(std::string_view("、").size());
  if (rest.starts_with("第")) rest.remove_prefix(std::string_view("第").size());
  std::size_t i = 0;
  return !rest.empty() && chinese_digit_value(next_code_point(rest, i)) >= 1;
}

// The items of a coordinated subject ("沈鼓集团、三一重装产值"), the shared head distributed.
std::vector<std::string> coordinated_items(std::string_view subject, const Lexicon& lex) {
  std::vector<std::string> items;
  if (subject.find("、") == npos || has_etc(subject, lex)) return items;
  std::size_t start = 0;
  while (true) {
    std::size_t at = subject.find("、", start);
    items.emplace_back(subject.substr(start, at == npos ? npos : at - start));
    if (at == npos) break;
    start = at + std::string_view("、").size();
  }
  std::size_t head = lex.metric_heads.suffix_match(items.back());
  if (head == 0) return {};
  distribute_shared_tail(items);
  std::string head_word = items.back().substr(items.back().size() - head);
  for (auto& item : items) {
    if (code_point_count(item) < 2 || lex.predicate_verbs.contains(item) ||
        code_point_count(item) > 12)
      return {};
    if (!std::string_view(item).ends_with(head_word)) item += head_word;
  }
  return items;
}

// Subjects listed before 分别: "装备制造业、医药制造业保持快速增长" -> 装备制造业, 医药制造业.
std::vector<std::string> respective_subjects(std::string_view before, const Lexicon& lex) {
  before = trim_spaces(before);
  // "比上年分别下降…": no subjects here (they are in the clause before).
  if (only_function_words(before, lex)) return {};
  // Cut at the first verb: the list ends where its predicate starts.
  std::size_t cut = before.size();
  for (std::size_t i = 0, previous = 0; i < before.size();) {
    std::string_view rest = before.substr(i);
    int sign = 0;
    const bool stop = lex.noun_stops.prefix_match(rest) > 0 && !rest.starts_with("、") &&
                      !rest.starts_with("和") && !rest.starts_with("及") && !rest.starts_with("与");
    const bool verb = lex.growth_verbs.prefix_match(rest, &sign) > 0;
    if (stop || verb)
      if (std::size_t e = compound_end(before, previous, i, lex); e > 0) {  // 中、高等职业教育在校生, 增加值
        previous = i;
        i = e;
        continue;
      }
    if (i > 0 && (stop || verb)) {
      cut = i;
      break;
    }
    previous = i;
    next_code_point(before, i);
  }
  std::string_view list = strip_subject(before.substr(0, cut), lex);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    std::size_t at = list.find("、", start);
    items.emplace_back(strip_subject(list.substr(start, at == npos ? npos : at - start), lex));
    if (at == npos) break;
    start = at + std::string_view("、").size();
  }
  if (items.size() == 1) {
    // "A和B" when there is no 、
    std::string only = items[0];
    for (std::string_view joiner : {"和", "与"}) {
      std::size_t at = only.find(joiner);
      if (at != std::string::npos && at > 0) {
        items = {only.substr(0, at), only.substr(at + joiner.size())};
        break;
      }
    }
  }
  items.erase(std::remove_if(items.begin(), items.end(), [](const auto& s) { return s.empty(); }),
              items.end());
  if (!name_numbered_items(items)) distribute_shared_tail(items);
  return items;
}

// "城乡居民人均可支配收入分别…x和y": one subject with a coordinating prefix, paired by 分别
// with one figure per group, is one subject per group in the prefix's order (城镇…, 农村…).
std::vector<std::string> split_coordinated_prefix(const std::string& subject, std::size_t figures,
                                                  const Lexicon& lex) {
  for (const auto& [prefix, groups] : lex.coordinated_prefixes) {
    if (!subject.starts_with(prefix) || subject.size() == prefix.size() || groups.size() != figures)
      continue;
    std::vector<std::string> items;
    for (const auto& group : groups) items.push_back(group + subject.substr(prefix.size()));
    return items;
  }
  return {subject};
}

// True when a clause opens with an estimate cue (预计全年地区生产总值增长6%左右，…; 初步预计，…;
// 2022年预计…; 我们…，预计全年…): it governs the rest of the list it introduces, not only
// its clause. A 预计 after a subject (工业总产值预计达到…) stays clause-local.
bool opens_estimate(std::string_view clause, const Lexicon& lex) {
  std::string_view s = trim_spaces(clause);
  for (bool changed = true; changed;) {
    const std::size_t before = s.size();
    for (const WordList* list : {&lex.estimate_scope_words, &lex.scope_words})
      if (std::size_t n = list->prefix_match(s); n > 0 && lex.estimate_cues.prefix_match(s) == 0) s.remove_prefix(n);
    s = trim_spaces(drop_leading_year(s));
    while (s.starts_with("—")) s.remove_prefix(std::string_view("—").size());  // ——预计…
    changed = s.size() != before;
  }
  return lex.estimate_cues.prefix_match(s) > 0;
}

// Where the figures of a sentence become estimates: the first clause opening with an estimate
// cue, or the sentence start when a note such as （预计数，下同） is among its figures.
std::size_t estimates_from(std::string_view text, std::size_t begin, std::size_t end,
                           const std::vector<Span>& marks, const Lexicon& lex) {
  if (lex.estimate_notes.find_first(text.substr(begin, end - begin)) != npos) return begin;
  std::size_t clause_begin = begin;
  for (std::size_t k = 0; k <= marks.size(); ++k) {
    const std::size_t clause_end = k < marks.size() ? marks[k].begin : end;
    if (opens_estimate(text.substr(clause_begin, clause_end - clause_begin), lex)) return clause_begin;
    if (k < marks.size()) clause_begin = marks[k].end;
  }
  return npos;
}

// The part of a year a month range covers ("2022-01/2022-09" -> Q1-Q3), "" for a whole year
// or anything else.
std::string month_range_label(const Json& value) {
  if (!value.is_string()) return {};
  const std::string& v = value.get_ref<const std::string&>();
  // YYYY-MM/YYYY-MM
  if (v.size() != 15 || v[4] != '-' || v[7] != '/' || v[12] != '-' || v.compare(0, 4, v, 8, 4) != 0) return {};
  int first = 0, last = 0;
  try {
    first = std::stoi(v.substr(5, 2));
    last = std::stoi(v.substr(13, 2));
  } catch (...) {
    return {};
  }
  // (one month, 1月, dates an event more often than it bounds a figure)
  if (first < 1 || last > 12 || first >= last || (first == 1 && last == 12)) return {};
  if (first == 1 && last == 6) return "H1";
  if (first == 7 && last == 12) return "H2";
  if (first % 3 == 1 && last == first + 2) return "Q" + std::to_string((first + 2) / 3);
  if (first == 1 && last % 3 == 0) return "Q1-Q" + std::to_string(last / 3);
  return "M" + std::to_string(first) + "-M" + std::to_string(last);
}

struct PartialMark {
  std::size_t at;
  std::string label;  // "" : the whole year again
};

// Where a sentence names a part of the year (前三季度, 上半年, 1—11月) or the whole year again
// (全年), in order: a figure covers the part named last before it.
std::vector<PartialMark> partial_marks(std::string_view text, std::size_t begin, std::size_t end,
                                       std::span<const QuantityView> quantities, const Lexicon& lex) {
  std::vector<PartialMark> marks;
  for (const auto& q : quantities)
    if (q.kind == "date" && !text.substr(begin, q.begin - begin).ends_with("比") &&
        !text.substr(begin, q.begin - begin).ends_with("较"))
      if (std::string label = month_range_label(q.value); !label.empty()) marks.push_back({q.begin, label});
  const std::string_view sentence = text.substr(begin, end - begin);
  for (const WordList* list : {&lex.partial_period_words, &lex.whole_year_words}) {
    for (std::size_t from = 0, length = 0; from < sentence.size(); from += length) {
      const std::size_t at = list->find_first(sentence.substr(from), &length);
      if (at == npos) break;
      from += at;
      // (增幅比一季度回落17.2个百分点: a comparison base, not the part the figure covers)
      const std::string_view before = sentence.substr(0, from);
      if (before.ends_with("比") || before.ends_with("较") || before.ends_with("于")) continue;
      const std::string word(sentence.substr(from, length));
      const auto label = lex.partial_period_of.find(word);
      marks.push_back({begin + from, list == &lex.whole_year_words || label == lex.partial_period_of.end()
                                         ? std::string() : label->second});
    }
  }
  std::stable_sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  return marks;
}

}  // namespace

std::vector<Fact> read_sentence(std::string_view text, std::size_t begin, std::size_t end,
                                std::span<const QuantityView> quantities,
                                const SentenceContext& context, const Lexicon& lex,
                                std::string& carried_metric) {
  std::vector<Fact> facts;
  if (quantities.empty()) return facts;

  // Clause boundaries and quoted stretches.
  std::vector<Span> marks;  // byte span of each clause mark
  std::vector<Span> quotes;
  std::size_t open_quote = npos;
  for (std::size_t i = begin, n = 0; i < end; i += n) {
    const char32_t cp = decode_at(text, i, &n);
    const std::size_t j = i + n;
    if (cp == U'“') open_quote = i;
    if (cp == U'”' && open_quote != npos) {
      quotes.push_back({open_quote, j});
      open_quote = npos;
    }
    if (is_clause_mark(cp)) marks.push_back({i, j});
  }
  auto clause_of = [&](std::size_t at) {
    Clause c{begin, end};
    for (const Span& m : marks) {
      if (m.end <= at) {
        c.begin = m.end;
      } else if (m.begin >= at) {
        c.end = m.begin;
        break;
      }
    }
    return c;
  };
  const std::size_t estimate_at = estimates_from(text, begin, end, marks, lex);
  const std::vector<PartialMark> partials = partial_marks(text, begin, end, quantities, lex);
  auto quoted = [&](std::size_t at) {
    return std::any_of(quotes.begin(), quotes.end(),
                       [&](const Span& q) { return at > q.begin && at < q.end; });
  };

  // A sentence-wide target cue (主要预期目标是：…).
  std::size_t sentence_target_at = lex.sentence_target_cues.find_first(text.substr(begin, end - begin));
  if (sentence_target_at != npos) sentence_target_at += begin;

  // Explicit years that date what follows: "2023年，…", "刚刚过去的2017年，…", "到2025年…".
  struct YearCue {
    std::size_t at;
    int year;
  };
  std::vector<YearCue> year_cues;
  for (const auto& q : quantities) {
    if (q.kind != "year" || !q.value.is_number()) continue;
    std::string_view after = text.substr(q.end, std::min<std::size_t>(12, end - q.end));
    std::string_view before = text.substr(begin, q.begin - begin);
    bool dated_clause = after.starts_with("，") || after.starts_with("年，") ||
                        after.starts_with(",") || after.starts_with("年,");
    // 2015年国内生产总值将超过55万亿元: a year opening its clause right before the subject
    // dates it too (not 2015年以来 / 2015年前, which are spans).
    {
      std::string_view rest = after.starts_with("年") ? after.substr(std::string_view("年").size()) : after;
      std::string_view lead = trim_spaces(before);
      const bool opens_clause = lead.empty() || is_clause_mark(last_cp(lead));
      bool spans = false;
      // (2004年我们提出…: what was decided that year, not the year of the figures after it)
      for (std::string_view word : {"以来", "来", "前", "后", "起", "开始", "以前", "以后", "到", "至", "—", "-",
                                    "我们", "提出", "制定", "确定"})
        spans = spans || rest.starts_with(word);
      if (opens_clause && !spans && is_cjk_ideograph(first_cp(rest))) dated_clause = true;
    }
    // 到2025年 sets a horizon; 1950年到2002年 is a range, not a horizon.
    std::string_view before_marker = before;
    if (before_marker.ends_with("到") || before_marker.ends_with("至"))
      before_marker.remove_suffix(std::string_view("到").size());
    const bool range_end = before_marker.ends_with("年");
    bool horizon = (before.ends_with("到") || before.ends_with("至")) && !range_end;
    if (dated_clause || horizon) year_cues.push_back({q.end, q.value.get<int>()});
  }

  std::size_t last_kept_end = begin;
  std::size_t kept_before_date = begin;  // last_kept_end before the latest year/date mention
  std::size_t proportion_clause = npos;  // clause begin of "60%的村…" (its other numbers are criteria)
  std::size_t consecutive_clause = npos;  // clause begin of "连续8年…" (a figure over several years)
  std::vector<std::string> respective;   // subjects of a 分别 list
  std::size_t respective_next = 0;
  // Where the facts of the current and of the previous 分别 list start: the second list
  // (分别增长p和q) completes the first one's facts in order.
  std::size_t respective_facts_begin = 0, previous_respective_facts_begin = 0;
  int respective_sign = 0;               // 0: the list is levels
  int from_year = 0, to_year = 0;        // years written in the sentence's last from-to pair
  bool in_respective = false;

  for (std::size_t qi = 0; qi < quantities.size(); ++qi) {
    const QuantityView& q = quantities[qi];
    if (q.kind != "quantity" && q.kind != "percent") {
      // 由2002年(的)7703元增加到2007年(的)13786元: a year right before a figure dates that
      // figure; the subject before the year stays the figure's left context.
      if (q.kind == "year" && dating_year(text, quantities, qi, lex)) continue;
      if (q.kind == "year" || q.kind == "date") kept_before_date = last_kept_end;
      // (第一、二、三产业增加值: ordinals listed before a shared head are part of the subject)
      const bool listed = q.kind == "ordinal" && listed_numeral(text, q.begin, q.end);
      if ((q.kind == "ordinal" && !listed) || q.kind == "year" || q.kind == "date")
        last_kept_end = std::max(last_kept_end, q.end);
      continue;
    }
    Clause clause = clause_of(q.begin);
    std::size_t left_begin = std::max(clause.begin, last_kept_end);
    if (left_begin > q.begin) left_begin = q.begin;
    std::string_view left = text.substr(left_begin, q.begin - left_begin);
    std::size_t right_end = clause.end;
    if (qi + 1 < quantities.size()) right_end = std::min(right_end, quantities[qi + 1].begin);
    if (right_end < q.end) right_end = q.end;
    std::string_view right = text.substr(q.end, right_end - q.end);
    std::string_view right_trim = right;
    std::size_t trailing_qualifier = 0;
    for (std::size_t n; (n = lex.qualifier_words.prefix_match(right_trim)) > 0;) {
      right_trim.remove_prefix(n);
      trailing_qualifier += n;
    }

    // 连续8年稳定在700亿斤以上, 连续三年累计投入90亿元: what follows in the clause is held or
    // summed over several years and fits no single year.
    if (q.unit == "year" && trim_spaces(text.substr(clause.begin, q.begin - clause.begin)).ends_with("连续")) {
      consecutive_clause = clause.begin;
      continue;
    }
    if (consecutive_clause == clause.begin) {
      last_kept_end = q.end + trailing_qualifier;
      continue;
    }

    // ---- numbers that are not facts of their own ----
    if (quoted(q.begin)) continue;                                      // slogans
    if (q.begin > 0 && std::isalpha(static_cast<unsigned char>(text[q.begin - 1]))) continue;  // PM2.5, i3
    if (q.unit.empty() && q.end < text.size() && ascii_alnum(text[q.end])) continue;         // 5G
    if (left.ends_with("每") || left.ends_with("第")) continue;          // 每万人, 第N
    if (q.end < text.size() && std::isdigit(static_cast<unsigned char>(text[q.end]))) continue;  // 10国26户
    if (lex.exclusion_cues.suffix_match(trim_spaces(left)) > 0) continue;  // 剔除两户企业影响
    if (q.surface_unit == "大" || right.starts_with("大")) continue;     // 四大基地
    // 13亿人口, 九亿多人民, 十几亿人口蕴藏…: the size of a population described, not a
    // measured fact (the counter 人 is the first character of 人口/人民).
    if (q.unit == "person" && q.surface_unit.ends_with("人") && (right.starts_with("口") || right.starts_with("民")))
      continue;
    int right_sign = 0;  // (2.54亿千瓦增加到…: a figure followed by its change is no attribute)
    if (lex.attribute_units.contains(q.unit) && !right_trim.empty() &&
        nominal(first_cp(right_trim)) && right_trim == right &&
        lex.growth_verbs.prefix_match(right_trim, &right_sign) == 0) continue;  // 24小时供水, 三年行动
    if ((q.qualifier == ">=" || q.qualifier == ">") && right.starts_with("以上") &&
        is_cjk_ideograph(first_cp(right.substr(std::string_view("以上").size()))) &&
        !right.substr(std::string_view("以上").size()).starts_with("的"))
      continue;                                                          // 亿元以上项目
    if (proportion_clause == clause.begin) continue;                     // 60%的村…达到10万元
    if (q.unit == "percentage_point" && lex.comparison_cues.find_first(left) != npos) {
      last_kept_end = q.end + trailing_qualifier;  // 高于全省1.2个百分点: a gap to a benchmark
      continue;
    }
    if (lex.designator_suffixes.prefix_match(right) > 0) continue;      // 万吨级泊位, 百万千瓦级机组
    if (q.unit == "year" && q.surface_unit != "岁") continue;            // 最困难的一年, 五年, 60周年
    {
      // 一个历史性变化, 两国, 八项主张: a small number written in Chinese numerals is
      // rhetoric far more often than a measured count.
      std::string_view surface = text.substr(q.begin, q.end - q.begin);
      bool arabic = std::any_of(surface.begin(), surface.end(),
                                [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      // Physical things counted with a measure word (四座过街天桥, 两台机组) are the exception,
      // and so are percentages, which are figures however they are written (增长百分之三点七,
      // 提高两个百分点: older reports write every figure in Chinese numerals). Not multiples:
      // 翻两番 is mostly the slogan of quadrupling by the century's end.
      bool physical = lex.physical_counters.contains(q.surface_unit) && magnitude(q.value) >= 2;
      bool percentage = q.unit == "percent" || q.unit == "percentage_point";
      if (!arabic && magnitude(q.value) < 10 && !physical && !percentage) continue;
    }
    {
      // 万元地区生产总值能耗, 万人发明专利拥有量: a magnitude with no numeral that opens a noun
      // phrase is the denominator of the measure named after it, not an amount.
      // (近千万家庭, 十种有色金属, 百分之五十五 have a numeral or follow a verb: they stay)
      std::string_view surface = text.substr(q.begin, q.end - q.begin);
      const char32_t lead = first_cp(surface);
      surface.remove_prefix(std::min(surface.size(), std::string_view("万").size()));
      const bool bare_magnitude = (lead == U'万' || lead == U'亿') && !surface.empty() &&
                                  chinese_digit_value(first_cp(surface)) < 0 && !is_magnitude_char(first_cp(surface));
      std::string_view lead_words = trim_spaces(left);
      for (std::size_t n; (n = std::max(lex.connectors.prefix_match(lead_words), lex.scope_words.prefix_match(lead_words))) > 0;)
        lead_words = trim_spaces(lead_words.substr(n));
      if (bare_magnitude && lead_words.empty() && nominal(first_cp(right)) &&
          lex.qualifier_words.prefix_match(right) == 0)
        continue;  // (it stays in the metric: 万人有效发明专利拥有量)
    }
    // 年均增长: a yearly average fits no single year. Over a planned span it is a target of
    // that span; elsewhere (a review) it is left out.
    const bool horizon = !context.horizon.empty() && !context.review_paragraph;
    const bool average = lex.average_cues.find_first(left) != npos;
    if (average && !horizon) {
      last_kept_end = q.end + trailing_qualifier;
      continue;
    }

    // 比2002年增长65.5%: a change over several years fits no single period.
    bool multi_year_change = false;
    for (const auto& other : quantities) {
      if (other.kind != "year" || other.begin < clause.begin || other.begin >= q.begin ||
          !other.value.is_number())
        continue;
      std::string_view before_year = text.substr(clause.begin, other.begin - clause.begin);
      if ((before_year.ends_with("比") || before_year.ends_with("较") || before_year.ends_with("与")) &&
          other.value.get<int>() < context.report_year - 1)
        multi_year_change = true;
    }
    if (multi_year_change) {
      last_kept_end = q.end + trailing_qualifier;
      continue;
    }

    // ---- role: level or growth, from-to ----
    bool growth = false, saw_to = false, is_from = false, absolute_change = false;
    int sign = 1;
    std::string_view subject = left;
    int figure_year = 0;  // 由2002年7703元: the year written right before the figure
    if (qi > 0 && dating_year(text, quantities, qi - 1, lex) && quantities[qi - 1].begin >= left_begin) {
      figure_year = quantities[qi - 1].value.get<int>();
      subject = text.substr(left_begin, quantities[qi - 1].begin - left_begin);
    }
    for (bool changed = true; changed && !subject.empty();) {
      changed = false;
      subject = trim_spaces(subject);
      std::size_t n = 0;
      int s = 0;
      if ((n = lex.qualifier_words.suffix_match(subject)) > 0) {
      } else if (average && (n = lex.average_cues.suffix_match(subject)) > 0) {
      } else if ((n = lex.to_markers.suffix_match(subject)) > 0) {
        saw_to = true;
      } else if (!saw_to && lex.absolute_change_verbs.suffix_match(subject) > 0 && !is_ratio(q.unit)) {
        absolute_change = true;  // 减少1650万人: the verb stays in the metric
        break;
      } else if (!growth && (n = lex.growth_verbs.suffix_match(subject, &s)) > 0) {
        // (only the verb next to the figure: in 增速较上年提高 the 增速 is the subject)
        if (is_ratio(q.unit) && !saw_to && !growth) {
          growth = true;
          sign = s;
        }
      } else if ((n = lex.scope_words.suffix_match(subject)) > 0 &&
                 code_point_count(subject.substr(0, subject.size() - n)) != 1) {
        // (a scope word is kept when one character would remain: 占全市)
      } else if ((n = lex.trailing_modifiers.suffix_match(subject)) > 0) {
      } else if ((n = lex.from_period_words.suffix_match(subject)) > 0) {
      } else if ((n = lex.from_markers.suffix_match(subject)) > 0) {
        is_from = true;
      } else if ((n = predicate_suffix(subject, lex)) > 0) {
      } else if ((n = lex.connectors.suffix_match(subject)) > 0) {
      }
      if (n > 0) {
        subject.remove_suffix(n);
        changed = true;
      }
    }
    // 国家外汇储备2000年底达1656亿美元, 国民收入1987年达到9153亿元: a year between the subject
    // and its verb. 底/末/初 after it belong to the date, and the subject is the noun phrase
    // before the year, which dates the figure. Not a comparison base (比2002年底增加…: that
    // subject is the 增加 left here). (A month or quarter there — 工业总产值第一季度下降0.2% —
    // is a figure of part of a year: not read as the year's.)
    if (qi > 0 && quantities[qi - 1].kind == "year" && quantities[qi - 1].end == left_begin &&
        quantities[qi - 1].begin >= clause.begin) {
      const QuantityView& date = quantities[qi - 1];
      const std::size_t suffix = lex.time_suffixes.prefix_match(subject);
      // (分别为1982年的3.4倍: a figure relative to that year, not a date of the subject)
      const bool relative = text.substr(left_begin + suffix).starts_with("的");
      subject = trim_spaces(subject.substr(suffix));
      // (2012年底已达到12.5%: nothing is left; 比2020年末增加260亿元: the change verb stays)
      if (suffix > 0 && !absolute_change && only_function_words(subject, lex)) subject.remove_prefix(subject.size());
      const std::size_t from = std::max(clause.begin, kept_before_date);
      std::string_view before_date = trim_spaces(text.substr(from, date.begin > from ? date.begin - from : 0));
      for (std::size_t n; (n = lex.time_prepositions.suffix_match(before_date)) > 0;)
        before_date = trim_spaces(before_date.substr(0, before_date.size() - n));
      // (比2002年底, 低于1985年, 与上年同期: a comparison base; 其中/分别为: no subject)
      const bool comparison = before_date.ends_with("比") || before_date.ends_with("较") ||
                              before_date.ends_with("与") || before_date.ends_with("同") ||
                              before_date.ends_with("于");
      if (comparison || relative || only_function_words(before_date, lex)) before_date.remove_prefix(before_date.size());
      else before_date = strip_subject(before_date, lex);
      bool noun_phrase = code_point_count(before_date) >= 2 && code_point_count(before_date) <= 20;
      for (std::size_t i = 0, n = 0; noun_phrase && i < before_date.size(); i += n)
        if (!nominal(decode_at(before_date, i, &n))) noun_phrase = false;
      int change_sign = 0;
      if (subject.empty() && noun_phrase && lex.growth_verbs.suffix_match(before_date, &change_sign) == 0) {
        subject = before_date;
        if (figure_year == 0 && date.value.is_number_integer())
          figure_year = date.value.get<int>();
      }
    }
    // 经济增长预期目标是…年均增长7%, 经济增长速度的调控目标定为8%: the metric is what the
    // target is set for.
    if (std::size_t at = lex.sentence_target_cues.find_first(subject); at != npos && at > 0) {
      subject = strip_subject(subject.substr(0, at), lex);
      if (std::size_t n = leading_plan_period(subject); n > 0 && n < subject.size()) subject.remove_prefix(n);
      if (average)
        if (std::size_t n = lex.average_cues.prefix_match(subject); n > 0 && n < subject.size()) subject.remove_prefix(n);
    }
    int s = 0;
    if (std::size_t n = lex.rate_suffixes.suffix_match(subject, &s); n > 0 && is_ratio(q.unit) && n < subject.size()) {
      growth = true;
      sign = s;
      subject.remove_suffix(n);
    }
    // 五年新增就业4500万人: a figure summed over several years. Over a planned span it is a
    // target of the span; in a review it fits no single year and is left out, like the
    // figures of a multi-year review paragraph.
    bool over_years = false;
    YearSpan span = horizon ? context.horizon : YearSpan{};
    subject = trim_spaces(subject);
    if (std::size_t n = leading_plan_period(subject); n > 0 && n < subject.size()) subject = subject.substr(n);
    // (年均经济增长速度7%: the average cue opens the subject)
    if (average)
      if (std::size_t n = lex.average_cues.prefix_match(subject); n > 0 && n < subject.size()) subject = subject.substr(n);
    int duration = 0;
    if (std::size_t n = leading_duration(subject, &duration); n > 0 && n < subject.size()) {
      // A plan for the next N years (三年内参保率提高到90%) spans them from the planned year.
      // (…年来 looks back: never a plan)
      const bool looking_back = subject.substr(0, n).ends_with("来");
      const bool planned = (context.scope == Scope::kPlan || lex.target_cues.find_first(left) != npos) &&
                           !context.review_paragraph && context.plan_year != 0 && !looking_back;
      if (looking_back) span = {};
      if (!horizon && planned) span = {context.plan_year, context.plan_year + duration - 1};
      if (span.empty() && !is_from && !(saw_to && !facts.empty() && facts.back().from_point)) {
        last_kept_end = q.end + trailing_qualifier;
        continue;
      }
      subject = subject.substr(n);
      over_years = true;
    }
    bool respective_here = left.find("分别") != npos;
    std::string_view before_respective;
    if (respective_here) before_respective = left.substr(0, left.find("分别"));
    // 在实际工作中争取实现7%: an adverbial frame (在…中) is no subject; the figure continues the
    // fact before it.
    if (const std::string_view frame = trim_spaces(subject); lex.adverbial_openers.prefix_match(frame) > 0) {
      std::size_t length = 0;
      const std::size_t closer = lex.adverbial_closers.find_first(frame, &length);
      if (closer != npos && only_function_words(frame.substr(closer + length), lex)) subject = {};
    }
    subject = strip_subject(subject, lex);
    if (absolute_change) subject = strip_subject(subject, lex);
    // 一般公共预算收入扣除减税降费因素增长8%: an adjusted rate of the same metric.
    if (const std::size_t at = lex.exclusion_cues.find_first(subject);
        at != npos && at > 0 && lex.adjustment_ends.suffix_match(subject) > 0)
      subject = strip_subject(subject.substr(0, at), lex);

    if (!respective_here && qi + 1 < quantities.size() && !in_respective) {
      std::string_view between = text.substr(q.end + trailing_qualifier,
                                             quantities[qi + 1].begin > q.end + trailing_qualifier
                                                 ? quantities[qi + 1].begin - q.end - trailing_qualifier
                                                 : 0);
      bool joined = between == "和" || between == "、" || between == "与" || between == "及";
      if (joined && (subject.find("、") != npos || subject.find("和") != npos)) {
        auto items = respective_subjects(subject, lex);
        if (items.size() >= 2) {
          respective_here = true;
          before_respective = subject;
        }
      }
    }
    bool connector_only = !respective_here && only_function_words(left, lex) &&
                          lex.growth_verbs.suffix_match(left, &s) == 0 && !facts.empty();
    if (respective_here) {
      in_respective = true;
      respective_next = 0;
      respective_sign = growth ? sign : 0;
      respective = respective_subjects(before_respective, lex);
      if (respective.empty()) {
        // The subjects are in the clause before: "A、B保持快速增长，分别增长15%、17.4%".
        Clause prev = clause_of(clause.begin > begin ? clause.begin - 1 : begin);
        const bool prev_has_figure = std::any_of(quantities.begin(), quantities.end(), [&](const QuantityView& o) {
          return o.begin >= prev.begin && o.begin < clause.begin && (o.kind == "quantity" || o.kind == "percent");
        });
        if (prev.begin < clause.begin && !prev_has_figure)
          respective = respective_subjects(text.substr(prev.begin, clause.begin - prev.begin), lex);
        if (respective.empty()) {
          // …A x元，B y元，扣除价格因素，分别增长p和q: the subjects are the facts just read,
          // one per figure of this list, in order.
          const std::size_t figures = static_cast<std::size_t>(
              std::count_if(quantities.begin() + qi, quantities.end(), [&](const QuantityView& o) {
                return o.begin < clause.end && (o.kind == "quantity" || o.kind == "percent");
              }));
          if (figures >= 2 && facts.size() >= figures) {
            for (std::size_t k = facts.size() - figures; k < facts.size(); ++k)
              if (std::find(respective.begin(), respective.end(), facts[k].metric) == respective.end())
                respective.push_back(facts[k].metric);
            if (respective.size() != figures) respective.clear();
          }
        }
      }
      if (respective.size() == 1) {
        const std::size_t figures = static_cast<std::size_t>(
            std::count_if(quantities.begin() + qi, quantities.end(), [&](const QuantityView& o) {
              return o.begin < clause.end && (o.kind == "quantity" || o.kind == "percent");
            }));
        respective = split_coordinated_prefix(respective.front(), figures, lex);
      }
      previous_respective_facts_begin = respective_facts_begin;
      respective_facts_begin = facts.size();
    } else if (!(connector_only && in_respective)) {
      in_respective = false;
    } else if (respective_sign != 0 && is_ratio(q.unit)) {
      growth = true;
      sign = respective_sign;
    }

    // 由40.8%调整到21.1%: the second figure of a from-to pair keeps the first one's subject
    // whatever verb joins them.
    if (saw_to && !facts.empty() && facts.back().from_point && code_point_count(subject) <= 2)
      subject = {};

    // 全社会研究与实验发展经费，从2002年1288亿元增加到…: a from-figure opening its clause
    // takes the clause before as its subject when that is a bare noun phrase.
    if (is_from && subject.empty() && !in_respective && clause.begin > begin) {
      Clause prev = clause_of(clause.begin - 1);
      const bool prev_has_figure = std::any_of(quantities.begin(), quantities.end(), [&](const QuantityView& o) {
        return o.begin >= prev.begin && o.begin < clause.begin;
      });
      std::string_view candidate = strip_subject(text.substr(prev.begin, clause.begin - prev.begin), lex);
      bool bare = !candidate.empty() && !prev_has_figure && code_point_count(candidate) <= 20;
      for (std::size_t i = 0, n = 0; bare && i < candidate.size(); i += n)
        if (!nominal(decode_at(candidate, i, &n))) bare = false;
      if (bare) subject = candidate;
    }

    // ---- metric ----
    bool count_unit = q.unit.empty() || lex.count_units.contains(q.unit);
    // (after a from-figure comes its to-verb, never a counted noun: 由7种扩大到15种)
    std::string_view noun = is_from ? std::string_view() : noun_after(right_trim, lex);
    // (争取实现7%的更好结果: a figure qualifying a result word names no counted thing)
    if (q.unit == "percent" && lex.result_heads.suffix_match(noun) > 0) noun = {};
    if (noun.empty() && count_unit) {
      // 44个参与农村改厕的行政村: the counted noun follows a relative clause.
      std::size_t de = right_trim.find("的");
      if (de != npos && de > 0) noun = noun_after(right_trim.substr(de), lex);
    }
    // 全年完成新春特辑等11期: what stands before 等 are examples of the things counted, not
    // the metric. With no counted noun after the figure, the things counted are what the
    // clause before (without a figure of its own) introduced: the object of its verb.
    std::string_view counted_object;
    if (count_unit && !growth && noun.empty() && trim_spaces(left).ends_with("等")) {
      Clause prev = clause_of(clause.begin > begin ? clause.begin - 1 : begin);
      const bool prev_has_figure = std::any_of(quantities.begin(), quantities.end(), [&](const QuantityView& o) {
        return o.begin >= prev.begin && o.begin < clause.begin;
      });
      if (prev.begin < clause.begin && !prev_has_figure)
        counted_object = object_after_last_verb(text.substr(prev.begin, clause.begin - prev.begin), lex);
    }
    std::vector<std::string> metrics;
    std::size_t metric_begin = q.begin, metric_end = q.end;
    bool inherited = false;
    std::size_t inherited_from = facts.empty() ? 0 : facts.size() - 1;  // the fact a bare figure completes
    std::string change_of;
    if (in_respective && !respective.empty()) {
      metrics.push_back(respective[std::min(respective_next, respective.size() - 1)]);
      ++respective_next;
    } else if (count_unit && !noun.empty() && !growth) {
      for (std::string_view head : lex.programme_heads.words())
        if (noun.ends_with(head) || noun.starts_with(head)) noun = {};
      if (noun.empty()) {
        last_kept_end = q.end + trailing_qualifier;
        continue;  // 19个专项行动: parts of a programme
      }
      metrics.emplace_back(noun);
      metric_end = static_cast<std::size_t>(noun.data() - text.data()) + noun.size();
    } else if (q.unit == "percent" && subject.empty() && !noun.empty() && right_trim.starts_with("的")) {
      metrics.emplace_back(noun);  // 超60%的村集体经济纯收入…: a share of subjects
      metric_end = static_cast<std::size_t>(noun.data() - text.data()) + noun.size();
      proportion_clause = clause.begin;
    } else if (!counted_object.empty()) {
      metrics.emplace_back(counted_object);
      metric_begin = static_cast<std::size_t>(counted_object.data() - text.data());
    } else if (q.unit == "percent" && !facts.empty() && trim_spaces(left).ends_with("计划的") &&
               code_point_count(subject) <= 4) {
      // 规上工业总产值完成4120亿元，完成年计划的102.5%: the share of the plan reached.
      metrics.push_back(facts.back().metric + "计划完成率");
    } else if (!subject.empty()) {
      std::string prev = !facts.empty() ? facts.back().metric : carried_metric;
      metric_begin = static_cast<std::size_t>(subject.data() - text.data());
      // (never the change of a change: a previous 增加… metric is no subject for 增产)
      if (lex.absolute_change_verbs.contains(subject) && !prev.empty() &&
          lex.absolute_change_verbs.suffix_match(prev) == 0) {
        metrics.push_back(prev + std::string(subject));  // …支出超过1万亿元，增加1839亿元
        change_of = prev;
      } else if (subject.ends_with("占") && code_point_count(subject) > 2) {
        metrics.push_back(std::string(subject) + "比");  // 社会事业投资占44%
      } else if (subject.starts_with("占") && !prev.empty()) {
        std::string m = prev + std::string(subject);
        // (占常住人口比重（常住人口城镇化率）: the head is before a bracketed note)
        std::string_view head = subject;
        if (head.ends_with("）"))
          if (std::size_t open = head.rfind("（"); open != npos && open > 0) head = head.substr(0, open);
        if (!head.ends_with("比重") && !head.ends_with("比例") && !head.ends_with("份额")) m += "比重";
        metrics.push_back(m);
      } else if (lex.generic_heads.contains(subject) && !prev.empty()) {
        metrics.push_back(prev + std::string(subject));
      } else if (auto items = coordinated_items(subject, lex); !items.empty()) {
        metrics = items;
      } else {
        metrics.push_back(without_inner_light_verb(subject, lex));
      }
    } else if (!noun.empty() && !growth) {
      metrics.emplace_back(noun);
      metric_end = static_cast<std::size_t>(noun.data() - text.data()) + noun.size();
    } else if (!facts.empty()) {
      // 余额512.4亿元，比年初增加45.6亿元，增长9.8%: a rate after an absolute change is the
      // rate of the level that changed, not of the change.
      if (growth && !facts.back().change_of.empty()) {
        for (std::size_t k = facts.size() - 1; k-- > 0;)
          if (facts[k].metric == facts.back().change_of) {
            inherited_from = k;
            break;
          }
      }
      metrics.push_back(facts[inherited_from].metric);
      inherited = true;
      // 地区生产总值增长6%以上，力争7%: a bare percent striven for after a change of the same
      // subject is a change too, in the same direction (not …上升3个百分点，达到51.2%).
      const Fact& before = facts[inherited_from];
      if (!growth && q.unit == "percent" && before.growth && before.growth->unit == "percent" && !before.level &&
          lex.target_cues.find_first(left) != npos) {
        growth = true;
        const Json& v = before.growth->value;
        sign = v.is_number() && v.get<double>() < 0 ? -1 : 1;
      }
    } else if (!carried_metric.empty()) {
      metrics.push_back(carried_metric);
      inherited = true;
    } else if (count_unit && !trim_spaces(right_trim).empty()) {
      metrics.emplace_back(trim_spaces(right_trim));  // 其中2所已交付使用
      metric_end = right_end;
    } else {
      last_kept_end = q.end + trailing_qualifier;
      continue;
    }
    last_kept_end = std::max(q.end + trailing_qualifier, metric_end);
    // 比一九八○年增长51.8%, 比前五年增长1.27倍, 比“六五”期间增加49%: a change against another
    // period than the year before (比上年 is no part of a metric) fits no single year, like
    // 比2002年增长65.5%.
    if (metrics.size() == 1 && (metrics.front().starts_with("比") || metrics.front().starts_with("较")) &&
        (metrics.front().find("年") != std::string::npos || metrics.front().find("期间") != std::string::npos ||
         metrics.front().find("时期") != std::string::npos))
      continue;

    // A from-to pair: the second figure (…提高到78.9%) continues the first one's subject.
    bool from_to_end = saw_to && !facts.empty() && facts.back().from_point;
    if (context.multi_year && !is_from && !from_to_end) continue;

    // ---- value ----
    Measure measure{q.value, q.unit};
    std::string qualifier = q.qualifier;
    // A bare 万/亿 amount (numbers gives it as a count) takes its unit from the metric's head.
    bool magnitude_only = !q.surface_unit.empty();
    for (std::size_t i = 0; i < q.surface_unit.size();) {
      char32_t cp = next_code_point(q.surface_unit, i);
      if (cp != U'十' && cp != U'百' && cp != U'千' && cp != U'万' && cp != U'亿') magnitude_only = false;
    }
    bool bare_amount = measure.unit.empty() ||
                       (measure.unit == "item" && (q.surface_unit.empty() || magnitude_only));
    if (bare_amount) {
      if (magnitude(q.value) < 10000) {
        if (measure.unit.empty()) continue;  // a bare number is a name or a code
      }
      // (总量突破3万亿 after 地区生产总值…: the head of the subject it continues decides)
      std::string_view m = metrics.front();
      if (const std::size_t n = lex.generic_heads.suffix_match(m); n > 0 && n < m.size()) m.remove_suffix(n);
      if (magnitude(q.value) < 10000) {
      } else if (lex.money_heads.suffix_match(m) > 0) measure.unit = "CNY";
      else if (lex.household_heads.suffix_match(m) > 0) measure.unit = "household";
      else if (lex.person_heads.suffix_match(m) > 0 || lex.person_heads.find_first(m) != npos)
        measure.unit = "person";
      else measure.unit = "item";
    }
    if (growth && sign < 0) {
      measure.value = negate(measure.value);
      qualifier = mirror(qualifier);
    }

    // ---- status and period ----
    std::string status = "actual";
    int period = context.report_year;
    if (context.scope == Scope::kPlan && !context.review_paragraph) {
      status = "target";
      period = context.plan_year;
    }
    std::string_view clause_before = text.substr(clause.begin, q.begin - clause.begin);
    if (sentence_target_at != npos && sentence_target_at < q.begin && !context.review_paragraph) {
      status = "target";
      period = context.plan_year;
    }
    const WordList& cues = context.scope == Scope::kReview || context.review_paragraph
                               ? lex.review_target_cues
                               : lex.target_cues;
    if (status != "target" && cues.find_first(clause_before) != npos) status = "target";
    if (status != "target" && ((estimate_at != npos && estimate_at <= q.begin) || lex.estimate_cues.find_first(clause_before) != npos))
      status = "estimate";
    bool dated = false;  // an explicit year (到2020年) dates the figure
    for (const auto& cue : year_cues)
      if (cue.at <= q.begin) {
        period = cue.year;
        dated = true;
      }
    if (status == "actual" && period > context.report_year && context.report_year != 0) status = "target";
    std::string partial;  // the part of the year named last before the figure
    for (const auto& mark : partials)
      if (mark.at < q.begin) partial = mark.label;
    // (从一季度的10.4%收窄至前三季度的2.2%: both ends are of the same year)
    if (is_from && partial.empty()) period = context.multi_year ? context.report_year - 5 : period - 1;
    if (from_to_end && context.multi_year) period = context.report_year;
    // A from-to pair without years written next to one with them (由2002年A增加到2007年B，
    // C由x增加到y) shares its years.
    if (figure_year == 0 && is_from) figure_year = from_year;
    if (figure_year == 0 && from_to_end) figure_year = to_year;
    if (figure_year != 0) {
      period = figure_year;
      dated = true;
      if (is_from) from_year = figure_year;
      else if (from_to_end) to_year = figure_year;
      if (status == "actual" && period > context.report_year && context.report_year != 0) status = "target";
    }
    int period_last = 0;
    if (!span.empty()) {
      // A planned span (“十二五”时期, 今后五年): a level reached (达到, 提高到, 超过, a rate) is
      // the state at the span's end; a change, a yearly average or a sum over the span (五年
      //新增就业, 改造2000万套, 增加6亿立方米) belongs to the whole span.
      status = "target";
      const bool reached = saw_to || left.find("达") != npos || left.find("超过") != npos ||
                           left.find("突破") != npos;
      // 保持在/控制在/稳定在 hold every year of the span.
      const bool held = left.find("保持") != npos || left.find("控制") != npos || left.find("稳定") != npos;
      // (三年内普及率提高到95%: reached at the end, although written with a duration)
      const bool over_span = growth || average || absolute_change || !change_of.empty() ||
                             (over_years && !reached) || held || left.find("累计") != npos;
      if (dated && !(over_span && period == span.last)) {
      } else if (is_from) {
        period = span.first - 1;
      } else if (from_to_end || (!over_span && (q.unit == "percent" || reached))) {
        period = span.last;
      } else {
        period = span.first;
        period_last = span.last;
      }
    }

    // ---- merge a bare growth or level into the fact it completes ----
    // "A、B分别达到x元、y元，分别增长p%、q%": each subject's growth joins its level.
    // The earliest open fact of that subject from the previous list on: when the subjects
    // repeat (one subject, 分别 x和y, 分别 p和q) the order of the figures pairs them.
    if (in_respective && metrics.size() == 1) {
      bool merged = false;
      for (auto it = facts.begin() + std::min(previous_respective_facts_begin, facts.size());
           it != facts.end() && !merged; ++it) {
        if (it->metric != metrics.front() || it->from_point || it->qualifier != qualifier ||
            it->period != period || it->period_last != period_last || it->partial != partial)
          continue;
        if (growth && !it->growth && it->level) {
          it->growth = measure;
          merged = true;
        } else if (!growth && !it->level && it->growth) {
          it->level = measure;
          merged = true;
        }
        if (merged) it->end = std::max(it->end, q.end + trailing_qualifier);
      }
      if (merged) continue;
    }
    if (inherited && !facts.empty() && !facts[inherited_from].from_point &&
        facts[inherited_from].qualifier == qualifier && metrics.size() == 1 &&
        facts[inherited_from].period == period && facts[inherited_from].period_last == period_last &&
        facts[inherited_from].partial == partial &&
        facts[inherited_from].metric == metrics.front()) {
      Fact& prev = facts[inherited_from];
      if (growth && !prev.growth) {
        prev.growth = measure;
        prev.end = std::max(prev.end, q.end + trailing_qualifier);
        continue;
      }
      if (!growth && !prev.level) {
        prev.level = measure;
        prev.end = std::max(prev.end, q.end + trailing_qualifier);
        continue;
      }
    }

    for (const auto& metric : metrics) {
      Fact f;
      f.metric = metric;
      f.begin = std::min(metric_begin, q.begin);
      f.end = std::max(metric_end, q.end + trailing_qualifier);
      (growth ? f.growth : f.level) = measure;
      f.qualifier = qualifier;
      f.status = status;
      f.period = period;
      f.from_point = is_from;
      f.period_last = period_last;
      f.average = average;
      f.change_of = change_of;
      f.partial = partial;
      facts.push_back(std::move(f));
    }
  }
  if (!facts.empty()) carried_metric = facts.back().metric;
  return facts;
}

}  // namespace reportlens::indicators
