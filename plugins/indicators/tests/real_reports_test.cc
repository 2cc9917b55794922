// The real stages (segment, numbers, indicators) through the plugin loader: a phrase
// written here, the seed report, and a national report when the shared corpus is present.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reportlens/testing.h"
#include "test_support.h"
#include "shared_corpus.h"

namespace {

using reportlens::Json;

using reportlens::indicators::testing::run_all;

std::string read(const std::filesystem::path& p) { return reportlens::indicators::testing::read_file(p); }

Json find(const reportlens::Document& doc, const std::string& metric, int period,
          const std::string& status) {
  for (const auto& a : doc.annotations("indicator"))
    if (a.attrs["metric"] == metric && a.attrs["period"] == period && a.attrs["status"] == status)
      return a.attrs;
  return Json();
}

TEST(RealStages, PlanReportPhrase) {
  auto doc = run_all(
      "关于某区2022年经济和社会发展计划执行情况及2023年经济和社会发展计划（草案）的报告\n"
      "一、2022年经济和社会发展计划执行情况\n"
      "地区生产总值完成1200.2亿元，增长1.5%。一般公共预算收入完成108.2亿元，下降11.8%。\n"
      "二、2023年经济和社会发展主要任务\n"
      "地区生产总值增长8%以上，规模以上工业增加值增长12%以上。\n",
      "phrase.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto gdp = find(*doc, "地区生产总值", 2022, "actual");
  ASSERT_FALSE(gdp.is_null());
  EXPECT_DOUBLE_EQ(gdp["level"]["value"].get<double>(), 120020000000.0);
  EXPECT_DOUBLE_EQ(gdp["growth"]["value"].get<double>(), 1.5);
  auto revenue = find(*doc, "一般公共预算收入", 2022, "actual");
  ASSERT_FALSE(revenue.is_null());
  EXPECT_DOUBLE_EQ(revenue["growth"]["value"].get<double>(), -11.8);
  auto target = find(*doc, "规模以上工业增加值", 2023, "target");
  ASSERT_FALSE(target.is_null());
  EXPECT_EQ(target["qualifier"], ">=");
}

TEST(RealStages, SeedReport) {
  auto path = std::filesystem::path(REPORTLENS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "seed report absent";
  auto doc = run_all(read(path), "tiexi/2022-plan-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";

  auto gdp = find(*doc, "地区生产总值", 2022, "actual");
  ASSERT_FALSE(gdp.is_null());
  EXPECT_DOUBLE_EQ(gdp["level"]["value"].get<double>(), 120020000000.0);
  EXPECT_EQ(gdp["canonical"], "地区生产总值");

  auto fdi = find(*doc, "实际利用外资", 2022, "actual");
  ASSERT_FALSE(fdi.is_null());
  EXPECT_EQ(fdi["growth"]["unit"], "times");

  auto trade = find(*doc, "进出口总额", 2022, "estimate");
  ASSERT_FALSE(trade.is_null());
  EXPECT_DOUBLE_EQ(trade["level"]["value"].get<double>(), 46000000000.0);

  auto share_before = find(*doc, "产业投资占比", 2021, "actual");
  ASSERT_FALSE(share_before.is_null());
  EXPECT_DOUBLE_EQ(share_before["level"]["value"].get<double>(), 59.2);

  auto gdp_target = find(*doc, "地区生产总值", 2023, "target");
  ASSERT_FALSE(gdp_target.is_null());
  EXPECT_DOUBLE_EQ(gdp_target["growth"]["value"].get<double>(), 8);
  EXPECT_EQ(gdp_target["qualifier"], ">=");

  auto sectors = find(*doc, "石油化工业", 2022, "actual");
  ASSERT_FALSE(sectors.is_null());
  EXPECT_DOUBLE_EQ(sectors["growth"]["value"].get<double>(), -31.8);

  // Every indicator's span is text of the original report.
  for (const auto& a : doc->annotations("indicator")) {
    EXPECT_LT(a.begin, a.end);
    EXPECT_EQ(a.attrs["evidence"], std::string(doc->slice(a.begin, a.end)));
  }
}

TEST(RealStages, NationalWorkReport2019) {
  REPORTLENS_SHARED_OR_SKIP(path, "national/2019.txt");
  auto doc = run_all(read(path), "national/2019.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto growth = find(*doc, "国内生产总值", 2018, "actual");
  ASSERT_FALSE(growth.is_null());
  EXPECT_DOUBLE_EQ(growth["growth"]["value"].get<double>(), 6.6);
  bool total_found = false;
  for (const auto& a : doc->annotations("indicator"))
    if (a.attrs["period"] == 2018 && a.attrs["level"].is_object() &&
        a.attrs["level"]["value"].get<double>() == 9e13 && a.attrs["qualifier"] == ">")
      total_found = true;
  EXPECT_TRUE(total_found);
  auto target = find(*doc, "国内生产总值", 2019, "target");
  ASSERT_FALSE(target.is_null());
  EXPECT_EQ(target["growth"]["value"], Json::array({6, 6.5}));
  auto energy = find(*doc, "单位国内生产总值能耗", 2019, "target");
  ASSERT_FALSE(energy.is_null());
  EXPECT_DOUBLE_EQ(energy["growth"]["value"].get<double>(), -3);
}

}  // namespace
