// Matching the word lists of data/segment.yaml against a piece of text (one copy for the
// title block, metadata, region and segmenter code).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace reportlens::segment {

inline bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

inline bool contains_any(std::string_view s, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return contains(s, w); });
}

inline bool starts_with_any(std::string_view s, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return s.starts_with(w); });
}

inline bool ends_with_any(std::string_view s, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return s.ends_with(w); });
}

}  // namespace reportlens::segment
