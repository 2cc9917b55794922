// The word lists the segment stage works with (data/segment.yaml, extendable per pipeline).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "chinese_numeral.h"
#include "heading.h"
#include "reportlens/text.h"

namespace reportlens::segment {

struct SegmentRules {
  std::vector<std::string> review_words, plan_words, not_heading_marks;
  std::vector<std::string> bulletin_words, plan_report_words, work_report_words, work_report_speakers;
  std::vector<std::string> salutations;
  std::vector<std::string> national_words;
  std::vector<std::string> region_suffixes;
  std::vector<std::string> city_stopwords;
  // The delivery line (data/segment.yaml `delivery`).
  std::vector<std::string> dashes, congress_words, meeting_words, title_labels;
  std::vector<int> next_year_months;
  std::vector<std::string> year_words, month_words, day_words, brackets, line_ends, file_labels;
  // The head without a delivery line (`title_block`).
  std::vector<std::string> document_names, speech_marks;
  // Naming the region outside the delivery line (`region`): "我代表X人民政府", "X市长 …".
  std::vector<std::string> government_words, office_words, suffix_words;
  std::vector<std::string> title_prefixes, at_words, session_words, representing_words;
  std::vector<std::string> below_city_suffixes, not_below_city_suffixes;
  // The outline (`outline`): box labels (专栏), the characters of a box number, the marks
  // that end a paragraph.
  std::vector<std::string> box_labels, paragraph_ends;
  std::u32string box_numerals;
  // Enumeration markers (`enumeration`): 是 of 一是, 第 of 第一, what may follow 第一, the
  // characters a marker may follow, the separators dropped before the next marker.
  std::u32string enum_after_numeral, enum_before_numeral, enum_after_ordinal, enum_boundaries,
      enum_separators;
  // Small numerals (`numerals`): digit characters and unit characters with their values.
  NumeralTable numerals;
  // Heading grammar (`heading`): the ordinal prefix (第 of 第一章) and the words after its
  // numeral with the numbering style each makes (章 chapter, 部分 part …), in file order.
  char32_t ordinal_prefix = 0;
  std::vector<std::pair<std::u32string, MarkerStyle>> ordinal_units;
  // The characters after a date's year, month and day (`date`: 2022年12月14日).
  char32_t date_year = 0, date_month = 0, date_day = 0;
  // Characters where a region name in a title ends (`region.title_stops`): numerals, 第, the
  // first character of 人民政府 …
  std::u32string title_stops;
  // What continues a sentence right after a quotation closed behind its terminator
  // (`sentence.goes_on_after_quote`: “…。”的, “…！”，).
  std::u32string quote_continuations;
  std::string city_suffix;  // 市 (a single word; a later file replaces it)
  // The national reports' region name (全国) and what marks one besides `national_words`.
  std::string national_name;
  std::vector<std::string> national_congress, national_speakers;
  // Province-level names, short → full (广西 → 广西壮族自治区), for reports that write only
  // "自治区"/"省" where the name belongs.
  std::vector<std::pair<std::string, std::string>> province_names;

  // Reads one rules file and appends its lists; throws StageError("file:line: ...").
  void load(const std::filesystem::path& file);

  // What the core's normaliser keeps line breaks at (reportlens/text.h), from these same
  // lists: the numerals (`numerals`), the ordinal prefix and its heading words (`heading`,
  // and `enumeration.before_numeral` for 第一，), the box labels (`outline.box_labels`) and the
  // salutations (`salutation`) as paragraph openers.
  LineBreakRules line_break_rules() const;
};

}  // namespace reportlens::segment
