#include "lines.h"

namespace reportlens::segment {

std::vector<Line> split_lines(std::string_view t) {
  std::vector<Line> lines;
  std::size_t newlines_before = 2;  // the text start counts as a blank line
  std::size_t pos = 0;
  while (pos < t.size()) {
    std::size_t eol = t.find('\n', pos);
    if (eol == std::string_view::npos) eol = t.size();
    std::size_t b = pos, e = eol;
    while (b < e && (t[b] == ' ' || t[b] == '\t')) ++b;
    while (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t')) --e;
    if (b < e) {
      if (!lines.empty()) lines.back().blank_after = newlines_before >= 2;
      lines.push_back({b, e, newlines_before >= 2, true});
      newlines_before = 0;
    }
    if (eol < t.size()) ++newlines_before;
    pos = eol + 1;
  }
  if (!lines.empty()) lines.back().blank_after = true;
  return lines;
}

Span to_original(const NormalizedText& norm, std::size_t begin, std::size_t end) {
  if (begin >= end) {
    const std::size_t at = norm.original_begin(begin);
    return {at, at};
  }
  return {norm.original_begin(begin), norm.original_end(end)};
}

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size() / 2 + 1);
  for (std::size_t i = 0; i < utf8.size();) out.push_back(decode_code_point(utf8, i));
  return out;
}

std::size_t byte_offset(std::string_view utf8, std::size_t index) {
  std::size_t i = 0;
  for (std::size_t n = 0; n < index && i < utf8.size(); ++n) decode_code_point(utf8, i);
  return i;
}

}  // namespace reportlens::segment
