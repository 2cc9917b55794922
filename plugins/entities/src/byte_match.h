// Prefix and suffix tests on UTF-8 bytes for the name passes' hot loops. They compare a few
// bytes (a word of two to six characters) tens of thousands of times a report; written as a
// plain loop the compiler inlines them, where substr(...) == p became two out-of-line calls
// (string_view::compare, then memcmp) costing about 60 instructions each (callgrind).
#pragma once

#include <cstddef>
#include <string_view>

namespace reportlens::entities {

inline bool bytes_start_with(std::string_view s, std::string_view p) {
  if (p.size() > s.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (s[i] != p[i]) return false;
  return true;
}

inline bool bytes_end_with(std::string_view s, std::string_view p) {
  if (p.size() > s.size()) return false;
  const std::size_t off = s.size() - p.size();
  for (std::size_t i = p.size(); i-- > 0;)
    if (s[off + i] != p[i]) return false;
  return true;
}

}  // namespace reportlens::entities
