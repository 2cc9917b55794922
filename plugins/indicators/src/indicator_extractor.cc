#include "indicator_extractor.h"

#include <algorithm>
#include <span>

#include "report_calendar.h"
#include "sentence_reader.h"

namespace reportlens::indicators {

namespace {

struct SentenceSpan {
  std::size_t begin, end;  // normalised
};

// Sentences from the segment stage, or (without it) split at sentence ends (。！？) and line
// breaks.
std::vector<SentenceSpan> sentences_of(const Document& doc, const Lexicon& lexicon) {
  const auto& norm = doc.normalized();
  std::vector<SentenceSpan> out;
  OffsetsToNormalized offsets(norm);
  for (const auto& a : doc.annotations("sentence")) out.push_back({offsets.at(a.begin), offsets.at(a.end)});
  if (!out.empty()) {
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
    // A copy from the web may break a line inside a sentence (even inside a number); the
    // normalised text has joined such lines, so sentences that do not end with a terminal
    // mark and are not separated by a kept line break are one sentence.
    std::vector<SentenceSpan> merged;
    for (const auto& s : out) {
      if (!merged.empty()) {
        SentenceSpan& last = merged.back();
        std::string_view tail = std::string_view(norm.text).substr(0, last.end);
        while (!tail.empty() && tail.back() == ' ') tail.remove_suffix(1);
        bool terminal = lexicon.terminal_marks.suffix_match(tail) > 0 ||
                        tail.ends_with("\n");
        bool gap_has_break = s.begin > last.end &&
                             std::string_view(norm.text).substr(last.end, s.begin - last.end).find('\n') !=
                                 std::string_view::npos;
        if (!terminal && !gap_has_break && s.begin >= last.end) {
          last.end = std::max(last.end, s.end);
          continue;
        }
      }
      merged.push_back(s);
    }
    return merged;
  }
  const std::string& t = norm.text;
  std::size_t start = 0;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t j = i;
    char32_t cp = next_code_point(t, j);
    if (lexicon.sentence_ends.has(cp) || cp == U'\n') {
      if (j > start) out.push_back({start, j});
      start = j;
    }
    i = j;
  }
  if (start < t.size()) out.push_back({start, t.size()});
  return out;
}

Json measure_json(const std::optional<Measure>& m) {
  if (!m) return nullptr;
  Json::object_t fields;
  fields.reserve(2);
  fields.emplace_back("value", m->value);
  fields.emplace_back("unit", m->unit);
  return Json(std::move(fields));
}

// The reader's view of a quantity annotation: one walk over its attributes instead of a
// lookup per key. Attributes that are not objects take the general path (and its errors).
QuantityView quantity_view(const Annotation& a) {
  QuantityView q;
  if (!a.attrs.is_object()) {
    q.kind = a.attrs.value("kind", std::string("quantity"));
    return q;
  }
  q.kind = "quantity";
  for (const auto& [key_string, value] : a.attrs.get_ref<const Json::object_t&>()) {
    const std::string_view key = key_string;
    if (key == "kind") q.kind = value.get<std::string>();
    else if (key == "value") q.value = value;
    else if (!value.is_string()) continue;
    else if (key == "unit") q.unit = value.get_ref<const std::string&>();
    else if (key == "qualifier") q.qualifier = value.get_ref<const std::string&>();
    else if (key == "surface_unit") q.surface_unit = value.get_ref<const std::string&>();
  }
  return q;
}

// The `trace` annotation of one number the reader looked at (`facts`: the sentence's facts,
// before they are turned into annotations).
Annotation trace_annotation(const Document& doc, const TraceRecord& record, const std::vector<Fact>& facts,
                            const Lexicon& lexicon) {
  const auto& norm = doc.normalized();
  Json::object_t attrs;
  const std::string_view id = rule_id(record.rule);
  attrs.emplace_back("rule", std::string(id));
  attrs.emplace_back("decision", record.kept ? "kept" : "dropped");
  const auto reason = lexicon.rule_reasons.find(id);
  attrs.emplace_back("reason", reason == lexicon.rule_reasons.end() ? std::string() : reason->second);
  if (record.kept && record.fact < facts.size()) {
    const Fact& f = facts[record.fact];
    attrs.emplace_back("metric", f.metric);
    attrs.emplace_back("period", f.period_last != 0 ? Json::array({f.period, f.period_last}) : Json(f.period));
    attrs.emplace_back("status", f.status);
    attrs.emplace_back("qualifier", f.qualifier.empty() ? Json() : Json(f.qualifier));
    if (record.facts > 1) attrs.emplace_back("facts", record.facts);
  }
  return {"trace", norm.original_begin(record.begin), norm.original_end(record.end), Json(std::move(attrs))};
}

}  // namespace

namespace {

// The quantity mentions in normalised offsets, sorted by start; figures without a value left out.
std::vector<QuantityView> quantity_views(const Document& doc) {
  std::vector<QuantityView> quantities;
  const auto& quantity_annotations = doc.annotations("quantity");
  quantities.reserve(quantity_annotations.size());
  OffsetsToNormalized offsets(doc.normalized());
  for (const auto& a : quantity_annotations) {
    const std::size_t begin = offsets.at(a.begin), end = offsets.at(a.end);
    if (end <= begin) continue;
    QuantityView q = quantity_view(a);
    q.begin = begin;
    q.end = end;
    if ((q.kind == "quantity" || q.kind == "percent") && !q.value.is_number() && !q.value.is_array())
      continue;
    quantities.push_back(std::move(q));
  }
  // Usually already in order; std::sort then only matters when two begins are equal (its
  // order among them is what it always was), so it runs whenever the order is not strict.
  const bool strictly_sorted =
      std::adjacent_find(quantities.begin(), quantities.end(),
                         [](const auto& a, const auto& b) { return a.begin >= b.begin; }) ==
      quantities.end();
  if (!strictly_sorted)
    std::sort(quantities.begin(), quantities.end(),
              [](const auto& a, const auto& b) { return a.begin < b.begin; });
  return quantities;
}

// What the calendar says about the sentence [begin, end) of `text`.
SentenceContext context_of(const ReportCalendar& calendar, std::string_view text, std::size_t begin,
                           std::size_t end, const Lexicon& lexicon) {
  const ParagraphContext& paragraph = calendar.paragraph_at(begin);
  SentenceContext context;
  context.scope = calendar.scope_at(begin);
  context.report_year = calendar.report_year();
  context.plan_year = calendar.plan_year();
  context.review_paragraph = paragraph.review_opener;
  context.multi_year = paragraph.multi_year;
  context.region = calendar.region();
  context.horizon = calendar.horizon_at(begin);
  const std::string_view sentence_text = text.substr(begin, end - begin);
  if (!paragraph.review_opener && !paragraph.multi_year) {
    if (calendar.opens_single_year(sentence_text, lexicon) || calendar.opens_reviewed_year(sentence_text, lexicon) ||
        calendar.plans_year_before_target_list(sentence_text, lexicon))
      context.horizon = {};  // 今年…主要预期目标是： inside a section on the five-year plan
    else if (const YearSpan own = calendar.opening_horizon(sentence_text); !own.empty())
      context.horizon = own;  // a sentence opening with 今后三年，… inside a one-year paragraph
  }
  return context;
}

// The annotation of one fact (attrs built in their final key order: no lookups).
Annotation fact_annotation(const Document& doc, Fact& f, std::size_t b, std::size_t e, const Lexicon& lexicon) {
  Json::object_t attrs;
  attrs.reserve(11);
  std::string canonical = lexicon.canonical(f.metric);
  std::string standard = lexicon.standard_indicator(canonical);
  attrs.emplace_back("metric", std::move(f.metric));
  attrs.emplace_back("canonical", std::move(canonical));
  // The catalogue's standard name, for facts about a standard indicator only.
  if (!standard.empty()) attrs.emplace_back("indicator", std::move(standard));
  // The contract's `indicator` is about one year (an integer period). A figure about a
  // whole multi-year span (十四五 年均增长6%, 五年新增就业25万人, 控制在…以内 every year)
  // fits no single year, so it is a `multi_year_indicator` with period [first, last].
  const bool multi_year = f.period_last != 0;
  if (multi_year) attrs.emplace_back("period", Json::array({f.period, f.period_last}));
  else attrs.emplace_back("period", f.period);
  attrs.emplace_back("status", std::move(f.status));
  attrs.emplace_back("level", measure_json(f.level));
  attrs.emplace_back("growth", measure_json(f.growth));
  attrs.emplace_back("qualifier", f.qualifier.empty() ? Json() : Json(std::move(f.qualifier)));
  attrs.emplace_back("evidence", std::string(doc.slice(b, e)));
  if (f.from_point) attrs.emplace_back("from_to", "from");
  if (f.average) attrs.emplace_back("average", true);
  if (!f.partial.empty()) attrs.emplace_back("partial", std::move(f.partial));
  return {multi_year ? "multi_year_indicator" : "indicator", b, e, Json(std::move(attrs))};
}

}  // namespace

void extract_indicators(Document& doc, const Lexicon& lexicon, bool trace) {
  const auto& norm = doc.normalized();
  const std::string_view text = norm.text;
  const ReportCalendar calendar(doc, lexicon);
  const std::vector<QuantityView> quantities = quantity_views(doc);

  std::vector<Annotation> out;
  std::string carried_metric;
  std::vector<QuantityView> filtered;
  auto next_q = quantities.begin();
  std::vector<TraceRecord> records;
  std::vector<Annotation> traces;
  for (const auto& sentence : sentences_of(doc, lexicon)) {
    while (next_q != quantities.end() && next_q->begin < sentence.begin) ++next_q;
    // The quantities inside the sentence: a slice of the sorted list, copied only in the
    // rare case that one of them runs past the sentence end and must be left out.
    auto last_q = next_q;
    bool all_inside = true;
    for (; last_q != quantities.end() && last_q->begin < sentence.end; ++last_q)
      all_inside = all_inside && last_q->end <= sentence.end;
    std::span<const QuantityView> inside(next_q, last_q);
    if (!all_inside) {
      filtered.clear();
      for (auto it = next_q; it != last_q; ++it)
        if (it->end <= sentence.end) filtered.push_back(*it);
      inside = filtered;
    }
    if (inside.empty()) {
      carried_metric.clear();
      continue;
    }
    const SentenceContext context = context_of(calendar, text, sentence.begin, sentence.end, lexicon);
    records.clear();
    std::vector<Fact> facts = read_sentence(text, sentence.begin, sentence.end, inside, context, lexicon,
                                            carried_metric, trace ? &records : nullptr);
    for (const TraceRecord& record : records) traces.push_back(trace_annotation(doc, record, facts, lexicon));
    for (Fact& f : facts) {
      const std::size_t b = norm.original_begin(f.begin), e = norm.original_end(f.end);
      if (e > b) out.push_back(fact_annotation(doc, f, b, e, lexicon));
    }
  }
  for (auto& a : out) doc.add(std::move(a));
  for (auto& a : traces) doc.add(std::move(a));
}

}  // namespace reportlens::indicators
