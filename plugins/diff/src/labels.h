// The words the diff and the panel's charts write for readers, from data/labels.yaml: unit
// and scale words of a figure, verdict and direction words, labels of the HTML report and of
// the charts. Shared by the diff's HTML report and summary and by plugins/panel's chart pages,
// so that the same verdict reads the same word everywhere and no C++ file holds the words.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::diff {

class Labels {
 public:
  // Reads a labels file; every key the code uses must be present. Throws
  // StageError("file:line: ...") naming the first missing or malformed entry.
  void load(const std::filesystem::path& file);

  // The text of `key` in `group` (html, chart, sections, figures, verdicts, directions).
  // Keys are checked when the file is loaded, so this never fails for a key the code uses.
  std::string text(const std::string& group, const std::string& key) const;

  // The word of a unit code (CNY -> 元); the code itself when none is listed.
  std::string unit_word(const std::string& code) const;
  // The largest scale word a magnitude reaches (1.3e11 -> {1e8, 亿}); {1, ""} below all.
  std::pair<double, std::string> scale_for(double magnitude) const;

  // A unit written with a scale word (亿元, 万人) as {factor, the rest} ({1e8, 元}); a unit
  // without one as {1, unit}.
  std::pair<double, std::string> split_scale(const std::string& unit) const;

  // A base-unit value with its scale and unit word: 13100000, person -> 1310万人.
  std::string scaled(double value, const std::string& unit) const;
  // One figure: 8 percent -> 8%; 2 percentage_point -> 2个百分点; a level scaled.
  std::string one(const Json& value, const std::string& unit) const;
  // A figure with its qualifier: "≥8%", "6.5–7%", "1310万人".
  std::string figure(const Json& value, const Json& unit, const Json& qualifier) const;

  // 达成 / 未达成 / 无法判断 for met / missed / unclear; a direction's words. An unknown
  // value is written as it is.
  std::string verdict(const std::string& v) const { return text("verdicts", v); }
  std::string direction(const std::string& d) const { return text("directions", d); }

 private:
  std::map<std::string, std::map<std::string, std::string>> groups_;
  std::map<std::string, std::string> units_;
  std::vector<std::pair<double, std::string>> scales_;  // largest first
};

// Compact decimal formatting: at most `decimals` places, trailing zeros dropped.
std::string format_number(double value, int decimals = 2);

}  // namespace reportlens::diff
