// The phrasings of the year's growth target and of its outcome that kept a place-year out of
// the panel's 地区生产总值 coverage (issue 17): milestone clauses before the figures, a review
// paragraph that names the plan it ends, target lists proposed or arranged, a list of whole
// names sharing one rate, the report's own region before its subject, figures joined to a
// yearly average. Texts written here in the style of local work reports (no report is copied),
// run through the real segment + numbers + indicators stages.
#include <gtest/gtest.h>

#include "test_support.h"

namespace {

using reportlens::Json;
using reportlens::indicators::testing::fact_with_evidence;
using reportlens::indicators::testing::run_all;

constexpr const char* kMultiYear = "multi_year_indicator";

// Every indicator fact of `doc` (type `type`) whose metric is `metric`.
std::vector<Json> facts_of(const reportlens::Document& doc, const std::string& metric,
                           const char* type = "indicator") {
  std::vector<Json> out;
  for (const auto& a : doc.annotations(type))
    if (a.attrs.value("metric", std::string()) == metric) out.push_back(a.attrs);
  return out;
}

TEST(GdpCoverage, AMilestoneClauseNamesTheFiguresAfterIt) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2024年1月10日在某市第九届人民代表大会第四次会议上\n"
      "一、2023年工作回顾\n"
      "一年来，全市经济回升向好。全市生产总值突破3万亿元大关，达到3.12万亿元，增长6.2%。\n"
      "全市地区生产总值再次跨过一个千亿级台阶，达到4021.5亿元、同比增长5.3%。\n"
      "全年地区生产总值迈上新台阶，总量突破6000亿元，增长4.9%。\n"
      "进出口总额迈上2000亿元新台阶、达到2156亿元、增长7.1%。\n"
      "科技型中小企业首次突破1万家大关，达到1.2万家。\n",
      "city/milestones.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  // 大关 after the milestone figure is no slogan count (四大基地): the figure is a level passed.
  auto passed = fact_with_evidence(*doc, "生产总值突破3万亿元");
  ASSERT_FALSE(passed.is_null());
  EXPECT_EQ(passed["qualifier"], ">");
  // The figures after it continue its subject, level and growth in one fact.
  auto reached = fact_with_evidence(*doc, "3.12万亿元，增长6.2%");
  ASSERT_FALSE(reached.is_null());
  EXPECT_EQ(reached["metric"], "生产总值");
  EXPECT_EQ(reached["indicator"], "地区生产总值");
  EXPECT_EQ(reached["growth"]["value"], 6.2);
  EXPECT_EQ(reached["period"], 2023);
  EXPECT_EQ(reached["status"], "actual");
  // A milestone without a figure of its own (千亿级台阶 is a grade): its subject names the next one.
  auto crossed = fact_with_evidence(*doc, "地区生产总值再次跨过一个千亿级台阶，达到4021.5亿元、同比增长5.3%");
  ASSERT_FALSE(crossed.is_null());
  EXPECT_EQ(crossed["metric"], "地区生产总值");
  EXPECT_EQ(crossed["growth"]["value"], 5.3);
  // 迈上新台阶，总量突破…: the total is the subject's.
  auto total = fact_with_evidence(*doc, "地区生产总值迈上新台阶，总量突破6000亿元");
  ASSERT_FALSE(total.is_null());
  EXPECT_EQ(total["metric"], "地区生产总值");
  auto growth = fact_with_evidence(*doc, "4.9%");
  ASSERT_FALSE(growth.is_null());
  EXPECT_EQ(growth["metric"], "地区生产总值");
  // 新台阶 after a figure is no subject of the next one.
  auto trade = fact_with_evidence(*doc, "2156亿元、增长7.1%");
  ASSERT_FALSE(trade.is_null());
  EXPECT_EQ(trade["metric"], "进出口总额");
  EXPECT_TRUE(facts_of(*doc, "新台阶").empty());
  // …首次突破1万家大关: 大关 is no counted noun.
  EXPECT_TRUE(facts_of(*doc, "大关").empty());
  EXPECT_EQ(facts_of(*doc, "科技型中小企业").size(), 2u);
}

TEST(GdpCoverage, MilestonesPassedOneAfterAnotherAreNoLevelOfTheYear) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2026年1月9日在某市第十七届人民代表大会第五次会议上\n"
      "一、2025年工作回顾\n"
      "五年来，我们攻坚克难。\n"
      "2025年，地区生产总值连续跨越7000亿、8000亿两个千亿台阶。\n"
      "全省生产总值连跨2个万亿元台阶、达到4.5万亿元左右。\n"
      "进出口总额跨过3个百亿元台阶、达到612亿元。\n",
      "city/successive.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  // Levels passed over several years, the count of steps and the size of each: no facts.
  for (const char* surface : {"7000亿", "8000亿"})
    EXPECT_TRUE(fact_with_evidence(*doc, surface).is_null()) << surface;
  for (const auto& a : doc->annotations("indicator")) {
    const Json& level = a.attrs["level"];
    EXPECT_FALSE(level.is_object() && level.value("unit", std::string()) == "item") << a.attrs.dump();
  }
  // The level reached after them is the subject's, without the milestones.
  auto reached = fact_with_evidence(*doc, "4.5万亿元左右");
  ASSERT_FALSE(reached.is_null());
  EXPECT_EQ(reached["metric"], "生产总值");
  auto trade = fact_with_evidence(*doc, "进出口总额跨过3个百亿元台阶、达到612亿元");
  ASSERT_FALSE(trade.is_null());
  EXPECT_EQ(trade["metric"], "进出口总额");
}

TEST(GdpCoverage, AReviewOfOneYearThatNamesItsPlanIsNoSpan) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2022年1月8日在某市第十六届人民代表大会第一次会议上\n"
      "一、2021年工作回顾\n"
      "各位代表！2021年是“十四五”开局之年。全市地区生产总值增长8.2%，一般公共预算收入增长9.1%。\n"
      "去年是全面建成小康社会和“十三五”规划的收官之年，预计全市地区生产总值同比增长0.2%，固定资产投资增长15%。\n"
      "2016年是“十三五”开局之年。过去五年，累计新增城镇就业60万人，地区生产总值年均增长6%。\n"
      "二、今后五年工作思路和2022年主要工作建议\n"
      "各位代表！2022 年是实施“十四五”规划承上启下的关键一年。发展的主要预期目标为:地区生产总值增长7.5%左右。\n",
      "city/reviewed-year.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  // The reviewed year, whatever plan the opening names (after an address to the deputies).
  for (const char* surface : {"增长8.2%", "增长9.1%"}) {
    auto fact = fact_with_evidence(*doc, surface);
    ASSERT_FALSE(fact.is_null()) << surface;
    EXPECT_EQ(fact["period"], 2021) << surface;
    EXPECT_EQ(fact["status"], "actual") << surface;
  }
  // 去年是…“十三五”规划的收官之年: one year, no multi-year review.
  auto estimate = fact_with_evidence(*doc, "地区生产总值同比增长0.2%");
  ASSERT_FALSE(estimate.is_null());
  EXPECT_EQ(estimate["status"], "estimate");
  // A paragraph that goes on to review the five years stays a multi-year review.
  EXPECT_TRUE(fact_with_evidence(*doc, "60万人").is_null());
  // The planned year (written 2022 年) after an address: the year's target, not the plan's.
  auto target = fact_with_evidence(*doc, "地区生产总值增长7.5%左右");
  ASSERT_FALSE(target.is_null());
  EXPECT_EQ(target["period"], 2022);
  EXPECT_EQ(target["status"], "target");
  EXPECT_TRUE(fact_with_evidence(*doc, "增长7.5%左右", kMultiYear).is_null());
}

TEST(GdpCoverage, TargetListsProposedOrArrangedAreTheYearsTargets) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2021年1月20日在某市第十七届人民代表大会第五次会议上\n"
      "三、2021年工作安排\n"
      "按照“十四五”规划部署，今年主要预期目标安排是：地区生产总值增长7%以上，规模工业增加值增长7%。\n"
      "今年经济社会发展的主要预期目标建议为：经济增长6.5%以上，一般公共预算收入增长3%。\n"
      "今年主要发展预期目标是：地区生产总值、固定资产投资、社会消费品零售总额、一般公共预算收入均增长6%左右。\n",
      "city/target-lists.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto arranged = fact_with_evidence(*doc, "地区生产总值增长7%以上");
  ASSERT_FALSE(arranged.is_null());
  EXPECT_EQ(arranged["period"], 2021);
  EXPECT_EQ(arranged["status"], "target");
  // 经济增长 is the 地区生产总值 of the catalogue.
  auto proposed = fact_with_evidence(*doc, "经济增长6.5%以上");
  ASSERT_FALSE(proposed.is_null());
  EXPECT_EQ(proposed["status"], "target");
  EXPECT_EQ(proposed["indicator"], "地区生产总值");
  // Whole names sharing one rate keep their own heads (no 地区生产总值收入).
  std::vector<std::string> metrics;
  for (const auto& a : doc->annotations("indicator"))
    if (a.attrs.value("evidence", std::string()) ==
        "地区生产总值、固定资产投资、社会消费品零售总额、一般公共预算收入均增长6%左右")
      metrics.push_back(a.attrs.value("metric", std::string()));
  EXPECT_EQ(metrics, (std::vector<std::string>{"地区生产总值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入"}));
}

TEST(GdpCoverage, TheRegionsOwnNameIsScopeAndAveragesStayTogether) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2023年1月6日在贵阳市第十五届人民代表大会第二次会议上\n"
      "一、2022年工作回顾\n"
      "贵阳市地区生产总值达到4921.17亿元、增长2.0%。\n"
      "固定资产投资和社会消费品零售总额年均增长8.5%和5.7%。\n",
      "贵阳市/2023.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto gdp = fact_with_evidence(*doc, "地区生产总值达到4921.17亿元、增长2.0%");
  ASSERT_FALSE(gdp.is_null());
  EXPECT_EQ(gdp["metric"], "地区生产总值");
  // 和5.7% is a yearly average like 8.5%: no figure of the year.
  EXPECT_TRUE(fact_with_evidence(*doc, "5.7%").is_null());
}

}  // namespace
