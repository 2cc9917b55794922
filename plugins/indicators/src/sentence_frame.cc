#include "sentence_frame.h"

#include <algorithm>

#include "reader_words.h"
#include "reportlens/text.h"
#include "utf8_decode.h"

namespace reportlens::indicators {

namespace {

// True when a clause opens with an estimate cue (预计全年地区生产总值增长6%左右，…; 初步预计，…;
// 2022年预计…; 我们…，预计全年…): it governs the rest of the list it introduces, not only
// its clause. A 预计 after a subject (工业总产值预计达到…) stays clause-local.
bool opens_estimate(std::string_view clause, const Lexicon& lex) {
  std::string_view s = trim_spaces(clause);
  for (bool changed = true; changed;) {
    const std::size_t before = s.size();
    for (const WordList* list : {&lex.estimate_scope_words, &lex.scope_words})
      if (std::size_t n = list->prefix_match(s); n > 0 && lex.estimate_cues.prefix_match(s) == 0) s.remove_prefix(n);
    s = trim_spaces(drop_leading_year(s, lex));
    while (std::size_t n = lex.dashes.prefix_match(s)) s.remove_prefix(n);  // ——预计…
    changed = s.size() != before;
  }
  return lex.estimate_cues.prefix_match(s) > 0;
}

// Where the figures of a sentence become estimates: the first clause opening with an estimate
// cue, or the sentence start when a note such as （预计数，下同） is among its figures.
std::size_t estimates_from(std::string_view text, std::size_t begin, std::size_t end,
                           const std::vector<Span>& marks, const Lexicon& lex) {
  if (lex.estimate_notes.find_first(text.substr(begin, end - begin)) != npos) return begin;
  std::size_t clause_begin = begin;
  for (std::size_t k = 0; k <= marks.size(); ++k) {
    const std::size_t clause_end = k < marks.size() ? marks[k].begin : end;
    if (opens_estimate(text.substr(clause_begin, clause_end - clause_begin), lex)) return clause_begin;
    if (k < marks.size()) clause_begin = marks[k].end;
  }
  return npos;
}

// The part of a year a month range covers ("2022-01/2022-09" -> Q1-Q3), "" for a whole year
// or anything else.
std::string month_range_label(const Json& value) {
  if (!value.is_string()) return {};
  const std::string& v = value.get_ref<const std::string&>();
  // YYYY-MM/YYYY-MM
  if (v.size() != 15 || v[4] != '-' || v[7] != '/' || v[12] != '-' || v.compare(0, 4, v, 8, 4) != 0) return {};
  int first = 0, last = 0;
  try {
    first = std::stoi(v.substr(5, 2));
    last = std::stoi(v.substr(13, 2));
  } catch (...) {
    return {};
  }
  // (one month, 1月, dates an event more often than it bounds a figure)
  if (first < 1 || last > 12 || first >= last || (first == 1 && last == 12)) return {};
  if (first == 1 && last == 6) return "H1";
  if (first == 7 && last == 12) return "H2";
  if (first % 3 == 1 && last == first + 2) return "Q" + std::to_string((first + 2) / 3);
  if (first == 1 && last % 3 == 0) return "Q1-Q" + std::to_string(last / 3);
  return "M" + std::to_string(first) + "-M" + std::to_string(last);
}

// Where a sentence names a part of the year (前三季度, 上半年, 1—11月) or the whole year again
// (全年), in order: a figure covers the part named last before it.
std::vector<PartialMark> partial_marks(std::string_view text, std::size_t begin, std::size_t end,
                                       std::span<const QuantityView> quantities, const Lexicon& lex) {
  std::vector<PartialMark> marks;
  for (const auto& q : quantities)
    if (q.kind == "date" && lex.comparison_bases.suffix_match(text.substr(begin, q.begin - begin)) == 0)
      if (std::string label = month_range_label(q.value); !label.empty()) marks.push_back({q.begin, label});
  const std::string_view sentence = text.substr(begin, end - begin);
  for (const WordList* list : {&lex.partial_period_words, &lex.whole_year_words}) {
    for (std::size_t from = 0, length = 0; from < sentence.size(); from += length) {
      const std::size_t at = list->find_first(sentence.substr(from), &length);
      if (at == npos) break;
      from += at;
      // (增幅比一季度回落17.2个百分点: a comparison base, not the part the figure covers)
      if (lex.comparison_bases.suffix_match(sentence.substr(0, from)) > 0) continue;
      const std::string word(sentence.substr(from, length));
      const auto label = lex.partial_period_of.find(word);
      marks.push_back({begin + from, list == &lex.whole_year_words || label == lex.partial_period_of.end()
                                         ? std::string() : label->second});
    }
  }
  std::stable_sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  return marks;
}

// True when a year mention dates its clause: a comma after it, or it opens the clause right
// before the subject (2015年国内生产总值将超过55万亿元; not 2015年以来 / 2015年前, spans, nor
// 2004年我们提出…, what was decided that year).
bool dates_clause(std::string_view before, std::string_view after, const Lexicon& lex) {
  const std::size_t year = lex.year_words.prefix_match(after);
  const std::string_view rest = after.substr(year);
  if (lex.clause_commas.prefix_match(after) > 0 || (year > 0 && lex.clause_commas.prefix_match(rest) > 0))
    return true;
  const std::string_view lead = trim_spaces(before);
  const bool opens_clause = lead.empty() || is_clause_mark(last_cp(lead), lex);
  return opens_clause && lex.year_span_words.prefix_match(rest) == 0 && is_cjk_ideograph(first_cp(rest));
}

std::vector<YearCue> year_cues(std::string_view text, std::size_t begin, std::size_t end,
                               std::span<const QuantityView> quantities, const Lexicon& lex) {
  std::vector<YearCue> cues;
  for (const auto& q : quantities) {
    if (q.kind != "year" || !q.value.is_number()) continue;
    std::string_view after = text.substr(q.end, std::min<std::size_t>(12, end - q.end));
    std::string_view before = text.substr(begin, q.begin - begin);
    // 到2025年 sets a horizon; 1950年到2002年 is a range, not a horizon.
    const std::size_t marker = lex.horizon_markers.suffix_match(before);
    const bool range_end = lex.year_words.suffix_match(before.substr(0, before.size() - marker)) > 0;
    const bool horizon = marker > 0 && !range_end;
    if (dates_clause(before, after, lex) || horizon) cues.push_back({q.end, q.value.get<int>()});
  }
  return cues;
}

}  // namespace

Span SentenceFrame::clause_of(std::size_t at) const {
  Span c{begin, end};
  for (const Span& m : marks) {
    if (m.end <= at) {
      c.begin = m.end;
    } else if (m.begin >= at) {
      c.end = m.begin;
      break;
    }
  }
  return c;
}

bool SentenceFrame::quoted(std::size_t at) const {
  return std::any_of(quotes.begin(), quotes.end(), [&](const Span& q) { return at > q.begin && at < q.end; });
}

SentenceFrame frame_sentence(std::string_view text, std::size_t begin, std::size_t end,
                             std::span<const QuantityView> quantities, const Lexicon& lex) {
  SentenceFrame f;
  f.begin = begin;
  f.end = end;
  std::size_t open_quote = npos;
  for (std::size_t i = begin, n = 0; i < end; i += n) {
    const char32_t cp = decode_at(text, i, &n);
    const std::size_t j = i + n;
    if (lex.open_quotes.has(cp)) open_quote = i;
    if (lex.close_quotes.has(cp) && open_quote != npos) {
      f.quotes.push_back({open_quote, j});
      open_quote = npos;
    }
    if (is_clause_mark(cp, lex)) f.marks.push_back({i, j});
  }
  f.estimate_at = estimates_from(text, begin, end, f.marks, lex);
  f.partials = partial_marks(text, begin, end, quantities, lex);
  f.sentence_target_at = lex.sentence_target_cues.find_first(text.substr(begin, end - begin));
  if (f.sentence_target_at != npos) f.sentence_target_at += begin;
  f.year_cues = year_cues(text, begin, end, quantities, lex);
  return f;
}

}  // namespace reportlens::indicators
