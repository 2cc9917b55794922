#include "similarity.h"

#include <algorithm>

#include "reportlens/text.h"

namespace reportlens::diff {

BigramSet bigrams(std::string_view text) {
  BigramSet out;
  std::size_t i = 0;
  char32_t previous = 0;
  bool have_previous = false;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    if (have_previous)
      out.push_back((static_cast<std::uint64_t>(previous) << 32) | static_cast<std::uint64_t>(cp));
    previous = cp;
    have_previous = true;
  }
  if (out.empty() && have_previous) out.push_back(static_cast<std::uint64_t>(previous));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double dice(const BigramSet& a, const BigramSet& b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

double text_similarity(std::string_view a, std::string_view b) {
  return dice(bigrams(a), bigrams(b));
}

}  // namespace reportlens::diff
