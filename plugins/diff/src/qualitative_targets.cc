#include "qualitative_targets.h"

#include <algorithm>
#include <cctype>

namespace reportlens::diff {
namespace {

constexpr std::size_t npos = std::string::npos;

bool starts_with(const std::string& s, const std::string& w) { return s.compare(0, w.size(), w) == 0; }
bool ends_with(const std::string& s, const std::string& w) {
  return s.size() >= w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0;
}

// Strips words from the front and the back, repeatedly (longest first: the lists are sorted),
// as long as at least `keep` bytes remain: 居民收入增长 → 居民收入, but 经济增长 stays whole.
std::string strip(std::string s, const Words& front, const Words& back, std::size_t keep) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& w : front)
      if (s.size() >= w.size() + keep && starts_with(s, w)) s.erase(0, w.size()), changed = true;
    for (const auto& w : back)
      if (s.size() >= w.size() + keep && ends_with(s, w)) s.erase(s.size() - w.size()), changed = true;
  }
  return s;
}

// Three CJK characters: a subject is not stripped below this.
constexpr std::size_t kKeepBytes = 9;

std::string clean_subject(const std::string& s, const QualitativeRules& r) {
  Words back = r.subject_tail_words;
  back.insert(back.end(), r.degree_words.begin(), r.degree_words.end());
  Words front = r.lead_words;
  front.insert(front.end(), r.degree_words.begin(), r.degree_words.end());
  return strip(s, front, back, kKeepBytes);
}

// At least two CJK characters (or a few ASCII letters: GDP).
bool usable(const std::string& subject) { return subject.size() >= 3; }

bool has_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= '0' && c <= '9') || c == '%') return true;
    // Full-width digits ０-９ (EF BC 90–99) and ％ (EF BC 85).
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(s[i + 2]);
      if ((d >= 0x90 && d <= 0x99) || d == 0x85) return true;
    }
  }
  return false;
}

std::optional<QualitativeStatement> parse_two_sided(const std::string& c, const QualitativeKind& k,
                                                    const QualitativeRules& r) {
  std::size_t tlen = 0;
  const auto t = find_any(c, k.triggers, 0, &tlen);
  if (t == npos) return std::nullopt;
  QualitativeStatement st{&k};
  if (k.kind == "in_step") {  // A 与 B 同步
    const std::string before = c.substr(0, t);
    for (const auto& j : k.joiners) {
      const auto at = before.rfind(j);
      if (at == npos) continue;
      st.subject = clean_subject(before.substr(0, at), r);
      st.reference = clean_subject(before.substr(at + j.size()), r);
      if (usable(st.subject) && usable(st.reference)) return st;
    }
    return std::nullopt;
  }
  // faster: A 高于 B, where B is a subject group and not an average (全省平均水平).
  st.subject = clean_subject(c.substr(0, t), r);
  st.reference = clean_subject(c.substr(t + tlen), r);
  const QualitativeKind* avg = r.kind("above_average");
  if (avg && find_any(st.reference, avg->scope_words) != npos) return std::nullopt;
  const SubjectGroup* g = r.group_of(st.reference);
  if (!g || g == r.group_of(st.subject) || !usable(st.subject)) return std::nullopt;
  return st;
}

std::optional<QualitativeStatement> parse_one_sided(const std::string& c, const QualitativeKind& k,
                                                    const QualitativeRules& r) {
  QualitativeStatement st{&k};
  if (k.kind == "above_average") {
    std::size_t tlen = 0;
    const auto t = find_any(c, k.triggers, 0, &tlen);
    if (t == npos || find_any(c, k.scope_words, t + tlen) == npos) return std::nullopt;
    st.subject = clean_subject(c.substr(0, t), r);
    return usable(st.subject) ? std::optional(st) : std::nullopt;
  }
  if (k.kind == "higher_level") {
    if (find_any(c, k.triggers) == npos || find_any(c, k.require_words) == npos) return std::nullopt;
    std::string topic = c;
    for (const auto& w : k.strip_words)
      for (auto at = topic.find(w); at != npos; at = topic.find(w)) topic.erase(at, w.size());
    st.subject = clean_subject(topic, r);
    if (!usable(st.subject)) st.subject.clear();  // 完成省下达的目标任务: any task
    return st;
  }
  // balanced, decrease, improve, increase: the clause ends with the trigger.
  for (const auto& w : k.triggers) {
    if (!ends_with(c, w)) continue;
    st.subject = clean_subject(c.substr(0, c.size() - w.size()), r);
    if (usable(st.subject)) return st;
  }
  return std::nullopt;
}

// Five-year goals: a span word in the marker's sentence before it, or just after the follower
// (`after` is the byte after the follower).
bool names_a_span(const std::string& line, std::size_t marker, std::size_t after,
                  const QualitativeRules& r) {
  constexpr std::size_t kAfterBytes = 36;  // about 12 characters
  std::size_t stop = npos;  // the last sentence end before the marker
  for (const auto& w : r.sentence_ends)
    if (const auto at = line.rfind(w, marker); at != npos && (stop == npos || at > stop)) stop = at;
  std::string before = line.substr(stop == npos ? 0 : stop, marker - (stop == npos ? 0 : stop));
  // Only what follows the last year word (今年) before the marker.
  std::size_t cut = 0;
  for (const auto& w : r.year_words)
    if (const auto at = before.rfind(w); at != npos) cut = std::max(cut, at + w.size());
  before.erase(0, cut);
  const std::string around = before + "|" + line.substr(std::min(after, line.size()), kAfterBytes);
  return find_any(around, r.span_words) != npos;
}

}  // namespace

// Earliest occurrence of any word at or after `from`; `len` gets the word's length.
std::size_t find_any(const std::string& s, const Words& words, std::size_t from, std::size_t* len) {
  std::size_t best = npos, best_len = 0;
  for (const auto& w : words) {
    const auto at = s.find(w, from);
    if (at != npos && (at < best || (at == best && w.size() > best_len))) best = at, best_len = w.size();
  }
  if (len) *len = best_len;
  return best;
}

// Clauses of [begin, end): split at ，；。：、 line breaks; whitespace trimmed.
std::vector<std::pair<std::size_t, std::size_t>> clauses(const std::string& text, std::size_t begin,
                                                         std::size_t end, const QualitativeRules& r) {
  const Words& seps = r.clause_separators;
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = begin;
  while (start < end) {
    std::size_t len = 0;
    std::size_t at = find_any(text, seps, start, &len);
    if (at == npos || at > end) at = end, len = 0;
    std::size_t b = start, e = at;
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (e > b) out.emplace_back(b, e);
    start = at + (len ? len : 1);
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> target_paragraphs(const std::string& text,
                                                                   const QualitativeRules& r) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    for (std::size_t from = 0;;) {
      std::size_t mlen = 0;
      const auto m = find_any(line, r.markers, from, &mlen);
      if (m == npos) break;
      // A follower (是, 为, ：) within marker_reach code points after the marker.
      std::size_t i = m + mlen, steps = 0;
      bool hit = false;
      while (i < line.size() && steps <= static_cast<std::size_t>(r.marker_reach) && !hit) {
        for (const auto& f : r.marker_followers) hit = hit || line.compare(i, f.size(), f) == 0;
        const auto c = static_cast<unsigned char>(line[i]);
        i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        ++steps;
      }
      if (hit && !names_a_span(line, m, i, r)) {
        out.emplace_back(start, end);
        break;
      }
      from = m + mlen;
    }
    start = end + 1;
  }
  return out;
}

std::optional<QualitativeStatement> parse_statement(const std::string& clause,
                                                    const QualitativeRules& rules) {
  if (has_digit(clause) || find_any(clause, rules.exclude_words) != npos) return std::nullopt;
  for (const auto& k : rules.kinds) {
    const bool two_sided = k.kind == "in_step" || k.kind == "faster";
    auto st = two_sided ? parse_two_sided(clause, k, rules) : parse_one_sided(clause, k, rules);
    if (st) return st;
  }
  return std::nullopt;
}

std::vector<QualitativeStatement> find_statements(const DocView& doc, const QualitativeRules& rules) {
  std::vector<QualitativeStatement> out;
  const std::string& text = doc.doc->text();
  for (const auto& [b, e] : target_paragraphs(text, rules)) {
    for (const auto& [cb, ce] : clauses(text, b, e, rules)) {
      auto st = parse_statement(text.substr(cb, ce - cb), rules);
      if (!st) continue;
      st->begin = cb, st->end = ce;
      out.push_back(std::move(*st));
    }
  }
  return out;
}

}  // namespace reportlens::diff
