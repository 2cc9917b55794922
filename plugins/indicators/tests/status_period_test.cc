// Status (actual / estimate / target) and period from metadata, sections and the sentence.
#include <gtest/gtest.h>

#include "indicator_extractor.h"
#include "test_support.h"

namespace reportlens::indicators::testing {
namespace {

const Json kPlanReport = {{"report_year", 2022}, {"plan_year", 2023}, {"kind", "plan_report"}};
const Json kWorkReport = {{"report_year", 2021}, {"plan_year", 2022}, {"kind", "work_report"}};

TEST(StatusPeriod, PlanSectionFiguresAreNextYearTargets) {
  std::string text =
      "一、2022年计划执行情况\n地区生产总值增长1.5%。\n"
      "二、2023年主要任务\n地区生产总值增长8%以上，规模以上工业增加值增长12%以上。\n";
  auto doc = extract(text,
                     {{"1.5%", 1.5, "percent"}, {"8%", 8, "percent", ">="}, {"12%", 12, "percent", ">="}},
                     kPlanReport, {{"一、2022年计划执行情况", "review"}, {"二、2023年主要任务", "plan"}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["status"], "actual");
  EXPECT_EQ(all[0]["period"], 2022);
  EXPECT_EQ(all[1]["status"], "target");
  EXPECT_EQ(all[1]["period"], 2023);
  EXPECT_EQ(all[1]["qualifier"], ">=");
  EXPECT_EQ(all[2]["metric"], "规模以上工业增加值");
  EXPECT_EQ(all[2]["status"], "target");
}

TEST(StatusPeriod, HeadingsAreReadWhenNoSectionsAreGiven) {
  std::string text =
      "一、2022年计划执行情况\n地区生产总值增长1.5%。\n"
      "二、2023年经济和社会发展主要任务\n社会消费品零售总额增长10%以上。\n";
  auto doc = extract(text, {{"1.5%", 1.5, "percent"}, {"10%", 10, "percent", ">="}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["status"], "actual");
  EXPECT_EQ(all[1]["status"], "target");
  EXPECT_EQ(all[1]["period"], 2023);
}

TEST(StatusPeriod, MainTargetsListIsTargetsForThePlanYear) {
  auto doc = extract("今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上，城镇调查失业率全年控制在5.5%以内。",
                     {{"5.5%", 5.5, "percent", "~"}, {"1100万人", 11000000, "person", ">="},
                      {"5.5%", 5.5, "percent", "<="}},
                     kWorkReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 3u);
  for (const auto& f : all) {
    EXPECT_EQ(f["status"], "target");
    EXPECT_EQ(f["period"], 2022);
  }
  EXPECT_EQ(all[0]["metric"], "国内生产总值");
  EXPECT_EQ(all[1]["metric"], "城镇新增就业");
  EXPECT_EQ(all[2]["metric"], "城镇调查失业率");
  EXPECT_EQ(all[2]["qualifier"], "<=");
}

TEST(StatusPeriod, ReviewedYearOfAWorkReport) {
  auto doc = extract("过去一年，国内生产总值达到114万亿元，增长8.1%。",
                     {{"114万亿元", 1.14e14, "CNY"}, {"8.1%", 8.1, "percent"}}, kWorkReport);
  auto f = find_fact(*doc, "国内生产总值", 2021);
  ASSERT_FALSE(f.is_null());
  EXPECT_EQ(f["status"], "actual");
}

TEST(StatusPeriod, EstimateCue) {
  auto doc = extract("进出口总额预计完成460亿元，增长6%。",
                     {{"460亿元", 46000000000, "CNY"}, {"6%", 6, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["status"], "estimate");
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 6);
}

TEST(StatusPeriod, TargetCuesInAClause) {
  auto doc = extract("力争实现重点企业本地配套率40%，确保134个技改项目顺利实施。",
                     {{"40%", 40, "percent"}, {"134个", 134, "item"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["status"], "target");
  EXPECT_EQ(all[0]["metric"], "重点企业本地配套率");
  EXPECT_EQ(all[1]["status"], "target");
  EXPECT_EQ(all[1]["metric"], "技改项目");
}

TEST(StatusPeriod, ExplicitYearOverridesTheSection) {
  // In a review section, a sentence that names next year states that year's targets.
  std::string text = "一、2022年计划执行情况\n2023年，主要经济指标建议目标为：地区生产总值增长8%以上。\n";
  auto doc = extract(text, {{"2023年", 2023, "year", "", "year"}, {"8%", 8, "percent", ">="}},
                     kPlanReport, {{"一、2022年计划执行情况", "review"}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["period"], 2023);
  EXPECT_EQ(all[0]["status"], "target");
}

TEST(StatusPeriod, NegatedTargetMirrorsItsQualifier) {
  auto doc = extract("主要预期目标是：能耗强度下降3.1%以上，单位国内生产总值能耗降低3%左右。",
                     {{"3.1%", 3.1, "percent", ">="}, {"3%", 3, "percent", "~"}},
                     {{"report_year", 2014}, {"plan_year", 2015}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), -3.1);
  EXPECT_EQ(all[0]["qualifier"], "<=");
  EXPECT_EQ(all[0]["canonical"], "单位地区生产总值能耗");
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), -3);
  EXPECT_EQ(all[1]["qualifier"], "~");
}

TEST(StatusPeriod, RangeTarget) {
  // The helper writes scalar values; a range comes from the numbers stage as [low, high].
  auto doc2 = std::make_unique<Document>("t", "t", "主要预期目标是：国内生产总值增长6%－6.5%。");
  std::string t = doc2->text();
  std::size_t at = t.find("6%");
  doc2->add("quantity", at, t.find("。"),
            Json{{"kind", "percent"}, {"value", Json::array({6, 6.5})}, {"unit", "percent"},
                 {"qualifier", "range"}});
  doc2->meta() = {{"report_year", 2018}, {"plan_year", 2019}};
  extract_indicators(*doc2, shipped_lexicon());
  auto all = facts(*doc2);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["growth"]["value"], Json::array({6, 6.5}));
  EXPECT_EQ(all[0]["qualifier"], "range");
  EXPECT_EQ(all[0]["period"], 2019);
}

TEST(StatusPeriod, FiveYearReviewKeepsOnlyEndPoints) {
  auto doc = extract(
      "五年来，经济实力跃上新台阶。国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%，城镇新增就业6600万人以上。",
      {{"54万亿元", 5.4e13, "CNY"}, {"82.7万亿元", 8.27e13, "CNY"}, {"7.1%", 7.1, "percent"},
       {"6600万人", 66000000, "person", ">="}},
      {{"report_year", 2017}, {"plan_year", 2018}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["period"], 2012);
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 5.4e13);
  EXPECT_EQ(all[1]["period"], 2017);
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 8.27e13);
}

// The report's years come from the segment stage's metadata, their one owner (issue 15): the
// title of a plan report and the date line of a work report are read there, not here.
TEST(StatusPeriod, YearsFromThePlanReportTitleViaSegmentMetadata) {
  std::string text =
      "关于某区2022年经济和社会发展计划执行情况及2023年经济和社会发展计划（草案）的报告\n"
      "一、2022年经济和社会发展计划执行情况\n地区生产总值增长1.5%。\n"
      "二、2023年经济和社会发展主要任务\n地区生产总值增长8%以上。\n";
  auto doc = run_all(text, "district/2022-plan-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  EXPECT_EQ(doc->meta()["report_year"], 2022);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["period"], 2022);
  EXPECT_EQ(all[0]["status"], "actual");
  EXPECT_EQ(all[1]["period"], 2023);
  EXPECT_EQ(all[1]["status"], "target");
}

TEST(StatusPeriod, YearsFromAWorkReportDateLineViaSegmentMetadata) {
  std::string text = "政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n"
                     "一、2018年工作回顾\n居民消费价格上涨2.1%。\n";
  auto doc = run_all(text, "national/work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["period"], 2018);
  EXPECT_EQ(all[0]["metric"], "居民消费价格");
}

// Without the metadata (no segment stage, no `meta:` in the pipeline) the indicators stage
// does not guess the year from the title: the facts are undated.
TEST(StatusPeriod, NoMetadataNoYear) {
  std::string text = "政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n"
                     "一、2018年工作回顾\n居民消费价格上涨2.1%。\n";
  auto all = facts(*extract(text, {{"2.1%", 2.1, "percent"}}));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["period"], 0);
}

}  // namespace
}  // namespace reportlens::indicators::testing
