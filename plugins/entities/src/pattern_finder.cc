#include "pattern_finder.h"

#include <algorithm>

#include "byte_match.h"
#include "reportlens/text.h"
#include "word_breaker.h"

namespace reportlens::entities {

namespace {


bool is_opening_quote(char32_t cp) { return cp == U'\u201C' || cp == U'\u300C' || cp == U'\u300E' || cp == U'"'; }

// Characters a name may contain: ideographs, ASCII letters and digits, the middle dot of
// 中国·沈阳, and the hyphen of Latin brand names.
bool is_name_char(char32_t cp) {
  if (is_cjk_ideograph(cp)) return true;
  if ((cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z')) return true;
  return cp == U'·' || cp == U'•';
}

std::size_t char_count(std::string_view s) { return code_point_count(s); }

// `close` is the byte offset of a closing bracket. Returns the offset of the matching opening
// bracket when the group holds 1-6 ideographs (a place name), else npos.
std::size_t bracket_group_start(std::string_view text, std::size_t close) {
  std::size_t p = close;
  for (int n = 0; n <= 7 && p > 0; ++n) {
    std::size_t b = p - 1;
    while (b > 0 && !is_char_boundary(text, b)) --b;
    std::size_t q = b;
    const char32_t cp = next_code_point(text, q);
    if (cp == U'（' || cp == U'(') return n >= 1 ? b : std::string_view::npos;
    if (!is_cjk_ideograph(cp)) return std::string_view::npos;
    p = b;
  }
  return std::string_view::npos;
}

// Code points of `s` with their byte offsets.
struct Chars {
  std::vector<char32_t> cp;
  std::vector<std::size_t> at;  // at[i] = byte offset of cp[i]; at[n] = s.size()
};
Chars decode(std::string_view s) {
  Chars c;
  for (std::size_t i = 0; i < s.size();) {
    c.at.push_back(i);
    c.cp.push_back(next_code_point(s, i));
  }
  c.at.push_back(s.size());
  return c;
}

bool starts_with(std::string_view s, std::string_view p) { return bytes_start_with(s, p); }
bool ends_with_any(std::string_view s, const std::vector<std::string>& endings) {
  return std::any_of(endings.begin(), endings.end(), [&](const std::string& e) { return bytes_end_with(s, e); });
}
bool ends_with(std::string_view s, std::string_view p) { return bytes_end_with(s, p); }

}  // namespace

PatternFinder::PatternFinder(PatternRules rules) : rules_(std::move(rules)) {
  for (std::size_t i = 0; i < rules_.endings.size(); ++i) {
    const std::uint32_t key = endings_.add(rules_.endings[i].text);
    if (key >= ending_of_key_.size()) ending_of_key_.resize(key + 1, i);  // first listed wins
  }
  endings_.build();
  for (const auto& w : rules_.stop_words) stop_automaton_.add(w);
  for (const auto& w : rules_.soft_stop_chars) stop_automaton_.add(w);
  for (const auto& w : rules_.object_verbs) stop_automaton_.add(w);  // they need word boundaries too
  stop_automaton_.build();
  stop_words_.insert(rules_.stop_words.begin(), rules_.stop_words.end());
  generic_words_.insert(rules_.generic_words.begin(), rules_.generic_words.end());
  counters_.insert(rules_.counters.begin(), rules_.counters.end());
  date_units_.insert(rules_.date_units.begin(), rules_.date_units.end());
  soft_stops_.insert(rules_.soft_stop_chars.begin(), rules_.soft_stop_chars.end());
  brand_stops_.insert(rules_.brand_stop_chars.begin(), rules_.brand_stop_chars.end());
  non_brand_chars_.insert(rules_.non_brand_chars.begin(), rules_.non_brand_chars.end());
  object_verbs_.insert(rules_.object_verbs.begin(), rules_.object_verbs.end());
  breakers_.insert(rules_.ending_breakers.begin(), rules_.ending_breakers.end());
  for (const auto& g : rules_.generic_words) longest_generic_ = std::max(longest_generic_, g.size());
  for (const auto& w : rules_.stop_words) longest_stop_word_ = std::max(longest_stop_word_, w.size());
  canonical_suffixes_ = rules_.canonical_suffixes;
  std::stable_sort(canonical_suffixes_.begin(), canonical_suffixes_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

// The three stop-word tests look up the word's own prefixes and suffixes (a few
// characters each) instead of scanning the whole stop list.
bool PatternFinder::ends_with_stop_word(std::string_view word) const {
  // A proper suffix of two or more characters that is a stop word.
  for (std::size_t p = 1; p < word.size(); ++p) {
    if (!is_char_boundary(word, p)) continue;
    const std::string_view suffix = word.substr(p);
    if (suffix.size() > longest_stop_word_) continue;
    if (char_count(suffix) >= 2 && stop_words_.find(suffix) != stop_words_.end()) return true;
  }
  return false;
}

bool PatternFinder::ends_with_glued_preposition(std::string_view word) const {
  // 武侯国投|向产业投资集团 segmented as 投向: a preposition glued to the word before it.
  for (const auto& p : rules_.glued_prepositions)
    if (word.size() > p.size() && ends_with(word, p)) return true;
  return false;
}

bool PatternFinder::ends_with_stop_phrase(std::string_view text, std::size_t word_size) const {
  // A stop word longer than the last word that ends `text`.
  for (std::size_t len = word_size + 1; len <= text.size() && len <= longest_stop_word_; ++len) {
    const std::size_t p = text.size() - len;
    if (is_char_boundary(text, p) && stop_words_.find(text.substr(p)) != stop_words_.end()) return true;
  }
  return false;
}

std::size_t PatternFinder::starts_with_stop_word(std::string_view word) const {
  // The longest proper prefix of two or more characters that is a stop word.
  std::size_t best = 0;
  for (std::size_t len = 1; len < word.size() && len <= longest_stop_word_; ++len) {
    if (!is_char_boundary(word, len)) continue;
    const std::string_view prefix = word.substr(0, len);
    if (char_count(prefix) >= 2 && stop_words_.find(prefix) != stop_words_.end()) best = len;
  }
  return best;
}

// A stem is generic when it splits entirely into generic words (DP over byte positions
// on character boundaries).
bool PatternFinder::is_generic(std::string_view stem) const {
  std::vector<bool> ok(stem.size() + 1, false);
  ok[0] = true;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    if (!ok[i]) continue;
    for (std::size_t len = 1; len <= longest_generic_ && i + len <= stem.size(); ++len)
      if (generic_words_.find(stem.substr(i, len)) != generic_words_.end()) ok[i + len] = true;
  }
  return ok[stem.size()];
}

PatternFinder::Stem PatternFinder::stem(std::string_view text, std::size_t ending_begin) const {
  if (Stem quoted; quoted_stem(text, ending_begin, quoted)) return quoted;
  Stem first = left_edge(text, ending_begin, true);
  if (first.stopped_at_soft_stop &&
      (first.verdict == StemVerdict::kGeneric || first.verdict == StemVerdict::kTooShort)) {
    Stem second = left_edge(text, ending_begin, false);
    // Not through a verb that follows another name (金普新区|建设|通用航空产业园): what was
    // walked over must not end in a name ending of its own.
    const std::string_view walked = text.substr(second.begin, first.begin - second.begin);
    const bool after_name = std::any_of(rules_.endings.begin(), rules_.endings.end(), [&](const NameEnding& e) {
      if (e.list_only) return false;
      for (std::size_t at = walked.find(e.text); at != std::string_view::npos; at = walked.find(e.text, at + 1)) {
        const std::string_view rest = walked.substr(at + e.text.size());
        if (!rest.empty() && stop_words_.contains(rest)) return true;
      }
      return false;
    });
    if (second.verdict == StemVerdict::kName && !after_name) return second;
  }
  return first;
}

PatternFinder::Stem PatternFinder::left_edge(std::string_view text, std::size_t ending_begin,
                                             bool soft_stops) const {
  Stem result;
  result.begin = ending_begin;
  // 1. The hard limit: the run of name characters before the ending (punctuation, quotes,
  //    brackets and spaces always end a name), at most a few characters beyond the longest
  //    stem so that word segmentation sees some context.
  std::size_t window = ending_begin;
  std::size_t chars = 0;
  while (window > 0 && chars < rules_.max_stem_chars + 6) {
    std::size_t p = window - 1;
    while (p > 0 && !is_char_boundary(text, p)) --p;
    std::size_t q = p;
    const char32_t cp = next_code_point(text, q);
    if (cp == U'）' || cp == U')') {
      // A bracketed place inside a name: 中德（沈阳）高端装备制造产业园, 恒力石化（大连）有限公司.
      const std::size_t open = bracket_group_start(text, p);
      if (open == std::string_view::npos || open == 0) break;
      chars += code_point_count(text.substr(open, window - open));
      window = open;
      continue;
    }
    if (!is_name_char(cp)) break;
    window = p;
    ++chars;
  }
  if (window == ending_begin) {
    result.verdict = StemVerdict::kEmpty;
    return result;
  }

  // 2. Walk left word by word from the ending.
  const std::string_view span = text.substr(window, ending_begin - window);
  // Every stop of the walk below needs a stop word somewhere in the span; without one the
  // walk takes the whole span whatever the word boundaries, so ICU is not asked.
  bool has_stop_word = false;
  stop_automaton_.for_each_match(span, [&](std::uint32_t, std::size_t, std::size_t) { has_stop_word = true; });
  std::vector<std::size_t> cuts = has_stop_word ? word_boundaries(span) : std::vector<std::size_t>{0, span.size()};
  std::size_t left = span.size();
  bool brand_lead_taken = false;  // the name starts with 美|的, whose 的 is no particle
  for (std::size_t k = cuts.size() - 1; k > 0; --k) {
    const std::size_t wb = cuts[k - 1], we = cuts[k];
    const std::string_view word = span.substr(wb, we - wb);
    const bool soft = soft_stops_.count(word) > 0;
    if (soft && !soft_stops) {
      left = wb;
      continue;
    }
    if (soft && stop_words_.count(word)) {
      result.stopped_at_soft_stop = true;
      break;
    }
    // 华|为|技术有限公司, 新|和|成股份: a lone character after a boundary, then 为 or 和, then
    // the name already taken: the two characters start the brand, and the name starts there.
    if (we < span.size() && brand_stops_.count(word) && brand_lead(span, cuts, k)) {
      left = cuts[k - 2];
      brand_lead_taken = true;
      break;
    }
    // 外商投资开发|洋浦经济开发区: 开发 before a proper name governs it; the name starts after it.
    // (Not when it starts a name ending: 昆山开发|区光电产业园 holds the zone 昆山开发区.)
    if (we < span.size() && object_verbs_.count(word) && !is_generic(span.substr(we, cuts[k + 1] - we)) &&
        std::none_of(rules_.endings.begin(), rules_.endings.end(),
                     [&](const NameEnding& e) { return starts_with(span.substr(wb), e.text); }))
      break;
    if (stop_words_.count(word) || ends_with_stop_word(word) ||
        ends_with_stop_phrase(span.substr(0, we), word.size()) || ends_with_glued_preposition(word))
      break;
    if (const std::size_t stop = starts_with_stop_word(word)) {
      left = wb + stop;
      break;
    }
    left = wb;
  }
  // Word segmentation may glue a verb to the name after it (组|建武|侯城投): a stop word of
  // two or more characters at the very start of what was taken still ends the name there.
  if (left < span.size())
    if (const std::size_t stop = starts_with_stop_word(span.substr(left)); stop > 0) left += stop;
  // ... and so may a function character (与北|仑港): a name never starts with one.
  for (const std::string& f : rules_.boundaries.leading_function_chars)
    if (starts_with(span.substr(left), f) && char_count(span.substr(left + f.size())) >= rules_.min_stem_chars) {
      left += f.size();
      break;
    }

  // 3. A count, an ordinal, a date or the particle 的 inside what we took ends the name:
  //    keep what follows. "2个特色园区" -> stem 特色 (counted, so generic); "第一批…" and
  //    "2022年…" -> after them; "新的开发区" -> 开发区. A numeral not followed by a counter is
  //    part of the name (1905文化创意园).
  bool counted = false;
  {
    const std::string_view taken = span.substr(left);
    const Chars c = decode(taken);
    const auto char_at = [&](std::size_t i) { return taken.substr(c.at[i], c.at[i + 1] - c.at[i]); };
    for (std::size_t i = c.cp.size(); i-- > 0;) {
      const bool after_numeral = i > 0 && is_numeral_(c.cp[i - 1]);
      bool counter_here = after_numeral && counters_.count(char_at(i));
      const bool loose_date = after_numeral && !(c.cp[i - 1] >= U'0' && c.cp[i - 1] <= U'9') &&
                              (i + 1 >= c.cp.size() || !is_numeral_(c.cp[i + 1])) &&
                              std::find(rules_.loose_date_units.begin(), rules_.loose_date_units.end(), char_at(i)) !=
                                  rules_.loose_date_units.end();
      const bool date_here = after_numeral && date_units_.count(char_at(i)) && !loose_date;
      const bool ordinal_here = char_at(i) == rules_.words.ordinal && i + 1 < c.cp.size() && is_numeral_(c.cp[i + 1]);
      const bool particle_here = char_at(i) == rules_.words.particle && !(brand_lead_taken && i == 1);
      if (counter_here || date_here || ordinal_here || particle_here) {
        std::size_t j = i + 1;
        if (ordinal_here) {  // skip 第 + numerals + counter
          while (j < c.cp.size() && is_numeral_(c.cp[j])) ++j;
          if (j < c.cp.size() && counters_.count(char_at(j))) {
            ++j;
          } else if (i > 0) {
            // An ordinal with no counter after a name part numbers the site itself
            // (长春第一汽车制造厂, 蔚来第二先进制造基地): it stays in the name.
            continue;
          } else {
            // At the start (第一丝厂文化产业园, 第二先进制造基地) the ordinal is part of a name
            // whose start is unknown: what follows it is no name on its own.
            counter_here = true;
          }
        }
        counted = counter_here;
        left += c.at[j];
        break;
      }
    }
  }

  const std::string_view stem = span.substr(left);
  result.begin = window + left;
  result.verdict = verdict_of(stem, counted);
  return result;
}

bool PatternFinder::is_numeral_(char32_t cp) const {
  return (cp >= U'0' && cp <= U'9') || rules_.words.numerals.find(cp) != std::u32string::npos;
}

bool PatternFinder::brand_lead(std::string_view span, const std::vector<std::size_t>& cuts, std::size_t k) const {
  if (k < 2) return false;
  const std::string_view lead = span.substr(cuts[k - 2], cuts[k - 1] - cuts[k - 2]);
  std::size_t q = 0;
  const char32_t cp = next_code_point(lead, q);
  if (q != lead.size() || !is_cjk_ideograph(cp)) return false;
  if (stop_words_.count(lead) || non_brand_chars_.count(lead)) return false;
  // Before the particle 的 a generic word is an adjective (新的, 大的), never a brand's lead.
  if (span.substr(cuts[k - 1], cuts[k] - cuts[k - 1]) == rules_.words.particle && is_generic(lead)) return false;
  // The character must open its stretch: the window starts there, or a stop word ends before it
  // (支持|华|为, ，|华|为). After a longer word it is that word's object (市场|和|…).
  if (k == 2) return true;
  const std::string_view before = span.substr(cuts[k - 3], cuts[k - 2] - cuts[k - 3]);
  return stop_words_.count(before) > 0 || ends_with_stop_word(before);
}

// “帽子工厂”, “皮包公司”: a whole firm name in quotes whose stem is one common word (one
// dictionary word) is a figure of speech, not a firm; “中国声谷”产业园 quotes only the brand, and
// a park in quotes (“长江科技园”) is still taken as named.
bool PatternFinder::quoted_common_noun(std::string_view text, std::size_t begin, std::size_t ending_begin,
                                       std::size_t end) const {
  if (begin == 0 || end >= text.size()) return false;
  std::size_t b = begin - 1;
  while (b > 0 && !is_char_boundary(text, b)) --b;
  std::size_t q = b;
  const char32_t open = next_code_point(text, q);
  q = end;
  const char32_t close = next_code_point(text, q);
  const bool quoted = (open == U'“' && close == U'”') || (open == U'「' && close == U'」') || (open == U'『' && close == U'』');
  if (!quoted) return false;
  const std::string_view stem = text.substr(begin, ending_begin - begin);
  return word_boundaries(stem).size() <= 2;
}

// 长兴县城市绿道: a region (2-6 ideographs + 县/市/区 ...) + one generic word before a park ending
// is the region's parks in general; parks are named after places and landmarks (龙山公园).
bool PatternFinder::region_class(std::string_view stem, bool region_alone) const {
  bool dropped = false;
  for (bool again = true; again;) {
    again = false;
    const Chars c = decode(stem);
    for (std::size_t k = 2; k < c.cp.size() && k <= 6; ++k) {
      if (!is_cjk_ideograph(c.cp[k - 1])) break;
      const std::string_view ch = stem.substr(c.at[k], c.at[k + 1] - c.at[k]);
      if (std::find(rules_.region_suffixes.begin(), rules_.region_suffixes.end(), ch) == rules_.region_suffixes.end())
        continue;
      stem = stem.substr(c.at[k + 1]);
      dropped = again = true;
      break;
    }
  }
  // One generic word: 长兴县城市绿道, 德清县城市公园; more (柳州市城市中央公园) may name one park.
  // A plant needs the generic word (米东区育秧工厂; 小鹏汽车广州工厂 is a firm's plant).
  return dropped && ((region_alone && stem.empty()) || generic_words_.count(stem) > 0);
}

// 株洲电子研究所等一百多个科研单位: the class after 等 says what the item is.
bool PatternFinder::listed_as_non_firm(std::string_view text, std::size_t end) const {
  const std::string_view kEtc = rules_.words.etc;
  if (text.substr(end, kEtc.size()) != kEtc) return false;
  std::size_t to = end + kEtc.size();
  for (std::size_t n = 0; n < 12 && to < text.size(); ++n) {
    std::size_t q = to;
    if (!is_name_char(next_code_point(text, q))) break;
    to = q;
  }
  const std::string_view after = text.substr(end + kEtc.size(), to - end - kEtc.size());
  return std::any_of(rules_.non_firm_classes.begin(), rules_.non_firm_classes.end(),
                     [&](const std::string& c) { return after.find(c) != std::string_view::npos; });
}

StemVerdict PatternFinder::verdict_of(std::string_view stem, bool counted) const {
  const std::size_t n = char_count(stem);
  if (n == 0) return counted ? StemVerdict::kCounted : StemVerdict::kEmpty;
  if (counted) return StemVerdict::kCounted;
  if (n < rules_.min_stem_chars) return StemVerdict::kTooShort;
  if (n > rules_.max_stem_chars) return StemVerdict::kTooLong;
  if (std::any_of(rules_.designation_prefixes.begin(), rules_.designation_prefixes.end(),
                  [&](const std::string& p) { return starts_with(stem, p); }) ||
      std::any_of(rules_.designation_markers.begin(), rules_.designation_markers.end(),
                  [&](const std::string& m) { return stem.find(m) != std::string_view::npos; }))
    return StemVerdict::kDesignation;
  if (is_generic(stem)) return StemVerdict::kGeneric;
  if (starts_with_quantity(stem)) return StemVerdict::kCounted;
  return StemVerdict::kName;
}

// 百公里环城绿道, 百万蛋种鸡现代产业园, 5万吨永磁: numerals and a unit, or two numerals ending in a
// magnitude, open a description. 1905文化创意园 and 三一重工 are names.
bool PatternFinder::starts_with_quantity(std::string_view stem) const {
  const Chars c = decode(stem);
  std::size_t n = 0;
  while (n < c.cp.size() && is_numeral_(c.cp[n])) ++n;
  if (n == 0 || n == c.cp.size()) return false;
  if (n >= 2 && rules_.boundaries.magnitudes.find(c.cp[n - 1]) != std::u32string::npos) return true;
  const std::string_view rest = stem.substr(c.at[n]);
  return std::any_of(rules_.boundaries.quantity_units.begin(), rules_.boundaries.quantity_units.end(),
                     [&](const std::string& u) { return starts_with(rest, u); });
}

// “产业大脑+晨星工厂”, “海天工厂”: a name inside a quotation of its clause.
bool PatternFinder::in_quotation(std::string_view text, std::size_t begin, std::size_t end) const {
  constexpr std::size_t kReach = 24;  // characters each way
  bool opened = false;
  std::size_t p = begin;
  for (std::size_t n = 0; n < kReach && p > 0 && !opened; ++n) {
    --p;
    while (p > 0 && !is_char_boundary(text, p)) --p;
    std::size_t q = p;
    const char32_t cp = next_code_point(text, q);
    if (cp == U'\u201D' || cp == U'\u3002' || cp == U'\uFF1B' || cp == U'\n') return false;
    opened = is_opening_quote(cp) && cp != U'"';
  }
  if (!opened) return false;
  std::size_t q = end;
  for (std::size_t n = 0; n < kReach && q < text.size(); ++n) {
    const char32_t cp = next_code_point(text, q);
    if (cp == U'\u201D' || cp == U'\u300D' || cp == U'\u300F') return true;
    if (is_opening_quote(cp) || cp == U'\u3002' || cp == U'\uFF1B' || cp == U'\n') return false;
  }
  return false;
}

// A quoted name right before the ending (“中国声谷”产业园): the quotes bound the name, and
// what they hold is judged as the stem. Returns false when there is no such quote.
bool PatternFinder::quoted_stem(std::string_view text, std::size_t ending_begin, Stem& out) const {
  if (ending_begin == 0) return false;
  std::size_t close = ending_begin - 1;
  while (close > 0 && !is_char_boundary(text, close)) --close;
  std::size_t q = close;
  const char32_t closing = next_code_point(text, q);
  char32_t opening = 0;
  if (closing == U'”') opening = U'“';
  else if (closing == U'」') opening = U'「';
  else if (closing == U'』') opening = U'『';
  else return false;
  std::size_t p = close;
  for (std::size_t n = 0; p > 0 && n <= rules_.max_stem_chars; ++n) {
    std::size_t b = p - 1;
    while (b > 0 && !is_char_boundary(text, b)) --b;
    std::size_t r = b;
    const char32_t cp = next_code_point(text, r);
    if (cp == opening) {
      out.begin = b;
      out.verdict = verdict_of(text.substr(r, close - r), false);
      out.stopped_at_soft_stop = false;
      return true;
    }
    if (!is_name_char(cp)) return false;
    p = b;
  }
  return false;
}

// "推进红梅、奉天工场等文创园区": a generic class noun after 等 says what the listed items
// are. Each item gets the usual left-edge and stem checks. Zones are left out: the items of
// "上海、福建等自贸试验区" are provinces, not zones.
void PatternFinder::add_list_items(std::string_view text, std::size_t ending_begin, const Stem& generic,
                                   const NameEnding& ending, std::vector<Candidate>& out) const {
  if (ending.kind == EntityKind::kZone) return;
  if (std::find(rules_.list_rule_skips.begin(), rules_.list_rule_skips.end(), ending.text) != rules_.list_rule_skips.end())
    return;
  if (generic.verdict != StemVerdict::kGeneric && generic.verdict != StemVerdict::kCounted &&
      generic.verdict != StemVerdict::kEmpty)
    return;
  std::size_t p = generic.verdict == StemVerdict::kEmpty ? ending_begin : generic.begin;
  const auto char_before = [&](std::size_t at) {
    std::size_t b = at - 1;
    while (b > 0 && !is_char_boundary(text, b)) --b;
    return b;
  };
  // 等重点企业: the walk stopped at 重点, a stop word that is also a generic word; step back
  // over such generic words to the 等.
  if (generic.verdict == StemVerdict::kEmpty) {
    std::size_t q = p;
    for (int n = 0; n < 6 && q > 0; ++n) {
      q = char_before(q);
      const std::string_view etc = rules_.words.etc;
      if (!etc.empty() && text.substr(q, etc.size()) == etc) {
        if (q + etc.size() < p && is_generic(text.substr(q + etc.size(), p - q - etc.size()))) p = q + etc.size();
        break;
      }
    }
  }
  // After a count, a class noun alone types a list only when what follows the count is
  // generic too (等10户企业, 等三户骨干企业; not 等多种方式减轻企业).
  if (ending.list_only && generic.verdict == StemVerdict::kCounted && generic.begin < ending_begin &&
      verdict_of(text.substr(generic.begin, ending_begin - generic.begin), false) != StemVerdict::kGeneric)
    return;
  if (generic.verdict == StemVerdict::kCounted) {  // step back over "7个" / "三户"
    if (p == 0) return;
    p = char_before(p);  // the counter
    while (p > 0) {
      const std::size_t b = char_before(p);
      std::size_t q = b;
      if (!is_numeral_(next_code_point(text, q))) break;
      p = b;
    }
  }
  const std::string_view kEtc = rules_.words.etc;
  if (p < kEtc.size() || text.substr(p - kEtc.size(), kEtc.size()) != kEtc) return;
  std::size_t item_end = p - kEtc.size();
  const std::string_view kListComma = rules_.words.comma;
  for (int items = 0; items < 8 && item_end > 0; ++items) {
    const Stem item = stem(text, item_end);
    const std::string_view item_text = text.substr(item.begin, item_end - item.begin);
    // 中韩 is a generic word (the trade agreement), but a bilateral park in a list of parks.
    if (item.verdict != StemVerdict::kName &&
        !(ending.kind == EntityKind::kIndustrialPark && item.verdict == StemVerdict::kGeneric &&
          rules_.boundaries.bilateral(item_text)))
      return;
    // After a class noun such as 企业 the items must look like firm names: not a centre or
    // a university (紫光创新中心、国信优易…等头部企业), and not one dictionary word, which
    // is a common noun (商业、商店等企业) rather than a brand (特变沈变, 国信优易).
    // A mall (九方购物中心) is a firm although it ends in 中心.
    const bool mall = ends_with_any(item_text, rules_.commercial_markers);
    // A quoted item is a slogan or a campaign (“甲乙看雪”“丙丁旅游”等文旅品牌), not a firm.
    std::size_t q = 0;
    const bool quoted = !item_text.empty() && is_opening_quote(next_code_point(item_text, q));
    const bool skip = ending.list_only && ((!mall && ends_with_any(item_text, rules_.non_firm_endings)) ||
                                           quoted || word_boundaries(item_text).size() <= 2);
    if (!skip) {
      Candidate c;
      c.begin = item.begin;
      c.end = item_end;
      c.kind = ending.kind;
      c.source = Source::kPattern;
      c.canonical = canonical_name(text.substr(c.begin, c.end - c.begin));
      c.rule = rules_.words.etc + ending.text;
      out.push_back(std::move(c));
    }
    if (item.begin < kListComma.size() || text.substr(item.begin - kListComma.size(), kListComma.size()) != kListComma)
      return;
    item_end = item.begin - kListComma.size();
  }
}

bool PatternFinder::starts_with_generic_word(std::string_view s) const {
  for (std::size_t len = 1; len <= longest_generic_ && len <= s.size(); ++len)
    if (is_char_boundary(s, len) && generic_words_.find(s.substr(0, len)) != generic_words_.end()) return true;
  return false;
}

bool PatternFinder::etc_before(std::string_view text, std::size_t at) const {
  // The left-edge window covers at most max_stem_chars + 6 name characters (brackets
  // included); look a little further, so that skipping is never wrong.
  for (std::size_t n = 0; at > 0 && n < rules_.max_stem_chars + 10; ++n) {
    std::size_t b = at - 1;
    while (b > 0 && !is_char_boundary(text, b)) --b;
    std::size_t q = b;
    const char32_t cp = next_code_point(text, q);
    if (text.substr(b, q - b) == rules_.words.etc) return true;
    if (!is_name_char(cp) && cp != U'（' && cp != U'）' && cp != U'(' && cp != U')') return false;
    at = b;
  }
  return false;
}

std::string PatternFinder::canonical_name(std::string_view surface) const {
  // 1. Quotes and the middle dot are spelling, not name (“中国声谷”产业园, 中国·沈阳…).
  static constexpr std::u32string_view kDropped = U"“”「」『』‘’\"'·•";
  std::string name;
  for (std::size_t i = 0; i < surface.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(surface, i);
    if (kDropped.find(cp) == std::u32string_view::npos) name.append(surface.substr(start, i - start));
  }
  // 2. One spelling of the legal form (…有限公司 and …公司 are one firm).
  for (const auto& [from, to] : canonical_suffixes_)
    if (name.size() > from.size() && ends_with(name, from)) {
      name.replace(name.size() - from.size(), from.size(), to);
      break;
    }
  // 3. Leading region names (沈阳市, 铁西区): dropped while what follows is still a name.
  std::size_t ending = 0;
  for (const auto& e : rules_.endings)
    if (!e.list_only && name.size() > e.text.size() && ends_with(name, e.text)) ending = std::max(ending, e.text.size());
  for (bool dropped = true; dropped;) {
    dropped = false;
    const std::string_view stem = std::string_view(name).substr(0, name.size() - ending);
    const Chars c = decode(stem);
    for (std::size_t k = 2; k < c.cp.size() && k <= 6 && !dropped; ++k) {
      const std::string_view ch = stem.substr(c.at[k], c.at[k + 1] - c.at[k]);
      if (std::find(rules_.region_suffixes.begin(), rules_.region_suffixes.end(), ch) == rules_.region_suffixes.end())
        continue;
      if (!std::all_of(c.cp.begin(), c.cp.begin() + static_cast<std::ptrdiff_t>(k), [](char32_t cp) { return is_cjk_ideograph(cp); }))
        break;
      // What is left must still be a name and not start with a generic word (武侯区国有资产
      // 投资经营集团 keeps its district: 国有资产投资经营集团 names nothing).
      const std::string_view rest = stem.substr(c.at[k + 1]);
      if (verdict_of(rest, false) != StemVerdict::kName || starts_with_generic_word(rest)) continue;
      name.erase(0, c.at[k + 1]);
      dropped = true;
    }
  }
  return name;
}

std::vector<std::string> PatternFinder::ending_texts() const {
  std::vector<std::string> out;
  for (const auto& e : rules_.endings) out.push_back(e.text);
  return out;
}

// Longest ending per end offset (文化创意园 over 创意园; 有限公司 over 公司).
void PatternFinder::add_ending_hit(std::vector<EndingHit>& hits, std::size_t ending, std::size_t begin,
                                   std::size_t end) {
  if (!hits.empty() && hits.back().end == end) {
    if (begin < hits.back().begin) hits.back() = {begin, end, ending};
    return;
  }
  hits.push_back({begin, end, ending});
}

std::vector<Candidate> PatternFinder::find(std::string_view text) const {
  std::vector<EndingHit> hits;
  endings_.for_each_match(text, [&](std::uint32_t key, std::size_t b, std::size_t e) {
    add_ending_hit(hits, ending_of_key_[key], b, e);
  });
  return find(text, hits);
}

bool PatternFinder::starts_with_numeral(std::string_view s) const {
  std::size_t q = 0;
  return !s.empty() && is_numeral_(next_code_point(s, q));
}

// 集成电路装备产业园: a park named by its products alone, a candidate below any threshold until
// the document builds it as a listed project (confidence.cc); 数字产业发展公司, a firm named by its
// business alone, until the document founds it. Not after 等 (甲、乙等集成电路装备
// 产业园 is the class of the items) nor in quotes (“数字经济产业园”).
void PatternFinder::add_descriptive_name(std::string_view text, const Stem& found, const EndingHit& hit,
                                         const NameEnding& ending, std::vector<Candidate>& out) const {
  const auto listed = [&](const std::vector<std::string>& endings) {
    return std::find(endings.begin(), endings.end(), ending.text) != endings.end();
  };
  if (found.verdict != StemVerdict::kGeneric || rules_.words.descriptive_name.empty() ||
      !(listed(rules_.descriptive_park_endings) || listed(rules_.descriptive_firm_endings)))
    return;
  const std::string_view stem_text = text.substr(found.begin, hit.begin - found.begin);
  if (code_point_count(stem_text) < rules_.descriptive_min_chars) return;
  for (std::size_t q = 0; q < stem_text.size();)
    if (!is_cjk_ideograph(next_code_point(stem_text, q))) return;
  if (!rules_.words.etc.empty() && text.substr(0, found.begin).ends_with(rules_.words.etc)) return;
  Candidate c;
  c.begin = found.begin;
  c.end = hit.end;
  c.kind = ending.kind;
  c.source = Source::kPattern;
  c.canonical = canonical_name(text.substr(c.begin, c.end - c.begin));
  c.rule = rules_.words.descriptive_name;
  out.push_back(std::move(c));
}

std::vector<Candidate> PatternFinder::find(std::string_view text, const std::vector<EndingHit>& hits) const {
  std::vector<Candidate> out;
  for (const EndingHit& hit : hits) {
    // The character after the ending must not continue the word (集团化, 公司制, 园区级).
    if (hit.end < text.size()) {
      std::size_t q = hit.end;
      const std::size_t start = q;
      next_code_point(text, q);
      if (breakers_.count(text.substr(start, q - start))) continue;
    }
    const NameEnding& ending = rules_.endings[hit.ending];
    if (ending.list_only && hit.end < text.size()) {
      std::size_t q = hit.end;
      const std::size_t start = q;
      next_code_point(text, q);
      if (std::find(rules_.list_noun_breakers.begin(), rules_.list_noun_breakers.end(),
                    text.substr(start, q - start)) != rules_.list_noun_breakers.end())
        continue;
    }
    // A class noun only ever gives list items, and those need 等 in the run of name
    // characters before it: without one, skip the word segmentation (企业 is frequent).
    if (ending.list_only && !etc_before(text, hit.begin)) continue;
    const Stem found = stem(text, hit.begin);
    if (found.verdict != StemVerdict::kName) {
      add_list_items(text, hit.begin, found, ending, out);
      add_descriptive_name(text, found, hit, ending, out);
      continue;
    }
    if (ending.list_only) continue;  // 万科企业: a class noun never ends a name
    if (ending.kind == EntityKind::kCompany && quoted_common_noun(text, found.begin, hit.begin, hit.end)) continue;
    const bool site = ending.kind == EntityKind::kCompany &&
                      std::find(rules_.site_endings.begin(), rules_.site_endings.end(), ending.text) != rules_.site_endings.end();
    // 全龄友好型公园: a park described by its kind (土右新型工业园区 is named by its place).
    if (ending.kind == EntityKind::kPublicPark &&
        ends_with_any(text.substr(found.begin, hit.begin - found.begin), rules_.boundaries.class_suffixes))
      continue;
    // 滨河路经开区一期: a road through a zone, not a zone.
    if (ending.kind == EntityKind::kZone &&
        ends_with_any(text.substr(found.begin, hit.begin - found.begin), rules_.boundaries.road_suffixes))
      continue;
    // 长兴县城市绿道, 米东区育秧工厂: a region's parks or plants in general.
    if ((ending.kind == EntityKind::kPublicPark || site) &&
        region_class(text.substr(found.begin, hit.begin - found.begin), ending.kind == EntityKind::kPublicPark))
      continue;
    if (std::find(rules_.boundaries.quoted_concept_endings.begin(), rules_.boundaries.quoted_concept_endings.end(),
                  ending.text) != rules_.boundaries.quoted_concept_endings.end() &&
        in_quotation(text, found.begin, hit.end))
      continue;
    if (ending.kind == EntityKind::kCompany && listed_as_non_firm(text, hit.end)) continue;
    Candidate c;
    c.begin = found.begin;
    c.end = hit.end;
    c.kind = rules_.endings[hit.ending].kind;
    c.source = Source::kPattern;
    c.canonical = canonical_name(text.substr(c.begin, c.end - c.begin));
    c.rule = rules_.endings[hit.ending].text;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace reportlens::entities
