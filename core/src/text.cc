#include "reportlens/text.h"

#include <algorithm>
#include <cstring>

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
  // a time and the common 2- and 3-byte forms are checked inline.
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
    if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return i;
      i += 2;
    } else if ((c & 0xF0) == 0xE0) {
      if (i + 2 >= n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) return i;
      const char32_t cp = (static_cast<char32_t>(c & 0x0F) << 12) |
                          (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
      if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return i;  // overlong, surrogate
      i += 3;
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

struct Char {
  char32_t cp;
  std::uint32_t begin, end;
};

bool is_numeral(char32_t cp) {
  static const std::u32string_view kNumerals = U"一二三四五六七八九十百零〇";
  return kNumerals.find(cp) != std::u32string_view::npos || (cp >= U'0' && cp <= U'9');
}

// A line that opens with a structural marker, whose line breaks must stay: 一、 （一） (一)
// 1. 1、 第一章 第一节 专栏.
bool starts_heading(const std::vector<Char>& cs, std::size_t i) {
  auto numeral = [&](std::size_t k) { return k < cs.size() && is_numeral(cs[k].cp); };
  auto at = [&](std::size_t k) { return k < cs.size() ? cs[k].cp : U'\0'; };
  while (i < cs.size() && cs[i].cp == U' ') ++i;
  if (i >= cs.size()) return false;
  const char32_t c = cs[i].cp;
  if (c == U'专' && at(i + 1) == U'栏') return true;
  if (c == U'第') {
    // 第一章 / 第一节 / 第一部分 / 第一篇 headings and 第一，/第一、 enumerations; not 第一段.
    std::size_t k = i + 1;
    while (numeral(k)) ++k;
    const char32_t u = at(k);
    return k > i + 1 && (u == U'章' || u == U'节' || u == U'篇' || u == U'部' || u == U'，' ||
                         u == U'、');
  }
  if (c == U'（' || c == U'(') {
    std::size_t k = i + 1;
    while (numeral(k)) ++k;
    return k > i + 1 && (at(k) == U'）' || at(k) == U')');
  }
  if (numeral(i)) {
    std::size_t k = i;
    while (numeral(k)) ++k;
    if (at(k) == U'、') return true;
    // "1." is a marker, "1.5%" is a number.
    return at(k) == U'.' && !(at(k + 1) >= U'0' && at(k + 1) <= U'9');
  }
  return false;
}

// A line that starts a new paragraph whatever precedes it: a heading, one of the report's
// "——" bullets, or the salutation (各位代表).
bool starts_paragraph(const std::vector<Char>& cs, std::size_t i) {
  auto at = [&](std::size_t k) { return k < cs.size() ? cs[k].cp : U'\0'; };
  while (i < cs.size() && cs[i].cp == U' ') ++i;
  if (at(i) == U'—' && at(i + 1) == U'—') return true;
  if (at(i) == U'各' && at(i + 1) == U'位' && at(i + 2) == U'代' && at(i + 3) == U'表') return true;
  return starts_heading(cs, i);
}

// Decides whether the line break run cs[run_begin, run_end) is joined. `prev` is the index
// of the last non-space character before it, `line_start` the start of its line.
bool join_break(const std::vector<Char>& cs, std::size_t line_start, std::size_t prev,
                std::size_t run_begin, std::size_t run_end) {
  const char32_t before = cs[prev].cp;
  const char32_t after = cs[run_end].cp;
  // A heading line keeps its break (a run-in heading that goes on into a long paragraph
  // does not: that break is a copy artefact like any other).
  constexpr std::size_t kHeadingLine = 60;
  if (starts_heading(cs, line_start) && prev - line_start < kHeadingLine) return false;
  if (starts_paragraph(cs, run_end)) return false;
  if (is_terminal(before)) return false;
  if (is_closing_quote(before) && prev > line_start && is_terminal(cs[prev - 1].cp)) return false;
  std::size_t newlines = 0;
  for (std::size_t k = run_begin; k < run_end; ++k) newlines += cs[k].cp == U'\n';
  if (newlines < 2) return true;
  // A blank line: a real paragraph break, unless the break sits inside a number or word
  // (74.4 / 万亿元), next to punctuation that cannot stand at a line edge, or ends a long
  // running line (a paragraph cut by a copy). Short lines between blank lines are titles
  // and unnumbered headings ("结束语") and stay on their own.
  if (is_ascii_alnum(before) || is_ascii_alnum(after)) return true;
  if (binds_right(before) || binds_left(after)) return true;
  constexpr std::size_t kShortLine = 30;
  return prev + 1 - line_start >= kShortLine;
}

}  // namespace

namespace {

inline std::size_t utf8_length(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

inline bool zero_width(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

}  // namespace

NormalizedText normalize_text(std::string_view original) {
  // Pass 1: decode, fold widths, drop zero-width characters, unify line ends.
  std::vector<Char> cs;
  cs.reserve(original.size() / 2 + 16);
  for (std::size_t i = 0; i < original.size();) {
    const std::size_t start = i;
    char32_t cp = decode_code_point(original, i);
    if (cp >= 0x200B && zero_width(cp)) continue;
    if (cp == U'\r') {
      if (i < original.size() && original[i] == '\n') continue;  // \r\n: keep the \n
      cp = U'\n';
    }
    cs.push_back({fold_width(cp), static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }

  // Pass 2: drop line breaks that fall inside a sentence, with the spaces around them.
  std::vector<std::uint8_t> keep(cs.size(), 1);  // not vector<bool>: bit access showed in profiles
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].cp != U'\n') continue;
    std::size_t run_end = i;
    while (run_end < cs.size() && (cs[run_end].cp == U'\n' || cs[run_end].cp == U' ')) ++run_end;
    std::size_t prev = i;
    while (prev > line_start && cs[prev - 1].cp == U' ') --prev;
    const bool has_prev = prev > line_start;
    const bool has_next = run_end < cs.size();
    if (has_prev && has_next && join_break(cs, line_start, prev - 1, prev, run_end)) {
      for (std::size_t k = prev; k < run_end; ++k) keep[k] = 0;
      // The joined line continues: its start stays where it was.
    } else {
      line_start = run_end;
    }
    i = run_end - 1;
  }

  // Pass 3: write the text and the map in one go (sizes known in advance). Every kept
  // character is written as the UTF-8 of its (folded) code point: for an unchanged
  // character that is exactly its original bytes, for an invalid byte it is U+FFFD.
  std::size_t size = 0;
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (keep[i]) size += utf8_length(cs[i].cp);
  NormalizedText out;
  out.original_size = original.size();
  out.text.resize(size);
  out.orig_begin.resize(size);
  out.orig_end.resize(size);
  auto* t = reinterpret_cast<unsigned char*>(out.text.data());
  std::uint32_t* ob = out.orig_begin.data();
  std::uint32_t* oe = out.orig_end.data();
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (!keep[i]) continue;
    const Char& c = cs[i];
    const char32_t cp = c.cp;
    if (cp < 0x80) {
      *t++ = static_cast<unsigned char>(cp);
      *ob++ = c.begin;
      *oe++ = c.end;
    } else if (cp >= 0x800 && cp < 0x10000) {  // CJK: the bulk of the text
      t[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
      t[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
      t[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      t += 3;
      ob[0] = ob[1] = ob[2] = c.begin;
      oe[0] = oe[1] = oe[2] = c.end;
      ob += 3;
      oe += 3;
    } else {
      std::string encoded;
      append_utf8(encoded, cp);
      for (const char byte : encoded) {
        *t++ = static_cast<unsigned char>(byte);
        *ob++ = c.begin;
        *oe++ = c.end;
      }
    }
  }
  return out;
}

}  // namespace reportlens
