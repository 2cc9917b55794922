// Each verdict rule and direction (README "Verdicts").
#include <gtest/gtest.h>

#include <fstream>

#include "target_check.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;

namespace {

Figure fig(Json value, const char* unit, Json qualifier = nullptr) {
  return Figure{std::move(value), unit, std::move(qualifier), true};
}

std::string judge(const Figure& target, const std::string& direction, const Figure& actual) {
  return verdict_of(actual_interval(actual), satisfying_interval(target, direction, Tolerance{}));
}

}  // namespace

TEST(Verdict, AtLeastTargets) {
  // 以上 (>=): the target itself is met, anything below is missed.
  EXPECT_EQ(judge(fig(8, "percent", ">="), "higher_is_better", fig(8, "percent")), "met");
  EXPECT_EQ(judge(fig(8, "percent", ">="), "higher_is_better", fig(7.9, "percent")), "missed");
  EXPECT_EQ(judge(fig(9e6, "person", ">="), "higher_is_better", fig(13.1e6, "person")), "met");
}

TEST(Verdict, StrictBounds) {
  // 超过 (>) needs more than the target; 低于 (<) less.
  EXPECT_EQ(judge(fig(30, "percent", ">"), "higher_is_better", fig(30, "percent")), "missed");
  EXPECT_EQ(judge(fig(30, "percent", ">"), "higher_is_better", fig(30.1, "percent")), "met");
  EXPECT_EQ(judge(fig(4.6, "percent", "<"), "ceiling", fig(4.1, "percent")), "met");
  EXPECT_EQ(judge(fig(4.6, "percent", "<"), "ceiling", fig(4.6, "percent")), "missed");
}

TEST(Verdict, AboutTargetsHaveAOneStepTolerance) {
  // 左右 (~) for higher_is_better: met down to T - 0.1 percentage point.
  EXPECT_EQ(judge(fig(7.5, "percent", "~"), "higher_is_better", fig(7.4, "percent")), "met");
  EXPECT_EQ(judge(fig(7, "percent", "~"), "higher_is_better", fig(6.9, "percent")), "met");
  EXPECT_EQ(judge(fig(7.5, "percent", "~"), "higher_is_better", fig(7.3, "percent")), "missed");
  // Far above an "about" growth target is still met: higher is better.
  EXPECT_EQ(judge(fig(6, "percent", "~"), "higher_is_better", fig(8.1, "percent")), "met");
  // For levels the band is 1% of the target.
  EXPECT_EQ(judge(fig(1e7, "person", "~"), "higher_is_better", fig(9.95e6, "person")), "met");
  EXPECT_EQ(judge(fig(1e7, "person", "~"), "higher_is_better", fig(9.8e6, "person")), "missed");
}

TEST(Verdict, CeilingAndLowerIsBetter) {
  // CPI 涨幅3%左右 is a ceiling: met up to 3.1.
  EXPECT_EQ(judge(fig(3, "percent", "~"), "ceiling", fig(2, "percent")), "met");
  EXPECT_EQ(judge(fig(3, "percent", "~"), "ceiling", fig(3.1, "percent")), "met");
  EXPECT_EQ(judge(fig(3, "percent", "~"), "ceiling", fig(3.2, "percent")), "missed");
  // 以内 (<=).
  EXPECT_EQ(judge(fig(4.5, "percent", "<="), "ceiling", fig(4.5, "percent")), "met");
  EXPECT_EQ(judge(fig(4.5, "percent", "<="), "ceiling", fig(4.6, "percent")), "missed");
  // Energy intensity: a signed decline. 下降3.1%以上 = growth <= -3.1.
  EXPECT_EQ(judge(fig(-3.1, "percent", "<="), "lower_is_better", fig(-5.6, "percent")), "met");
  EXPECT_EQ(judge(fig(-3.4, "percent", "<="), "lower_is_better", fig(-3, "percent")), "missed");
  EXPECT_EQ(judge(fig(5.5, "percent", "~"), "lower_is_better", fig(5.1, "percent")), "met");
  EXPECT_EQ(judge(fig(5.5, "percent", "~"), "lower_is_better", fig(5.7, "percent")), "missed");
}

TEST(Verdict, Ranges) {
  const Figure range = fig(Json::array({6.5, 7}), "percent", "range");
  EXPECT_EQ(judge(range, "higher_is_better", fig(6.7, "percent")), "met");
  EXPECT_EQ(judge(range, "higher_is_better", fig(7.5, "percent")), "met");
  EXPECT_EQ(judge(range, "higher_is_better", fig(6.4, "percent")), "missed");
  EXPECT_EQ(judge(range, "band", fig(7.5, "percent")), "missed");
  EXPECT_EQ(judge(range, "ceiling", fig(6, "percent")), "met");
}

TEST(Verdict, Band) {
  EXPECT_EQ(judge(fig(5, "percent", "~"), "band", fig(5.1, "percent")), "met");
  EXPECT_EQ(judge(fig(5, "percent", "~"), "band", fig(5.3, "percent")), "missed");
  EXPECT_EQ(judge(fig(5, "percent", "~"), "band", fig(4.8, "percent")), "missed");
}

TEST(Verdict, ActualsThatAreOnlyBounds) {
  // "超过4万亿" settles a >= 3万亿 target, not a >= 5万亿 one.
  EXPECT_EQ(judge(fig(3e12, "CNY", ">="), "higher_is_better", fig(4e12, "CNY", ">")), "met");
  EXPECT_EQ(judge(fig(5e12, "CNY", ">="), "higher_is_better", fig(4e12, "CNY", ">")), "unclear");
  // Growth below zero misses a 6% target.
  EXPECT_EQ(judge(fig(6, "percent", "~"), "higher_is_better", fig(0, "percent", "<")), "missed");
  // An "about" actual is a point value.
  EXPECT_EQ(judge(fig(5.5, "percent", "<="), "ceiling", fig(5, "percent", "~")), "met");
}

TEST(Direction, FromTheDataFile) {
  const MetricCatalog c = fixtures::shipped_catalog();
  EXPECT_EQ(direction_for(c, c.canonical("国内生产总值"), "~"), "higher_is_better");
  EXPECT_EQ(direction_for(c, c.canonical("居民消费价格涨幅"), "~"), "ceiling");
  EXPECT_EQ(direction_for(c, c.canonical("城镇登记失业率"), "<="), "ceiling");
  // 城镇调查失业率: ceiling when 以内, lower_is_better when 左右.
  EXPECT_EQ(direction_for(c, c.canonical("城镇调查失业率"), "<="), "ceiling");
  EXPECT_EQ(direction_for(c, c.canonical("城镇调查失业率"), "~"), "lower_is_better");
  EXPECT_EQ(direction_for(c, c.canonical("能耗强度"), "<="), "lower_is_better");
  EXPECT_EQ(direction_for(c, c.canonical("粮食产量"), ">="), "higher_is_better");
  // Unknown metrics: higher is better, unless the target is a cap.
  EXPECT_EQ(direction_for(c, c.canonical("口袋公园"), ">="), "higher_is_better");
  EXPECT_EQ(direction_for(c, c.canonical("审批时限"), "<="), "ceiling");
}

TEST(Direction, AliasesNameTheSameMetric) {
  const MetricCatalog c = fixtures::shipped_catalog();
  EXPECT_EQ(c.canonical("能耗强度"), c.canonical("单位国内生产总值能耗"));
  EXPECT_EQ(c.canonical("调查失业率"), c.canonical("城镇调查失业率"));
  EXPECT_EQ(c.canonical("全国城镇调查失业率"), "城镇调查失业率");
  EXPECT_EQ(c.canonical("进出口总额"), c.canonical("进出口"));
  EXPECT_EQ(c.canonical("居民消费价格涨幅"), "居民消费价格");
  // Exact match only: a rural income is not the overall one.
  EXPECT_NE(c.canonical("农村居民人均可支配收入"), c.canonical("城镇居民人均可支配收入"));
}

TEST(Direction, BadDataFileReportsTheLine) {
  const auto path = std::filesystem::temp_directory_path() / "reportlens_diff_bad_directions.yaml";
  {
    std::ofstream f(path);
    f << "metrics:\n  - canonical: 国内生产总值\n    direction: sideways\n";
  }
  MetricCatalog c;
  try {
    c.load(path);
    FAIL() << "expected an error";
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find(":3:"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}
