#include "fact_context.h"

#include <algorithm>
#include <vector>

#include "reportlens/text.h"

namespace reportlens::diff {
namespace {

// Full-width forms of ASCII (U+FF01–FF5E: full-width digits, ％, ．) read as their ASCII
// counterparts: a script-level rule, like the normaliser's.
char32_t ascii_width(char32_t cp) { return cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp; }

bool is_number_char(char32_t cp) {
  cp = ascii_width(cp);
  return (cp >= U'0' && cp <= U'9') || cp == U'.' || cp == U'%';
}

bool is_line_break(char32_t cp) { return cp == U'\n' || cp == U'\r'; }

// Whether one of `words` (single code points, from data/words.yaml) is `cp`.
bool one_of(char32_t cp, const std::vector<std::string>& words) {
  std::string s;
  append_utf8(s, cp);
  return std::find(words.begin(), words.end(), s) != words.end();
}

// Code points of text[from, to).
std::vector<char32_t> decode(const std::string& text, std::size_t from, std::size_t to) {
  std::vector<char32_t> out;
  std::size_t i = from;
  while (i < to) out.push_back(next_code_point(text, i));
  return out;
}

// Masks numbers (a run of digits becomes one '#') and drops spaces, so that a window counts
// words, not digits.
std::vector<char32_t> masked(const std::vector<char32_t>& cps) {
  std::vector<char32_t> out;
  bool in_number = false;
  for (char32_t cp : cps) {
    if (cp == U' ' || cp == U'\t' || cp == 0x3000) continue;
    if (is_number_char(cp)) {
      if (!in_number) out.push_back(U'#');
      in_number = true;
      continue;
    }
    in_number = false;
    out.push_back(cp);
  }
  return out;
}

std::string encode(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t cp : cps) append_utf8(out, cp);
  return out;
}

// The last (or first) `window` code points of a masked clause part.
std::string tail(std::vector<char32_t> cps, std::size_t window) {
  cps = masked(cps);
  if (cps.size() > window) cps.erase(cps.begin(), cps.end() - static_cast<std::ptrdiff_t>(window));
  return encode(cps);
}
std::string head(std::vector<char32_t> cps, std::size_t window) {
  cps = masked(cps);
  if (cps.size() > window) cps.resize(window);
  return encode(cps);
}

}  // namespace

std::size_t code_point_count(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

FactContext fact_context(const std::string& text, std::size_t begin, std::size_t end,
                         const DiffWords& words, std::size_t window) {
  const auto is_delimiter = [&words](char32_t cp) {
    return is_line_break(cp) || one_of(cp, words.context_delimiters);
  };
  // Left: the code points before `begin` back to the clause start (and, for a bare clause,
  // the clause before it), read from a bounded window of bytes.
  const std::size_t look = window * 8 + 128;
  std::size_t left_from = begin > look ? begin - look : 0;
  while (left_from < begin && (static_cast<unsigned char>(text[left_from]) & 0xC0) == 0x80)
    ++left_from;  // start on a character boundary
  std::vector<char32_t> before = decode(text, left_from, std::min(begin, text.size()));
  std::size_t cut = before.size();
  while (cut > 0 && !is_delimiter(before[cut - 1])) --cut;
  const std::vector<char32_t> left(before.begin() + static_cast<std::ptrdiff_t>(cut), before.end());

  const std::size_t right_to = std::min(text.size(), end + look);
  std::vector<char32_t> right = decode(text, std::min(end, text.size()), right_to);
  std::size_t stop = 0;
  while (stop < right.size() && !is_delimiter(right[stop])) ++stop;
  right.resize(stop);

  FactContext c;
  c.left = tail(left, window);
  c.right = head(right, window);
  if (c.empty() && cut > 0 && !one_of(before[cut - 1], words.context_sentence_stops) &&
      before[cut - 1] != U'\n') {
    // A bare clause (…新签约项目210个，投资总额1000亿元) continues the clause before it
    // within the same sentence: that clause's end is its context.
    const std::size_t prev = cut - 1;
    std::size_t start = prev;
    while (start > 0 && !is_delimiter(before[start - 1])) --start;
    c.left = tail(std::vector<char32_t>(before.begin() + static_cast<std::ptrdiff_t>(start),
                                        before.begin() + static_cast<std::ptrdiff_t>(prev)),
                  window);
    c.from_previous_clause = !c.left.empty();
  }
  if (!c.empty()) c.grams = bigrams(c.left + "|" + c.right);
  return c;
}

double context_agreement(const FactContext& a, const FactContext& b) {
  const std::size_t smaller = std::min(a.grams.size(), b.grams.size());
  if (smaller == 0) return 0;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.grams.size() && j < b.grams.size();) {
    if (a.grams[i] == b.grams[j]) ++common, ++i, ++j;
    else if (a.grams[i] < b.grams[j]) ++i;
    else ++j;
  }
  return static_cast<double>(common) / static_cast<double>(smaller);
}

}  // namespace reportlens::diff
