// Candidates by begin offset, to ask "which candidates overlap or cover [b, e)?" without a
// pass over all of them: a long document has about as many candidates as name occurrences,
// so a pass per occurrence was quadratic in the document's length.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <vector>

#include "candidate.h"

namespace reportlens::entities {

class SpanIndex {
 public:
  SpanIndex() = default;
  explicit SpanIndex(const std::vector<Candidate>& candidates) {
    for (std::size_t i = 0; i < candidates.size(); ++i) add(i, candidates[i]);
  }
  // Index i of a candidate appended to the vector after construction.
  void add(std::size_t i, const Candidate& c) {
    by_begin_.emplace(c.begin, i);
    longest_ = std::max(longest_, c.length());
  }
  // Calls f(i) for every indexed candidate that overlaps [b, e) (and maybe a few that only
  // start near it: callers test the spans themselves). Order: by begin offset.
  template <class F>
  void near(std::size_t b, std::size_t e, F&& f) const {
    const std::size_t from = b > longest_ ? b - longest_ : 0;
    for (auto it = by_begin_.lower_bound(from); it != by_begin_.end() && it->first < e; ++it) f(it->second);
  }
  // Does any indexed candidate for which pred(i) holds overlap [b, e)?
  template <class P>
  bool any_near(std::size_t b, std::size_t e, P&& pred) const {
    const std::size_t from = b > longest_ ? b - longest_ : 0;
    for (auto it = by_begin_.lower_bound(from); it != by_begin_.end() && it->first < e; ++it)
      if (pred(it->second)) return true;
    return false;
  }

 private:
  std::multimap<std::size_t, std::size_t> by_begin_;
  std::size_t longest_ = 0;
};

}  // namespace reportlens::entities
