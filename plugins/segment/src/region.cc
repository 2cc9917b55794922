#include "region.h"

#include <algorithm>
#include <map>
#include <vector>

#include "chinese_numeral.h"
#include "reportlens/text.h"
#include "word_match.h"

namespace reportlens::segment {
namespace {

bool is_suffix(std::string_view s, const SegmentRules& rules) {
  return std::find(rules.region_suffixes.begin(), rules.region_suffixes.end(), s) != rules.region_suffixes.end();
}

std::size_t count_of(std::string_view text, std::string_view word) {
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + word.size())) ++n;
  return n;
}

// What the report calls itself, as found so far: a full name, or only the suffix ("市").
struct Clue {
  std::string name, bare;
  bool found() const { return !name.empty(); }
  void note(std::string_view cand, const SegmentRules& rules);
};

// `cand` (ideographs, 2–12) ending in a region suffix is a name; the suffix alone is a bare clue.
void Clue::note(std::string_view cand, const SegmentRules& rules) {
  if (found()) return;
  if (is_suffix(cand, rules)) {
    if (bare.empty()) bare = std::string(cand);
    return;
  }
  std::size_t n = 0;
  for (std::size_t i = 0; i < cand.size(); ++n)
    if (!is_cjk_ideograph(decode_code_point(cand, i))) return;
  if (n < 2 || n > 12) return;
  for (const auto& suf : rules.region_suffixes)
    if (cand.ends_with(suf)) {
      name = std::string(cand);
      return;
    }
}

bool is_number_char(char32_t c) {
  return (c >= U'0' && c <= U'9') || is_chinese_digit(c) || c == U'十' || c == U'百' || c == U'第';
}

// Byte offset where the code point ending at `end` starts.
std::size_t previous_start(std::string_view s, std::size_t end) {
  std::size_t k = end - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  return k;
}

// The first of `words` in `s` from `from` on: its place (npos: none) and its size.
std::pair<std::size_t, std::size_t> first_of(std::string_view s, const std::vector<std::string>& words,
                                             std::size_t from) {
  std::pair<std::size_t, std::size_t> best{std::string_view::npos, 0};
  for (const auto& w : words)
    if (const std::size_t at = s.find(w, from); at < best.first) best = {at, w.size()};
  return best;
}

// "——2023年1月8日在沈阳市第十七届人民代表大会…": the name between the date (or 在) and the
// session number before the congress.
void from_delivery_line(std::string_view line, const SegmentRules& rules, Clue& clue) {
  const std::string s = compact(line);
  std::size_t end = std::string::npos;
  for (const auto& w : rules.congress_words) end = std::min(end, s.find(w));
  if (end == std::string::npos) return;
  std::size_t jie = std::string::npos;  // the last session word before the congress
  for (const auto& w : rules.session_words)
    if (const std::size_t at = s.rfind(w, end); at != std::string::npos && (jie == std::string::npos || at > jie))
      jie = at;
  if (jie != std::string::npos) {
    end = jie;
    while (end > 0) {
      const std::size_t k = previous_start(s, end);
      std::size_t i = k;
      if (!is_number_char(decode_code_point(s, i))) break;
      end = k;
    }
  }
  const auto [at, at_size] = first_of(s, rules.at_words, 0);
  std::size_t start = at;
  if (start != std::string::npos && start < end) {
    start += at_size;
  } else {
    // "2003年1月10日沈阳市第十三届…通过": after the date's 日 (or 月).
    const auto [month, month_size] = first_of(s, rules.month_words, 0);
    start = 0;
    if (month != std::string::npos && month < end) {
      const auto [day, day_size] = first_of(s, rules.day_words, month);
      start = day != std::string::npos && day < end ? day + day_size : month + month_size;
    }
    while (start < end) {  // leading dashes and brackets
      std::size_t i = start;
      if (is_cjk_ideograph(decode_code_point(s, i))) break;
      start = i;
    }
  }
  if (start < end) clue.note(std::string_view(s).substr(start, end - start), rules);
}

// "关于铁西区2022年…", "重庆市人民政府工作报告": the name before the first digit, 第, 人 or 政.
void from_title(std::string_view t, const SegmentRules& rules, Clue& clue) {
  for (const auto& p : rules.title_prefixes)
    if (t.starts_with(p)) {
      t.remove_prefix(p.size());
      break;
    }
  std::size_t i = 0, cut = t.size();
  while (i < t.size()) {
    const std::size_t at = i;
    const char32_t c = decode_code_point(t, i);
    if ((c >= U'0' && c <= U'9') || c == U'十' || c == U'第' || c == U'一' || c == U'二' ||
        c == U'三' || c == U'人' || c == U'政') {
      cut = at;
      break;
    }
  }
  Clue title;
  title.note(t.substr(0, cut), rules);
  if (title.found()) clue.note(title.name, rules);
}

// "上海市市长 龚正", "福建省人民政府省长 王宁", "自治区主席 布小林": the longest start followed
// by an office.
void from_speaker(std::string_view speaker, const SegmentRules& rules, Clue& clue) {
  const std::string s = compact(speaker);
  std::string best;
  for (std::size_t i = 0, n = 0; i < s.size() && n < 12; ++n) {
    decode_code_point(s, i);
    const std::string_view head = std::string_view(s).substr(0, i);
    if (!starts_with_any(std::string_view(s).substr(i), rules.office_words)) continue;
    if (ends_with_any(head, rules.region_suffixes)) best = std::string(head);
  }
  if (!best.empty()) clue.note(best, rules);
}

// "现在，我代表江西省人民政府向大会报告工作": the name between 代表 and the government.
void from_opening(std::string_view opening, const SegmentRules& rules, Clue& clue) {
  for (const std::string& rep : rules.representing_words) {
    for (std::size_t at = opening.find(rep); at != std::string_view::npos && !clue.found();
         at = opening.find(rep, at + rep.size())) {
      const std::string_view after = opening.substr(at + rep.size(), 13 * 3);
      std::size_t end = std::string_view::npos;
      for (const auto& g : rules.government_words) end = std::min(end, after.find(g));
      if (end != std::string_view::npos && end > 0) clue.note(after.substr(0, end), rules);
    }
  }
}

// Only the suffix is written. A province-level suffix (省, 自治区): the name of the data whose
// short form the text uses most (at least three times). Otherwise ("市"): the "XX市" (up to
// four characters before 市) the text writes most, at least twice, where 市 is not the start
// of a word (市场, 市民: region.suffix_words) nor the end of one (全市, 城市: city_stopwords);
// of those written most, the one whose own part the text uses most.
std::string from_bare_suffix(std::string_view text, const std::string& bare, const SegmentRules& rules) {
  std::string best;
  std::size_t best_n = 2;
  if (bare != rules.city_suffix) {
    for (const auto& [short_name, full] : rules.province_names)
      if (full.ends_with(bare))
        if (const std::size_t n = count_of(text, short_name); n > best_n) {
          best = full;
          best_n = n;
        }
    return best;
  }
  std::map<std::string, std::size_t> written;  // "佳木斯市" → times
  for (std::size_t at = text.find(bare); at != std::string_view::npos; at = text.find(bare, at + bare.size())) {
    if (at == 0 || starts_with_any(text.substr(at), rules.suffix_words)) continue;
    const std::string_view upto = text.substr(0, at + bare.size());
    if (std::any_of(rules.city_stopwords.begin(), rules.city_stopwords.end(),
                    [&](const std::string& w) { return upto.ends_with(w); }))
      continue;
    std::size_t from = at;
    for (int chars = 1; chars <= 4 && from > 0; ++chars) {
      from = previous_start(text, from);
      std::size_t i = from;
      if (!is_cjk_ideograph(decode_code_point(text, i))) break;
      if (chars >= 2) ++written[std::string(text.substr(from, at - from)) + bare];
    }
  }
  std::size_t most = 1;
  for (const auto& [full, n] : written) most = std::max(most, n);
  if (most < 2) return "";
  // Among the names written most often, the one whose own part is used most (北京, not 与北京);
  // of equals, the longer (佳木斯, not 木斯).
  std::size_t best_uses = 0;
  for (const auto& [full, n] : written) {
    if (n != most) continue;
    const std::size_t uses = count_of(text, std::string_view(full).substr(0, full.size() - bare.size()));
    if (uses <= n) continue;  // never used without 市: a phrase ("省政府和市委"), not a name
    if (uses > best_uses || (uses == best_uses && full.size() > best.size())) {
      best = full;
      best_uses = uses;
    }
  }
  return best;
}

}  // namespace

std::string find_region(const std::optional<TitleBlock>& block, std::string_view text,
                        const SegmentRules& rules) {
  if (block && contains_any(block->date_line, rules.national_congress)) return rules.national_name;
  Clue clue;
  if (block) {
    from_delivery_line(block->date_line, rules, clue);
    from_title(block->title, rules, clue);
    from_title(block->header, rules, clue);
    from_speaker(block->speaker, rules, clue);
  }
  const std::string_view opening = text.substr(0, std::min<std::size_t>(text.size(), 3000));
  // Without a title block, a short first line may still be the speaker ("拉萨市市长 王强").
  if (!block) {
    const std::size_t first = opening.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos) {
      const std::string_view line = opening.substr(first, opening.find('\n', first) - first);
      if (line.size() <= 90) from_speaker(line, rules, clue);
    }
  }
  from_opening(opening, rules, clue);
  if (clue.found()) return clue.name;
  if (!clue.bare.empty()) return from_bare_suffix(text, clue.bare, rules);
  return "";
}

std::string find_city(std::string_view text, const std::string& region, const SegmentRules& rules) {
  const std::string_view shi = rules.city_suffix;
  std::map<std::string, int> counts;
  for (std::size_t at = text.find(shi); at != std::string_view::npos; at = text.find(shi, at + 1)) {
    if (at < 6) continue;
    const std::string_view name = text.substr(at - 6, 6);  // two CJK characters
    std::size_t i = 0;
    const char32_t a = decode_code_point(name, i);
    const char32_t b = decode_code_point(name, i);
    if (i != 6 || !is_cjk_ideograph(a) || !is_cjk_ideograph(b)) continue;
    const std::string whole = std::string(name) + std::string(shi);
    if (std::find(rules.city_stopwords.begin(), rules.city_stopwords.end(),
                  std::string(name.substr(3)) + std::string(shi)) != rules.city_stopwords.end())
      continue;
    if (std::find(rules.city_stopwords.begin(), rules.city_stopwords.end(), whole) !=
        rules.city_stopwords.end())
      continue;
    if (!region.empty() && text.substr(at + shi.size(), region.size()) == region) return std::string(name);
    ++counts[std::string(name)];
  }
  std::string best;
  int best_count = 1;
  for (const auto& [name, n] : counts) {
    if (n <= best_count) continue;
    // Used bare too (not only as "XX市"): a name, not a word ending in 市.
    std::size_t bare = 0;
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1))
      if (text.substr(at + name.size(), shi.size()) != shi) ++bare;
    if (bare == 0) continue;
    best = name;
    best_count = n;
  }
  return best;
}

}  // namespace reportlens::segment
