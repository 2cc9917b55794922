// All the Chinese words the diff's code needs, from its data files: what it reads in report
// text (data/words.yaml: number scales and units, sentence ends, "last year" words) and what
// it writes (data/labels.yaml, see labels.h). One object per engine; every DocView points to
// it, so the code that has a document at hand has the words too.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "labels.h"

namespace reportlens::diff {

struct NumberWords {
  std::vector<std::pair<std::string, double>> scales;  // in file order (万亿 before 万)
  std::vector<std::string> not_scales;  // units beginning with a scale word (千瓦)
  std::vector<std::string> units;       // in file order, longest first where prefixes
  std::string year_suffix;              // 年
};

struct DiffWords {
  NumberWords numbers;
  std::vector<std::string> sentence_ends;      // fallback sentence split
  std::vector<std::string> last_year_words;    // 去年, 上年 …
  std::vector<std::string> clause_group_ends;  // ；
  std::vector<std::string> context_delimiters;      // ，。；：、 … around a figure (fact_context)
  std::vector<std::string> context_sentence_stops;  // 。
  Labels labels;

  // Reads `words` (data/words.yaml) and `labels` (data/labels.yaml). Throws
  // StageError("file:line: ...") on a missing key or malformed entry.
  void load(const std::filesystem::path& words, const std::filesystem::path& labels);
  // Both shipped files of a plugin data directory.
  static DiffWords from_data_dir(const std::filesystem::path& dir);
};

}  // namespace reportlens::diff
