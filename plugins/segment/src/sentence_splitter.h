// Sentences, ；-clauses and 一是…二是… enumerations inside one paragraph.
//
// Rules (a table of cases lives in tests/sentence_cases_test.cc):
//  - 。！？ (and ASCII ! ?) end a sentence; so does an ASCII '.' between a CJK character and a
//    non-digit (web copies with ASCII punctuation), never inside a number (1200.2);
//  - runs of terminators stay together (？！, ……。);
//  - nothing splits inside matched “” ‘’ （） () 《》 「」 『』 【】 or ASCII "…" (web copies; a
//    pair further apart than a few hundred code points counts as two strays, so one lost "
//    cannot swallow a paragraph): a sentence that ends inside
//    a quote ends after the closing mark (“…。”); an opener without its closer in the same
//    paragraph does not suppress splitting;
//  - ；(and ASCII ;) at bracket depth 0 ends a clause. Every sentence has at least one clause.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rules.h"
#include "utf8_scan.h"

namespace reportlens::segment {

struct TextSpan {
  std::size_t begin = 0;  // byte offsets into the paragraph passed in
  std::size_t end = 0;
};

struct SentenceSpans {
  std::vector<TextSpan> sentences;
  std::vector<TextSpan> clauses;
};

SentenceSpans split_sentences(std::string_view paragraph);
// The same into `out` (replacing its contents), reusing its vectors from paragraph to paragraph.
void split_sentences(std::string_view paragraph, SentenceSpans& out);

struct EnumerationItem {
  TextSpan span;
  int ordinal = 0;
  TextSpan marker;  // the 一是 itself
};

// 一是…二是…三是… (also 第一，…第二，…) items in a paragraph: a run that starts at one and
// counts up. Each item runs to the next marker, the last one to the end of its sentence.
// The marker characters come from the rules (segment.yaml `enumeration`).
class EnumerationFinder {
 public:
  // Throws StageError when the rules lack a marker character.
  explicit EnumerationFinder(const SegmentRules& rules);
  std::vector<EnumerationItem> find(std::string_view paragraph, const std::vector<TextSpan>& sentences) const;

 private:
  bool may_enumerate(std::string_view text) const;
  std::size_t separator_before(std::string_view text, std::size_t end, std::size_t floor) const;

  char32_t after_numeral_ = 0, before_numeral_ = 0;  // 是 of 一是, 第 of 第一
  std::string after_numeral_text_, before_numeral_text_;
  std::u32string after_ordinal_, boundaries_, separators_;
  CharFilter boundary_filter_;
};

}  // namespace reportlens::segment
