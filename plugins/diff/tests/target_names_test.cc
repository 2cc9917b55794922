// Targets whose actual is written differently in the later report (synonyms, the plan's
// action verb), directions of metrics the data file does not list, figures too far apart
// to be the same measure, and gaps in a series of reports.
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

// A county plan for 2023 and the 2023 execution report that follows it.
struct Plan {
  std::unique_ptr<Document> base, compare;
};

Plan county_reports() {
  Plan p;
  p.base = make_doc("c/2022.txt",
                    "2023年主要目标：稳定农作物播种面积23万亩，全年建设5G基站1600个，"
                    "新建口袋公园200个以上，完成170个老旧小区改造工程，科技型企业突破3200户，"
                    "化学需氧量排放下降2%，PM2.5浓度控制在35微克以内，城镇新增就业100万人，"
                    "数字化车间10个，规上工业增加值增长8%。",
                    {{"report_year", 2022}});
  add_indicator(*p.base, "农作物播种面积23万亩",
                indicator("农作物播种面积", 2023, "target", level(230000, "mu"), nullptr));
  add_indicator(*p.base, "5G基站1600个", indicator("5G基站", 2023, "target", level(1600, "item"), nullptr));
  add_indicator(*p.base, "新建口袋公园200个以上",
                indicator("新建口袋公园", 2023, "target", level(200, "item"), nullptr, ">="));
  add_indicator(*p.base, "170个老旧小区改造工程",
                indicator("老旧小区改造工程", 2023, "target", level(170, "item"), nullptr));
  add_indicator(*p.base, "科技型企业突破3200户",
                indicator("科技型企业", 2023, "target", level(3200, "household"), nullptr, ">"));
  add_indicator(*p.base, "化学需氧量排放下降2%", indicator("化学需氧量", 2023, "target", nullptr, growth(-2)));
  add_indicator(*p.base, "城镇新增就业100万人",
                indicator("城镇新增就业", 2023, "target", level(1e6, "person"), nullptr));
  add_indicator(*p.base, "数字化车间10个", indicator("数字化车间", 2023, "target", level(10, "item"), nullptr));
  add_indicator(*p.base, "规上工业增加值增长8%", indicator("规上工业增加值", 2023, "target", nullptr, growth(8)));

  p.compare = make_doc("c/2023.txt",
                       "农作物种植面积23.1万亩。新建5G基站1600座。新建210个口袋公园。"
                       "对170个老旧小区实施改造。新增科技型企业760户。化学需氧量下降3.5%。"
                       "城镇新增就业1351万人。新建数字化车间12个。规模以上工业增加值增长9.1%。",
                       {{"report_year", 2023}});
  add_indicator(*p.compare, "农作物种植面积23.1万亩",
                indicator("农作物种植面积", 2023, "actual", level(231000, "mu"), nullptr));
  add_indicator(*p.compare, "新建5G基站1600座", indicator("新建5G基站", 2023, "actual", level(1600, "item"), nullptr));
  add_indicator(*p.compare, "210个口袋公园", indicator("口袋公园", 2023, "actual", level(210, "item"), nullptr));
  add_indicator(*p.compare, "170个老旧小区", indicator("老旧小区", 2023, "actual", level(170, "item"), nullptr));
  add_indicator(*p.compare, "新增科技型企业760户",
                indicator("新增科技型企业", 2023, "actual", level(760, "household"), nullptr));
  add_indicator(*p.compare, "化学需氧量下降3.5%", indicator("化学需氧量", 2023, "actual", nullptr, growth(-3.5)));
  add_indicator(*p.compare, "城镇新增就业1351万人",
                indicator("城镇新增就业", 2023, "actual", level(13.51e6, "person"), nullptr));
  add_indicator(*p.compare, "新建数字化车间12个",
                indicator("新建数字化车间", 2023, "actual", level(12, "item"), nullptr));
  add_indicator(*p.compare, "规模以上工业增加值增长9.1%",
                indicator("规模以上工业增加值", 2023, "actual", nullptr, growth(9.1)));
  return p;
}

Json county_targets() {
  static const Json targets = [] {
    auto p = county_reports();
    const MetricCatalog catalog = shipped_catalog();
    const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
    return check_targets(a, b, catalog);
  }();
  return targets;
}

}  // namespace

TEST(TargetNames, SynonymsFindTheActual) {
  const Json t = county_targets();
  // 播种面积 (plan) = 种植面积 (execution report).
  const Json* area = find_target(t, "农作物播种面积");
  ASSERT_TRUE(area);
  EXPECT_EQ((*area)["verdict"], "met");
  EXPECT_EQ((*area)["actual"]["value"], 231000);
  // 规上 = 规模以上.
  const Json* industry = find_target(t, "规上工业增加值");
  ASSERT_TRUE(industry);
  EXPECT_EQ((*industry)["canonical"], "规模以上工业增加值");
  EXPECT_EQ((*industry)["verdict"], "met");
}

TEST(TargetNames, ThePlansActionWordDoesNotHideTheActual) {
  const Json t = county_targets();
  for (const char* metric : {"5G基站", "新建口袋公园", "老旧小区改造工程", "数字化车间"}) {
    const Json* x = find_target(t, metric);
    ASSERT_TRUE(x) << metric;
    EXPECT_EQ((*x)["verdict"], "met") << metric;
    EXPECT_EQ((*x)["matched_by"], "loose_name") << metric;
  }
  EXPECT_EQ((*find_target(t, "5G基站"))["actual"]["evidence"]["text"], "新建5G基站1600座");
  EXPECT_EQ((*find_target(t, "数字化车间"))["actual"]["value"], 12);
}

TEST(TargetNames, NewlyAddedIsNotTheStock) {
  // 新增科技型企业760户 (added this year) says nothing about the 3200 stock target.
  const Json t = county_targets();
  const Json* firms = find_target(t, "科技型企业");
  ASSERT_TRUE(firms);
  EXPECT_EQ((*firms)["verdict"], "unclear");
  EXPECT_TRUE((*firms)["actual"]["value"].is_null());
}

TEST(TargetNames, PlannedDeclineOfAnUnlistedMetricIsLowerIsBetter) {
  const Json t = county_targets();
  const Json* cod = find_target(t, "化学需氧量");
  ASSERT_TRUE(cod);
  EXPECT_EQ((*cod)["direction"], "lower_is_better");
  EXPECT_EQ((*cod)["verdict"], "met");  // fell 3.5% where 2% was planned
  const MetricCatalog c = shipped_catalog();
  // Names with a lower-is-better word, with and without a bound.
  EXPECT_EQ(direction_for(c, "PM2.5浓度", Json(nullptr)), "lower_is_better");
  EXPECT_EQ(direction_for(c, "PM2.5浓度", "<="), "ceiling");
  EXPECT_EQ(direction_for(c, "数字化车间", Json(nullptr)), "higher_is_better");
  // An amount removed: the more the better, although 贫困人口 is a lower-is-better word.
  EXPECT_EQ(direction_for(c, "减少农村贫困人口", ">="), "higher_is_better");
  EXPECT_EQ(direction_for(c, "农村贫困人口", Json(nullptr)), "lower_is_better");
  // A rate of safe use is not a pollution level.
  EXPECT_EQ(direction_for(c, "污染地块安全利用率", Json(nullptr)), "higher_is_better");
}

TEST(TargetNames, FiguresSeveralTimesApartAreNotTheSameMeasure) {
  // "城镇新增就业比去年多100万人" read as a 100万 target against 1351万 jobs: not comparable.
  const Json t = county_targets();
  const Json* jobs = find_target(t, "城镇新增就业");
  ASSERT_TRUE(jobs);
  EXPECT_EQ((*jobs)["verdict"], "unclear");
  EXPECT_NE((*jobs)["reason"].get<std::string>().find("3 times"), std::string::npos);
}

TEST(TargetNames, MoneySupplyIsABand) {
  const MetricCatalog c = shipped_catalog();
  EXPECT_EQ(c.canonical("M2"), "广义货币M2");
  EXPECT_EQ(direction_for(c, c.canonical("广义货币M2"), "~"), "band");
  const Figure target{Json(13), "percent", Json("~"), true};
  EXPECT_EQ(verdict_of(actual_interval(Figure{Json(14.5), "percent", Json(nullptr), true}),
                       satisfying_interval(target, "band", c.tolerance())),
            "missed");
}

TEST(TargetNames, AGapInTheSeriesIsNamed) {
  // Targets for 2019 checked against the report on 2020 (the 2020 report is missing).
  auto base = make_doc("n/2019.txt", "城镇新增就业1100万人以上。", {{"report_year", 2019}});
  add_indicator(*base, "城镇新增就业1100万人以上",
                indicator("城镇新增就业", 2019, "target", level(11e6, "person"), nullptr, ">="));
  auto later = make_doc("n/2021.txt", "城镇新增就业1186万人。", {{"report_year", 2020}});
  add_indicator(*later, "城镇新增就业1186万人",
                indicator("城镇新增就业", 2020, "actual", level(11.86e6, "person"), nullptr));
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base, catalog, shipped_words()), b(*later, catalog, shipped_words());
  const Json t = check_targets(a, b, catalog);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]["verdict"], "unclear");  // a 2020 figure says nothing about 2019
  EXPECT_NE(t[0]["reason"].get<std::string>().find("reviews 2020"), std::string::npos);
}

TEST(TargetNames, NotAchievedMustBeAboutTheMetric) {
  auto base = make_doc("n/2010.txt", "国内生产总值增长8%左右，居民消费价格涨幅3%左右。", {{"report_year", 2010}});
  add_indicator(*base, "国内生产总值增长8%左右", indicator("国内生产总值", 2010, "target", nullptr, growth(8), "~"));
  add_indicator(*base, "居民消费价格涨幅3%左右", indicator("居民消费价格", 2010, "target", nullptr, growth(3), "~"));
  // The remark names GDP only inside another measure (a share of GDP), after a ；, and
  // says the five-year plan target of that share was missed; the CPI remark is about CPI.
  auto later = make_doc("n/2011.txt",
                        "问题主要是：经济增长的资源环境约束强化，投资与消费关系失衡；"
                        "研究与试验发展经费支出占国内生产总值比重没有完成规划目标。"
                        "去年物价调控目标没有完成。",
                        {{"report_year", 2011}});
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base, catalog, shipped_words()), b(*later, catalog, shipped_words());
  const Json t = check_targets(a, b, catalog);
  const Json* gdp = find_target(t, "国内生产总值");
  ASSERT_TRUE(gdp);
  EXPECT_EQ((*gdp)["verdict"], "unclear");
  const Json* cpi = find_target(t, "居民消费价格");
  ASSERT_TRUE(cpi);
  EXPECT_EQ((*cpi)["verdict"], "missed");
  EXPECT_EQ((*cpi)["actual"]["evidence"]["text"], "去年物价调控目标没有完成。");
}
