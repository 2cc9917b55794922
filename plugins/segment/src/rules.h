// The word lists the segment stage works with (data/segment.yaml, extendable per pipeline).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace reportlens::segment {

struct SegmentRules {
  std::vector<std::string> review_words, plan_words;
  std::vector<std::string> bulletin_words, plan_report_words, work_report_words, work_report_speakers;
  std::vector<std::string> salutations;
  std::vector<std::string> national_words;
  std::vector<std::string> region_suffixes;
  std::vector<std::string> city_stopwords;
  // The delivery line (data/segment.yaml `delivery`).
  std::vector<std::string> dashes, congress_words, meeting_words, title_labels;
  std::vector<int> next_year_months;
  // Naming the region outside the delivery line (`region`): "我代表X人民政府", "X市长 …".
  std::vector<std::string> government_words, office_words, suffix_words;
  // Province-level names, short → full (广西 → 广西壮族自治区), for reports that write only
  // "自治区"/"省" where the name belongs.
  std::vector<std::pair<std::string, std::string>> province_names;

  // Reads one rules file and appends its lists; throws StageError("file:line: ...").
  void load(const std::filesystem::path& file);
};

}  // namespace reportlens::segment
