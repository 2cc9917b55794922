// Galloping offset conversion answers exactly what the binary search answers, in any order.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "report_calendar.h"
#include "reportlens/text.h"

namespace reportlens::indicators {
namespace {

TEST(OffsetsToNormalized, AgreesWithBinarySearchInAnyOrder) {
  // Full-width digits, a zero-width space and a joined line break make the map uneven.
  const std::string text = "增长\u200b１２．５％，\r\n全年１０亿元。\n二、计划\n";
  const NormalizedText norm = normalize_text(text);
  ASSERT_NE(norm.text.size(), text.size());
  std::vector<std::size_t> queries;
  for (std::size_t i = 0; i <= text.size() + 2; ++i) queries.push_back(i);
  OffsetsToNormalized ascending(norm);
  for (std::size_t q : queries) EXPECT_EQ(ascending.at(q), to_normalized(norm, q)) << q;
  std::mt19937 shuffle_with(7);
  std::shuffle(queries.begin(), queries.end(), shuffle_with);
  OffsetsToNormalized shuffled(norm);
  for (std::size_t q : queries) EXPECT_EQ(shuffled.at(q), to_normalized(norm, q)) << q;
  // OffsetsToNormalized keeps a reference to its map: the map must outlive it (a temporary
  // here was a use after scope under AddressSanitizer).
  const NormalizedText blank = normalize_text("");
  OffsetsToNormalized empty(blank);
  EXPECT_EQ(empty.at(0), 0u);
  EXPECT_EQ(empty.at(5), 0u);
}

}  // namespace
}  // namespace reportlens::indicators
