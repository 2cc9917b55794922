#include "candidate_starts.h"

#include <algorithm>

#include "reportlens/text.h"

namespace reportlens::numbers {

namespace {

// A trigger further into a word than this is not used: the word's first character is made
// a trigger instead, so that the search never starts far before a numeral.
constexpr std::size_t kMaxLookback = 6;

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i);
  return out;
}

std::size_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

bool is_regex_meta(char32_t c) {
  return std::u32string_view(U"\\.[](){}|*+?^$").find(c) != std::u32string_view::npos;
}

}  // namespace

CandidateStarts::CandidateStarts(std::u32string_view numeral_chars,
                                 const std::vector<std::string>& words,
                                 const std::vector<std::string>& patterns)
    : bmp_(0x10000 / 64, 0) {
  for (char32_t c : numeral_chars) add_trigger(c);
  std::vector<char32_t> firsts;  // first characters of words whose numeral sits too far in
  for (const auto& w : words) {
    const std::u32string chars = decode(w);
    if (chars.empty()) continue;
    std::size_t offset = 0;
    bool found = false;
    for (char32_t c : chars) {
      if (numeral_chars.find(c) != std::u32string_view::npos) {
        found = true;
        break;
      }
      offset += utf8_length(c);
    }
    if (found && offset <= kMaxLookback) lookback_ = std::max(lookback_, offset);
    else firsts.push_back(chars.front());
  }
  for (char32_t c : firsts) add_trigger(c);
  for (const auto& p : patterns) {
    std::vector<char32_t> chars;
    if (!pattern_start_chars(decode(p), &chars)) enabled_ = false;
    for (char32_t c : chars) add_trigger(c);
  }
}

void CandidateStarts::add_trigger(char32_t c) {
  if (c < 0x10000) bmp_[c >> 6] |= std::uint64_t{1} << (c & 63);
  else astral_.insert(c);
}

bool CandidateStarts::is_trigger(char32_t c) const {
  if (c < 0x10000) return (bmp_[c >> 6] >> (c & 63)) & 1;
  return astral_.count(c) > 0;
}

bool CandidateStarts::pattern_start_chars(std::u32string_view p, std::vector<char32_t>* chars) {
  // A top-level alternative would start elsewhere: only a '|' inside brackets is allowed.
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == U'\\') {
      ++i;
      continue;
    }
    if (p[i] == U'[') in_class = true;
    else if (p[i] == U']') in_class = false;
    else if (p[i] == U'|' && !in_class) return false;
  }
  if (p.empty()) return false;
  std::vector<char32_t> starts;
  std::size_t next = 0;  // index after the leading atom
  if (p[0] == U'[') {
    std::size_t i = 1;
    if (i >= p.size() || p[i] == U'^' || p[i] == U']') return false;
    for (; i < p.size() && p[i] != U']'; ++i) {
      if (p[i] == U'\\' || p[i] == U'[') return false;  // escapes and named classes: unknown
      if (i + 2 < p.size() && p[i + 1] == U'-' && p[i + 2] != U']') {
        const char32_t low = p[i], high = p[i + 2];
        if (high < low || high - low > 1024) return false;
        for (char32_t c = low; c <= high; ++c) starts.push_back(c);
        i += 2;
      } else {
        starts.push_back(p[i]);
      }
    }
    if (i >= p.size()) return false;
    next = i + 1;
  } else {
    if (is_regex_meta(p[0])) return false;
    starts.push_back(p[0]);
    next = 1;
  }
  // The atom must be there: not optional (?, *, {0...}).
  if (next < p.size()) {
    const char32_t q = p[next];
    if (q == U'?' || q == U'*') return false;
    if (q == U'{' && (next + 1 >= p.size() || p[next + 1] == U'0' || p[next + 1] == U',')) return false;
  }
  *chars = std::move(starts);
  return true;
}

std::size_t CandidateStarts::search_from(std::string_view text, std::size_t pos) const {
  std::size_t trigger = 0;
  return search_from(text, pos, &trigger);
}

std::size_t CandidateStarts::search_from(std::string_view text, std::size_t pos,
                                         std::size_t* trigger) const {
  *trigger = text.size();
  if (!enabled_) return pos;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::uint64_t* bits = bmp_.data();  // a local: the byte loads may not alias it
  const auto in_bmp = [bits](char32_t c) { return (bits[c >> 6] >> (c & 63)) & 1; };
  const std::size_t size = text.size();
  const std::size_t three_byte_end = size >= 2 ? size - 2 : 0;  // i < this: i + 2 < size
  std::size_t i = pos;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if ((lead & 0xF0) == 0xE0 && i < three_byte_end) {  // most of a Chinese text
      // The character's bit word is indexed by its code point >> 6, which is the lead's low
      // four bits and the second byte's low six; the third byte's low six pick the bit. No
      // full decode: this loop runs over every character of every report.
      const std::uint64_t word = bits[((lead & 0x0Fu) << 6) | (bytes[i + 1] & 0x3Fu)];
      if ((word >> (bytes[i + 2] & 0x3Fu)) & 1) break;
      i += 3;
    } else if (lead < 0x80) {
      if (in_bmp(lead)) break;
      ++i;
    } else {
      std::size_t j = i;
      if (is_trigger(next_code_point(text, j))) break;
      i = j;
    }
  }
  if (i >= size) return size;
  *trigger = i;
  std::size_t from = i >= pos + lookback_ ? i - lookback_ : pos;
  while (from < i && (bytes[from] & 0xC0) == 0x80) ++from;  // never inside a character
  return from;
}

}  // namespace reportlens::numbers
