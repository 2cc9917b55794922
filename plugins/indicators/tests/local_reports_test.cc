// Local government work reports (cities, provinces, prefectures): the phrasing of their review
// and target lists. Texts written here in the style of such reports (no report is copied), run
// through the real segment + numbers + indicators stages.
#include <gtest/gtest.h>

#include <tuple>

#include "test_support.h"

namespace {

using reportlens::Json;
using reportlens::indicators::testing::fact_with_evidence;
using reportlens::indicators::testing::run_all;

constexpr const char* kMultiYear = "multi_year_indicator";

// A report that opens a five-year plan: the plan's section also holds the year's targets.
const char* kPlanOpeningReport =
    "政府工作报告\n"
    "——2026年1月12日在某市第十八届人民代表大会第三次会议上\n"
    "一、2025年和“十四五”时期工作回顾\n"
    "全年地区生产总值比上年增长4.6%，一般公共预算收入增长3.2%，城镇登记失业率为3.4%。\n"
    "二、“十五五”时期主要目标任务和2026年重点工作\n"
    "“十五五”时期，全市地区生产总值年均增长5%左右，研发投入强度提高到3.5%。\n"
    "《纲要（草案）》提出，常住人口城镇化率达到78%，单位地区生产总值能耗累计下降12%。\n"
    "今年是“十五五”开局之年，要迈好第一步。\n"
    "全市经济社会发展主要预期目标是：地区生产总值增长5%以上，"
    "固定资产投资增长6%左右，城镇调查失业率控制在5.5%以内，研发投入强度超过3%。\n"
    "今年重点抓好以下工作：新建口袋公园30个，改造老旧小区120个。\n";

TEST(LocalReports, TheYearsTargetsInsideAFiveYearPlanSectionAreOneYear) {
  auto doc = run_all(kPlanOpeningReport, "city/plan-opening.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  // 今年…主要预期目标是： the planned year wins over the section's plan horizon.
  for (const char* surface : {"增长5%以上", "增长6%左右", "控制在5.5%以内", "超过3%"}) {
    auto fact = fact_with_evidence(*doc, surface);
    ASSERT_FALSE(fact.is_null()) << surface;
    EXPECT_EQ(fact["period"], 2026) << surface;
    EXPECT_EQ(fact["status"], "target") << surface;
    EXPECT_TRUE(fact_with_evidence(*doc, surface, kMultiYear).is_null()) << surface;
  }
  EXPECT_EQ(fact_with_evidence(*doc, "增长5%以上")["metric"], "地区生产总值");
  // The year's work after that paragraph is the year's too.
  auto parks = fact_with_evidence(*doc, "30个");
  ASSERT_FALSE(parks.is_null());
  EXPECT_EQ(parks["period"], 2026);
  // The plan's own paragraphs keep its span, also one that does not name the plan.
  auto average = fact_with_evidence(*doc, "年均增长5%左右", kMultiYear);
  ASSERT_FALSE(average.is_null());
  EXPECT_EQ(average["period"], Json::array({2026, 2030}));
  auto energy = fact_with_evidence(*doc, "累计下降12%", kMultiYear);
  ASSERT_FALSE(energy.is_null());
  EXPECT_EQ(energy["period"], Json::array({2026, 2030}));
  auto urban = fact_with_evidence(*doc, "78%");
  ASSERT_FALSE(urban.is_null());
  EXPECT_EQ(urban["period"], 2030);
  // The review of the last plan year.
  auto reviewed = fact_with_evidence(*doc, "增长4.6%");
  ASSERT_FALSE(reviewed.is_null());
  EXPECT_EQ(reviewed["period"], 2025);
  EXPECT_EQ(reviewed["status"], "actual");
}

TEST(LocalReports, AnOpeningEstimateGovernsTheWholeList) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2024年1月9日在某市第十届人民代表大会第二次会议上\n"
      "一、2023年工作回顾\n"
      "过去一年，我们顶住压力，稳住大局，预计全年地区生产总值增长5.1%左右，"
      "规模以上工业增加值增长6%；社会消费品零售总额增长7.2%，城镇居民人均可支配收入增长4.8%。\n"
      "初步预计，全省外贸进出口总额增长3%，实际使用外资12亿美元。\n"
      "全市粮食产量预计达到210万吨，农业总产值增长4%。\n"
      "全年新增高新技术企业120家，预计数字经济规模突破800亿元。\n"
      "初步测算，全区实现地区生产总值512亿元、同比增长5.6%（预计数，下同），固定资产投资增长8%。\n",
      "city/estimates.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  for (const char* surface : {"增长5.1%左右", "增长6%", "增长7.2%", "增长4.8%", "增长3%", "12亿美元",
                              "512亿元", "增长8%"}) {
    auto fact = fact_with_evidence(*doc, surface);
    ASSERT_FALSE(fact.is_null()) << surface;
    EXPECT_EQ(fact["status"], "estimate") << surface;
    EXPECT_EQ(fact["period"], 2023) << surface;
  }
  // 预计 after a subject governs its own clause only.
  EXPECT_EQ(fact_with_evidence(*doc, "210万吨")["status"], "estimate");
  // 预计数字经济… is an opening 预计, no 预计数 note: what stands before it is actual.
  EXPECT_EQ(fact_with_evidence(*doc, "800亿元")["status"], "estimate");
  EXPECT_EQ(fact_with_evidence(*doc, "120家")["status"], "actual");
  auto output = fact_with_evidence(*doc, "增长4%");
  ASSERT_FALSE(output.is_null());
  EXPECT_EQ(output["status"], "actual");
}

TEST(LocalReports, AMagnitudeOpeningAMeasureIsItsDenominator) {
  auto doc = run_all(
      "二、2022年主要目标\n"
      "今年主要预期目标是：地区生产总值增长6%；万元地区生产总值能耗下降率不低于3%；"
      "万人高价值发明专利拥有量达到12件。\n",
      "city/denominators.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  for (const auto& a : doc->annotations("indicator"))
    EXPECT_NE(a.attrs["level"], Json({{"value", 10000}, {"unit", "CNY"}})) << a.attrs.dump();
  auto energy = fact_with_evidence(*doc, "3%");
  ASSERT_FALSE(energy.is_null());
  EXPECT_EQ(energy["metric"], "万元地区生产总值能耗");  // 下降率不低于3%: a fall of 3% or more
  EXPECT_DOUBLE_EQ(energy["growth"]["value"].get<double>(), -3);
  EXPECT_EQ(energy["qualifier"], "<=");
  auto patents = fact_with_evidence(*doc, "12件");
  ASSERT_FALSE(patents.is_null());
  EXPECT_EQ(patents["metric"], "万人高价值发明专利拥有量");
  EXPECT_DOUBLE_EQ(patents["level"]["value"].get<double>(), 12);
}

}  // namespace

namespace {

TEST(LocalReports, NumberedSectorsShareTheirHead) {
  auto doc = run_all(
      "一、2023年工作回顾\n"
      "全省地区生产总值增长4.9%，第一、二、三产业增加值分别增长3.8%、5.1%和4.6%以上。"
      "全市地区生产总值增长5.2%，其中一、二、三产增加值分别增长4.1%、6.3%、4.7%。"
      "三次产业增加值分别增长2.9%、4.4%和5.5%。"
      "项目二期、计划总投资12亿元。\n",
      "province/sectors.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"3.8%", "第一产业增加值"}, {"5.1%", "第二产业增加值"}, {"4.6%", "第三产业增加值"},
      {"4.1%", "一产增加值"},     {"6.3%", "二产增加值"},     {"4.7%", "三产增加值"},
      {"2.9%", "第一产业增加值"}, {"4.4%", "第二产业增加值"}, {"5.5%", "第三产业增加值"}};
  for (const auto& [surface, metric] : expected) {
    auto fact = fact_with_evidence(*doc, surface);
    ASSERT_FALSE(fact.is_null()) << surface;
    EXPECT_EQ(fact["metric"], metric) << surface;
    EXPECT_EQ(fact["period"], 2023) << surface;
  }
  EXPECT_EQ(fact_with_evidence(*doc, "4.6%")["qualifier"], ">=");
  // An ordinal that is no item of a numeral list stays out of the subject.
  auto investment = fact_with_evidence(*doc, "12亿元");
  ASSERT_FALSE(investment.is_null());
  EXPECT_EQ(investment["metric"], "总投资");
}

TEST(LocalReports, FiguresOfPartOfTheYearAreMarked) {
  auto doc = run_all(
      "政府工作报告\n"
      "——2022年12月20日在某市第十五届人民代表大会第二次会议上\n"
      "一、2022年工作回顾\n"
      "前三季度，全市地区生产总值同比增长4.2%，增速居全省第二位，预计全年增长4.5%左右。"
      "1—11月，规模以上工业增加值增长7.1%。"
      "经济增速由一季度的2.1%回升至上半年的3.6%。"
      "全年固定资产投资增长9%，增幅比一季度回落3个百分点。\n"
      "二、2023年主要目标\n"
      "明年主要预期目标是：地区生产总值增长6%左右。\n",
      "city/december-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  struct Expected {
    const char* surface;
    const char* partial;  // nullptr: the whole year
    const char* status;
  };
  for (const Expected& e : {Expected{"增长4.2%", "Q1-Q3", "actual"}, Expected{"4.5%左右", nullptr, "estimate"},
                            Expected{"7.1%", "M1-M11", "actual"}, Expected{"2.1%", "Q1", "actual"},
                            Expected{"3.6%", "H1", "actual"}, Expected{"增长9%", nullptr, "actual"}}) {
    auto fact = fact_with_evidence(*doc, e.surface);
    ASSERT_FALSE(fact.is_null()) << e.surface;
    // Delivered in December 2022: the year reviewed is 2022 (from 一季度 to the whole year).
    EXPECT_EQ(fact["period"], 2022) << e.surface;
    EXPECT_EQ(fact["status"], e.status) << e.surface;
    if (e.partial) EXPECT_EQ(fact["partial"], e.partial) << e.surface;
    else EXPECT_FALSE(fact.contains("partial")) << e.surface;
  }
  auto target = fact_with_evidence(*doc, "6%左右");
  ASSERT_FALSE(target.is_null());
  EXPECT_EQ(target["period"], 2023);
  EXPECT_EQ(target["status"], "target");
}

}  // namespace

namespace {

TEST(LocalReports, AStretchGoalContinuesTheChangeBeforeIt) {
  auto doc = run_all(
      "二、2024年主要目标\n"
      "主要预期目标是：地区生产总值增长5%以上，在实际工作中争取实现6%的更好结果；"
      "规模以上工业增加值增长6.5%，争取达到7%；城镇调查失业率控制在5.5%以内。\n"
      "一、2023年工作回顾\n"
      "全省地区生产总值增长5.3%，总量突破2万亿；消费对经济增长的贡献率提高2个百分点，达到58%。\n",
      "province/stretch.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  for (const auto& [surface, metric, value] : std::vector<std::tuple<std::string, std::string, double>>{
           {"6%", "地区生产总值", 6}, {"7%", "规模以上工业增加值", 7}}) {
    auto fact = fact_with_evidence(*doc, surface);
    ASSERT_FALSE(fact.is_null()) << surface;
    EXPECT_EQ(fact["metric"], metric) << surface;  // not 实际工作中 / 更好结果
    EXPECT_TRUE(fact["level"].is_null()) << surface;
    EXPECT_DOUBLE_EQ(fact["growth"]["value"].get<double>(), value) << surface;
    EXPECT_EQ(fact["status"], "target") << surface;
  }
  // A total without a unit continues the money subject before it.
  auto total = fact_with_evidence(*doc, "2万亿");
  ASSERT_FALSE(total.is_null());
  EXPECT_EQ(total["level"]["unit"], "CNY");
  EXPECT_EQ(total["qualifier"], ">");
  // A level reached after a change in points stays a level.
  auto share = fact_with_evidence(*doc, "58%");
  ASSERT_FALSE(share.is_null());
  EXPECT_DOUBLE_EQ(share["level"]["value"].get<double>(), 58);
}

}  // namespace

namespace {

TEST(LocalReports, AnAdjustedRateKeepsThePlainMetric) {
  auto doc = run_all(
      "一、2022年工作回顾\n"
      "全市一般公共预算收入剔除留抵退税因素后同口径增长6.4%，税收收入扣除一次性影响增长3.3%，"
      "剔除两户企业影响，工业总产值增长10%。\n",
      "city/adjusted.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto revenue = fact_with_evidence(*doc, "6.4%");
  ASSERT_FALSE(revenue.is_null());
  EXPECT_EQ(revenue["metric"], "一般公共预算收入");
  auto tax = fact_with_evidence(*doc, "3.3%");
  ASSERT_FALSE(tax.is_null());
  EXPECT_EQ(tax["metric"], "税收收入");
}

}  // namespace
