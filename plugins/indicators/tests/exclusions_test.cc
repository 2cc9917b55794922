// Numbers that are not indicator facts of their own (gold README (a), exclusions).
#include <gtest/gtest.h>

#include "indicator_extractor.h"
#include "test_support.h"

namespace reportlens::indicators::testing {
namespace {

const Json kPlanReport = {{"report_year", 2022}, {"plan_year", 2023}, {"kind", "plan_report"}};

TEST(Exclusions, ThresholdInsideANounPhrase) {
  auto doc = extract("累计亿元以上开复工项目316个。",
                     {{"亿元", 1e8, "CNY", ">="}, {"316个", 316, "item"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "亿元以上开复工项目");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 316);
}

TEST(Exclusions, PerCapitaBaseAndRanks) {
  auto doc = extract("每万人拥有基站数量位居全省前列，名列百强区第39位。",
                     {{"万人", 10000, "person"}, {"第39位", 39, "ordinal", "", "ordinal"}}, kPlanReport);
  EXPECT_TRUE(facts(*doc).empty());
}

TEST(Exclusions, DurationsAndSpecsDescribingANoun) {
  auto doc = extract("38个行政村实现24小时供水，建设66千伏变电站，实施三年行动。",
                     {{"38个", 38, "item"}, {"24小时", 24, "hour"}, {"66千伏", 66, "kV"},
                      {"三年", 3, "year"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "行政村");
}

TEST(Exclusions, ProgrammePartsAndSetNames) {
  auto doc = extract("开展19个专项行动，推进四大物流基地建设，落实12项指标改进。",
                     {{"19个", 19, "item"}, {"四", 4, "item"}, {"12项", 12, "item"}}, kPlanReport);
  EXPECT_TRUE(facts(*doc).empty());
}

TEST(Exclusions, QuotedSlogansAndDesignators) {
  auto doc = extract("打造“一刻钟”便民生活圈，新建5G基站1700座。",
                     {{"一刻钟", 15, "minute"}, {"1700座", 1700, "item"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "新建5G基站");
}

TEST(Exclusions, ExcludedPartAndCountOfCountries) {
  auto doc = extract("剔除两户企业影响，总产值预计增长10%。吸引10国26户企业入驻。",
                     {{"两户", 2, "household"}, {"10%", 10, "percent"}, {"10国", 10, "item"},
                      {"26户", 26, "household"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "总产值");
  EXPECT_EQ(all[0]["status"], "estimate");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 26);
}

TEST(Exclusions, MultiYearAverages) {
  auto doc = extract("国内生产总值年均增长7.1%，居民消费价格年均上涨1.9%。",
                     {{"7.1%", 7.1, "percent"}, {"1.9%", 1.9, "percent"}},
                     {{"report_year", 2017}, {"plan_year", 2018}});
  EXPECT_TRUE(facts(*doc).empty());
}

TEST(Exclusions, ChangeOverSeveralYears) {
  auto doc = extract("国内生产总值达到24.66万亿元，比2002年增长65.5%。",
                     {{"24.66万亿元", 2.466e13, "CNY"}, {"2002年", 2002, "year", "", "year"},
                      {"65.5%", 65.5, "percent"}},
                     {{"report_year", 2007}, {"plan_year", 2008}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0]["growth"].is_null());
}

TEST(Exclusions, RhetoricalNumeralsGradesAndDurations) {
  auto doc = extract("这是极不平凡的一年，两国签署协议，建成万吨级以上泊位568个。",
                     {{"一年", 1, "year"}, {"两国", 2, "item"}, {"万吨", 10000, "ton"},
                      {"568个", 568, "item"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 568);
}

TEST(Exclusions, SmallChineseCountsOfPhysicalThingsStay) {
  auto doc = std::make_unique<Document>("t", "t", "完成区内四座过街天桥粉饰，两国签署协议。");
  std::string t = doc->text();
  doc->add("quantity", t.find("四座"), t.find("四座") + std::string("四座").size(),
           Json{{"kind", "quantity"}, {"value", 4}, {"unit", "item"}, {"surface_unit", "座"}});
  doc->add("quantity", t.find("两国"), t.find("两国") + std::string("两国").size(),
           Json{{"kind", "quantity"}, {"value", 2}, {"unit", "item"}, {"surface_unit", "国"}});
  doc->meta() = {{"report_year", 2022}, {"plan_year", 2023}};
  extract_indicators(*doc, shipped_lexicon());
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "过街天桥粉饰");
}

TEST(Exclusions, GapToABenchmarkRegion) {
  auto doc = extract("规模以上工业增加值增长8.2%，高于全省平均水平1.5个百分点，增速较上年提高0.6个百分点。",
                     {{"8.2%", 8.2, "percent"}, {"1.5个百分点", 1.5, "percentage_point"},
                      {"0.6个百分点", 0.6, "percentage_point"}},
                     {{"report_year", 2022}, {"plan_year", 2023}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "规模以上工业增加值");
  EXPECT_EQ(all[1]["metric"], "规模以上工业增加值增速");
  EXPECT_EQ(all[1]["growth"]["unit"], "percentage_point");
}

}  // namespace
}  // namespace reportlens::indicators::testing
