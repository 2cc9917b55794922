#include "sentence_splitter.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "chinese_numeral.h"
#include "reportlens/stage.h"
#include "reportlens/text.h"
#include "utf8_scan.h"

namespace reportlens::segment {
namespace {

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

bool is_clause_end(char32_t c) { return c == U'；' || c == U';'; }

// An ASCII " is its own closer, so a lost one would pair with the next " however far away:
// a pair further apart than this (in code points) is taken for two unmatched quotes. The
// longest real “…” quotation with a full stop inside in the national reports is 273 code
// points; web copies quote slogans and short speeches.
constexpr std::size_t kMaxAsciiQuote = 300;

// The characters the splitter decides on: terminators, ；, …, brackets and quotes. Every
// other character only sits between them, so after one decoding pass the splitter walks
// these alone (a few per sentence) instead of every code point of the paragraph.
struct Mark {
  std::uint32_t begin, end;  // bytes in the paragraph
  std::uint32_t index;       // code point index of an ASCII quote (their distance), else 0
  char32_t c;
  std::int8_t delta;         // +1 matched opener, -1 its closer, 0 otherwise
  bool terminator;
};

// An ASCII full stop ends a Chinese sentence, never a number (1200.2), an abbreviation or
// a list marker inside Latin text. Never at the paragraph start; `next` is ' ' at its end.
bool full_stop_ends_sentence(bool at_start, char32_t prev, char32_t next) {
  return !at_start && !is_digit(prev) && !is_latin(prev) && prev != U'.' && prev != U' ' &&
         !is_digit(next) && !is_latin(next) && next != U'.';
}

bool is_mark(char32_t c) {
  switch (c) {
    case U'。': case U'！': case U'？': case U'!': case U'?': case U'.': case U'；': case U';':
    case U'…': case U'"':
      return true;
    default:
      return closer_for(c) != 0 || is_closer(c);
  }
}

constexpr CharFilter kMarks(U"。！？!?.；;…\"“”‘’（）()《》「」『』【】[]");

// An ASCII character, or any non-ASCII one (0xFFFD stands for them all): what the ASCII
// full stop rule needs to know about a neighbour.
char32_t ascii_or_other(unsigned char b) { return b < 0x80 ? b : 0xFFFD; }

// The marks of a paragraph with bracket depth deltas. Openers without a closer in the
// paragraph (and stray closers) keep delta 0, so one typo cannot swallow a whole paragraph.
void collect_marks(std::string_view s, std::vector<Mark>& marks) {
  marks.clear();
  std::vector<std::uint32_t> open;  // indices into marks
  // Code point index of an ASCII quote, counted only when one occurs (web copies).
  std::size_t counted_to = 0;
  std::uint32_t counted = 0;
  auto code_point_index = [&](std::size_t at) {
    while (counted_to < at) {
      decode_code_point(s, counted_to);
      ++counted;
    }
    return counted;
  };
  kMarks.scan(s, [&](std::size_t at, std::size_t end, char32_t c) {
    if (!is_mark(c)) return;
    bool terminator = c == U'。' || c == U'！' || c == U'？' || c == U'!' || c == U'?';
    if (c == U'.') {
      // The characters next to an ASCII '.' matter only when they are ASCII; the byte next
      // to it tells (an ASCII byte is always a character of its own).
      const char32_t prev = at > 0 ? ascii_or_other(static_cast<unsigned char>(s[at - 1])) : 0;
      const char32_t next = end < s.size() ? ascii_or_other(static_cast<unsigned char>(s[end])) : U' ';
      terminator = full_stop_ends_sentence(at == 0, prev, next);
    }
    const auto self = static_cast<std::uint32_t>(marks.size());
    const std::uint32_t index = c == U'"' ? code_point_index(at) : 0;
    marks.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end), index, c, 0,
                     terminator});
    if (c == U'"') {
      // Web copies use ASCII quotes: one closes the nearest open " (inner unclosed openers
      // are dropped, as for “”), unless that one is too far back, in which case it stays
      // unmatched and this one opens anew.
      std::size_t k = open.size();
      while (k > 0 && marks[open[k - 1]].c != U'"') --k;
      if (k > 0 && index - marks[open[k - 1]].index <= kMaxAsciiQuote) {
        marks[open[k - 1]].delta = 1;
        marks[self].delta = -1;
        open.resize(k - 1);
      } else {
        if (k > 0) open.erase(open.begin() + static_cast<std::ptrdiff_t>(k - 1));
        open.push_back(self);
      }
    } else if (closer_for(c) != 0) {
      open.push_back(self);
    } else if (is_closer(c)) {
      // Match against the nearest opener of the same kind (skipping unclosed inner ones).
      for (std::size_t k = open.size(); k-- > 0;) {
        if (closer_for(marks[open[k]].c) == c) {
          marks[open[k]].delta = 1;
          marks[self].delta = -1;
          open.resize(k);
          break;
        }
      }
    }
  });
}

// Spaces at either end of a sentence or clause are not part of it: ' ', tab, U+3000.
std::size_t skip_spaces(std::string_view s, std::size_t i) {
  for (;;) {
    if (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    else if (s.substr(i, 3) == "\u3000") i += 3;
    else return i;
  }
}

std::size_t trim_spaces_back(std::string_view s, std::size_t from, std::size_t to) {
  for (;;) {
    if (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t')) --to;
    else if (to >= from + 3 && s.substr(to - 3, 3) == "\u3000") to -= 3;
    else return to;
  }
}

}  // namespace

SentenceSpans split_sentences(std::string_view text) {
  SentenceSpans out;
  split_sentences(text, out);
  return out;
}

void split_sentences(std::string_view text, SentenceSpans& out) {
  out.sentences.clear();
  out.clauses.clear();
  thread_local std::vector<Mark> marks_buffer;  // reused from paragraph to paragraph
  std::vector<Mark>& marks = marks_buffer;
  collect_marks(text, marks);

  std::size_t sentence_begin = 0, clause_begin = 0;  // bytes
  auto emit = [&](std::vector<TextSpan>& into, std::size_t from, std::size_t to) {
    from = skip_spaces(text, from);
    to = trim_spaces_back(text, from, to);
    if (to > from) into.push_back({from, to});
  };
  auto end_sentence = [&](std::size_t to) {
    emit(out.clauses, clause_begin, to);
    emit(out.sentences, sentence_begin, to);
    sentence_begin = clause_begin = to;
  };
  // Mark m directly follows mark m - 1 in the text (no character between them).
  auto adjacent = [&](std::size_t m) { return m > 0 && marks[m - 1].end == marks[m].begin; };
  // The first mark from m on that is not a matched closer right after the one before it
  // (stacked closers: 。”）).
  auto after_stacked_closers = [&](std::size_t m) {
    while (m < marks.size() && adjacent(m) && marks[m].delta < 0) ++m;
    return m;
  };

  int depth = 0;
  for (std::size_t m = 0; m < marks.size(); ++m) {
    const Mark& mark = marks[m];
    const int before = depth;
    depth += mark.delta;
    if (depth < 0) depth = 0;
    if (before > 0 && depth == 0) {
      // A quote or bracket closing right after a terminator ends the sentence (“…。”),
      // unless the sentence obviously goes on (“…。”的, “…！”，).
      std::size_t t = m;
      while (adjacent(t) && marks[t - 1].delta < 0) --t;  // look back over stacked closers
      if (adjacent(t) && marks[t - 1].terminator) {
        const std::size_t k = after_stacked_closers(m + 1);
        const std::size_t end = marks[k - 1].end;  // bytes: after the last stacked closer
        std::size_t j = end;
        const char32_t next = end < text.size() ? decode_code_point(text, j) : U' ';
        const bool next_terminates = k < marks.size() && marks[k].begin == end && marks[k].terminator;
        if (next != U'，' && next != U'、' && next != U'的' && next != U',' && !next_terminates) {
          end_sentence(end);
          m = k - 1;
        }
      }
      continue;
    }
    if (depth > 0) continue;
    if (mark.terminator) {
      // Keep runs together: ？！ 。。 and a trailing ellipsis or closer without an opener.
      std::size_t k = m + 1;
      while (k < marks.size() && adjacent(k) &&
             (marks[k].terminator || marks[k].c == U'…' ||
              (is_closer(marks[k].c) && marks[k].delta == 0)))
        ++k;
      end_sentence(marks[k - 1].end);
      m = k - 1;
    } else if (is_clause_end(mark.c)) {
      emit(out.clauses, clause_begin, mark.end);
      clause_begin = mark.end;
    }
  }
  if (skip_spaces(text, sentence_begin) < text.size()) end_sentence(text.size());
}

namespace {

// text.find(needle, from) for a three-byte character. string_view::find runs memchr on the
// needle's first byte, a lead byte that 是 (E6 98 AF) and 第 (E7 AC AC) share with 4,096
// characters each, and stops at every one of them; their last byte is far rarer.
std::size_t find_character(std::string_view text, std::string_view needle, std::size_t from) {
  for (std::size_t i = from + 2; i < text.size();) {
    const void* hit = std::memchr(text.data() + i, needle[2], text.size() - i);
    if (hit == nullptr) break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    if (text[at - 1] == needle[1] && text[at - 2] == needle[0]) return at - 2;
    i = at + 1;
  }
  return std::string_view::npos;
}

std::string utf8_of(char32_t c) {
  std::string out;
  append_utf8(out, c);
  return out;
}

}  // namespace

EnumerationFinder::EnumerationFinder(const SegmentRules& rules)
    : after_numeral_(rules.enum_after_numeral.empty() ? 0 : rules.enum_after_numeral[0]),
      before_numeral_(rules.enum_before_numeral.empty() ? 0 : rules.enum_before_numeral[0]),
      after_numeral_text_(utf8_of(after_numeral_)),
      before_numeral_text_(utf8_of(before_numeral_)),
      after_ordinal_(rules.enum_after_ordinal),
      boundaries_(rules.enum_boundaries),
      separators_(rules.enum_separators),
      boundary_filter_(rules.enum_boundaries) {
  if (after_numeral_ == 0 || before_numeral_ == 0 || after_ordinal_.empty() || boundaries_.empty())
    throw StageError("segment rules: enumeration.{after_numeral, before_numeral, after_ordinal, "
                     "boundaries} are required (data/segment.yaml)");
}

// Quick test: a Chinese numeral right before a 是, or a 第 followed by one.
bool EnumerationFinder::may_enumerate(std::string_view text) const {
  const std::string_view shi = after_numeral_text_;
  for (std::size_t at = find_character(text, shi, 0); at != std::string_view::npos;
       at = find_character(text, shi, at + 3)) {
    if (at < 3) continue;
    std::size_t i = at - 3;
    if (is_chinese_digit(decode_code_point(text, i))) return true;
  }
  const std::string_view di = before_numeral_text_;
  for (std::size_t at = find_character(text, di, 0); at != std::string_view::npos;
       at = find_character(text, di, at + 3)) {
    std::size_t i = at + 3;
    if (i < text.size() && is_chinese_digit(decode_code_point(text, i))) return true;
  }
  return false;
}

// The separator (its bytes) ending at byte `end`, not before `floor`: 0 when none.
std::size_t EnumerationFinder::separator_before(std::string_view text, std::size_t end,
                                                std::size_t floor) const {
  if (end > floor && static_cast<unsigned char>(text[end - 1]) < 0x80)
    return separators_.find(static_cast<char32_t>(text[end - 1])) != std::u32string::npos ? 1 : 0;
  if (end >= floor + 3) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + end - 3;
    if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      const char32_t c = (static_cast<char32_t>(p[0] & 0x0F) << 12) |
                         (static_cast<char32_t>(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (c >= 0x800 && separators_.find(c) != std::u32string::npos) return 3;
    }
  }
  return 0;
}

std::vector<EnumerationItem> EnumerationFinder::find(std::string_view text,
                                                     const std::vector<TextSpan>& sentences) const {
  if (!may_enumerate(text)) return {};
  struct Marker {
    std::size_t begin, end;  // bytes
    int ordinal;
  };
  std::vector<Marker> markers;
  // A marker at byte `at` (a character boundary): 一是, 第一，, 第一、 or 第一是.
  auto try_marker = [&](std::size_t at) {
    std::size_t i = at;
    const bool di = decode_code_point(text, i) == before_numeral_;
    std::size_t k = di ? i : at;  // bytes: the first digit
    std::u32string digits;
    char32_t after = 0;
    bool has_after = false;
    while (k < text.size()) {
      std::size_t next = k;
      const char32_t d = decode_code_point(text, next);
      if (!is_chinese_digit(d) || digits.size() >= 3) {
        after = d;
        has_after = true;
        k = next;  // past the marker word's last character
        break;
      }
      digits.push_back(d);
      k = next;
    }
    if (digits.empty() || !has_after) return;
    // 一是 / 第一，: the marker word and what must follow it.
    if (!di && after != after_numeral_) return;
    if (di && after_ordinal_.find(after) == std::u32string::npos) return;
    const auto n = parse_numeral(digits);
    if (n) markers.push_back({at, k, *n});
  };
  // A marker follows the start of the text or a clause boundary.
  if (!text.empty()) try_marker(0);
  boundary_filter_.scan(text, [&](std::size_t, std::size_t end, char32_t c) {
    if (boundaries_.find(c) != std::u32string::npos && end < text.size()) try_marker(end);
  });
  std::vector<EnumerationItem> items;
  // Keep runs 1, 2, 3 … (at least two items).
  std::size_t run_start = 0;
  auto flush = [&](std::size_t from, std::size_t to) {
    if (to - from < 2) return;
    for (std::size_t m = from; m < to; ++m) {
      const std::size_t b = markers[m].begin;
      std::size_t e;
      if (m + 1 < to) {
        e = markers[m + 1].begin;  // drop the separator before the next marker
        while (const std::size_t n = separator_before(text, e, markers[m].end)) e -= n;
      } else {
        e = text.size();
        for (const auto& s : sentences)
          if (s.begin <= b && b < s.end) {
            e = s.end;
            break;
          }
      }
      items.push_back({{b, e}, markers[m].ordinal, {b, markers[m].end}});
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
