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
#include <string_view>
#include <vector>

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
std::vector<EnumerationItem> find_enumerations(std::string_view paragraph,
                                               const std::vector<TextSpan>& sentences);

}  // namespace reportlens::segment
