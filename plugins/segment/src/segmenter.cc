#include "segmenter.h"

#include <algorithm>

#include "lines.h"
#include "metadata.h"
#include "outline.h"
#include "sentence_splitter.h"
#include "title_block.h"
#include "word_match.h"

namespace reportlens::segment {
namespace {

// An empty attrs object. Json::object() builds it through the initializer-list constructor,
// about five times the work; 48,000 sentences and clauses in the national reports pay it.
Json no_attrs() { return Json(Json::value_t::object); }

// The lines holding the headings the input's format marked (meta.headings: code point
// offsets into the text, see docs/input-formats.md). Without that key, nothing changes.
void mark_hinted_headings(const Document& doc, std::vector<Line>& lines) {
  const auto it = doc.meta().find("headings");
  if (it == doc.meta().end() || !it->is_array() || it->empty()) return;
  std::vector<std::pair<std::size_t, int>> hints;  // code point offset, level
  for (const Json& h : *it)
    if (h.is_object() && h.value("begin", Json()).is_number_unsigned())
      hints.emplace_back(h["begin"].get<std::size_t>(), std::max(1, h.value("level", 1)));
  std::sort(hints.begin(), hints.end());
  const NormalizedText& norm = doc.normalized();
  const std::string& text = doc.text();
  std::size_t byte = 0, cp = 0, li = 0;
  for (const auto& [begin, level] : hints) {
    while (cp < begin && byte < text.size()) {
      decode_code_point(text, byte);
      ++cp;
    }
    while (li < lines.size() && norm.original_end(lines[li].end) <= byte) ++li;
    if (li < lines.size() && norm.original_begin(lines[li].begin) <= byte) lines[li].hinted_level = level;
  }
}

}  // namespace

Segmenter::Segmenter(SegmentRules rules, SegmentOptions options)
    : rules_(std::move(rules)), options_(options), enumerations_(rules_) {
  if (options_.words) words_ = std::make_unique<WordBreaker>();
}

void Segmenter::run(Document& doc) const {
  const NormalizedText& norm = doc.normalized();
  const std::string_view text = norm.text;
  std::vector<Line> lines = split_lines(text);
  auto original = [&](std::size_t b, std::size_t e) { return to_original(norm, b, e); };

  // Title block (found on the original lines: its line breaks are meaningful).
  const std::optional<TitleBlock> block = find_title_block(doc.text(), rules_);
  std::size_t body_line = 0;
  if (block)
    while (body_line < lines.size() && norm.original_begin(lines[body_line].begin) < block->end)
      ++body_line;
  std::size_t salutation_line = body_line;
  for (std::size_t i = body_line; i < lines.size() && i < body_line + 5; ++i)
    if (starts_with_any(text.substr(lines[i].begin, lines[i].end - lines[i].begin), rules_.salutations)) {
      salutation_line = i;
      break;
    }

  mark_hinted_headings(doc, lines);
  const Outline outline = build_outline(text, lines, body_line, salutation_line, rules_);
  const ReportYears years = fill_metadata(doc, block, outline.headings, rules_);

  if (block) {
    Json attrs = no_attrs();
    attrs["title"] = block->title;
    if (!block->header.empty()) attrs["header"] = block->header;
    if (!block->date_line.empty()) attrs["date_line"] = block->date_line;
    if (!block->speaker.empty()) attrs["speaker"] = block->speaker;
    if (!block->meeting_date.empty()) attrs["meeting_date"] = block->meeting_date;
    doc.add("title_block", block->begin, block->end, std::move(attrs));
  }

  // Sections: a heading's section runs to the next heading at its level or above.
  const auto& hs = outline.headings;
  std::vector<std::string> scope_at_level;  // inherited scope per open level
  bool review_seen = false;
  const std::string kind = doc.meta().contains("kind") && doc.meta()["kind"].is_string()
                               ? doc.meta()["kind"].get<std::string>()
                               : std::string();
  const bool review_then_plan = kind == "work_report" || kind == "plan_report";
  for (std::size_t i = 0; i < hs.size(); ++i) {
    std::size_t next = i + 1;
    while (next < hs.size() && hs[next].level > hs[i].level) ++next;
    const std::size_t last_line = next < hs.size() ? hs[next].line - 1 : lines.size() - 1;
    const Span span = original(lines[hs[i].line].begin, lines[last_line].end);

    std::string scope = heading_scope(hs[i].title, years, rules_);
    scope_at_level.resize(static_cast<std::size_t>(hs[i].level - 1));
    if (scope == "other" && !scope_at_level.empty()) scope = scope_at_level.back();
    // Reports review first and plan after: once a top-level section has reviewed the
    // year, the unmarked top-level sections that follow are the year's tasks
    // (二、抓紧有利时机，加快经济发展 after 一、1991年国内工作的回顾).
    if (hs[i].level == 1) {
      if (scope == "other" && review_seen && review_then_plan) scope = "plan";
      review_seen = review_seen || contains_any(hs[i].title, rules_.review_words);
    }
    scope_at_level.push_back(scope);

    Json attrs = no_attrs();
    attrs["level"] = hs[i].level;
    attrs["title"] = hs[i].title;
    attrs["number"] = hs[i].marker.number;
    attrs["ordinal"] = hs[i].marker.ordinal;
    attrs["style"] = style_name(hs[i].marker.style);
    attrs["scope"] = scope;
    doc.add("section", span.begin, span.end, std::move(attrs));
  }

  for (const Box& box : outline.boxes) {
    const Span span = original(lines[box.first_line].begin, lines[box.last_line].end);
    Json attrs = no_attrs();
    attrs["title"] = box.title;
    attrs["items"] = box.items.size();
    doc.add("box", span.begin, span.end, std::move(attrs));
    for (const BoxItem& item : box.items) {
      const Span is = original(lines[item.line].begin, lines[item.line].end);
      Json ia = no_attrs();
      ia["label"] = item.label;
      doc.add("box_item", is.begin, is.end, std::move(ia));
    }
  }

  // Paragraphs (every logical line of the body), sentences, clauses, enumerations.
  // Reserved once instead of grown (moving every annotation) about ten times: reports have
  // a sentence and a clause per ~120 bytes.
  doc.mutable_annotations("paragraph").reserve(lines.size() - std::min(body_line, lines.size()));
  doc.mutable_annotations("sentence").reserve(text.size() / 100);
  doc.mutable_annotations("clause").reserve(text.size() / 100);
  SentenceSpans spans;
  for (std::size_t li = body_line; li < lines.size(); ++li) {
    const Line& line = lines[li];
    const std::string_view para = text.substr(line.begin, line.end - line.begin);
    const Span ps = original(line.begin, line.end);
    doc.add("paragraph", ps.begin, ps.end, no_attrs());
    split_sentences(para, spans);
    for (const TextSpan& s : spans.sentences) {
      const Span o = original(line.begin + s.begin, line.begin + s.end);
      doc.add("sentence", o.begin, o.end, no_attrs());
    }
    for (const TextSpan& c : spans.clauses) {
      const Span o = original(line.begin + c.begin, line.begin + c.end);
      doc.add("clause", o.begin, o.end, no_attrs());
    }
    for (const EnumerationItem& item : enumerations_.find(para, spans.sentences)) {
      const Span o = original(line.begin + item.span.begin, line.begin + item.span.end);
      Json attrs = no_attrs();
      attrs["ordinal"] = item.ordinal;
      attrs["marker"] = std::string(para.substr(item.marker.begin, item.marker.end - item.marker.begin));
      doc.add("enumeration", o.begin, o.end, std::move(attrs));
    }
  }

  if (words_) {
    // About one word per six bytes of Chinese text: reserve once instead of growing
    // (and moving every annotation) a dozen times.
    doc.mutable_annotations("word").reserve(text.size() / 6);
    std::vector<Word> words;
    for (std::size_t li = body_line; li < lines.size(); ++li) {
      const Line& line = lines[li];
      words_->words(text.substr(line.begin, line.end - line.begin), words);
      for (const Word& w : words) {
        const Span o = original(line.begin + w.begin, line.begin + w.end);
        if (w.number) doc.add("word", o.begin, o.end, Json{{"number", true}});
        else doc.add("word", o.begin, o.end, no_attrs());
      }
    }
  }
}

}  // namespace reportlens::segment
