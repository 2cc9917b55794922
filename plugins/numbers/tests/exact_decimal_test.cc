#include "exact_decimal.h"

#include <gtest/gtest.h>

namespace reportlens::numbers {
namespace {

ExactDecimal D(const char* s) { return *ExactDecimal::parse(s); }

TEST(ExactDecimal, ScalingByPowersOfTenIsExact) {
  // 16.4亿: in binary floating point 16.4 * 1e8 is 1639999999.9999998.
  EXPECT_EQ(D("16.4").shifted(8).to_string(), "1640000000");
  EXPECT_EQ(D("16.4").shifted(8).to_json(), nlohmann::ordered_json(1640000000));
  EXPECT_EQ(D("1200.2").shifted(8).to_json(), nlohmann::ordered_json(120020000000));
  EXPECT_EQ(D("0.3").shifted(4).to_string(), "3000");
  EXPECT_EQ(D("74.4").shifted(12).to_string(), "74400000000000");
}

TEST(ExactDecimal, ParsesSeparatorsAndRejectsJunk) {
  EXPECT_EQ(D("1,100.9").to_string(), "1100.9");
  EXPECT_EQ(D("1 200").to_string(), "1200");
  EXPECT_EQ(D("007.50").to_string(), "7.5");
  EXPECT_FALSE(ExactDecimal::parse("").has_value());
  EXPECT_FALSE(ExactDecimal::parse("1.2.3").has_value());
  EXPECT_FALSE(ExactDecimal::parse("-5").has_value());
  EXPECT_FALSE(ExactDecimal::parse("1e5").has_value());
}

TEST(ExactDecimal, AddsAcrossExponents) {
  EXPECT_EQ((D("0.1") + D("0.2")).to_string(), "0.3");
  EXPECT_EQ((D("1").shifted(12) + D("0.5")).to_string(), "1000000000000.5");
  EXPECT_EQ((D("999") + D("1")).to_string(), "1000");
  EXPECT_EQ((ExactDecimal() + D("7")).to_string(), "7");
}

TEST(ExactDecimal, OrdersAndPrints) {
  EXPECT_LT(D("6.5"), D("7"));
  EXPECT_LT(D("0.05"), D("0.5"));
  EXPECT_EQ(D("2.50"), D("2.5"));
  EXPECT_EQ(D("0.05").to_string(), "0.05");
  EXPECT_EQ(D("7.5").to_json(), nlohmann::ordered_json(7.5));
  // Beyond 64 bits the exact text is still right.
  EXPECT_EQ(D("1").shifted(25).to_string(), "10000000000000000000000000");
}

}  // namespace
}  // namespace reportlens::numbers
