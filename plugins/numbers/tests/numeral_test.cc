#include "numeral.h"

#include <gtest/gtest.h>

namespace reportlens::numbers {
namespace {

std::string value_of(const char* run) {
  const auto n = parse_numeral(run);
  if (!n) return "invalid";
  if (n->digit_sequence) return "seq:" + n->low.to_string();
  if (n->is_range) return n->low.to_string() + ".." + n->high.to_string();
  return n->low.to_string();
}

TEST(Numeral, ChineseComposition) {
  EXPECT_EQ(value_of("一千二百"), "1200");
  EXPECT_EQ(value_of("十九"), "19");
  EXPECT_EQ(value_of("两"), "2");
  EXPECT_EQ(value_of("零"), "0");
  EXPECT_EQ(value_of("一千零五"), "1005");
  EXPECT_EQ(value_of("二十万亿"), "20000000000000");
  EXPECT_EQ(value_of("一万五千亿"), "1500000000000");
  EXPECT_EQ(value_of("百亿"), "10000000000");
  EXPECT_EQ(value_of("万"), "10000");
  EXPECT_EQ(value_of("七点五"), "7.5");
  EXPECT_EQ(value_of("一亿五千万"), "150000000");
}

TEST(Numeral, MixedArabicAndChinese) {
  EXPECT_EQ(value_of("3万4000"), "34000");
  EXPECT_EQ(value_of("25万6千"), "256000");
  EXPECT_EQ(value_of("1.6万"), "16000");
  EXPECT_EQ(value_of("16.4亿"), "1640000000");
  EXPECT_EQ(value_of("1,100.9亿"), "110090000000");
  EXPECT_EQ(value_of("74.4万亿"), "74400000000000");
  EXPECT_EQ(value_of("1亿5000万"), "150000000");
}

TEST(Numeral, RangesSequencesAndJunk) {
  EXPECT_EQ(value_of("十几万"), "110000..190000");
  EXPECT_EQ(value_of("几十"), "20..90");
  EXPECT_EQ(value_of("二〇二二"), "seq:2022");
  EXPECT_EQ(value_of("三四"), "seq:34");
  EXPECT_EQ(value_of("三一"), "seq:31");
  EXPECT_EQ(value_of("十三五"), "invalid");
  EXPECT_EQ(value_of("三四百"), "invalid");
  EXPECT_EQ(value_of("3三"), "invalid");
  EXPECT_EQ(value_of("千千万万"), "invalid");
  EXPECT_EQ(value_of("十十"), "invalid");
  EXPECT_EQ(value_of("一百一十"), "110");
}

}  // namespace
}  // namespace reportlens::numbers
