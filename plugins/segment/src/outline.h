// The document outline: headings found on the logical lines, their levels, and 专栏 boxes.
//
// Levels are assigned per document, by how numbering styles nest where they first appear:
// the first style seen is level 1, a new style met inside it opens level 2, and so on; a
// style already open closes everything below it. In the usual report this gives 一、 = 1,
// （一） = 2, 1. = 3, and in a report whose outline starts at （一） that style is level 1.
// A numbered line only counts as a heading when its number continues the sequence of its
// style (一 after nothing, 二 after 一 …), which keeps enumerated prose lines out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "heading.h"
#include "lines.h"
#include "rules.h"

namespace reportlens::segment {

struct Heading {
  std::size_t line = 0;  // index into the lines
  HeadingMarker marker;
  int level = 1;
  std::string title;     // normalised text of the title
};

struct BoxItem {
  std::size_t line = 0;
  std::string label;     // "道路工程"
  std::size_t label_end = 0;  // normalised byte offset where the label ends (before ：)
};

struct Box {
  std::size_t first_line = 0, last_line = 0;
  std::string title;     // "2022年重点城建工程进展情况"
  std::vector<BoxItem> items;
};

struct Outline {
  std::vector<Heading> headings;
  std::vector<Box> boxes;
};

// `body_line`: the first line after the title block; `salutation_line`: the 各位代表 line
// (or body_line). Plain (unnumbered) headings are only looked for after it.
Outline build_outline(std::string_view normalized, const std::vector<Line>& lines,
                      std::size_t body_line, std::size_t salutation_line, const SegmentRules& rules);

}  // namespace reportlens::segment
