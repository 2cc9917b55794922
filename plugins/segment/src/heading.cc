#include "heading.h"

#include "chinese_numeral.h"
#include "lines.h"
#include "rules.h"
#include "reportlens/text.h"

namespace reportlens::segment {
namespace {

// Only script-level characters below: ASCII digits and the punctuation of Chinese text (full
// and half width) that frames a marker or ends a title. Which words number a heading is
// data (rules.numerals, rules.ordinal_prefix, rules.ordinal_units).
bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool ends_title(char32_t c) { return c == U'。' || c == U'！' || c == U'？'; }

// Fills title offsets: from code point `from` up to the first 。！？ (exclusive) or the end.
bool fill_title(const std::u32string& cs, std::string_view line, std::size_t from,
                HeadingMarker& m, bool truncated) {
  while (from < cs.size() && (cs[from] == U' ' || cs[from] == U'：' || cs[from] == U':')) ++from;
  std::size_t to = from;
  while (to < cs.size() && !ends_title(cs[to])) ++to;
  std::size_t after = to;
  if (after < cs.size()) ++after;  // the 。 itself
  while (after < cs.size() && cs[after] == U' ') ++after;
  m.run_in = after < cs.size() || truncated;
  if (to == from || to - from > kMaxTitleChars || (to == cs.size() && truncated)) return false;
  m.title_begin = byte_offset(line, from);
  m.title_end = byte_offset(line, to);
  return true;
}

}  // namespace

const char* style_name(MarkerStyle s) {
  switch (s) {
    case MarkerStyle::kPart: return "part";
    case MarkerStyle::kChapter: return "chapter";
    case MarkerStyle::kJie: return "jie";
    case MarkerStyle::kChineseComma: return "chinese_comma";
    case MarkerStyle::kChineseParen: return "chinese_paren";
    case MarkerStyle::kArabicDot: return "arabic_dot";
    case MarkerStyle::kArabicParen: return "arabic_paren";
    case MarkerStyle::kPlain: return "plain";
  }
  return "plain";
}

std::optional<MarkerStyle> style_named(std::string_view name) {
  for (const MarkerStyle s : {MarkerStyle::kPart, MarkerStyle::kChapter, MarkerStyle::kJie,
                              MarkerStyle::kChineseComma, MarkerStyle::kChineseParen,
                              MarkerStyle::kArabicDot, MarkerStyle::kArabicParen, MarkerStyle::kPlain})
    if (name == style_name(s)) return s;
  return std::nullopt;
}

std::optional<HeadingMarker> parse_numbered_heading(std::string_view line, const SegmentRules& rules) {
  const NumeralTable& numerals = rules.numerals;
  if (line.empty()) return std::nullopt;
  {
    // Most lines are prose: reject them on their first character.
    std::size_t i = 0;
    const char32_t first = decode_code_point(line, i);
    if (first != rules.ordinal_prefix && first != U'（' && first != U'(' && !is_ascii_digit(first) &&
        !numerals.contains(first))
      return std::nullopt;
  }
  // A title is short: decode only as much of the line as a heading can use.
  std::u32string cs;
  std::size_t consumed = 0;
  while (consumed < line.size() && cs.size() < kMaxTitleChars + 16)
    cs.push_back(decode_code_point(line, consumed));
  const bool truncated = consumed < line.size();
  HeadingMarker m;
  std::size_t k = 0;
  if (cs[0] == rules.ordinal_prefix) {
    k = 1;
    while (k < cs.size() && (numerals.contains(cs[k]) || is_ascii_digit(cs[k]))) ++k;
    if (k == 1 || k >= cs.size()) return std::nullopt;
    std::size_t unit_end = 0;
    for (const auto& [word, style] : rules.ordinal_units)
      if (std::u32string_view(cs).substr(k, word.size()) == word) {
        m.style = style;
        unit_end = k + word.size();
        break;
      }
    if (unit_end == 0) return std::nullopt;  // 第一，… is an enumeration, not a heading
    const auto n = numerals.parse(std::u32string_view(cs).substr(1, k - 1));
    if (!n) return std::nullopt;
    m.ordinal = *n;
    m.number = std::string(line.substr(0, byte_offset(line, unit_end)));
    k = unit_end;
    while (k < cs.size() && (cs[k] == U'、' || cs[k] == U' ')) ++k;
  } else if (cs[0] == U'（' || cs[0] == U'(') {
    k = 1;
    while (k < cs.size() && (numerals.contains(cs[k]) || is_ascii_digit(cs[k]))) ++k;
    if (k == 1 || k >= cs.size() || (cs[k] != U'）' && cs[k] != U')')) return std::nullopt;
    const auto n = numerals.parse(std::u32string_view(cs).substr(1, k - 1));
    if (!n) return std::nullopt;
    m.style = is_ascii_digit(cs[1]) ? MarkerStyle::kArabicParen : MarkerStyle::kChineseParen;
    m.ordinal = *n;
    ++k;
    m.number = std::string(line.substr(0, byte_offset(line, k)));
  } else if (is_ascii_digit(cs[0])) {
    while (k < cs.size() && is_ascii_digit(cs[k])) ++k;
    if (k > 2 || k + 1 >= cs.size()) return std::nullopt;  // 2022、 is a year, not a marker
    if (cs[k] == U'.') {
      if (is_ascii_digit(cs[k + 1])) return std::nullopt;  // 1.5%
    } else if (cs[k] != U'、') {
      return std::nullopt;
    }
    m.style = MarkerStyle::kArabicDot;
    m.ordinal = *numerals.parse(std::u32string_view(cs).substr(0, k));
    m.number = std::string(line.substr(0, byte_offset(line, k)));
    ++k;
  } else if (numerals.contains(cs[0])) {
    while (k < cs.size() && numerals.contains(cs[k])) ++k;
    if (k >= cs.size() || cs[k] != U'、') return std::nullopt;
    const auto n = numerals.parse(std::u32string_view(cs).substr(0, k));
    if (!n) return std::nullopt;
    m.style = MarkerStyle::kChineseComma;
    m.ordinal = *n;
    m.number = std::string(line.substr(0, byte_offset(line, k)));
    ++k;
  } else {
    return std::nullopt;
  }
  if (m.ordinal <= 0 || m.ordinal > 99) return std::nullopt;
  // "一、继续深入批评…；" is an item of a list running through the paragraph.
  std::size_t back = line.size() - 1;  // start of the last character
  while (back > 0 && (static_cast<unsigned char>(line[back]) & 0xC0) == 0x80) --back;
  const char32_t last = decode_code_point(line, back);
  if (last == U'；' || last == U';' || last == U'，' || last == U',' || last == U'、')
    return std::nullopt;
  if (!fill_title(cs, line, k, m, truncated)) return std::nullopt;
  return m;
}

bool looks_like_plain_heading(std::string_view line) {
  std::size_t chars = 0, cjk = 0;
  for (std::size_t i = 0; i < line.size();) {
    const char32_t c = decode_code_point(line, i);
    ++chars;
    if (is_cjk_ideograph(c)) ++cjk;
    switch (c) {
      case U'，': case U'。': case U'；': case U'：': case U'！': case U'？': case U',':
      case U';': case U':': case U'!': case U'?': case U'—': case U'、': case U'（': case U'）':
      case U'《': case U'》': case U'.':
        return false;
      default:
        break;
    }
  }
  return chars >= 3 && chars <= 20 && cjk * 10 >= chars * 8;
}

}  // namespace reportlens::segment
