// Myers' O((N+M)·D) difference of two hash sequences, the core of the sentence diff.
// Unlike a similarity-matrix approach it stays near-linear when the two reports are alike,
// which is the common case for successive years' reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reportlens::diff {

enum class EditOp { kEqual, kDelete, kInsert };

struct Edit {
  EditOp op;
  std::size_t a = 0;  // index in the base sequence (kEqual, kDelete)
  std::size_t b = 0;  // index in the compare sequence (kEqual, kInsert)
};

// A shortest edit script turning `a` into `b`, in order.
std::vector<Edit> myers_diff(const std::vector<std::uint64_t>& a,
                             const std::vector<std::uint64_t>& b);

// Indices of a longest increasing subsequence of `values` (used to tell which aligned
// sections kept their relative order and which moved).
std::vector<std::size_t> longest_increasing_subsequence(const std::vector<std::size_t>& values);

}  // namespace reportlens::diff
