// Recognising heading lines: the numbering styles of Chinese government reports.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reportlens::segment {

// Numbering styles, in the order they usually nest (a document may skip some, or start
// its outline at any of them: levels are assigned per document, see outline.h).
enum class MarkerStyle {
  kPart,          // 第一部分 / 第一篇
  kChapter,       // 第一章
  kJie,           // 第一节
  kChineseComma,  // 一、
  kChineseParen,  // （一） (一)
  kArabicDot,     // 1. 1、
  kArabicParen,   // （1） (1)
  kPlain,         // an unnumbered heading line (结束语, 过去五年的回顾)
};

const char* style_name(MarkerStyle style);
// The style named `name` ("part", "chapter" …); nullopt for an unknown name.
std::optional<MarkerStyle> style_named(std::string_view name);

struct SegmentRules;

struct HeadingMarker {
  MarkerStyle style = MarkerStyle::kPlain;
  int ordinal = 0;           // 一 → 1; 0 for plain headings
  std::string number;        // as written: "一", "（一）", "1", "第一章"
  std::size_t title_begin = 0;  // byte offsets within the line
  std::size_t title_end = 0;    // the title ends at the first 。！？ (run-in headings)
  bool run_in = false;          // body text follows the title on the same line
};

// The longest title (in code points) a numbered heading may have; longer "一、…" lines are
// enumerated paragraphs, not headings.
inline constexpr std::size_t kMaxTitleChars = 80;

// Parses a numbered heading at the start of `line` (spaces already trimmed); its numerals
// and ordinal words are `rules`' (data/segment.yaml `numerals`, `heading`).
std::optional<HeadingMarker> parse_numbered_heading(std::string_view line, const SegmentRules& rules);

// An unnumbered heading candidate: a short line of words without sentence punctuation.
// Context (blank lines around it, what precedes and follows) is checked by the caller.
bool looks_like_plain_heading(std::string_view line);

}  // namespace reportlens::segment
