// Rows of one report pair: direction-aware verdicts (a CPI below its ceiling is met), units
// shown in the indicator's display unit, five-year totals kept out of one-year rows, region
// levels, and the three file formats.
#include <gtest/gtest.h>

#include <algorithm>

#include "panel_row.h"
#include "panel_writers.h"
#include "reportlens/testing.h"
#include "test_context.h"

namespace reportlens::panel {
namespace {

using fixtures::shipped_context;

std::unique_ptr<Document> read(const std::string& text, int report_year, const std::string& id) {
  Json meta = {{"region", "沈阳市"}, {"report_year", report_year}, {"plan_year", report_year + 1}};
  return testing::run_stages({{"segment"}, {"numbers"}, {"indicators"}}, text, meta, {}, id);
}

const PanelRow* row(const std::vector<PanelRow>& rows, const std::string& indicator,
                    const std::string& measure) {
  for (const auto& r : rows)
    if (r.indicator == indicator && r.measure == measure) return &r;
  return nullptr;
}

class PairRows : public ::testing::Test {
 protected:
  void SetUp() override {
    earlier_ = read("2023年主要预期目标是：地区生产总值增长6%左右；居民消费价格涨幅3%左右；"
                    "城镇新增就业11万人以上；城镇调查失业率控制在5.5%以内。\n",
                    2022, "sy/2023.txt");
    later_ = read("2023年，全市地区生产总值增长3.8%；居民消费价格上涨0.6%；"
                  "城镇新增就业12.6万人；城镇调查失业率5.3%。\n"
                  "过去五年，累计城镇新增就业55万人。\n",
                  2023, "sy/2024.txt");
    rows_ = panel_rows(*earlier_, *later_, shipped_context());
  }
  std::unique_ptr<Document> earlier_, later_;
  std::vector<PanelRow> rows_;
};

TEST_F(PairRows, GrowthBelowItsTargetIsMissed) {
  const PanelRow* gdp = row(rows_, "地区生产总值", "growth");
  ASSERT_NE(gdp, nullptr);
  EXPECT_EQ(gdp->region, "沈阳市");
  EXPECT_EQ(gdp->region_level, "city");
  EXPECT_EQ(gdp->year, 2023);
  EXPECT_EQ(gdp->unit, "%");
  EXPECT_DOUBLE_EQ(*gdp->target_value, 6);
  EXPECT_EQ(gdp->target_qualifier, "~");
  EXPECT_DOUBLE_EQ(*gdp->actual_value, 3.8);
  EXPECT_EQ(gdp->direction, "higher_is_better");
  EXPECT_EQ(gdp->verdict, "missed");
  EXPECT_EQ(gdp->target_doc, "sy/2023.txt");
  EXPECT_EQ(gdp->actual_doc, "sy/2024.txt");
  EXPECT_NE(gdp->target_evidence.find("6%"), std::string::npos);
  EXPECT_NE(gdp->actual_evidence.find("3.8%"), std::string::npos);
}

TEST_F(PairRows, CpiUnderItsCeilingIsMet) {
  const PanelRow* cpi = row(rows_, "居民消费价格", "growth");
  ASSERT_NE(cpi, nullptr);
  EXPECT_EQ(cpi->direction, "ceiling");
  EXPECT_DOUBLE_EQ(*cpi->actual_value, 0.6);
  EXPECT_EQ(cpi->verdict, "met");
  const PanelRow* jobless = row(rows_, "城镇调查失业率", "rate");
  ASSERT_NE(jobless, nullptr);
  EXPECT_EQ(jobless->verdict, "met");
}

TEST_F(PairRows, LevelsInTheDisplayUnitAndNoFiveYearTotal) {
  const PanelRow* jobs = row(rows_, "城镇新增就业", "level");
  ASSERT_NE(jobs, nullptr);
  EXPECT_EQ(jobs->unit, "万人");
  EXPECT_DOUBLE_EQ(*jobs->target_value, 11);
  ASSERT_TRUE(jobs->actual_value.has_value());
  EXPECT_DOUBLE_EQ(*jobs->actual_value, 12.6);  // not the five-year 55
  EXPECT_EQ(jobs->verdict, "met");
  for (const auto& r : rows_) EXPECT_NE(r.actual_value.value_or(0), 55) << r.indicator;
}

TEST(FiveYearTotals, NeverTheActualOfAOneYearTarget) {
  // The later report gives only the five-year total: no one-year actual, so no verdict.
  const auto earlier = read("2023年主要预期目标是：城镇新增就业11万人以上。\n", 2022, "a/2023.txt");
  const auto later = read("过去五年，全市城镇新增就业累计55万人。\n", 2023, "a/2024.txt");
  const auto rows = panel_rows(*earlier, *later, shipped_context());
  const PanelRow* jobs = row(rows, "城镇新增就业", "level");
  ASSERT_NE(jobs, nullptr);
  EXPECT_FALSE(jobs->actual_value.has_value());
  EXPECT_NE(jobs->verdict, "met");
  EXPECT_NE(jobs->verdict, "missed");
}

TEST(LevelRows, AnExactFigureReplacesAMilestoneOfTheSameReport) {
  // No target: the level row takes the later report's figure; 突破 gives only a floor, the
  // exact figure that follows is the level.
  const auto earlier = read("2023年主要预期目标是：地区生产总值增长6%左右。\n", 2022, "b/2023.txt");
  const auto later = read("2023年，全市地区生产总值突破4000亿元。全年地区生产总值达到4522.3亿元，增长6.7%。\n",
                          2023, "b/2024.txt");
  const auto rows = panel_rows(*earlier, *later, shipped_context());
  const PanelRow* level = row(rows, "地区生产总值", "level");
  ASSERT_NE(level, nullptr);
  ASSERT_TRUE(level->actual_value.has_value());
  EXPECT_DOUBLE_EQ(*level->actual_value, 4522.3);
  EXPECT_EQ(level->actual_qualifier, "");
}

TEST(RegionLevels, FromTheRegionName) {
  const auto& c = shipped_context();
  EXPECT_EQ(c.region_level("全国"), "national");
  EXPECT_EQ(c.region_level("辽宁省"), "province");
  EXPECT_EQ(c.region_level("内蒙古自治区"), "province");
  EXPECT_EQ(c.region_level("上海市"), "province");
  EXPECT_EQ(c.region_level("大连市"), "city");
  EXPECT_EQ(c.region_level("铁西区"), "district");
  EXPECT_EQ(c.region_level(""), "");
}

TEST_F(PairRows, WrittenAsCsvJsonlAndSqlite) {
  const std::string csv = to_csv(rows_);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF" "region,region_level,year,indicator,measure,unit,", 0), 0u);
  EXPECT_NE(csv.find("沈阳市,city,2023,地区生产总值,growth,%,6,,~,"), std::string::npos) << csv;
  const std::string jsonl = to_jsonl(rows_);
  EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), static_cast<long>(rows_.size()));
  EXPECT_EQ(Json::parse(jsonl.substr(0, jsonl.find('\n')))["region"], "沈阳市");
  const std::string db = to_sqlite(rows_);
  EXPECT_EQ(db.rfind("SQLite format 3", 0), 0u);
  EXPECT_EQ(db, to_sqlite(rows_));  // deterministic bytes
}

}  // namespace
}  // namespace reportlens::panel
