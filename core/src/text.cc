#include "reportlens/text.h"

#include <algorithm>

namespace reportlens {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
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
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    char32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    std::size_t j = i;
    const char32_t cp = next_code_point(s, j);
    if (j != i + static_cast<std::size_t>(len) || cp < min || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i = j;
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

bool ends_sentence(char32_t cp) {
  switch (cp) {
    case U'。': case U'！': case U'？': case U'；': case U'：': case U'!': case U'?':
    case U';': case U':': case U'…': case U'”': case U'」': case U'』':
      return true;
    default:
      return false;
  }
}

struct Char {
  char32_t cp;
  std::uint32_t begin, end;
};

// A line that opens with a heading marker: 一、 （一） (一) 1. 第一章 专栏.
bool starts_heading(const std::vector<Char>& cs, std::size_t i) {
  static const std::u32string kNumerals = U"一二三四五六七八九十百零〇";
  auto numeral = [&](std::size_t k) {
    return k < cs.size() && (kNumerals.find(cs[k].cp) != std::u32string::npos ||
                             (cs[k].cp >= U'0' && cs[k].cp <= U'9'));
  };
  while (i < cs.size() && cs[i].cp == U' ') ++i;
  if (i >= cs.size()) return false;
  const char32_t c = cs[i].cp;
  if (c == U'专' && i + 1 < cs.size() && cs[i + 1].cp == U'栏') return true;
  if (c == U'第') return numeral(i + 1);
  if (c == U'（' || c == U'(') return numeral(i + 1);
  if (numeral(i)) {
    std::size_t k = i;
    while (numeral(k)) ++k;
    return k < cs.size() && (cs[k].cp == U'、' || cs[k].cp == U'.' || cs[k].cp == U'．');
  }
  return false;
}

}  // namespace

NormalizedText normalize_text(std::string_view original) {
  // Pass 1: decode, fold widths, drop zero-width characters, unify line ends.
  std::vector<Char> cs;
  cs.reserve(original.size() / 2);
  for (std::size_t i = 0; i < original.size();) {
    const std::size_t start = i;
    char32_t cp = next_code_point(original, i);
    if (is_zero_width(cp)) continue;
    if (cp == U'\r') {
      if (i < original.size() && original[i] == '\n') continue;  // \r\n: keep the \n
      cp = U'\n';
    }
    cs.push_back({fold_width(cp), static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }

  // Pass 2: drop line breaks that fall inside a sentence. A break (with the spaces and
  // blank lines around it) is joined when the text before it does not end a sentence, the
  // line before is not a heading and the line after does not start one.
  std::vector<bool> keep(cs.size(), true);
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].cp != U'\n') continue;
    std::size_t run_end = i;
    while (run_end < cs.size() && (cs[run_end].cp == U'\n' || cs[run_end].cp == U' ')) ++run_end;
    std::size_t prev = i;
    while (prev > line_start && cs[prev - 1].cp == U' ') --prev;
    const bool has_prev = prev > line_start;
    const bool has_next = run_end < cs.size();
    const bool join = has_prev && has_next && !ends_sentence(cs[prev - 1].cp) &&
                      !starts_heading(cs, line_start) && !starts_heading(cs, run_end) &&
                      (is_cjk_ideograph(cs[prev - 1].cp) || cs[prev - 1].cp < 0x80) &&
                      (is_cjk_ideograph(cs[run_end].cp) || cs[run_end].cp < 0x80);
    if (join)
      for (std::size_t k = prev; k < run_end; ++k) keep[k] = false;
    line_start = run_end;
    i = run_end - 1;
  }

  NormalizedText out;
  out.original_size = original.size();
  out.text.reserve(original.size());
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (!keep[i]) continue;
    const std::size_t before = out.text.size();
    append_utf8(out.text, cs[i].cp);
    for (std::size_t k = before; k < out.text.size(); ++k) {
      out.orig_begin.push_back(cs[i].begin);
      out.orig_end.push_back(cs[i].end);
    }
  }
  return out;
}

}  // namespace reportlens
