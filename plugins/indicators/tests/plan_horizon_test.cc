// Multi-year plans: a five-year plan named in a heading or an opening clause (“十四五”时期主要
// 目标任务, 今后五年，…) dates its targets by the plan's span. Levels reached are the state at
// the span's end (an `indicator` of the last year); changes, yearly averages, sums and levels
// held (控制在…以内) cover the span: they are `multi_year_indicator` annotations with period
// [first, last], because an `indicator`'s period is one year (the result contract). Texts
// written here in the styles of a city work report and a county plan report, run through the
// real stages.
#include <gtest/gtest.h>

#include "report_calendar.h"
#include "reportlens/testing.h"
#include "test_support.h"

namespace {

using reportlens::Json;

using reportlens::indicators::testing::run_all;

constexpr const char* kIndicator = "indicator";
constexpr const char* kMultiYear = "multi_year_indicator";

// The first fact of this annotation type whose evidence contains `surface`.
Json fact_with(const reportlens::Document& doc, const std::string& surface,
               const std::string& type = kIndicator) {
  for (const auto& a : doc.annotations(type))
    if (a.attrs["evidence"].get<std::string>().find(surface) != std::string::npos) return a.attrs;
  return Json();
}

// The first multi-year fact (period [first, last]) whose evidence contains `surface`.
Json span_fact_with(const reportlens::Document& doc, const std::string& surface) {
  return fact_with(doc, surface, kMultiYear);
}

// The contract: an `indicator`'s period is one year; only the other type carries a span.
void expect_period_types(const reportlens::Document& doc) {
  for (const auto& a : doc.annotations(kIndicator))
    EXPECT_TRUE(a.attrs["period"].is_number_integer()) << a.attrs.dump();
  for (const auto& a : doc.annotations(kMultiYear)) {
    ASSERT_TRUE(a.attrs["period"].is_array()) << a.attrs.dump();
    ASSERT_EQ(a.attrs["period"].size(), 2u) << a.attrs.dump();
    EXPECT_LT(a.attrs["period"][0].get<int>(), a.attrs["period"][1].get<int>()) << a.attrs.dump();
  }
}

TEST(FiveYearPlanNames, AreReadOnlyWhereTheyCannotBeNumbers) {
  using reportlens::indicators::five_year_plan_at;
  const reportlens::indicators::Lexicon& lex = reportlens::indicators::testing::shipped_lexicon();
  std::size_t length = 0;
  auto span = five_year_plan_at("“十四五”时期", std::string_view("“").size(), &length, lex);
  EXPECT_EQ(span.first, 2021);
  EXPECT_EQ(span.last, 2025);
  EXPECT_EQ(length, std::string_view("十四五").size());
  span = five_year_plan_at("“十二五”", std::string_view("“").size(), &length, lex);
  EXPECT_EQ(span.first, 2011);
  span = five_year_plan_at("“九五”期间", std::string_view("“").size(), &length, lex);
  EXPECT_EQ(span.first, 1996);
  EXPECT_EQ(span.last, 2000);
  span = five_year_plan_at("十五时期", 0, &length, lex);  // the tenth plan
  EXPECT_EQ(span.first, 2001);
  span = five_year_plan_at("“十五五”时期", std::string_view("“").size(), &length, lex);  // the fifteenth
  EXPECT_EQ(span.first, 2026);
  EXPECT_EQ(span.last, 2030);
  EXPECT_EQ(length, std::string_view("十五五").size());
  // Plain numbers: 十五条措施, 二十五个, 第十五届.
  EXPECT_TRUE(five_year_plan_at("十五条措施", 0, &length, lex).empty());
  EXPECT_TRUE(five_year_plan_at("二十五个", std::string_view("二").size(), &length, lex).empty());
  EXPECT_TRUE(five_year_plan_at("第十五届", std::string_view("第").size(), &length, lex).empty());
}

const char* kCityWorkReport =
    "政府工作报告\n"
    "——2021年1月20日在某市第十六届人民代表大会第五次会议上\n"
    "一、“十三五”时期和2020年工作回顾\n"
    "过去五年，全市地区生产总值年均增长6.8%，五年累计完成固定资产投资1.2万亿元。\n"
    "2020年，全市地区生产总值实现3050亿元，增长3.1%；城镇新增就业5.2万人。\n"
    "二、“十四五”时期主要目标任务\n"
    "今后五年，全市地区生产总值年均增长6%左右，到2025年突破4000亿元；常住人口城镇化率提高到70%；"
    "单位地区生产总值能耗下降13%；五年新增城镇就业25万人以上；城镇调查失业率控制在5.5%以内。\n"
    "三、2021年工作安排\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长5%。\n";

TEST(PlanHorizon, FiveYearPlanTargetsOfACityWorkReport) {
  auto doc = run_all(kCityWorkReport, "city/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  const Json span = Json::array({2021, 2025});

  expect_period_types(*doc);
  auto average = span_fact_with(*doc, "年均增长6%左右");
  ASSERT_FALSE(average.is_null());
  EXPECT_TRUE(fact_with(*doc, "年均增长6%左右").is_null());  // not an `indicator` too
  EXPECT_EQ(average["metric"], "地区生产总值");
  EXPECT_EQ(average["period"], span);
  EXPECT_EQ(average["status"], "target");
  EXPECT_EQ(average["average"], true);
  EXPECT_DOUBLE_EQ(average["growth"]["value"].get<double>(), 6);

  auto end_level = fact_with(*doc, "4000亿元");  // dated by 到2025年
  ASSERT_FALSE(end_level.is_null());
  EXPECT_EQ(end_level["period"], 2025);

  auto rate = fact_with(*doc, "城镇化率提高到70%");  // a level reached: the span's end
  ASSERT_FALSE(rate.is_null());
  EXPECT_EQ(rate["period"], 2025);

  auto energy = span_fact_with(*doc, "能耗下降13%");  // a change over the span
  ASSERT_FALSE(energy.is_null());
  EXPECT_EQ(energy["period"], span);
  EXPECT_DOUBLE_EQ(energy["growth"]["value"].get<double>(), -13);

  auto jobs = span_fact_with(*doc, "25万人");  // a sum over the span; 五年 is not in the metric
  ASSERT_FALSE(jobs.is_null());
  EXPECT_EQ(jobs["metric"], "新增城镇就业");
  EXPECT_EQ(jobs["period"], span);

  auto held = span_fact_with(*doc, "控制在5.5%以内");  // held every year
  ASSERT_FALSE(held.is_null());
  EXPECT_EQ(held["period"], span);

  // The one-year targets after the plan section and the reviewed year stay single years.
  auto this_year = fact_with(*doc, "增长7%左右");
  ASSERT_FALSE(this_year.is_null());
  EXPECT_EQ(this_year["period"], 2021);
  auto reviewed = fact_with(*doc, "3050亿元");
  ASSERT_FALSE(reviewed.is_null());
  EXPECT_EQ(reviewed["period"], 2020);
  EXPECT_EQ(reviewed["status"], "actual");

  // A multi-year review: its average and its five-year sum fit no single year.
  EXPECT_TRUE(fact_with(*doc, "6.8%").is_null());
  EXPECT_TRUE(fact_with(*doc, "1.2万亿元").is_null());
  EXPECT_TRUE(span_fact_with(*doc, "6.8%").is_null());
  EXPECT_TRUE(span_fact_with(*doc, "1.2万亿元").is_null());
}

TEST(PlanHorizon, NextYearsOfACountyPlanReport) {
  auto doc = run_all(
      "关于某县2019年国民经济和社会发展计划执行情况及2020年计划草案的报告\n"
      "一、2019年计划执行情况\n"
      "全县生产总值完成186.4亿元，增长7.2%。两年来累计投入扶贫资金4.3亿元。\n"
      "二、2020年计划安排\n"
      "全县生产总值增长7%以上。今后三年，计划新建农村公路300公里，改造危房1200户。"
      "三年内农村自来水普及率提高到95%。\n",
      "county/2019-plan-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  const Json span = Json::array({2020, 2022});
  expect_period_types(*doc);
  auto gdp = fact_with(*doc, "增长7%以上");
  ASSERT_FALSE(gdp.is_null());
  EXPECT_EQ(gdp["period"], 2020);
  auto roads = span_fact_with(*doc, "300公里");
  ASSERT_FALSE(roads.is_null());
  EXPECT_EQ(roads["period"], span);
  EXPECT_TRUE(fact_with(*doc, "300公里").is_null());
  EXPECT_EQ(roads["status"], "target");
  auto water = fact_with(*doc, "提高到95%");
  ASSERT_FALSE(water.is_null());
  EXPECT_EQ(water["metric"], "农村自来水普及率");
  EXPECT_EQ(water["period"], 2022);
  // 两年来…累计: a look back over two years, no single year and no plan.
  EXPECT_TRUE(fact_with(*doc, "4.3亿元").is_null());
  EXPECT_TRUE(span_fact_with(*doc, "4.3亿元").is_null());
}

TEST(PlanHorizon, ARunningPlanLookedBackOnIsNoTarget) {
  auto doc = run_all(
      "政府工作报告\n——2010年3月5日在第十一届全国人民代表大会第三次会议上\n"
      "一、2009年工作回顾\n"
      "“十一五”前四年累计单位国内生产总值能耗下降14.38%。\n",
      "national-style/2010.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  expect_period_types(*doc);
  for (const auto& a : doc->annotations("indicator")) EXPECT_NE(a.attrs["status"], "target") << a.attrs.dump();
  EXPECT_TRUE(doc->annotations(kMultiYear).empty());  // a look back, not a plan span
}

}  // namespace

// From-to pairs in older reports: years written inside the pair date each end, a pair without
// years next to one with them shares them, a clause that opens with 从 takes the bare noun
// phrase before it as its subject, and 降为/减为 introduce the new level like 降到.
TEST(FromToPairs, YearsWrittenInsideThePairDateItsEnds) {
  auto doc = run_all(
      "政府工作报告\n——2008年3月5日在第十一届全国人民代表大会第一次会议上\n"
      "一、过去五年工作回顾\n"
      "城镇居民人均可支配收入由2002年7703元增加到2007年13786元，农村居民人均纯收入由2476元增加到4140元。"
      "全社会研究与实验发展经费，从2002年1288亿元增加到2007年的3664亿元，占国内生产总值比重从1.07%提高到1.49%。"
      "发电装机容量由2002年的3.57亿千瓦增加到2007年的7.13亿千瓦。\n",
      "national-style/2008.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  struct Expect {
    const char* surface;
    const char* metric;
    int period;
  };
  for (const Expect& e : {Expect{"7703元", "城镇居民人均可支配收入", 2002},
                          Expect{"13786元", "城镇居民人均可支配收入", 2007},
                          Expect{"2476元", "农村居民人均纯收入", 2002},
                          Expect{"4140元", "农村居民人均纯收入", 2007},
                          Expect{"1288亿元", "全社会研究与实验发展经费", 2002},
                          Expect{"3664亿元", "全社会研究与实验发展经费", 2007},
                          Expect{"1.07%", "全社会研究与实验发展经费占国内生产总值比重", 2002},
                          Expect{"1.49%", "全社会研究与实验发展经费占国内生产总值比重", 2007},
                          Expect{"3.57亿千瓦", "发电装机容量", 2002},
                          Expect{"7.13亿千瓦", "发电装机容量", 2007}}) {
    Json hit;
    for (const auto& a : doc->annotations("indicator")) {
      const std::string evidence = a.attrs["evidence"];
      if (evidence.size() >= std::string_view(e.surface).size() &&
          evidence.ends_with(e.surface))
        hit = a.attrs;
    }
    ASSERT_FALSE(hit.is_null()) << e.surface;
    EXPECT_EQ(hit["metric"], e.metric) << e.surface;
    EXPECT_EQ(hit["period"], e.period) << e.surface;
    EXPECT_TRUE(hit["growth"].is_null()) << e.surface;
  }
}

TEST(FromToPairs, ReducedToIsANewLevel) {
  auto doc = run_all(
      "政府工作报告\n——1980年8月30日在第五届全国人民代表大会第三次会议上\n"
      "一、1979年工作回顾\n积累率由1978年的36.5％，降为33.6％。\n",
      "national-style/1980.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto to = fact_with(*doc, "33.6％");
  ASSERT_FALSE(to.is_null());
  EXPECT_EQ(to["metric"], "积累率");
  EXPECT_DOUBLE_EQ(to["level"]["value"].get<double>(), 33.6);
  EXPECT_TRUE(to["growth"].is_null());
  auto from = fact_with(*doc, "36.5％");
  ASSERT_FALSE(from.is_null());
  EXPECT_EQ(from["period"], 1978);
}

// 分别 with no subject of its own before it: the subjects are the list in the clause before,
// or (when that clause is only a comparison note such as 扣除价格因素) the facts just read.
TEST(RespectiveLists, SubjectsBeforeAComparisonBaseOrANote) {
  auto doc = run_all(
      "政府工作报告\n——2008年3月5日在第十一届全国人民代表大会第一次会议上\n"
      "一、2007年工作回顾\n"
      "化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14％和4.66％。"
      "城镇居民人均可支配收入13786元，农村居民人均纯收入4140元，扣除价格因素，分别实际增长12.2%和9.5%。\n",
      "national-style/2008.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto cod = fact_with(*doc, "3.14％");
  ASSERT_FALSE(cod.is_null());
  EXPECT_EQ(cod["metric"], "化学需氧量");
  EXPECT_DOUBLE_EQ(cod["growth"]["value"].get<double>(), -3.14);
  auto so2 = fact_with(*doc, "4.66％");
  ASSERT_FALSE(so2.is_null());
  EXPECT_EQ(so2["metric"], "二氧化硫排放总量");
  Json urban, rural;
  for (const auto& a : doc->annotations("indicator")) {
    if (a.attrs["metric"] == "城镇居民人均可支配收入") urban = a.attrs;
    if (a.attrs["metric"] == "农村居民人均纯收入") rural = a.attrs;
  }
  ASSERT_FALSE(urban.is_null());
  ASSERT_FALSE(rural.is_null());
  EXPECT_DOUBLE_EQ(urban["level"]["value"].get<double>(), 13786);
  EXPECT_DOUBLE_EQ(urban["growth"]["value"].get<double>(), 12.2);
  EXPECT_DOUBLE_EQ(rural["level"]["value"].get<double>(), 4140);
  EXPECT_DOUBLE_EQ(rural["growth"]["value"].get<double>(), 9.5);
  for (const auto& a : doc->annotations("indicator")) EXPECT_NE(a.attrs["metric"], "扣除价格因素");
}

// A year opening its clause right before the subject dates the figure (2015年国内生产总值将超过
// 55万亿元; １９８３年增长１２．４％); a range 1950年到2002年 sets no horizon for what follows.
TEST(ExplicitYears, ClauseOpeningYearsAndRanges) {
  auto doc = run_all(
      "政府工作报告\n——2008年3月5日在第十一届全国人民代表大会第一次会议上\n"
      "一、2007年工作回顾\n"
      "五年新增电力装机3.5亿千瓦，是1950年到2002年53年的总和；新增公路19.2万公里。"
      "2005年人均期望寿命达到73岁。2006年重工业总产值增长9.8%，2007年增长12.4%。"
      "2004年我们提出用三年时间解决拖欠工程款问题，各地已偿还拖欠工程款1834亿元。\n",
      "national-style/2008.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto roads = fact_with(*doc, "19.2万公里");
  ASSERT_FALSE(roads.is_null());
  EXPECT_EQ(roads["period"], 2007);
  auto life = fact_with(*doc, "73岁");
  ASSERT_FALSE(life.is_null());
  EXPECT_EQ(life["period"], 2005);
  auto first = fact_with(*doc, "9.8%");
  ASSERT_FALSE(first.is_null());
  EXPECT_EQ(first["period"], 2006);
  auto second = fact_with(*doc, "12.4%");
  ASSERT_FALSE(second.is_null());
  EXPECT_EQ(second["period"], 2007);
  auto repaid = fact_with(*doc, "1834亿元");
  ASSERT_FALSE(repaid.is_null());
  EXPECT_EQ(repaid["period"], 2007);
}

// A change against another period than the year before (比一九八○年, 比前五年, 比“六五”期间)
// fits no single year and is left out; 比上一年 is the year before, like 比上年.
TEST(ExplicitYears, ChangesAgainstOlderPeriodsAreLeftOut) {
  auto doc = run_all(
      "政府工作报告\n——2008年3月5日在第十一届全国人民代表大会第一次会议上\n"
      "一、2007年工作回顾\n"
      "全国财政用于教育支出2.43万亿元，比前五年增长1.26倍。"
      "粮食总产量达到5亿吨，比上一年增产2200万吨。\n",
      "national-style/2008.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  EXPECT_TRUE(fact_with(*doc, "1.26倍").is_null());
  for (const auto& a : doc->annotations("indicator"))
    EXPECT_FALSE(a.attrs["metric"].get<std::string>().starts_with("比")) << a.attrs.dump();
  auto more = fact_with(*doc, "2200万吨");
  ASSERT_FALSE(more.is_null());
  EXPECT_EQ(more["metric"], "粮食总产量增产");
  EXPECT_EQ(more["period"], 2007);
}

// 13亿人口 / 九亿多人民: the size of a population described, no fact (the gold set's convention
// for national reports); the metric used to be the stray 口 or 民.
TEST(Exclusions, PopulationDescriptors) {
  auto doc = run_all(
      "政府工作报告\n——2005年3月5日在第十届全国人民代表大会第三次会议上\n"
      "一、2004年工作回顾\n对于我们这样一个有13亿人口的发展中国家，九亿多人民团结奋斗，粮食总产量达到9389亿斤。\n",
      "national-style/2005.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  EXPECT_TRUE(fact_with(*doc, "13亿人口").is_null());
  EXPECT_TRUE(fact_with(*doc, "九亿多人").is_null());
  EXPECT_FALSE(fact_with(*doc, "9389亿斤").is_null());
}

// 增长速度 is a rate of change like 增速, and 调控目标/预期目标为 name the target, not the metric:
// 经济增长速度的调控目标定为8% is growth 8 of 经济.
// (The segment stage gives a five-year plan outline report (kind other) no report or plan
// year; the pipeline's `meta:` does, as a user would.)
TEST(PlanHorizon, GrowthSpeedTargets) {
  auto doc = run_all(
      "关于国民经济和社会发展第十个五年计划纲要的报告\n——2001年3月5日在第九届全国人民代表大会第四次会议上\n"
      "二、“十五”时期的主要目标\n“十五”期间年均经济增长速度预期目标为7％左右。\n"
      "三、2001年的工作\n今年经济增长速度的调控目标定为8%。\n",
      "national-style/2001.txt", {{"report_year", 2000}, {"plan_year", 2001}});
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  expect_period_types(*doc);
  auto plan = span_fact_with(*doc, "7％左右");
  ASSERT_FALSE(plan.is_null());
  EXPECT_EQ(plan["metric"], "经济");
  EXPECT_EQ(plan["period"], Json::array({2001, 2005}));
  EXPECT_EQ(plan["average"], true);
  EXPECT_DOUBLE_EQ(plan["growth"]["value"].get<double>(), 7);
  auto year = fact_with(*doc, "8%");
  ASSERT_FALSE(year.is_null());
  EXPECT_EQ(year["metric"], "经济");
  EXPECT_EQ(year["period"], 2001);
  EXPECT_EQ(year["status"], "target");
  EXPECT_TRUE(year["level"].is_null());
}

// A statistical bulletin's share with a bracketed alias: 占常住人口比重（常住人口城镇化率）为65.46%
// names the share once (no second 比重), with its change in percentage points.
TEST(BulletinStyle, ShareWithABracketedAlias) {
  auto doc = run_all(
      "某省2023年国民经济和社会发展统计公报\n一、综合\n"
      "年末全省常住人口6302万人，比上年末增加12万人。其中，城镇常住人口4125万人，"
      "占常住人口比重（常住人口城镇化率）为65.46%，比上年末提高0.82个百分点。\n",
      "province/2023-bulletin.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto share = fact_with(*doc, "65.46%");
  ASSERT_FALSE(share.is_null());
  EXPECT_EQ(share["metric"], "城镇常住人口占常住人口比重（常住人口城镇化率）");
  EXPECT_EQ(share["period"], 2023);
  EXPECT_DOUBLE_EQ(share["growth"]["value"].get<double>(), 0.82);
  EXPECT_EQ(share["growth"]["unit"], "percentage_point");
  auto change = fact_with(*doc, "增加12万人");
  ASSERT_FALSE(change.is_null());
  EXPECT_EQ(change["metric"], "常住人口增加");
}

// A county/city plan report: the share of the annual plan reached is a rate of the previous
// metric (完成年计划的102.5% -> 规上工业总产值计划完成率), not a metric '完成年'.
TEST(PlanReportStyle, ShareOfThePlanReached) {
  auto doc = run_all(
      "某市2022年国民经济和社会发展计划执行情况与2023年计划草案的报告\n一、2022年计划执行情况\n"
      "规上工业总产值完成4120亿元，完成年计划的102.5%。\n",
      "city/2022-plan-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto share = fact_with(*doc, "102.5%");
  ASSERT_FALSE(share.is_null());
  EXPECT_EQ(share["metric"], "规上工业总产值计划完成率");
  EXPECT_EQ(share["period"], 2022);
  EXPECT_DOUBLE_EQ(share["level"]["value"].get<double>(), 102.5);
}
