// UTF-8 helpers and the normalised view with its offset map.
//
// Stages match on NormalizedText::text (clean, predictable) and report spans in the
// original with original_begin()/original_end(), so annotations always point into the
// text the user gave us.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reportlens {

// Decodes the code point starting at byte `i` and advances `i` past it. Invalid bytes
// decode as U+FFFD and advance one byte (the core only hands stages valid UTF-8).
char32_t next_code_point(std::string_view text, std::size_t& i);
// next_code_point for hot loops, inline: ASCII and the 3-byte form (nearly all of a Chinese
// report) are decoded here, anything else by next_code_point. On valid UTF-8 (what a Document
// holds) the result is the one next_code_point gives; a call into the core per character
// costs more than the work in a character loop.
inline char32_t decode_code_point(std::string_view text, std::size_t& i) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char lead = p[i];
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  if ((lead & 0xF0) == 0xE0 && i + 2 < text.size() && (p[i + 1] & 0xC0) == 0x80 &&
      (p[i + 2] & 0xC0) == 0x80) {
    const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                        (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
    i += 3;
    return cp;
  }
  return next_code_point(text, i);
}
// Appends `cp` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);
// Byte offset of the first invalid sequence, or npos if `text` is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view text);
// Number of code points in `text` (valid UTF-8 assumed).
std::size_t code_point_count(std::string_view text);
// True when byte `i` starts a character (or is the end of the text).
bool is_char_boundary(std::string_view text, std::size_t i);

// Character classes the report stages share.
bool is_cjk_ideograph(char32_t cp);
bool is_zero_width(char32_t cp);
// Value of a Chinese digit character (〇零 0, 一 1, 二两 2 … 九 9), or -1 for anything else.
int chinese_digit_value(char32_t cp);

// A normalised copy of a text with a map back to the original bytes.
struct NormalizedText {
  std::string text;
  // For each byte of `text`: the original byte range of the character it came from.
  std::vector<std::uint32_t> orig_begin;
  std::vector<std::uint32_t> orig_end;
  std::size_t original_size = 0;

  // Original byte offset for a span starting at normalised byte `b`.
  std::size_t original_begin(std::size_t b) const;
  // Original byte offset for a span ending (exclusive) at normalised byte `e`.
  std::size_t original_end(std::size_t e) const;
};

// The language vocabulary of the line-joining pass of normalize_text: the words that open a
// heading or a new paragraph, whose line breaks must stay. The core itself knows only the
// script (terminal punctuation, ASCII digit markers "1." "1、" "(1)", brackets, —— dashes, blank
// lines); which characters are numerals and which words make a heading is language knowledge
// and comes from a stage's data. A stage supplies its rules by defining
// `LineBreakRules line_break_rules() const` (stage.h); the runner asks every stage of the
// pipeline once, after creating them and before reading any document, and normalises every
// Document of the run with the merge of what they supply (the segment stage gives those of
// segment.yaml, extra_rules included). A pipeline whose stages supply none normalises with
// the script-level rules only. Strings are UTF-8.
struct LineBreakRules {
  // Characters that are numerals in a heading marker besides the ASCII digits (一 … 十 百 〇):
  // 一、 and （一） open a heading only when these are given.
  std::u32string numerals;
  // Words before a numeral that make an ordinal (第 of 第一章). An ordinal followed by a
  // heading word, or by ， or 、 (第一，… an enumeration item), opens a heading line.
  std::vector<std::string> ordinal_prefixes;
  // Words after an ordinal that make it a heading (章 节 篇 部分: 第一章, 第二节).
  std::vector<std::string> ordinal_headings;
  // Labels that open a boxed column (专栏): a line opening with one is a heading.
  std::vector<std::string> box_labels;
  // Words that open a new paragraph whatever precedes them (the salutation 各位代表).
  std::vector<std::string> paragraph_openers;

  bool empty() const;
  // Adds what `other` holds and this does not, in `other`'s order (the runner merges the
  // stages' rules in pipeline order).
  void merge(const LineBreakRules& other);
};

// Builds the normalised view:
//  - full-width digits, Latin letters and ％．＋－／＜＞＝ become ASCII; U+3000 becomes a space
//    (Chinese punctuation such as ，。；：（）is kept: it carries sentence structure);
//  - zero-width characters (U+200B..U+200D, U+2060, U+FEFF) are dropped;
//  - \r\n and \r become \n; tabs and no-break spaces become spaces;
//  - a line break inside a sentence (copied from a PDF or a web page that puts links on
//    their own lines: "74.4\n\u200b\n万亿元", "新建\n高速铁路\n投产里程") is dropped, with the
//    blank space around it. Breaks stay after terminal punctuation (。！？；：), before and
//    after heading lines (1. 1、 (1) （1）, and with `rules`: 一、 （一） 第一章 专栏), before ——
//    dashes and the paragraph openers of `rules` (各位代表), and at blank lines around short
//    lines (titles, unnumbered headings such as 结束语); a blank line inside a number or after
//    a long running line is joined.
NormalizedText normalize_text(std::string_view original, const LineBreakRules& rules);
// The same with the script-level rules only (an empty LineBreakRules): for text without
// line breaks (a word, a title) the result is the same whatever the rules.
NormalizedText normalize_text(std::string_view original);

}  // namespace reportlens
