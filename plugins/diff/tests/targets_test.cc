// Targets from an earlier report checked against a later report's figures.
#include <gtest/gtest.h>

#include "target_check.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;

namespace {

const Json* find_target(const Json& targets, const std::string& metric) {
  for (const auto& t : targets)
    if (t["metric"] == metric) return &t;
  return nullptr;
}

struct Pair {
  std::unique_ptr<Document> base, compare;
};

Pair national_like() {
  Pair p;
  p.base = make_doc("national/2015.txt",
                    "今年主要预期目标是：国内生产总值增长7%左右，居民消费价格涨幅3%左右，"
                    "城镇新增就业1000万人以上，城镇登记失业率4.5%以内，进出口增长6%左右，"
                    "能耗强度下降3.1%以上。",
                    {{"report_year", 2015}});
  add_indicator(*p.base, "国内生产总值增长7%左右", indicator("国内生产总值", 2015, "target", nullptr, growth(7), "~"));
  add_indicator(*p.base, "居民消费价格涨幅3%左右", indicator("居民消费价格", 2015, "target", nullptr, growth(3), "~"));
  add_indicator(*p.base, "城镇新增就业1000万人以上",
                indicator("城镇新增就业", 2015, "target", level(1e7, "person"), nullptr, ">="));
  add_indicator(*p.base, "城镇登记失业率4.5%以内",
                indicator("城镇登记失业率", 2015, "target", level(4.5, "percent"), nullptr, "<="));
  add_indicator(*p.base, "进出口增长6%左右", indicator("进出口", 2015, "target", nullptr, growth(6), "~"));
  add_indicator(*p.base, "能耗强度下降3.1%以上", indicator("能耗强度", 2015, "target", nullptr, growth(-3.1), "<="));

  p.compare = make_doc("national/2016.txt",
                       "去年国内生产总值达到67.7万亿元，增长6.9%。城镇新增就业1312万人。"
                       "居民消费价格涨幅保持较低水平。单位国内生产总值能耗下降5.6%。"
                       "去年我国进出口总额出现下降，预期增长目标未能实现。",
                       {{"report_year", 2016}});
  add_indicator(*p.compare, "国内生产总值达到67.7万亿元，增长6.9%",
                indicator("国内生产总值", 2015, "actual", level(67.7e12, "CNY"), growth(6.9)));
  add_indicator(*p.compare, "城镇新增就业1312万人",
                indicator("城镇新增就业", 2015, "actual", level(13.12e6, "person"), nullptr));
  add_indicator(*p.compare, "单位国内生产总值能耗下降5.6%",
                indicator("单位国内生产总值能耗", 2015, "actual", nullptr, growth(-5.6)));
  return p;
}

}  // namespace

TEST(Targets, MatchedWithTheLaterReportsActuals) {
  auto p = national_like();
  const DocView a(*p.base, shipped_catalog(), shipped_words()), b(*p.compare, shipped_catalog(), shipped_words());
  const MetricCatalog catalog = shipped_catalog();
  const Json targets = check_targets(a, b, catalog);
  ASSERT_EQ(targets.size(), 6u);

  const Json* gdp = find_target(targets, "国内生产总值");
  ASSERT_TRUE(gdp);
  EXPECT_EQ((*gdp)["verdict"], "met");  // 6.9 against 7左右: within one 0.1 step
  EXPECT_EQ((*gdp)["direction"], "higher_is_better");
  EXPECT_EQ((*gdp)["target"]["value"], 7);
  EXPECT_EQ((*gdp)["actual"]["value"], 6.9);  // the growth, not the level
  // Both evidence spans, code point offsets into each document.
  EXPECT_EQ((*gdp)["target"]["evidence"]["text"], "国内生产总值增长7%左右");
  EXPECT_EQ((*gdp)["target"]["evidence"]["doc"], "national/2015.txt");
  EXPECT_EQ((*gdp)["actual"]["evidence"]["text"], "国内生产总值达到67.7万亿元，增长6.9%");
  EXPECT_EQ((*gdp)["actual"]["evidence"]["begin"], 2);

  // The energy target is matched with the actual under its other name.
  const Json* energy = find_target(targets, "能耗强度");
  ASSERT_TRUE(energy);
  EXPECT_EQ((*energy)["verdict"], "met");
  EXPECT_EQ((*energy)["actual"]["value"], -5.6);
  EXPECT_EQ((*energy)["direction"], "lower_is_better");

  EXPECT_EQ((*find_target(targets, "城镇新增就业"))["verdict"], "met");
}

TEST(Targets, NoLaterActualIsUnclear) {
  auto p = national_like();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  const Json targets = check_targets(a, b, catalog);
  // 城镇登记失业率: the later report says nothing.
  const Json* unemployment = find_target(targets, "城镇登记失业率");
  ASSERT_TRUE(unemployment);
  EXPECT_EQ((*unemployment)["verdict"], "unclear");
  EXPECT_TRUE((*unemployment)["actual"]["value"].is_null());
  EXPECT_TRUE((*unemployment)["actual"]["evidence"].is_null());
  EXPECT_EQ((*unemployment)["direction"], "ceiling");
  // CPI: only a qualitative remark (保持较低水平), which settles nothing.
  EXPECT_EQ((*find_target(targets, "居民消费价格"))["verdict"], "unclear");
}

TEST(Targets, StatedFailureWithoutAFigureIsMissed) {
  auto p = national_like();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  const Json targets = check_targets(a, b, catalog);
  const Json* trade = find_target(targets, "进出口");
  ASSERT_TRUE(trade);
  EXPECT_EQ((*trade)["verdict"], "missed");
  EXPECT_EQ((*trade)["actual"]["qualifier"], "<");
  EXPECT_EQ((*trade)["actual"]["value"], 0);
  EXPECT_EQ((*trade)["actual"]["evidence"]["text"], "去年我国进出口总额出现下降，预期增长目标未能实现。");
}

TEST(Targets, EstimatesAreUsedAndMarked) {
  auto base = make_doc("tiexi/2022.txt", "2023年地区生产总值增长8%以上。", {{"report_year", 2022}});
  add_indicator(*base, "地区生产总值增长8%以上", indicator("地区生产总值", 2023, "target", nullptr, growth(8), ">="));
  auto later = make_doc("tiexi/2023.txt", "全年地区生产总值预计增长6.5%。", {{"report_year", 2023}});
  add_indicator(*later, "地区生产总值预计增长6.5%", indicator("地区生产总值", 2023, "estimate", nullptr, growth(6.5)));
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base, catalog, shipped_words()), b(*later, catalog, shipped_words());
  const Json targets = check_targets(a, b, catalog);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0]["verdict"], "missed");
  EXPECT_EQ(targets[0]["estimate"], true);
  EXPECT_EQ(targets[0]["actual"]["status"], "estimate");
}

TEST(Targets, ActualInAnotherUnitIsUnclear) {
  auto base = make_doc("a/2021.txt", "粮食产量保持在1.3万亿斤以上。", {{"report_year", 2021}});
  add_indicator(*base, "粮食产量保持在1.3万亿斤以上",
                indicator("粮食产量", 2021, "target", level(1.3e12, "jin"), nullptr, ">="));
  auto later = make_doc("a/2022.txt", "粮食产量达到6.8亿吨。", {{"report_year", 2022}});
  add_indicator(*later, "粮食产量达到6.8亿吨", indicator("粮食产量", 2021, "actual", level(6.8e8, "ton"), nullptr));
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base, catalog, shipped_words()), b(*later, catalog, shipped_words());
  const Json targets = check_targets(a, b, catalog);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0]["verdict"], "unclear");
  EXPECT_EQ(targets[0]["actual"]["unit"], "ton");
}

TEST(Targets, FutureTargetsAreNotCheckedAgainstAnEarlierYear) {
  // A 2025 target in the 2022 report cannot be judged by the 2023 report.
  auto base = make_doc("a/2022.txt", "到2025年研发投入强度达到3%。", {{"report_year", 2022}});
  add_indicator(*base, "研发投入强度达到3%", indicator("研发投入强度", 2025, "target", level(3, "percent"), nullptr));
  auto later = make_doc("a/2023.txt", "研发投入强度达到2.5%。", {{"report_year", 2023}});
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base, catalog, shipped_words()), b(*later, catalog, shipped_words());
  EXPECT_TRUE(check_targets(a, b, catalog).empty());
}

TEST(Targets, BelowExpectationInTheProblemsParagraphIsMissedEvenBesideALevelInAnotherUnit) {
  auto a = make_doc("乙市/2023.txt", "主要预期目标是：固定资产投资增长10%以上，实际利用外资增长15%以上，外贸进出口总额增长10%以上。",
                    {{"report_year", 2022}, {"plan_year", 2023}});
  add_indicator(*a, "固定资产投资增长10%以上", indicator("固定资产投资", 2023, "target", nullptr, growth(10), ">="));
  add_indicator(*a, "实际利用外资增长15%以上", indicator("实际利用外资", 2023, "target", nullptr, growth(15), ">="));
  add_indicator(*a, "外贸进出口总额增长10%以上", indicator("外贸进出口总额", 2023, "target", nullptr, growth(10), ">="));
  // Only the level in 亿美元 and the problems paragraph speak of these in the later report.
  auto b = make_doc("乙市/2024.txt", "实际利用外资9.6亿美元。我们也清醒看到，固定资产投资、外资外贸增长低于预期。",
                    {{"report_year", 2023}, {"delivery_year", 2024}});
  add_indicator(*b, "实际利用外资9.6亿美元", indicator("实际利用外资", 2023, "actual", level(9.6e8, "USD"), nullptr));
  const MetricCatalog catalog = shipped_catalog();
  const DocView va(*a, catalog, shipped_words()), vb(*b, catalog, shipped_words());
  EXPECT_EQ(vb.year, 2023);  // meta.report_year, as segment infers it for a 2024 delivery
  const Json targets = check_targets(va, vb, catalog);
  ASSERT_EQ(targets.size(), 3u);
  for (const auto& t : targets) {
    EXPECT_EQ(t["verdict"], "missed") << t["metric"];
    EXPECT_EQ(t["actual"]["evidence"]["text"], "我们也清醒看到，固定资产投资、外资外贸增长低于预期。");
    EXPECT_FALSE(t["estimate"].get<bool>());
  }
}

TEST(Targets, SpendingTargetMatchesTheSpendingFigureWithoutInput) {
  auto a = make_doc("丙市/2024.txt", "主要预期目标是：全社会研发经费投入增长10%。", {{"report_year", 2023}, {"plan_year", 2024}});
  add_indicator(*a, "全社会研发经费投入增长10%", indicator("全社会研发经费投入", 2024, "target", nullptr, growth(10)));
  auto b = make_doc("丙市/2025.txt", "全社会研发经费增长14.2%。", {{"report_year", 2024}, {"plan_year", 2025}});
  add_indicator(*b, "全社会研发经费增长14.2%", indicator("全社会研发经费", 2024, "actual", nullptr, growth(14.2)));
  const MetricCatalog catalog = shipped_catalog();
  const DocView va(*a, catalog, shipped_words()), vb(*b, catalog, shipped_words());
  EXPECT_EQ(vb.year, 2024);
  const Json targets = check_targets(va, vb, catalog);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0]["verdict"], "met");
  EXPECT_EQ(targets[0]["matched_by"], "loose_name");
}

TEST(Targets, RateOfDeclineAsALevelIsANegativeGrowth) {
  auto a = make_doc("丁市/2022.txt", "主要预期目标是：万元地区生产总值能耗下降率不低于3.2%。", {{"report_year", 2021}, {"plan_year", 2022}});
  add_indicator(*a, "地区生产总值能耗下降率不低于3.2%",
                indicator("地区生产总值能耗下降率不低于", 2022, "target", level(3.2, "percent"), nullptr, ">="));
  auto b = make_doc("丁市/2023.txt", "万元地区生产总值能耗下降3.6%。", {{"report_year", 2022}, {"plan_year", 2023}});
  add_indicator(*b, "万元地区生产总值能耗下降3.6%",
                indicator("万元地区生产总值能耗", 2022, "actual", nullptr, growth(-3.6)));
  const MetricCatalog catalog = shipped_catalog();
  const DocView va(*a, catalog, shipped_words()), vb(*b, catalog, shipped_words());
  ASSERT_EQ(va.indicators.size(), 1u);
  EXPECT_EQ(va.indicators[0].growth["value"], -3.2);
  EXPECT_EQ(va.indicators[0].qualifier, "<=");
  const Json targets = check_targets(va, vb, catalog);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0]["target"]["value"], -3.2);
  EXPECT_EQ(targets[0]["direction"], "lower_is_better");
  EXPECT_EQ(targets[0]["verdict"], "met");  // −3.6 ≤ −3.2
}
