#include <gtest/gtest.h>

#include "number_text.h"
#include "test_docs.h"

using namespace reportlens::diff;
using reportlens::diff::fixtures::shipped_words;

namespace {
// The shipped scale words and units (data/words.yaml).
const NumberWords& W() { return shipped_words().numbers; }
}  // namespace

TEST(NumberText, ThousandsSeparatorIsTheSameValue) {
  const auto a = make_sentence_key("地区生产总值完成1200.2亿元，增长1.5%。", 2022, W());
  const auto b = make_sentence_key("地区生产总值完成1,200.2亿元，增长1.5%。", 2022, W());
  EXPECT_EQ(a.value_hash, b.value_hash);
  EXPECT_EQ(a.skeleton, b.skeleton);
  ASSERT_EQ(a.numbers.size(), 2u);
  EXPECT_DOUBLE_EQ(a.numbers[0].value, 1200.2e8);
  EXPECT_EQ(a.numbers[0].unit, "元");
}

TEST(NumberText, ScaleWordsFoldIntoTheValue) {
  const auto a = make_sentence_key("投资1.2亿元。", 0, W());
  const auto b = make_sentence_key("投资12000万元。", 0, W());
  EXPECT_EQ(a.value_hash, b.value_hash);
}

TEST(NumberText, DifferentValueIsAChangeWithDelta) {
  const auto a = make_sentence_key("地区生产总值完成1200.2亿元。", 2022, W());
  const auto b = make_sentence_key("地区生产总值完成1300亿元。", 2023, W());
  EXPECT_NE(a.value_hash, b.value_hash);
  EXPECT_EQ(a.shape_hash, b.shape_hash);
  const auto c = describe_change(a.numbers[0], b.numbers[0], "1200.2亿元", "1300亿元", shipped_words().labels);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->delta_text, "+99.8亿元");
  ASSERT_TRUE(c->percent);
  EXPECT_DOUBLE_EQ(*c->percent, 8.3);
}

TEST(NumberText, RatesMoveInPercentagePoints) {
  const auto a = make_sentence_key("增长1.5%。", 0, W());
  const auto b = make_sentence_key("增长2%。", 0, W());
  const auto c = describe_change(a.numbers[0], b.numbers[0], "1.5%", "2%", shipped_words().labels);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->delta_text, "+0.5个百分点");
  EXPECT_FALSE(c->percent);
}

TEST(NumberText, ReportYearsAreRelative) {
  // "this year" in each report: the same words.
  const auto a = make_sentence_key("2022年经济和社会发展计划执行情况", 2022, W());
  const auto b = make_sentence_key("2023年经济和社会发展计划执行情况", 2023, W());
  EXPECT_EQ(a.value_hash, b.value_hash);
  const auto c = make_sentence_key("2022年经济和社会发展计划执行情况", 2023, W());
  EXPECT_NE(a.value_hash, c.value_hash);
}

TEST(NumberText, NamesWithDigitsAreNotNumbers) {
  const auto n = parse_numbers("新建5G基站1700座，PM2.5浓度下降", W());
  ASSERT_EQ(n.size(), 1u);
  EXPECT_DOUBLE_EQ(n[0].value, 1700);
  EXPECT_EQ(n[0].unit, "座");
}
