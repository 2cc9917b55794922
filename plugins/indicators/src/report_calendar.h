// Which year and which kind of statement a position in a report belongs to.
//
// A plan report reviews year N and plans N+1; a work report reviews N-1 and plans N. The
// segment stage puts report_year / plan_year / kind in the metadata and scope on sections;
// when they are missing (plain text, an older segment) this reads the title block and the
// top-level headings itself, so the indicator stage still dates its facts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lexicon.h"
#include "reportlens/document.h"

namespace reportlens::indicators {

enum class Scope { kReview, kPlan, kOther };

struct ParagraphContext {
  std::size_t begin = 0, end = 0;  // normalised byte offsets
  bool review_opener = false;      // opens with 过去一年 / 五年来 ...: a review, whatever the section
  bool multi_year = false;         // a multi-year review: only from-to end points are one-year facts
};

class ReportCalendar {
 public:
  ReportCalendar(const Document& doc, const Lexicon& lexicon);

  int report_year() const { return report_year_; }  // the year reviewed (0 if unknown)
  int plan_year() const { return plan_year_; }      // the year planned
  const std::string& kind() const { return kind_; }

  // Scope of the top-level section holding normalised offset `at`.
  Scope scope_at(std::size_t at) const;
  const ParagraphContext& paragraph_at(std::size_t at) const;

 private:
  struct SectionSpan {
    std::size_t begin, end;
    Scope scope;
  };
  void infer_years(const Document& doc);
  void read_sections(const Document& doc, const Lexicon& lexicon);
  void read_paragraphs(const std::string& text, const Lexicon& lexicon);
  Scope classify_heading(const std::string& title, const Lexicon& lexicon) const;

  int report_year_ = 0;
  int plan_year_ = 0;
  std::string kind_;
  std::vector<SectionSpan> sections_;
  std::vector<ParagraphContext> paragraphs_;
};

// Converts an original byte offset to the normalised text's offset (first normalised byte
// whose source starts at or after it).
std::size_t to_normalized(const NormalizedText& norm, std::size_t original);

// to_normalized() for offsets asked in (mostly) increasing order, as annotations come: each
// answer is searched for from the previous one outwards, a few steps instead of a binary
// search over the whole text. Same answers for any order.
class OffsetsToNormalized {
 public:
  explicit OffsetsToNormalized(const NormalizedText& norm) : norm_(norm) {}
  std::size_t at(std::size_t original);

 private:
  const NormalizedText& norm_;
  std::size_t last_ = 0;  // previous answer
};

}  // namespace reportlens::indicators
