#include "outline.h"

#include <algorithm>
#include <map>

#include "reportlens/text.h"
#include "word_match.h"

namespace reportlens::segment {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "道路工程：…": a short label of words, then a colon.
bool box_item_label(std::string_view line, std::string& label, std::size_t& label_end) {
  std::size_t i = 0, chars = 0;
  while (i < line.size() && chars <= 12) {
    const std::size_t at = i;
    const char32_t c = decode_code_point(line, i);
    if (c == U'：' || c == U':') {
      if (chars < 2) return false;
      label = std::string(line.substr(0, at));
      label_end = at;
      return true;
    }
    if (!is_cjk_ideograph(c) && c != U'·') return false;
    ++chars;
  }
  return false;
}

// "专栏：2022年重点城建工程进展情况", "专栏1 …", "专栏三：…".
bool box_title(std::string_view line, const SegmentRules& rules, std::string& title) {
  const auto label = std::find_if(rules.box_labels.begin(), rules.box_labels.end(),
                                  [&](const std::string& l) { return starts_with(line, l); });
  if (label == rules.box_labels.end()) return false;
  const std::u32string_view numerals = rules.box_numerals;
  auto is_separator = [](char32_t c) {
    return c == U' ' || c == U'：' || c == U':' || c == U'、' || c == U'.';
  };
  std::size_t i = label->size();
  // An optional number, only when a separator follows it (专栏1：… but not 专栏：2022年…).
  std::size_t j = i;
  while (j < line.size()) {
    std::size_t k = j;
    if (numerals.find(decode_code_point(line, k)) == std::u32string_view::npos) break;
    j = k;
  }
  if (j > i && j < line.size()) {
    std::size_t k = j;
    if (is_separator(decode_code_point(line, k))) i = j;
  }
  while (i < line.size()) {
    std::size_t k = i;
    if (!is_separator(decode_code_point(line, k))) break;
    i = k;
  }
  title = std::string(line.substr(i));
  return code_point_count(title) <= 60;
}

}  // namespace

Outline build_outline(std::string_view text, const std::vector<Line>& lines,
                      std::size_t body_line, std::size_t salutation_line, const SegmentRules& rules) {
  Outline out;
  struct Open {
    MarkerStyle style;
    int ordinal;
  };
  std::vector<Open> stack;
  std::map<MarkerStyle, int> last_ordinal;  // survives interruptions by plain headings

  auto line_text = [&](std::size_t i) { return text.substr(lines[i].begin, lines[i].end - lines[i].begin); };

  for (std::size_t li = body_line; li < lines.size(); ++li) {
    const std::string_view s = line_text(li);

    std::string title;
    if (box_title(s, rules, title)) {
      Box box{li, li, title, {}};
      while (box.last_line + 1 < lines.size()) {
        BoxItem item;
        if (!box_item_label(line_text(box.last_line + 1), item.label, item.label_end)) break;
        item.line = box.last_line + 1;
        item.label_end += lines[item.line].begin;
        box.items.push_back(std::move(item));
        ++box.last_line;
      }
      li = box.last_line;
      out.boxes.push_back(std::move(box));
      continue;
    }

    std::optional<HeadingMarker> marker = parse_numbered_heading(s);
    if (!marker && lines[li].hinted_level > 0) {
      // A heading the input format marks (a Word heading style, a Markdown #): no guessing.
      HeadingMarker m;
      m.style = MarkerStyle::kPlain;
      m.title_begin = 0;
      m.title_end = s.size();
      marker = m;
    } else if (!marker && li > salutation_line && lines[li].blank_before && lines[li].blank_after &&
        looks_like_plain_heading(s)) {
      // An unnumbered heading stands alone between a finished paragraph and a new one.
      const bool after_paragraph = li == 0 || ends_with_any(line_text(li - 1), rules.paragraph_ends) ||
                                   (!out.headings.empty() && out.headings.back().line == li - 1);
      const bool before_paragraph =
          li + 1 < lines.size() &&
          (code_point_count(line_text(li + 1)) >= 30 || parse_numbered_heading(line_text(li + 1)));
      if (after_paragraph && before_paragraph) {
        HeadingMarker m;
        m.style = MarkerStyle::kPlain;
        m.title_begin = 0;
        m.title_end = s.size();
        marker = m;
      }
    }
    if (!marker) continue;

    int level = 0;
    if (marker->style == MarkerStyle::kPlain) {
      // Unnumbered headings divide the report at the top, or at the level the format gives.
      level = std::clamp(lines[li].hinted_level, 1, static_cast<int>(stack.size()) + 1);
      stack.resize(static_cast<std::size_t>(level - 1));
      stack.push_back({marker->style, 0});
    } else {
      // Where the number fits: the continuation of an open series of its style (一 → 二),
      // a new series (一) nested in what is open, or after a gap in an open series.
      const int n = marker->ordinal;
      std::size_t continue_at = stack.size(), gap_at = stack.size();
      for (std::size_t k = stack.size(); k-- > 0;) {
        if (stack[k].style != marker->style) continue;
        if (n == stack[k].ordinal + 1 && continue_at == stack.size()) continue_at = k;
        if (n > stack[k].ordinal && gap_at == stack.size()) gap_at = k;
      }
      if (continue_at < stack.size()) {
        stack.resize(continue_at);
      } else if (n == 1) {
        // A new series: nested under whatever is open (a list restarting 一、 inside 二、
        // nests one level deeper).
      } else if (gap_at < stack.size()) {
        stack.resize(gap_at);
      } else {
        const auto last = last_ordinal.find(marker->style);
        const bool continues = last != last_ordinal.end() && n == last->second + 1;
        const bool strong_start = stack.empty() && n <= 2 &&
                                  (marker->style == MarkerStyle::kChineseComma ||
                                   marker->style == MarkerStyle::kPart ||
                                   marker->style == MarkerStyle::kChapter);
        if (!continues && !strong_start) continue;  // out of sequence: prose
      }
      stack.push_back({marker->style, n});
      level = static_cast<int>(stack.size());
      last_ordinal[marker->style] = n;
    }
    Heading h;
    h.line = li;
    h.marker = *marker;
    h.level = level;
    h.title = std::string(s.substr(marker->title_begin, marker->title_end - marker->title_begin));
    out.headings.push_back(std::move(h));
  }
  return out;
}

}  // namespace reportlens::segment
