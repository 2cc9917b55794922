#include "doc_view.h"

#include <algorithm>

#include "reportlens/report_meta.h"
#include "reportlens/text.h"

namespace reportlens::diff {
namespace {

int json_int(const Json& j) {
  if (j.is_number_integer()) return j.get<int>();
  if (j.is_number()) return static_cast<int>(j.get<double>());
  if (j.is_string()) {
    try {
      return std::stoi(j.get<std::string>());
    } catch (...) {
    }
  }
  return 0;
}

// A calendar year given as an integer (or a string of digits only). A span such as
// [2021, 2025] or "2021-2025" is not one year: nullopt, so that a multi-year figure never
// becomes year 0 (or its first year) and gets compared with one year's figure.
std::optional<int> single_year(const Json& j) {
  if (j.is_number_integer()) return j.get<int>();
  if (j.is_number_float()) {
    const double d = j.get<double>();
    if (d == static_cast<double>(static_cast<int>(d))) return static_cast<int>(d);
    return std::nullopt;
  }
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s.empty() || s.size() > 4) return std::nullopt;
    for (char c : s)
      if (c < '0' || c > '9') return std::nullopt;
    return std::stoi(s);
  }
  return std::nullopt;
}

std::string json_string(const Json& attrs, const char* key) {
  auto it = attrs.find(key);
  return it != attrs.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Sentence spans when the pipeline ran no segmenter: split after a sentence end word
// (。！？； in data/words.yaml) and at line breaks.
std::vector<std::pair<std::size_t, std::size_t>> fallback_sentences(
    const std::string& text, const std::vector<std::string>& ends) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0, i = 0;
  const auto flush = [&](std::size_t end) {
    std::size_t b = start, e = end;
    while (b < e && (text[b] == ' ' || text[b] == '\n' || text[b] == '\r' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\r' ||
                     text[e - 1] == '\t'))
      --e;
    if (e > b) out.emplace_back(b, e);
    start = end;
  };
  while (i < text.size()) {
    const std::size_t at = i;
    const char32_t cp = next_code_point(text, i);
    bool end = cp == U'\n';
    for (const auto& w : ends) end = end || text.compare(at, w.size(), w) == 0;
    if (end) flush(i);
  }
  flush(text.size());
  return out;
}

std::string strip_whitespace(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  return out;
}

// 能耗下降率不低于3.2% (a level in percent) → 能耗 growth −3.2 with qualifier <=: the form
// the later report's actual (能耗下降3.5%, growth −3.5) takes.
void read_decline_rate(const MetricCatalog& catalog, IndicatorView& v) {
  if (!v.growth.is_null() || !v.level.is_object() || v.level.value("unit", "") != "percent") return;
  if (!v.level["value"].is_number()) return;
  const auto of = catalog.decline_rate_of(v.metric);
  if (!of || of->empty()) return;
  v.growth = {{"value", -v.level["value"].get<double>()}, {"unit", "percent"}};
  v.level = nullptr;
  v.canonical = catalog.canonical(*of);
  static const std::pair<const char*, const char*> mirror[] = {
      {">=", "<="}, {">", "<"}, {"<=", ">="}, {"<", ">"}};
  if (v.qualifier.is_string())
    for (const auto& [from, to] : mirror)
      if (v.qualifier == from) {
        v.qualifier = to;
        break;
      }
}

}  // namespace

int report_year_of(const Document& doc) { return read_report_meta(doc).report_year; }

int plan_year_of(const Document& doc) {
  const ReportMeta m = read_report_meta(doc);
  if (m.plan_year > 0) return m.plan_year;
  return m.report_year > 0 ? m.report_year + 1 : 0;
}

std::string region_of(const Document& doc) { return read_report_meta(doc).region; }

DocView::DocView(const Document& document, const MetricCatalog& catalog, const DiffWords& w)
    : doc(&document), words(&w), year(report_year_of(document)), plan_year(plan_year_of(document)),
      region(region_of(document)),
      code_points(document.text()) {
  const std::string& text = document.text();

  // Sections: sorted by start; a body runs to the next heading of the same or higher level.
  // Headings come from the segment stage, which the stage's `consumes` guarantees ran.
  std::vector<const Annotation*> heads;
  for (const auto& a : document.annotations("section")) heads.push_back(&a);
  std::stable_sort(heads.begin(), heads.end(),
                   [](const Annotation* x, const Annotation* y) { return x->begin < y->begin; });
  for (std::size_t i = 0; i < heads.size(); ++i) {
    SectionView s;
    const Annotation& a = *heads[i];
    s.level = std::max(1, json_int(a.attrs.value("level", Json(1))));
    s.title = json_string(a.attrs, "title");
    s.number = json_string(a.attrs, "number");
    s.begin = a.begin;
    const std::size_t line_end = text.find('\n', a.begin);
    s.heading_end = std::min(a.end, line_end == std::string::npos ? text.size() : line_end);
    if (s.heading_end <= s.begin) s.heading_end = a.end;
    if (s.title.empty()) s.title = strip_whitespace(document.slice(s.begin, s.heading_end));
    s.body_end = text.size();
    for (std::size_t k = i + 1; k < heads.size(); ++k) {
      const int level = std::max(1, json_int(heads[k]->attrs.value("level", Json(1))));
      if (level <= s.level) {
        s.body_end = heads[k]->begin;
        break;
      }
    }
    for (int p = static_cast<int>(sections.size()) - 1; p >= 0; --p) {
      if (sections[p].level < s.level && sections[p].body_end > s.begin) {
        s.parent = p;
        break;
      }
    }
    const std::string title_norm = normalize_text(s.title, document.line_break_rules()).text;
    s.title_key = make_sentence_key(title_norm, year, w.numbers).skeleton;
    s.title_grams = bigrams(s.title_key);
    sections.push_back(std::move(s));
  }

  // Sentences, each owned by the deepest section whose body contains it.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& a : document.annotations("sentence")) spans.emplace_back(a.begin, a.end);
  if (spans.empty()) spans = fallback_sentences(text, w.sentence_ends);
  std::sort(spans.begin(), spans.end());
  std::size_t cursor = 0;  // sections are ordered, so the search is amortised linear
  for (const auto& [b, e] : spans) {
    int owner = -1;
    while (cursor < sections.size() && sections[cursor].begin <= b) ++cursor;
    for (int k = static_cast<int>(cursor) - 1; k >= 0; --k) {
      if (sections[k].body_end > b) {
        owner = k;
        break;
      }
      if (sections[k].level == 1) break;  // an earlier top-level section ended before b
    }
    // The heading line itself is the section's title, not one of its sentences.
    if (owner >= 0 && b >= sections[owner].begin && e <= sections[owner].heading_end + 1) continue;
    SentenceView s;
    s.begin = b;
    s.end = e;
    s.normalized = normalize_text(document.slice(b, e), document.line_break_rules()).text;
    s.key = make_sentence_key(s.normalized, year, w.numbers);
    s.section = owner;
    if (owner >= 0) sections[owner].sentences.push_back(sentences.size());
    sentences.push_back(std::move(s));
  }
  for (auto& sec : sections) {
    std::string content;
    for (std::size_t i : sec.sentences) content += sentences[i].key.skeleton;
    sec.content_grams = bigrams(content);
  }

  // Only `indicator` facts, each about one year. Multi-year plan figures (十四五 年均增长…)
  // are a separate annotation type and never read here; an indicator whose period is not a
  // single year (a span written by an older stage) is skipped rather than read as year 0.
  for (const auto& a : document.annotations("indicator")) {
    const auto period = single_year(a.attrs.value("period", Json(nullptr)));
    if (!period || *period <= 0) {
      ++skipped_indicators;
      continue;
    }
    IndicatorView v;
    v.metric = json_string(a.attrs, "metric");
    const std::string named = json_string(a.attrs, "canonical");
    v.canonical = catalog.canonical(named.empty() ? v.metric : named);
    if (v.canonical.empty()) continue;
    // Only an explicit region of the fact (全市 figures quoted in a district report);
    // the document's own region is what pairing already matched on.
    v.region = json_string(a.attrs, "region");
    v.period = *period;
    v.status = json_string(a.attrs, "status");
    v.level = a.attrs.value("level", Json(nullptr));
    v.growth = a.attrs.value("growth", Json(nullptr));
    v.qualifier = a.attrs.value("qualifier", Json(nullptr));
    read_decline_rate(catalog, v);
    v.begin = a.begin;
    v.end = a.end;
    indicators.push_back(std::move(v));
  }
  for (const auto& a : document.annotations("entity")) {
    EntityView v;
    v.canonical = json_string(a.attrs, "canonical");
    if (v.canonical.empty()) v.canonical = std::string(document.slice(a.begin, a.end));
    v.kind = json_string(a.attrs, "kind");
    v.begin = a.begin;
    v.end = a.end;
    entities.push_back(std::move(v));
  }
}

}  // namespace reportlens::diff
