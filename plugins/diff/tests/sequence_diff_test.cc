#include <gtest/gtest.h>

#include "sequence_diff.h"

using namespace reportlens::diff;

namespace {
std::string script(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::string s;
  for (const auto& e : myers_diff(a, b))
    s += e.op == EditOp::kEqual ? '=' : e.op == EditOp::kDelete ? '-' : '+';
  return s;
}
}  // namespace

TEST(MyersDiff, ShortestScripts) {
  EXPECT_EQ(script({1, 2, 3}, {1, 2, 3}), "===");
  EXPECT_EQ(script({1, 2, 3}, {1, 3}), "=-=");
  EXPECT_EQ(script({1, 3}, {1, 2, 3}), "=+=");
  EXPECT_EQ(script({}, {1, 2}), "++");
  EXPECT_EQ(script({1, 2}, {}), "--");
  // A B C A B B A -> C B A B A C: the classic example has edit distance 5.
  const auto s = script({1, 2, 3, 1, 2, 2, 1}, {3, 2, 1, 2, 1, 3});
  EXPECT_EQ(std::count_if(s.begin(), s.end(), [](char c) { return c != '='; }), 5);
}

TEST(MyersDiff, IndicesPointIntoBothSequences) {
  const std::vector<std::uint64_t> a{5, 6, 7, 8}, b{5, 9, 7, 8, 10};
  for (const auto& e : myers_diff(a, b)) {
    if (e.op == EditOp::kEqual) EXPECT_EQ(a[e.a], b[e.b]);
  }
}

TEST(MyersDiff, LongSimilarSequencesStayCheap) {
  std::vector<std::uint64_t> a(20000), b;
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = i;
  b = a;
  b[100] = 999999;
  b.erase(b.begin() + 5000);
  const auto edits = myers_diff(a, b);
  std::size_t changes = 0;
  for (const auto& e : edits) changes += e.op != EditOp::kEqual;
  EXPECT_EQ(changes, 3u);
}

TEST(LongestIncreasingSubsequence, FindsTheKeptOrder) {
  const std::vector<std::size_t> v{0, 1, 4, 2, 3};
  const auto lis = longest_increasing_subsequence(v);
  EXPECT_EQ(lis, (std::vector<std::size_t>{0, 1, 3, 4}));
}
