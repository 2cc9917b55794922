#include "sequence_diff.h"

#include <algorithm>

namespace reportlens::diff {

std::vector<Edit> myers_diff(const std::vector<std::uint64_t>& a,
                             const std::vector<std::uint64_t>& b) {
  // Common prefix and suffix are trimmed first: cheap, and they are most of the text.
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const long n = static_cast<long>(a.size() - prefix - suffix);
  const long m = static_cast<long>(b.size() - prefix - suffix);
  const auto A = [&](long i) { return a[prefix + static_cast<std::size_t>(i)]; };
  const auto B = [&](long j) { return b[prefix + static_cast<std::size_t>(j)]; };

  std::vector<Edit> middle;
  if (n == 0 || m == 0) {
    for (long i = 0; i < n; ++i) middle.push_back({EditOp::kDelete, prefix + i, 0});
    for (long j = 0; j < m; ++j) middle.push_back({EditOp::kInsert, 0, prefix + j});
  } else {
    // Greedy forward search; `trace` keeps V after each step for the backtrack.
    const long max = n + m;
    const long offset = max + 1;
    std::vector<long> v(static_cast<std::size_t>(2 * max + 3), 0);
    std::vector<std::vector<long>> trace;
    long found_d = -1;
    for (long d = 0; d <= max && found_d < 0; ++d) {
      for (long k = -d; k <= d; k += 2) {
        long x;
        if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
        else x = v[offset + k - 1] + 1;
        long y = x - k;
        while (x < n && y < m && A(x) == B(y)) ++x, ++y;
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found_d = d;
          break;
        }
      }
      // Only diagonals -d..d can be reached after d steps: store that slice (O(D²) memory).
      trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    }
    // Backtrack from (n, m) through the stored frontiers.
    long x = n, y = m;
    std::vector<Edit> reversed;
    for (long d = found_d; d > 0; --d) {
      const std::vector<long>& slice = trace[static_cast<std::size_t>(d - 1)];
      const auto pv = [&](long diagonal) { return slice[static_cast<std::size_t>(diagonal + d - 1)]; };
      const long k = x - y;
      long prev_k;
      if (k == -d || (k != d && pv(k - 1) < pv(k + 1))) prev_k = k + 1;
      else prev_k = k - 1;
      const long prev_x = pv(prev_k);
      const long prev_y = prev_x - prev_k;
      while (x > prev_x && y > prev_y) {
        --x, --y;
        reversed.push_back({EditOp::kEqual, prefix + x, prefix + y});
      }
      if (x == prev_x) reversed.push_back({EditOp::kInsert, 0, prefix + (--y)});
      else reversed.push_back({EditOp::kDelete, prefix + (--x), 0});
    }
    while (x > 0 && y > 0) {
      --x, --y;
      reversed.push_back({EditOp::kEqual, prefix + x, prefix + y});
    }
    middle.assign(reversed.rbegin(), reversed.rend());
  }

  std::vector<Edit> out;
  out.reserve(prefix + middle.size() + suffix);
  for (std::size_t i = 0; i < prefix; ++i) out.push_back({EditOp::kEqual, i, i});
  out.insert(out.end(), middle.begin(), middle.end());
  for (std::size_t s = 0; s < suffix; ++s) {
    const std::size_t i = a.size() - suffix + s, j = b.size() - suffix + s;
    out.push_back({EditOp::kEqual, i, j});
  }
  return out;
}

std::vector<std::size_t> longest_increasing_subsequence(const std::vector<std::size_t>& values) {
  // Patience sorting with predecessor links, O(n log n).
  std::vector<std::size_t> tails;       // index into values of the smallest tail per length
  std::vector<long> previous(values.size(), -1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), values[i],
                               [&](std::size_t t, std::size_t v) { return values[t] < v; });
    if (it != tails.begin()) previous[i] = static_cast<long>(*(it - 1));
    if (it == tails.end()) tails.push_back(i);
    else *it = i;
  }
  std::vector<std::size_t> out;
  for (long i = tails.empty() ? -1 : static_cast<long>(tails.back()); i >= 0; i = previous[i])
    out.push_back(static_cast<std::size_t>(i));
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace reportlens::diff
