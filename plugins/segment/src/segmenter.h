// The segment stage's work on one document: title block, sections, 专栏 boxes, paragraphs,
// sentences, ；-clauses, 一是… enumerations, optional words, and document metadata.
//
// Everything is found on the normalised view (PDF and link line breaks joined, widths
// folded) and reported as spans of the original text.
#pragma once

#include <memory>

#include "reportlens/document.h"
#include "rules.h"
#include "sentence_splitter.h"
#include "word_breaker.h"

namespace reportlens::segment {

struct SegmentOptions {
  bool words = false;
};

class Segmenter {
 public:
  Segmenter(SegmentRules rules, SegmentOptions options);
  void run(Document& doc) const;  // thread-safe
  const SegmentRules& rules() const { return rules_; }

 private:
  SegmentRules rules_;
  SegmentOptions options_;
  std::unique_ptr<WordBreaker> words_;
  EnumerationFinder enumerations_;
};

}  // namespace reportlens::segment
