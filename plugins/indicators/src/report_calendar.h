// Which year and which kind of statement a position in a report belongs to.
//
// A plan report reviews year N and plans N+1; a work report reviews N-1 and plans N. The
// segment stage puts report_year / plan_year / kind in the metadata (read through
// reportlens/report_meta.h: it is their one owner) and scope on sections; without sections
// this classifies the top-level headings itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "reportlens/document.h"

namespace reportlens::indicators {

enum class Scope { kReview, kPlan, kOther };

// The years a multi-year plan covers (“十二五” → 2011–2015); empty when first == 0.
struct YearSpan {
  int first = 0, last = 0;
  bool empty() const { return first == 0; }
};

// The five-year plan named at byte `at` of `text` ("十二五", "九五", "十四五"), with the byte
// length of the name in *length; empty when none. A name is taken only where it cannot be a
// plain number: in quotes (“十五”) or before 时期/期间/规划/计划/末 (十五条措施 is no plan).
YearSpan five_year_plan_at(std::string_view text, std::size_t at, std::size_t* length, const Lexicon& lex);

struct ParagraphContext {
  std::size_t begin = 0, end = 0;  // normalised byte offsets
  bool review_opener = false;      // opens with 过去一年 / 五年来 ...: a review, whatever the section
  bool multi_year = false;         // a multi-year review: only from-to end points are one-year facts
  YearSpan horizon;                // opens with “十三五”时期 / 今后五年 (not a review): a multi-year plan
  bool single_year = false;        // opens with 今年 / the planned year: about that year alone
  bool reviewed_year = false;      // opens with 去年 / the reviewed year: about that year alone
};

class ReportCalendar {
 public:
  ReportCalendar(const Document& doc, const Lexicon& lexicon);

  int report_year() const { return report_year_; }  // the year reviewed (0 if unknown)
  int plan_year() const { return plan_year_; }      // the year planned
  const std::string& kind() const { return kind_; }
  const std::string& region() const { return region_; }  // the report's own region ("" if unknown)

  // Scope of the top-level section holding normalised offset `at`.
  Scope scope_at(std::size_t at) const;
  const ParagraphContext& paragraph_at(std::size_t at) const;
  // The multi-year plan a position's statements are about: the paragraph's own horizon, else
  // that of the innermost section whose heading names a current or future five-year plan
  // (二、“十二五”时期的主要目标和任务); empty elsewhere.
  YearSpan horizon_at(std::size_t at) const;
  // The plan a paragraph's or sentence's opening clause names (“十三五”时期，… / 今后三年，…).
  YearSpan opening_horizon(std::string_view text) const;
  // True when `text` (a paragraph or sentence) opens with a word for the planned year alone
  // (今年…, 新的一年…, 2021年，… in the 2021 report): whatever plan its section announces,
  // what it states is about that one year.
  bool opens_single_year(std::string_view text, const Lexicon& lexicon) const;
  // True when `text` opens with a word for the reviewed year alone (去年是…, 2021年是“十四五”开局
  // 之年 in the 2022 report): a plan it names is the context of that year, not its span.
  bool opens_reviewed_year(std::string_view text, const Lexicon& lexicon) const;
  // True when the sentence names the planned year (今年, 2022年) before the cue of a target
  // list (按照“十四五”规划部署，今年主要预期目标安排是：…): the list is that year's.
  bool plans_year_before_target_list(std::string_view sentence, const Lexicon& lexicon) const;

 private:
  struct SectionSpan {
    std::size_t begin, end;
    Scope scope;
  };
  void infer_years(const Document& doc);
  void read_sections(const Document& doc, const Lexicon& lexicon);
  void read_paragraphs(const std::string& text, const Lexicon& lexicon);
  void end_plans_at_year_openings();
  Scope classify_heading(const std::string& title, const Lexicon& lexicon) const;

  const Lexicon& lexicon_;
  int report_year_ = 0;
  int plan_year_ = 0;
  std::string kind_;
  std::string region_;
  std::vector<SectionSpan> sections_;
  struct HorizonSpan {
    std::size_t begin, end;
    YearSpan years;
  };
  std::vector<HorizonSpan> section_horizons_;  // in document order; nested ones after their parent
  YearSpan plan_named_in(std::string_view heading) const;
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
