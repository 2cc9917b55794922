#include "indicator_extractor.h"

#include <algorithm>

#include "report_calendar.h"
#include "sentence_reader.h"

namespace reportlens::indicators {

namespace {

struct SentenceSpan {
  std::size_t begin, end;  // normalised
};

// Sentences from the segment stage, or (without it) split at 。！？ and line breaks.
std::vector<SentenceSpan> sentences_of(const Document& doc) {
  const auto& norm = doc.normalized();
  std::vector<SentenceSpan> out;
  for (const auto& a : doc.annotations("sentence"))
    out.push_back({to_normalized(norm, a.begin), to_normalized(norm, a.end)});
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
        bool terminal = tail.ends_with("。") || tail.ends_with("！") || tail.ends_with("？") ||
                        tail.ends_with("；") || tail.ends_with("\n");
        bool gap_has_break = s.begin > last.end &&
                             norm.text.substr(last.end, s.begin - last.end).find('\n') != std::string::npos;
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
    if (cp == U'。' || cp == U'！' || cp == U'？' || cp == U'\n') {
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
  return Json{{"value", m->value}, {"unit", m->unit}};
}

}  // namespace

void extract_indicators(Document& doc, const Lexicon& lexicon) {
  const auto& norm = doc.normalized();
  const std::string_view text = norm.text;
  ReportCalendar calendar(doc, lexicon);

  std::vector<QuantityView> quantities;
  for (const auto& a : doc.annotations("quantity")) {
    QuantityView q;
    q.begin = to_normalized(norm, a.begin);
    q.end = to_normalized(norm, a.end);
    if (q.end <= q.begin) continue;
    q.kind = a.attrs.value("kind", std::string("quantity"));
    q.value = a.attrs.contains("value") ? a.attrs["value"] : Json();
    if (a.attrs.contains("unit") && a.attrs["unit"].is_string()) q.unit = a.attrs["unit"];
    if (a.attrs.contains("qualifier") && a.attrs["qualifier"].is_string()) q.qualifier = a.attrs["qualifier"];
    if (a.attrs.contains("surface_unit") && a.attrs["surface_unit"].is_string())
      q.surface_unit = a.attrs["surface_unit"];
    if ((q.kind == "quantity" || q.kind == "percent") && !q.value.is_number() && !q.value.is_array())
      continue;
    quantities.push_back(std::move(q));
  }
  std::sort(quantities.begin(), quantities.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });

  std::vector<Annotation> out;
  std::string carried_metric;
  auto next_q = quantities.begin();
  for (const auto& sentence : sentences_of(doc)) {
    while (next_q != quantities.end() && next_q->begin < sentence.begin) ++next_q;
    std::vector<QuantityView> inside;
    for (auto it = next_q; it != quantities.end() && it->begin < sentence.end; ++it)
      if (it->end <= sentence.end) inside.push_back(*it);
    if (inside.empty()) {
      carried_metric.clear();
      continue;
    }
    const ParagraphContext& paragraph = calendar.paragraph_at(sentence.begin);
    SentenceContext context;
    context.scope = calendar.scope_at(sentence.begin);
    context.report_year = calendar.report_year();
    context.plan_year = calendar.plan_year();
    context.review_paragraph = paragraph.review_opener;
    context.multi_year = paragraph.multi_year;
    for (Fact& f : read_sentence(text, sentence.begin, sentence.end, inside, context, lexicon,
                                 carried_metric)) {
      std::size_t b = norm.original_begin(f.begin), e = norm.original_end(f.end);
      if (e <= b) continue;
      Json attrs;
      attrs["metric"] = f.metric;
      attrs["canonical"] = lexicon.canonical(f.metric);
      attrs["period"] = f.period;
      attrs["status"] = f.status;
      attrs["level"] = measure_json(f.level);
      attrs["growth"] = measure_json(f.growth);
      attrs["qualifier"] = f.qualifier.empty() ? Json() : Json(f.qualifier);
      attrs["evidence"] = std::string(doc.slice(b, e));
      if (f.from_point) attrs["from_to"] = "from";
      out.push_back({"indicator", b, e, std::move(attrs)});
    }
  }
  for (auto& a : out) doc.add(std::move(a));
}

}  // namespace reportlens::indicators
