// Which indicator statements of two years are taken as the same fact: a named statistic by
// its name; any other metric only in comparable units, and a short, vague one (居民, 项目)
// only when the words around the two figures agree. Also: what DocView reads as indicators.
#include <gtest/gtest.h>

#include "fact_context.h"
#include "html_report.h"
#include "indicator_diff.h"
#include "text_summary.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;

namespace {

std::vector<const Json*> entries_for(const Json& indicators, const std::string& metric) {
  std::vector<const Json*> out;
  for (const auto& e : indicators)
    if (e["metric"] == metric) out.push_back(&e);
  return out;
}

// Two small district reports. 居民 appears in both years, but the 2022 figure counts
// households that benefited from renovation and the 2023 one residents given an allowance:
// different facts. 项目 is signed projects in both years.
struct TwoYears {
  std::unique_ptr<Document> base, compare;
};

TwoYears district_reports() {
  TwoYears p;
  p.base = make_doc("d/2022.txt",
                    "完成老旧小区改造，惠及居民1.6万余户。"
                    "第八届招商活动举办，12个项目实现签约。"
                    "全年完成新签约项目210个，投资总额1000亿元。"
                    "地区生产总值完成1200亿元，增长1.5%。"
                    "建成口袋公园270个。",
                    {{"report_year", 2022}});
  add_indicator(*p.base, "居民1.6万余户", indicator("居民", 2022, "actual", level(16000, "household"), nullptr, ">"));
  add_indicator(*p.base, "12个项目", indicator("项目", 2022, "actual", level(12, "item"), nullptr));
  add_indicator(*p.base, "新签约项目210个", indicator("新签约项目", 2022, "actual", level(210, "item"), nullptr));
  add_indicator(*p.base, "投资总额1000亿元", indicator("投资总额", 2022, "actual", level(1e11, "CNY"), nullptr));
  add_indicator(*p.base, "地区生产总值完成1200亿元，增长1.5%",
                indicator("地区生产总值", 2022, "actual", level(1.2e11, "CNY"), growth(1.5)));
  add_indicator(*p.base, "口袋公园270个", indicator("口袋公园", 2022, "actual", level(270, "item"), nullptr));

  p.compare = make_doc("d/2023.txt",
                       "向困难居民2.1万户发放补贴。"
                       "第九届招商活动举办，15个项目实现签约。"
                       "全年完成新签约项目226个，投资总额1100亿元。"
                       "经济回升，地区生产总值1278亿元，增长6.5%。"
                       "口袋公园累计200个，面积1.2万平方米。",
                       {{"report_year", 2023}});
  add_indicator(*p.compare, "居民2.1万户", indicator("居民", 2023, "actual", level(21000, "household"), nullptr));
  add_indicator(*p.compare, "15个项目", indicator("项目", 2023, "actual", level(15, "item"), nullptr));
  add_indicator(*p.compare, "新签约项目226个", indicator("新签约项目", 2023, "actual", level(226, "item"), nullptr));
  add_indicator(*p.compare, "投资总额1100亿元", indicator("投资总额", 2023, "actual", level(1.1e11, "CNY"), nullptr));
  add_indicator(*p.compare, "地区生产总值1278亿元，增长6.5%",
                indicator("地区生产总值", 2023, "actual", level(1.278e11, "CNY"), growth(6.5)));
  // 口袋公园 stated only as an area this year: not comparable with a count.
  add_indicator(*p.compare, "面积1.2万平方米", indicator("口袋公园", 2023, "actual", level(12000, "m2"), nullptr));
  return p;
}

}  // namespace

TEST(IndicatorMatch, VagueMetricWithOtherWordsAroundIsNotMatched) {
  auto p = district_reports();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  const Json ind = diff_indicators(a, b, catalog);
  // 惠及居民 (renovation) vs 向困难居民…发放补贴 (allowance): no shared words, no match.
  EXPECT_TRUE(entries_for(ind, "居民").empty());
}

TEST(IndicatorMatch, VagueMetricWithTheSameVerbIsMatchedAndLabelled) {
  auto p = district_reports();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  const Json ind = diff_indicators(a, b, catalog);
  const auto projects = entries_for(ind, "项目");
  ASSERT_EQ(projects.size(), 1u);
  const Json& e = *projects[0];
  EXPECT_EQ(e["base"]["level"]["value"], 12);
  EXPECT_EQ(e["compare"]["level"]["value"], 15);
  EXPECT_EQ(e["matched_by"], "metric_and_context");
  EXPECT_GE(e["context_agreement"].get<double>(), 0.5);
  // The summary and the HTML show which 项目: those 实现签约.
  EXPECT_EQ(e["label"], "项目 (实现签约)");
}

TEST(IndicatorMatch, BareClauseTakesThePreviousClauseAsContext) {
  // 投资总额1000亿元 is a clause of its own; both years put it after 新签约项目N个.
  const FactContext c = fact_context("全年完成新签约项目210个，投资总额1000亿元。",
                                     std::string("全年完成新签约项目210个，").size(),
                                     std::string("全年完成新签约项目210个，投资总额1000亿元").size(),
                                     shipped_words());
  EXPECT_TRUE(c.from_previous_clause);
  EXPECT_EQ(c.left, "签约项目#个");  // six characters, the number masked
  auto p = district_reports();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  const Json ind = diff_indicators(a, b, catalog);
  const auto invest = entries_for(ind, "投资");
  ASSERT_EQ(invest.size(), 1u);
  EXPECT_EQ((*invest[0])["delta"]["level"]["value"], 1e10);
}

TEST(IndicatorMatch, DifferentUnitsAreNotMatched) {
  auto p = district_reports();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  // 270个 parks against 1.2万平方米 of them: nothing to compare.
  const Json ind = diff_indicators(a, b, catalog);
  EXPECT_TRUE(entries_for(ind, "口袋公园").empty());
}

TEST(IndicatorMatch, NamedStatisticsNeedNoContext) {
  auto p = district_reports();
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*p.base, catalog, shipped_words()), b(*p.compare, catalog, shipped_words());
  const Json ind = diff_indicators(a, b, catalog);
  const auto gdp = entries_for(ind, catalog.canonical("地区生产总值"));
  ASSERT_EQ(gdp.size(), 1u);
  EXPECT_EQ((*gdp[0])["matched_by"], "known_metric");
  EXPECT_FALSE(gdp[0]->contains("label"));
  EXPECT_DOUBLE_EQ((*gdp[0])["delta"]["growth"]["value"].get<double>(), 5.0);
}

TEST(IndicatorMatch, RequiredAgreementGrowsAsTheNameShortens) {
  const MetricCatalog catalog = shipped_catalog();
  EXPECT_EQ(required_context_agreement(catalog, "国内生产总值"), 0);
  EXPECT_EQ(required_context_agreement(catalog, "新增社区养老服务设施"), 0);
  EXPECT_GT(required_context_agreement(catalog, "老旧小区"), 0);
  EXPECT_GT(required_context_agreement(catalog, "居民"), required_context_agreement(catalog, "老旧小区"));
}

TEST(IndicatorMatch, ContextAgreementIsAnOverlapOfWords) {
  const std::string a = "投资3.3亿元对51个老旧小区实施改造提升。";
  const std::string b = "投资3.6亿元对170个老旧小区实施改造提升。";
  const auto span = [](const std::string& text, const std::string& what) {
    const std::size_t at = text.find(what);
    return std::make_pair(at, at + what.size());
  };
  const auto [ab, ae] = span(a, "51个老旧小区");
  const auto [bb, be] = span(b, "170个老旧小区");
  const FactContext ca = fact_context(a, ab, ae, shipped_words()), cb = fact_context(b, bb, be, shipped_words());
  EXPECT_EQ(ca.right, "实施改造提升");
  EXPECT_DOUBLE_EQ(context_agreement(ca, cb), 1.0);
  const std::string c = "新建170个老旧小区停车场。";
  const auto [cbeg, cend] = span(c, "170个老旧小区");
  EXPECT_LT(context_agreement(ca, fact_context(c, cbeg, cend, shipped_words())), 0.3);
  // No words on either side: nothing to agree on.
  EXPECT_EQ(context_agreement(FactContext{}, ca), 0);
}

// DocView reads `indicator` facts about one year only: a span period (a multi-year plan
// figure from an older stage) is skipped rather than read as year 0 or as its first year,
// and other annotation types (multi_year_indicator) are never read.
TEST(DocViewIndicators, OnlySingleYearIndicatorFacts) {
  auto d = make_doc("d/2021.txt",
                    "十四五时期地区生产总值年均增长6%。2021年地区生产总值增长7%。规上工业增加值增长9%。",
                    {{"report_year", 2021}});
  add_indicator(*d, "地区生产总值年均增长6%",
                {{"metric", "地区生产总值"}, {"period", Json::array({2021, 2025})}, {"status", "target"},
                 {"level", nullptr}, {"growth", growth(6)}, {"qualifier", nullptr}});
  add_indicator(*d, "地区生产总值增长7%",
                {{"metric", "地区生产总值"}, {"period", "2021-2025"}, {"status", "target"},
                 {"level", nullptr}, {"growth", growth(7)}, {"qualifier", nullptr}});
  {
    auto [b, e] = find_span(*d, "地区生产总值年均增长6%");
    d->add("multi_year_indicator", b, e,
           {{"metric", "地区生产总值"}, {"period", Json::array({2021, 2025})}, {"status", "target"},
            {"growth", growth(6)}});
  }
  add_indicator(*d, "规上工业增加值增长9%", indicator("规上工业增加值", 2021, "actual", nullptr, growth(9)));
  add_indicator(*d, "2021年地区生产总值增长7%",
                {{"metric", "地区生产总值"}, {"period", "2021"}, {"status", "actual"}, {"level", nullptr},
                 {"growth", growth(7)}, {"qualifier", nullptr}});
  const MetricCatalog catalog = shipped_catalog();
  const DocView v(*d, catalog, shipped_words());
  ASSERT_EQ(v.indicators.size(), 2u);
  EXPECT_EQ(v.skipped_indicators, 2u);
  bool industry = false;
  for (const auto& i : v.indicators) {
    EXPECT_EQ(i.period, 2021);
    // 规上 is the short form of 规模以上 (a synonym in the data file).
    industry = industry || (i.metric == "规上工业增加值" && i.canonical == "规模以上工业增加值");
  }
  EXPECT_TRUE(industry);
}

TEST(IndicatorMatch, SummaryAndHtmlShowTheLabel) {
  auto p = district_reports();
  const DiffEngine e = engine();
  const DocView a(*p.base, e.catalog(), shipped_words()), b(*p.compare, e.catalog(), shipped_words());
  const std::vector<Comparison> cs{e.compare(a, b)};
  const std::string summary = render_summary(cs);
  EXPECT_NE(summary.find("项目 (实现签约)"), std::string::npos) << summary;
  EXPECT_NE(render_html(cs).find("项目 (实现签约)"), std::string::npos);
}

TEST(IndicatorMatch, StatementsThatNameTheMetricComeFirst) {
  // The extractor gives 基本建成544万套 the metric of the clause before; the pair to compare
  // is the one whose statements write the name in both years.
  auto base = make_doc("n/2014.txt", "养老金提高10%。新开工保障性安居工程666万套，基本建成544万套。",
                       {{"report_year", 2014}});
  add_indicator(*base, "新开工保障性安居工程666万套",
                indicator("新开工保障性安居工程", 2014, "actual", level(6.66e6, "set"), nullptr));
  add_indicator(*base, "544万套", indicator("新开工保障性安居工程", 2014, "actual", level(5.44e6, "set"), nullptr));
  auto later = make_doc("n/2015.txt", "养老金又提高10%。新开工保障性安居工程740万套，基本建成511万套。",
                        {{"report_year", 2015}});
  add_indicator(*later, "新开工保障性安居工程740万套",
                indicator("新开工保障性安居工程", 2015, "actual", level(7.4e6, "set"), nullptr));
  add_indicator(*later, "511万套", indicator("新开工保障性安居工程", 2015, "actual", level(5.11e6, "set"), nullptr));
  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base, catalog, shipped_words()), b(*later, catalog, shipped_words());
  const Json ind = diff_indicators(a, b, catalog);
  ASSERT_EQ(ind.size(), 1u);
  EXPECT_EQ(ind[0]["base"]["level"]["value"], 6.66e6);
  EXPECT_EQ(ind[0]["compare"]["level"]["value"], 7.4e6);
}
