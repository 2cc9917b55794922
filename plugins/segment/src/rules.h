// The word lists the segment stage works with (data/segment.yaml, extendable per pipeline).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reportlens::segment {

struct SegmentRules {
  std::vector<std::string> review_words, plan_words;
  std::vector<std::string> bulletin_words, plan_report_words, work_report_words;
  std::vector<std::string> salutations;
  std::vector<std::string> national_words;
  std::vector<std::string> region_suffixes;
  std::vector<std::string> city_stopwords;

  // Reads one rules file and appends its lists; throws StageError("file:line: ...").
  void load(const std::filesystem::path& file);
};

}  // namespace reportlens::segment
