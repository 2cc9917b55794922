#include "sentence_splitter.h"

#include <optional>
#include <string>

#include "chinese_numeral.h"
#include "reportlens/text.h"

namespace reportlens::segment {
namespace {

struct Cp {
  char32_t c;
  std::size_t begin, end;  // bytes
};

// The decoded paragraph, in a per-thread buffer reused from paragraph to paragraph (the
// stage runs on many documents at once, one per thread).
const std::vector<Cp>& decode_with_offsets(std::string_view s) {
  thread_local std::vector<Cp> out;
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t b = i;
    const char32_t c = decode_code_point(s, i);
    out.push_back({c, b, i});
  }
  return out;
}

char32_t closer_for(char32_t c) {
  switch (c) {
    case U'“': return U'”';
    case U'‘': return U'’';
    case U'（': return U'）';
    case U'(': return U')';
    case U'《': return U'》';
    case U'「': return U'」';
    case U'『': return U'』';
    case U'【': return U'】';
    case U'[': return U']';
    default: return 0;
  }
}

bool is_closer(char32_t c) {
  switch (c) {
    case U'”': case U'’': case U'）': case U')': case U'》': case U'」': case U'』': case U'】':
    case U']':
      return true;
    default:
      return false;
  }
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_latin(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000; }

// An ASCII " is its own closer, so a lost one would pair with the next " however far away:
// a pair further apart than this (in code points) is taken for two unmatched quotes. The
// longest real “…” quotation with a full stop inside in the national reports is 273 code
// points; web copies quote slogans and short speeches.
constexpr std::size_t kMaxAsciiQuote = 300;

// +1 for a matched opener, -1 for its closer, 0 otherwise. Openers without a closer in the
// paragraph (and stray closers) are ignored so one typo cannot swallow a whole paragraph.
const std::vector<int>& bracket_depth_deltas(const std::vector<Cp>& cs) {
  thread_local std::vector<int> delta;
  thread_local std::vector<std::size_t> open;
  delta.assign(cs.size(), 0);
  open.clear();
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const char32_t c = cs[i].c;
    if (c == U'"') {
      // Web copies use ASCII quotes: one closes the nearest open " (inner unclosed openers
      // are dropped, as for “”), unless that one is too far back, in which case it stays
      // unmatched and this one opens anew.
      std::size_t k = open.size();
      while (k > 0 && cs[open[k - 1]].c != U'"') --k;
      if (k > 0 && i - open[k - 1] <= kMaxAsciiQuote) {
        delta[open[k - 1]] = 1;
        delta[i] = -1;
        open.resize(k - 1);
      } else {
        if (k > 0) open.erase(open.begin() + static_cast<std::ptrdiff_t>(k - 1));
        open.push_back(i);
      }
    } else if (closer_for(c) != 0) {
      open.push_back(i);
    } else if (is_closer(c)) {
      // Match against the nearest opener of the same kind (skipping unclosed inner ones).
      for (std::size_t k = open.size(); k-- > 0;) {
        if (closer_for(cs[open[k]].c) == c) {
          delta[open[k]] = 1;
          delta[i] = -1;
          open.resize(k);
          break;
        }
      }
    }
  }
  return delta;
}

bool is_terminator(const std::vector<Cp>& cs, std::size_t i) {
  const char32_t c = cs[i].c;
  if (c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?') return true;
  if (c == U'.') {
    // An ASCII full stop ends a Chinese sentence, never a number (1200.2), an abbreviation
    // or a list marker inside Latin text.
    if (i == 0) return false;
    const char32_t prev = cs[i - 1].c;
    const char32_t next = i + 1 < cs.size() ? cs[i + 1].c : U' ';
    return !is_digit(prev) && !is_latin(prev) && prev != U'.' && prev != U' ' &&
           !is_digit(next) && !is_latin(next) && next != U'.';
  }
  return false;
}

bool is_clause_end(char32_t c) { return c == U'；' || c == U';'; }

}  // namespace

SentenceSpans split_sentences(std::string_view text) {
  SentenceSpans out;
  const std::vector<Cp>& cs = decode_with_offsets(text);
  const std::vector<int>& delta = bracket_depth_deltas(cs);

  std::size_t sentence_begin = 0, clause_begin = 0;  // indices into cs
  auto trim_begin = [&](std::size_t i) {
    while (i < cs.size() && is_space(cs[i].c)) ++i;
    return i;
  };
  auto emit = [&](std::vector<TextSpan>& into, std::size_t from, std::size_t to) {
    from = trim_begin(from);
    while (to > from && is_space(cs[to - 1].c)) --to;
    if (to > from) into.push_back({cs[from].begin, cs[to - 1].end});
  };
  auto end_sentence = [&](std::size_t to) {
    emit(out.clauses, clause_begin, to);
    emit(out.sentences, sentence_begin, to);
    sentence_begin = clause_begin = to;
  };

  int depth = 0;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const int before = depth;
    depth += delta[i];
    if (depth < 0) depth = 0;
    if (before > 0 && depth == 0) {
      // A quote or bracket closing right after a terminator ends the sentence (“…。”),
      // unless the sentence obviously goes on (“…。”的, “…！”，).
      std::size_t t = i;
      while (t > 0 && delta[t - 1] < 0) --t;  // look back over stacked closers: 。”）
      if (t > 0 && is_terminator(cs, t - 1)) {
        std::size_t k = i + 1;
        while (k < cs.size() && delta[k] < 0) ++k;  // stacked closers: 。”）
        const char32_t next = k < cs.size() ? cs[k].c : U' ';
        if (next != U'，' && next != U'、' && next != U'的' && next != U',' && !is_terminator(cs, k)) {
          end_sentence(k);
          i = k - 1;
        }
      }
      continue;
    }
    if (depth > 0) continue;
    if (is_terminator(cs, i)) {
      std::size_t k = i + 1;
      // Keep runs together: ？！ 。。 and a trailing ellipsis or closer without an opener.
      while (k < cs.size() && (is_terminator(cs, k) || cs[k].c == U'…' ||
                               (is_closer(cs[k].c) && delta[k] == 0)))
        ++k;
      end_sentence(k);
      i = k - 1;
    } else if (is_clause_end(cs[i].c)) {
      emit(out.clauses, clause_begin, i + 1);
      clause_begin = i + 1;
    }
  }
  if (trim_begin(sentence_begin) < cs.size()) end_sentence(cs.size());
  return out;
}

namespace {

// Quick test: a Chinese numeral right before a 是, or a 第 followed by one.
bool may_enumerate(std::string_view text) {
  const std::string_view shi = "是";
  for (std::size_t at = text.find(shi); at != std::string_view::npos; at = text.find(shi, at + 3)) {
    if (at < 3) continue;
    std::size_t i = at - 3;
    if (is_chinese_digit(decode_code_point(text, i))) return true;
  }
  const std::string_view di = "第";
  for (std::size_t at = text.find(di); at != std::string_view::npos; at = text.find(di, at + 3)) {
    std::size_t i = at + 3;
    if (i < text.size() && is_chinese_digit(decode_code_point(text, i))) return true;
  }
  return false;
}

}  // namespace

std::vector<EnumerationItem> find_enumerations(std::string_view text,
                                               const std::vector<TextSpan>& sentences) {
  if (!may_enumerate(text)) return {};
  const std::vector<Cp>& cs = decode_with_offsets(text);
  struct Marker {
    std::size_t begin, end;  // cp indices
    int ordinal;
  };
  std::vector<Marker> markers;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    // A marker follows the start of the text or a clause boundary.
    if (i > 0) {
      const char32_t p = cs[i - 1].c;
      if (p != U'，' && p != U'；' && p != U'：' && p != U'。' && p != U'、' && p != U' ' &&
          p != U',' && p != U';' && p != U':')
        continue;
    }
    std::size_t k = i;
    const bool di = cs[k].c == U'第';
    if (di) ++k;
    const std::size_t num_begin = k;
    while (k < cs.size() && is_chinese_digit(cs[k].c) && k - num_begin < 3) ++k;
    if (k == num_begin || k >= cs.size()) continue;
    // 一是 / 第一，: the marker word and what must follow it.
    if (!di && cs[k].c != U'是') continue;
    if (di && cs[k].c != U'，' && cs[k].c != U'、' && cs[k].c != U'是') continue;
    std::u32string digits;
    for (std::size_t j = num_begin; j < k; ++j) digits.push_back(cs[j].c);
    const auto n = parse_numeral(digits);
    if (!n) continue;
    markers.push_back({i, k + 1, *n});
  }
  std::vector<EnumerationItem> items;
  // Keep runs 1, 2, 3 … (at least two items).
  std::size_t run_start = 0;
  auto flush = [&](std::size_t from, std::size_t to) {
    if (to - from < 2) return;
    for (std::size_t m = from; m < to; ++m) {
      const std::size_t b = cs[markers[m].begin].begin;
      std::size_t e;
      if (m + 1 < to) {
        std::size_t last = markers[m + 1].begin;  // drop the separator before the next marker
        while (last > markers[m].end && (cs[last - 1].c == U'，' || cs[last - 1].c == U'；' ||
                                         cs[last - 1].c == U'。' || cs[last - 1].c == U' '))
          --last;
        e = cs[last - 1].end;
      } else {
        e = text.size();
        for (const auto& s : sentences)
          if (s.begin <= b && b < s.end) {
            e = s.end;
            break;
          }
      }
      items.push_back({{b, e}, markers[m].ordinal,
                       {b, cs[markers[m].end - 1].end}});
    }
  };
  for (std::size_t m = 0; m < markers.size(); ++m) {
    if (m == run_start) {
      if (markers[m].ordinal != 1) run_start = m + 1;
      continue;
    }
    if (markers[m].ordinal == markers[m - 1].ordinal + 1) continue;
    flush(run_start, m);
    run_start = markers[m].ordinal == 1 ? m : m + 1;
  }
  if (run_start < markers.size()) flush(run_start, markers.size());
  return items;
}

}  // namespace reportlens::segment
