#include "reportlens/text.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace reportlens {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  // Every stage walks CJK text with this: the 3-byte form first, checked inline.
  if ((c & 0xF0) == 0xE0 && i + 2 < s.size() && (byte(i + 1) & 0xC0) == 0x80 &&
      (byte(i + 2) & 0xC0) == 0x80) {
    const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                        (static_cast<char32_t>(byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    i += 3;
    return cp;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t find_invalid_utf8(std::string_view s) {
  // Every input goes through here once (decoding, output): ASCII is skipped eight bytes at
  // a time, and runs of 3-byte characters (a Chinese text) are checked in a tight loop of
  // their own; the 2- and 4-byte forms are checked inline.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t block;
      std::memcpy(&block, p + i, 8);
      if ((block & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xF0) == 0xE0) {
      // Lead E0 needs a second byte >= A0 (no overlong form), ED one < A0 (no surrogate).
      do {
        const unsigned char lead = p[i];
        if (i + 2 >= n) return i;
        const unsigned char b1 = p[i + 1], b2 = p[i + 2];
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return i;
        if ((lead == 0xE0 && b1 < 0xA0) || (lead == 0xED && b1 >= 0xA0)) return i;
        i += 3;
      } while (i < n && (p[i] & 0xF0) == 0xE0);
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return i;
      i += 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 ||
          (p[i + 3] & 0xC0) != 0x80)
        return i;
      const char32_t cp = (static_cast<char32_t>(c & 0x07) << 18) |
                          (static_cast<char32_t>(p[i + 1] & 0x3F) << 12) |
                          (static_cast<char32_t>(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
      if (cp < 0x10000 || cp > 0x10FFFF) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

std::size_t code_point_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_char_boundary(std::string_view s, std::size_t i) {
  if (i >= s.size()) return i == s.size();
  return (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

bool is_cjk_ideograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) || cp == 0x3007;
}

// Language knowledge kept in the core for now: the values of the Chinese digits are part of
// the exported SDK (indicators calls this), so moving them changes the SDK. Segment reads its
// own numerals from segment.yaml `numerals`.
int chinese_digit_value(char32_t cp) {
  switch (cp) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

bool is_zero_width(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

std::size_t NormalizedText::original_begin(std::size_t b) const {
  if (b >= text.size()) return original_size;
  return orig_begin[b];
}

std::size_t NormalizedText::original_end(std::size_t e) const {
  if (e == 0) return orig_begin.empty() ? 0 : orig_begin[0];
  if (e > text.size()) e = text.size();
  return orig_end[e - 1];
}

namespace {

// Full-width forms that only differ from ASCII in width. Chinese sentence punctuation
// (，。；：！？（）) is deliberately not folded: stages read structure from it.
char32_t fold_width(char32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10 + U'0';
  if (cp >= 0xFF21 && cp <= 0xFF3A) return cp - 0xFF21 + U'A';
  if (cp >= 0xFF41 && cp <= 0xFF5A) return cp - 0xFF41 + U'a';
  switch (cp) {
    case 0xFF05: return U'%';
    case 0xFF0E: return U'.';
    case 0xFF0B: return U'+';
    case 0xFF0D: return U'-';
    case 0xFF0F: return U'/';
    case 0xFF1C: return U'<';
    case 0xFF1D: return U'=';
    case 0xFF1E: return U'>';
    case 0x3000: return U' ';
    case 0x00A0: return U' ';
    case U'\t': return U' ';
    default: return cp;
  }
}

// Script-level: the punctuation of Chinese text (full and half width) that ends a sentence,
// closes a quotation or binds to a neighbour. It says how the script is set, not what a word
// means; the words (numerals, heading words, openers) come from LineBreakRules (text.h).

// Characters after which a line break is a real break: the sentence (or a colon-led
// list) ended there. A closing quote counts only when it closes a finished sentence (。”).
bool is_terminal(char32_t cp) {
  switch (cp) {
    case U'。': case U'！': case U'？': case U'；': case U'：': case U'!': case U'?':
    case U';': case U':': case U'…':
      return true;
    default:
      return false;
  }
}

bool is_closing_quote(char32_t cp) {
  return cp == U'”' || cp == U'」' || cp == U'』' || cp == U'’';
}

bool is_ascii_alnum(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
}

// Characters that cannot end a line on their own (an opening bracket or quote) or cannot
// start one (closing punctuation, a comma): a break next to them is always a copy artefact.
bool binds_right(char32_t cp) {
  switch (cp) {
    case U'“': case U'‘': case U'（': case U'(': case U'《': case U'「': case U'『': case U'、':
    case U'，': case U',': case U'.': case U'-': case U'+': case U'/':
      return true;
    default:
      return false;
  }
}
bool binds_left(char32_t cp) {
  switch (cp) {
    case U'”': case U'’': case U'）': case U')': case U'》': case U'」': case U'』': case U'，':
    case U'、': case U'。': case U'％': case U'%': case U',': case U'.': case U'；': case U'：':
      return true;
    default:
      return false;
  }
}

// The line-joining pass reads the width-folded text (pass 1 below) character by character
// around each line break. That text is canonical UTF-8 of the folded code points, so
// decoding it gives back exactly the characters pass 1 produced, and a character's index
// difference is the number of lead bytes between two byte positions.

// Code point at byte `i` ('\0' at the end); `next` is set past it.
char32_t at(std::string_view t, std::size_t i, std::size_t& next) {
  next = i;
  if (i >= t.size()) return U'\0';
  return decode_code_point(t, next);
}
char32_t at(std::string_view t, std::size_t i) {
  std::size_t next;
  return at(t, i, next);
}

// Byte position where the character ending at byte `end` (> 0) starts.
std::size_t char_start_before(std::string_view t, std::size_t end) {
  std::size_t k = end - 1;
  while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
  return k;
}

// Number of characters in t[b, e), counted only up to `cap` (the callers compare the
// length of a line with a small threshold; lines of a joined paragraph can be long).
std::size_t char_count_capped(std::string_view t, std::size_t b, std::size_t e, std::size_t cap) {
  std::size_t n = 0;
  for (std::size_t k = b; k < e && n < cap; ++k)
    n += (static_cast<unsigned char>(t[k]) & 0xC0) != 0x80;
  return n;
}

// A numeral of a heading marker: an ASCII digit (script), or one of the rules' numerals.
bool is_numeral(char32_t cp, const LineBreakRules& rules) {
  return (cp >= U'0' && cp <= U'9') || rules.numerals.find(cp) != std::u32string::npos;
}

// Skips the numerals starting at byte `k`; returns the position after them and sets
// `count` to how many there were.
std::size_t skip_numerals(std::string_view t, std::size_t k, const LineBreakRules& rules, std::size_t& count) {
  count = 0;
  for (;;) {
    std::size_t next;
    if (!is_numeral(at(t, k, next), rules)) return k;
    k = next;
    ++count;
  }
}

// The length of the first of `words` that t[i, ...) opens with, or 0.
std::size_t opening_word(std::string_view t, std::size_t i, const std::vector<std::string>& words) {
  const std::string_view rest = t.substr(i);
  for (const auto& w : words)
    if (!w.empty() && rest.starts_with(w)) return w.size();
  return 0;
}

// An ordinal at byte `i` (第一章, 第一，): a prefix of the rules, numerals, then a heading word
// of the rules or an enumeration comma. Returns whether one of the prefixes opens the line
// (`prefixed`) and whether it makes a heading.
bool ordinal_heading(std::string_view t, std::size_t i, const LineBreakRules& rules, bool& prefixed) {
  prefixed = false;
  const std::string_view rest = t.substr(i);
  for (const auto& prefix : rules.ordinal_prefixes) {
    if (prefix.empty() || !rest.starts_with(prefix)) continue;
    prefixed = true;
    std::size_t numerals = 0;
    const std::size_t k = skip_numerals(t, i + prefix.size(), rules, numerals);
    if (numerals == 0) continue;
    const char32_t u = at(t, k);
    // Not 第一段: only a heading word, or the comma of an enumeration (第一，/第一、).
    if (u == U'，' || u == U'、' || opening_word(t, k, rules.ordinal_headings) > 0) return true;
  }
  return false;
}

// A line that opens with a structural marker, whose line breaks must stay: 1. 1、 (1) （1）,
// and with the rules' words 一、 （一） 第一章 第一节 专栏.
bool starts_heading(std::string_view t, std::size_t i, const LineBreakRules& rules) {
  while (i < t.size() && t[i] == ' ') ++i;
  if (i >= t.size()) return false;
  if (opening_word(t, i, rules.box_labels) > 0) return true;
  bool prefixed = false;
  if (ordinal_heading(t, i, rules, prefixed)) return true;
  if (prefixed) return false;
  std::size_t j;
  const char32_t c = at(t, i, j);
  std::size_t numerals = 0;
  if (c == U'（' || c == U'(') {
    const char32_t u = at(t, skip_numerals(t, j, rules, numerals));
    return numerals > 0 && (u == U'）' || u == U')');
  }
  if (is_numeral(c, rules)) {
    const std::size_t k = skip_numerals(t, i, rules, numerals);
    const char32_t u = at(t, k);
    if (u == U'、') return true;
    if (u != U'.') return false;
    // "1." is a marker, "1.5%" is a number.
    const char32_t digit = at(t, k + 1);  // '.' is one byte
    return !(digit >= U'0' && digit <= U'9');
  }
  return false;
}

// A line that starts a new paragraph whatever precedes it: a heading, a "——" dash (how a
// Chinese text sets a bullet or a subtitle), or one of the rules' openers (各位代表).
bool starts_paragraph(std::string_view t, std::size_t i, const LineBreakRules& rules) {
  while (i < t.size() && t[i] == ' ') ++i;
  std::size_t k;
  const char32_t first = at(t, i, k);
  if (first == U'—' && at(t, k) == U'—') return true;
  if (opening_word(t, i, rules.paragraph_openers) > 0) return true;
  return starts_heading(t, i, rules);
}

// Decides whether the line break run t[run_begin, run_end) (newlines and spaces) is
// joined. `line_start` is the start of its line, whose last non-space character ends at
// run_begin.
bool join_break(std::string_view t, std::size_t line_start, std::size_t run_begin, std::size_t run_end,
                const LineBreakRules& rules) {
  const std::size_t prev = char_start_before(t, run_begin);  // the last character of the line
  const char32_t before = at(t, prev);
  const char32_t after = at(t, run_end);
  // A heading line keeps its break (a run-in heading that goes on into a long paragraph
  // does not: that break is a copy artefact like any other).
  constexpr std::size_t kHeadingLine = 60;
  if (starts_heading(t, line_start, rules) &&
      char_count_capped(t, line_start, prev, kHeadingLine) < kHeadingLine)
    return false;
  if (starts_paragraph(t, run_end, rules)) return false;
  if (is_terminal(before)) return false;
  if (is_closing_quote(before) && prev > line_start &&
      is_terminal(at(t, char_start_before(t, prev))))
    return false;
  const std::size_t newlines =
      static_cast<std::size_t>(std::count(t.begin() + run_begin, t.begin() + run_end, '\n'));
  if (newlines < 2) return true;
  // A blank line: a real paragraph break, unless the break sits inside a number or word
  // (74.4 / 万亿元), next to punctuation that cannot stand at a line edge, or ends a long
  // running line (a paragraph cut by a copy). Short lines between blank lines are titles
  // and unnumbered headings ("结束语") and stay on their own.
  if (is_ascii_alnum(before) || is_ascii_alnum(after)) return true;
  if (binds_right(before) || binds_left(after)) return true;
  constexpr std::size_t kShortLine = 30;
  return char_count_capped(t, line_start, run_begin, kShortLine) >= kShortLine;
}

// The text being built with its offset map: for every byte written, the original byte
// range of the character it came from.
class MappedWriter {
 public:
  // Sized for an input of `input_size` bytes: the fast paths never write more bytes than
  // they read, so they need no checks; write_code_point keeps room for the rest of the
  // input when it writes more (an invalid byte becomes the three bytes of U+FFFD).
  MappedWriter(NormalizedText& out, std::size_t input_size) : out_(out), input_size_(input_size) {
    grow(input_size);
  }

  void write_ascii(unsigned char c, std::size_t begin) {
    t_[size_] = c;
    ob_[size_] = static_cast<std::uint32_t>(begin);
    oe_[size_] = static_cast<std::uint32_t>(begin + 1);
    ++size_;
  }
  // A three-byte character copied as it is (the bulk of a Chinese report).
  void copy3(const unsigned char* bytes, std::size_t begin) {
    std::memcpy(t_ + size_, bytes, 3);
    const auto b = static_cast<std::uint32_t>(begin);
    ob_[size_] = ob_[size_ + 1] = ob_[size_ + 2] = b;
    oe_[size_] = oe_[size_ + 1] = oe_[size_ + 2] = b + 3;
    size_ += 3;
  }
  // `cp` as UTF-8 for the original character [begin, end).
  void write_code_point(char32_t cp, std::size_t begin, std::size_t end) {
    unsigned char bytes[4];
    std::size_t n;
    if (cp < 0x80) {
      bytes[0] = static_cast<unsigned char>(cp);
      n = 1;
    } else if (cp < 0x800) {
      bytes[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
      bytes[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      n = 2;
    } else if (cp < 0x10000) {
      bytes[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
      bytes[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
      bytes[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      n = 3;
    } else {
      bytes[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
      bytes[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
      bytes[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
      bytes[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      n = 4;
    }
    if (const std::size_t need = size_ + n + (input_size_ - end); need > capacity_)
      grow(std::max(need, capacity_ + capacity_ / 2));
    for (std::size_t k = 0; k < n; ++k) {
      t_[size_] = bytes[k];
      ob_[size_] = static_cast<std::uint32_t>(begin);
      oe_[size_] = static_cast<std::uint32_t>(end);
      ++size_;
    }
  }
  std::size_t size() const { return size_; }

 private:
  void grow(std::size_t capacity) {
    capacity_ = capacity;
    out_.orig_begin.reserve(capacity);  // exactly: the map is most of a document's memory
    out_.orig_end.reserve(capacity);
    out_.text.resize(capacity);
    out_.orig_begin.resize(capacity);
    out_.orig_end.resize(capacity);
    t_ = reinterpret_cast<unsigned char*>(out_.text.data());
    ob_ = out_.orig_begin.data();
    oe_ = out_.orig_end.data();
  }

  NormalizedText& out_;
  const std::size_t input_size_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  unsigned char* t_ = nullptr;
  std::uint32_t* ob_ = nullptr;
  std::uint32_t* oe_ = nullptr;
};

// Pass 1: folds widths, drops zero-width characters and unifies line ends, writing the
// result and its map into `out`; returns the number of bytes written. Nearly every
// character of a report stays as it is: ASCII and three-byte characters outside the
// ranges fold_width and is_zero_width touch are copied without decoding further.
std::size_t fold_characters(std::string_view original, NormalizedText& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(original.data());
  const std::size_t n = original.size();
  MappedWriter w(out, n);
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == '\r') {
        if (i + 1 < n && p[i + 1] == '\n') {  // \r\n: keep the \n
          ++i;
          continue;
        }
        w.write_ascii('\n', i++);
      } else {
        w.write_ascii(c == '\t' ? ' ' : c, i++);
      }
      continue;
    }
    if ((c & 0xF0) == 0xE0 && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                          (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      // Ideographs, CJK punctuation and most symbols: unchanged. U+2000..U+3000 and
      // U+FEFF.. hold the zero-width characters, the ideographic space and the full-width
      // forms; below U+0800 the three bytes are an overlong form, re-encoded below.
      if ((cp > 0x3000 && cp < 0xFEFF) || (cp >= 0x800 && cp < 0x2000)) {
        w.copy3(p + i, i);
        i += 3;
        continue;
      }
    }
    const std::size_t start = i;
    const char32_t cp = next_code_point(original, i);
    if (is_zero_width(cp)) continue;
    if (cp == U'\r') {  // an overlong \r: treated as the one-byte form
      if (i < n && p[i] == '\n') continue;
      w.write_code_point(U'\n', start, i);
      continue;
    }
    const char32_t folded = fold_width(cp);
    if (folded == cp && cp >= 0x800 && cp < 0x10000 && i - start == 3) {
      w.copy3(p + start, start);
    } else {
      w.write_code_point(folded, start, i);
    }
  }
  return w.size();
}

// Pass 3: removes the byte ranges `drops` (sorted, disjoint) from the first `size` bytes
// of `v`, then trims it.
template <typename Vector>
void remove_ranges(Vector& v, std::size_t size, const std::vector<std::pair<std::size_t, std::size_t>>& drops) {
  std::size_t write = drops.empty() ? size : drops.front().first;
  for (std::size_t k = 0; k < drops.size(); ++k) {
    const std::size_t from = drops[k].second;
    const std::size_t to = k + 1 < drops.size() ? drops[k + 1].first : size;
    std::memmove(v.data() + write, v.data() + from, (to - from) * sizeof(v[0]));
    write += to - from;
  }
  v.resize(write);
}

}  // namespace

bool LineBreakRules::empty() const {
  return numerals.empty() && ordinal_prefixes.empty() && ordinal_headings.empty() && box_labels.empty() &&
         paragraph_openers.empty();
}

void LineBreakRules::merge(const LineBreakRules& other) {
  for (const char32_t cp : other.numerals)
    if (numerals.find(cp) == std::u32string::npos) numerals.push_back(cp);
  const auto add = [](std::vector<std::string>& into, const std::vector<std::string>& from) {
    for (const auto& w : from)
      if (std::find(into.begin(), into.end(), w) == into.end()) into.push_back(w);
  };
  add(ordinal_prefixes, other.ordinal_prefixes);
  add(ordinal_headings, other.ordinal_headings);
  add(box_labels, other.box_labels);
  add(paragraph_openers, other.paragraph_openers);
}

NormalizedText normalize_text(std::string_view original) { return normalize_text(original, LineBreakRules{}); }

NormalizedText normalize_text(std::string_view original, const LineBreakRules& rules) {
  NormalizedText out;
  out.original_size = original.size();
  const std::size_t size = fold_characters(original, out);

  // Pass 2: find the line breaks that fall inside a sentence; they are dropped with the
  // spaces around them.
  const std::string_view t(out.text.data(), size);
  std::vector<std::pair<std::size_t, std::size_t>> drops;
  std::size_t line_start = 0;
  for (std::size_t i = t.find('\n'); i != std::string_view::npos;) {
    std::size_t run_end = i;
    while (run_end < size && (t[run_end] == '\n' || t[run_end] == ' ')) ++run_end;
    std::size_t prev = i;  // end of the line's last non-space character
    while (prev > line_start && t[prev - 1] == ' ') --prev;
    if (prev > line_start && run_end < size && join_break(t, line_start, prev, run_end, rules)) {
      drops.emplace_back(prev, run_end);  // the joined line continues: its start stays
    } else {
      line_start = run_end;
    }
    i = t.find('\n', run_end);
  }

  // Pass 3: drop them from the text and the map.
  remove_ranges(out.text, size, drops);
  remove_ranges(out.orig_begin, size, drops);
  remove_ranges(out.orig_end, size, drops);
  return out;
}

}  // namespace reportlens
