// Words at the edges of a subject that are part of it or of a date, not predicates or stops:
// a predicate verb that ends a noun phrase as a noun (外汇储备), a year between the subject and
// its verb (国家外汇储备2000年底达…), and words with a noun stop inside (高等, 在校生) in a
// coordinated list sharing its head noun (中、高等职业教育在校生). Sentences written here in the
// styles of work reports and bulletins, run through the real segment + numbers + indicators.
#include <gtest/gtest.h>

#include "reportlens/testing.h"
#include "test_support.h"

namespace {

using reportlens::Json;

using reportlens::indicators::testing::run_all;

// The last `indicator` whose evidence ends with `surface` (the figure it was read from).
Json fact_ending(const reportlens::Document& doc, const std::string& surface) {
  Json hit;
  for (const auto& a : doc.annotations("indicator"))
    if (a.attrs["evidence"].get<std::string>().ends_with(surface)) hit = a.attrs;
  return hit;
}

bool has_metric(const reportlens::Document& doc, const std::string& metric) {
  for (const auto& a : doc.annotations("indicator"))
    if (a.attrs["metric"] == metric) return true;
  return false;
}

const char* kWorkReport2022 =
    "政府工作报告\n——2022年1月18日在某省第十三届人民代表大会第六次会议上\n"
    "一、2021年工作回顾\n";

// 储备 is dropped as the verb before its object (储备重大项目120个) but kept as the noun that
// ends a noun phrase (外汇储备, 应急粮食储备).
TEST(NominalVerbs, StockNounsKeepTheirHead) {
  auto doc = run_all(std::string(kWorkReport2022) +
                         "全省外汇储备达到120亿美元。应急粮食储备5万吨。储备重大项目120个。\n",
                     "province/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto reserves = fact_ending(*doc, "120亿美元");
  ASSERT_FALSE(reserves.is_null());
  EXPECT_EQ(reserves["metric"], "外汇储备");
  auto grain = fact_ending(*doc, "5万吨");
  ASSERT_FALSE(grain.is_null());
  EXPECT_EQ(grain["metric"], "应急粮食储备");
  auto projects = fact_ending(*doc, "120个");
  ASSERT_FALSE(projects.is_null());
  EXPECT_EQ(projects["metric"], "重大项目");
}

// A year written between the subject and its verb dates the figure; 底/末 after it are part of
// the date, never the metric. A comparison base (比2020年底) or a figure relative to a year
// (为2015年的2.1倍) gives no subject of its own.
TEST(DatesInsideTheClause, YearBetweenSubjectAndVerb) {
  auto doc = run_all(std::string(kWorkReport2022) +
                         "金融机构本外币贷款余额2021年末达到3200亿元，比2020年末增加260亿元。"
                         "全省一般公共预算收入2019年达到980亿元。"
                         "全省生产总值2020年底突破4万亿元。\n",
                     "province/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto loans = fact_ending(*doc, "3200亿元");
  ASSERT_FALSE(loans.is_null());
  EXPECT_EQ(loans["metric"], "金融机构本外币贷款余额");
  EXPECT_EQ(loans["period"], 2021);
  auto more = fact_ending(*doc, "260亿元");
  ASSERT_FALSE(more.is_null());
  EXPECT_EQ(more["metric"], "金融机构本外币贷款余额增加");
  auto revenue = fact_ending(*doc, "980亿元");
  ASSERT_FALSE(revenue.is_null());
  EXPECT_EQ(revenue["metric"], "一般公共预算收入");
  EXPECT_EQ(revenue["period"], 2019);
  auto gdp = fact_ending(*doc, "4万亿元");
  ASSERT_FALSE(gdp.is_null());
  EXPECT_EQ(gdp["metric"], "生产总值");
  EXPECT_EQ(gdp["period"], 2020);
  EXPECT_EQ(gdp["qualifier"], ">");
  for (const char* stray : {"底", "末", "底达", "末达到"}) EXPECT_FALSE(has_metric(*doc, stray)) << stray;
}

TEST(DatesInsideTheClause, RelativeFiguresAndClauseOpeningYears) {
  auto doc = run_all(std::string(kWorkReport2022) +
                         "出口额和进口额分别为2015年的2.1倍和1.8倍。"
                         "2021年底，全省各项存款余额达到8600亿元。\n",
                     "province/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  for (const auto& a : doc->annotations("indicator")) {
    EXPECT_NE(a.attrs["metric"], "分别") << a.attrs.dump();
    EXPECT_NE(a.attrs["period"], 2015) << a.attrs.dump();
  }
  auto deposits = fact_ending(*doc, "8600亿元");
  ASSERT_FALSE(deposits.is_null());
  EXPECT_EQ(deposits["metric"], "各项存款余额");
  EXPECT_EQ(deposits["period"], 2021);
}

// 从2017年底的A提高到2021年底的B: a year with 底 before 的 dates each end of the pair.
TEST(DatesInsideTheClause, YearEndsOfAFromToPair) {
  auto doc = run_all(std::string(kWorkReport2022) +
                         "银行业不良贷款率从2017年底的2.6%下降到2021年底的1.4%。\n",
                     "province/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto from = fact_ending(*doc, "2.6%");
  ASSERT_FALSE(from.is_null());
  EXPECT_EQ(from["metric"], "银行业不良贷款率");
  EXPECT_EQ(from["period"], 2017);
  auto to = fact_ending(*doc, "1.4%");
  ASSERT_FALSE(to.is_null());
  EXPECT_EQ(to["metric"], "银行业不良贷款率");
  EXPECT_EQ(to["period"], 2021);
  EXPECT_DOUBLE_EQ(to["level"]["value"].get<double>(), 1.4);
}

// A figure for part of a year (第一季度, 6月末) is not read as the year's figure of the
// subject before it.
TEST(DatesInsideTheClause, QuarterFiguresAreNotTheYears) {
  auto doc = run_all(std::string(kWorkReport2022) + "与去年同期相比，工业产值第一季度下降1.2%，第二季度增长2.7%。\n",
                     "province/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  for (const auto& a : doc->annotations("indicator")) EXPECT_NE(a.attrs["metric"], "工业产值") << a.attrs.dump();
}

// 中、高等职业教育在校生: the first item is a modifier sharing the head of the last one, and 高等
// (with the noun stop 等) and 在校生 (with 在) are single words.
TEST(CoordinatedModifiers, SharedHeadNounWithStopCharactersInside) {
  auto doc = run_all(std::string(kWorkReport2022) +
                         "中、高等职业院校在校生分别达到32万人和21万人。新建3所高等院校。"
                         "初、中级专业技术人才分别新增1.2万人和0.8万人。\n",
                     "province/2021-work-report.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto secondary = fact_ending(*doc, "32万人");
  ASSERT_FALSE(secondary.is_null());
  EXPECT_EQ(secondary["metric"], "中等职业院校在校生");
  auto higher = fact_ending(*doc, "21万人");
  ASSERT_FALSE(higher.is_null());
  EXPECT_EQ(higher["metric"], "高等职业院校在校生");
  auto colleges = fact_ending(*doc, "3所高等院校");
  ASSERT_FALSE(colleges.is_null());
  EXPECT_EQ(colleges["metric"], "高等院校");
  auto junior = fact_ending(*doc, "1.2万人");
  ASSERT_FALSE(junior.is_null());
  EXPECT_EQ(junior["metric"], "初级专业技术人才");
  auto middle = fact_ending(*doc, "0.8万人");
  ASSERT_FALSE(middle.is_null());
  EXPECT_EQ(middle["metric"], "中级专业技术人才");
}

// Older reports write every figure in Chinese numerals: a percentage (百分之三点七, 两个百分点)
// is a figure however small, unlike 一个历史性变化 or 两国; 扣除物价因素 is a note, no subject.
TEST(OlderReports, PercentagesInChineseNumerals) {
  auto doc = run_all(
      "政府工作报告\n——1983年11月30日在第六届全国人民代表大会第一次会议上\n一、1983年国民经济计划执行情况\n"
      "粮食产量可达七千五百亿斤，比去年增长百分之三点七。社会商品零售总额二千八百亿元，扣除物价因素增长百分之九。"
      "这是一个历史性变化，两国关系有了发展。\n",
      "national-style/1983.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto grain = fact_ending(*doc, "百分之三点七");
  ASSERT_FALSE(grain.is_null());
  EXPECT_EQ(grain["metric"], "粮食产量");
  EXPECT_DOUBLE_EQ(grain["level"]["value"].get<double>(), 750000000000);
  EXPECT_DOUBLE_EQ(grain["growth"]["value"].get<double>(), 3.7);
  auto retail = fact_ending(*doc, "百分之九");
  ASSERT_FALSE(retail.is_null());
  EXPECT_EQ(retail["metric"], "社会商品零售总额");
  EXPECT_DOUBLE_EQ(retail["growth"]["value"].get<double>(), 9);
  EXPECT_EQ(doc->annotations("indicator").size(), 2u);  // nothing from 一个 / 两国
}

// Old units in an older report's style: 担 is 100 jin, turnover in 吨公里 is one unit.
TEST(OlderUnits, DanAndTonKilometres) {
  auto doc = run_all(
      "政府工作报告\n——1985年3月27日在第六届全国人民代表大会第三次会议上\n一、1984年工作回顾\n"
      "棉花产量达到１２４０万担。铁路货运周转量达到７２００亿吨公里。\n",
      "national-style/1985.txt");
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto cotton = fact_ending(*doc, "１２４０万担");
  ASSERT_FALSE(cotton.is_null());
  EXPECT_EQ(cotton["metric"], "棉花产量");
  EXPECT_EQ(cotton["level"]["unit"], "jin");
  EXPECT_DOUBLE_EQ(cotton["level"]["value"].get<double>(), 1240000000);
  auto freight = fact_ending(*doc, "７２００亿吨公里");
  ASSERT_FALSE(freight.is_null());
  EXPECT_EQ(freight["metric"], "铁路货运周转量");
  EXPECT_EQ(freight["level"]["unit"], "t_km");
}

}  // namespace
