// The standard indicator catalogue: every indicator and surface variant issue 17 names is
// matched to its standard name (through the diff's name stripping, which the panel uses, and
// through the indicators stage's `indicator` attribute), and units convert within a family.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "indicator_catalogue.h"
#include "metric_catalog.h"
#include "reportlens/testing.h"

namespace reportlens::panel {
namespace {

diff::MetricCatalog shipped() {
  diff::MetricCatalog c;
  c.load(REPORTLENS_CATALOGUE_FILE);
  c.load(REPORTLENS_DIRECTIONS_FILE);
  return c;
}

TEST(Catalogue, EveryIndicatorOfTheIssueIsListed) {
  const auto c = shipped();
  for (const char* name :
       {"地区生产总值", "人均地区生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
        "一般公共预算收入", "税收收入", "进出口总额", "出口", "实际利用外资", "城镇居民人均可支配收入",
        "农村居民人均可支配收入", "居民人均可支配收入", "居民消费价格", "城镇调查失业率", "城镇登记失业率",
        "城镇新增就业", "粮食产量", "单位地区生产总值能耗", "研发经费投入强度", "常住人口城镇化率",
        "服务业增加值", "第一产业增加值", "第二产业增加值", "金融机构存款余额", "金融机构贷款余额",
        "旅游总收入", "森林覆盖率", "空气质量优良天数比例"}) {
    const catalogue::Indicator* ind = c.vocabulary().find(name);
    ASSERT_NE(ind, nullptr) << name;
    EXPECT_EQ(ind->name, name);
    EXPECT_FALSE(ind->measures.empty()) << name;
  }
}

TEST(Catalogue, SurfaceVariantsOfTheIssueMatch) {
  const auto c = shipped();
  const std::pair<const char*, const char*> cases[] = {
      {"生产总值", "地区生产总值"},          {"GDP", "地区生产总值"},
      {"经济增长", "地区生产总值"},          {"全市生产总值", "地区生产总值"},
      {"市内生产总值", "地区生产总值"},      {"国内生产总值", "地区生产总值"},
      {"全省地区生产总值", "地区生产总值"},  {"规上工业增加值", "规模以上工业增加值"},
      {"社零", "社会消费品零售总额"},        {"外贸进出口", "进出口总额"},
      {"实际使用外资", "实际利用外资"},      {"CPI", "居民消费价格"},
      {"居民消费价格涨幅", "居民消费价格"},  {"单位国内生产总值能耗", "单位地区生产总值能耗"},
      {"万元GDP能耗", "单位地区生产总值能耗"}, {"城镇化率", "常住人口城镇化率"},
      {"全社会研发投入强度", "研发经费投入强度"}, {"第三产业增加值", "服务业增加值"},
      {"本外币存款余额", "金融机构存款余额"}, {"旅游收入", "旅游总收入"},
      {"空气质量优良率", "空气质量优良天数比例"}, {"人均GDP", "人均地区生产总值"}};
  for (const auto& [written, standard] : cases) EXPECT_EQ(c.canonical(written), standard) << written;
  // Exact names only: a narrower statistic is not the wider one.
  EXPECT_EQ(c.canonical("农村居民人均可支配收入"), "农村居民人均可支配收入");
  EXPECT_EQ(c.vocabulary().find("高新技术企业"), nullptr);
}

TEST(Catalogue, DirectionsComeFromTheCatalogue) {
  const auto c = shipped();
  EXPECT_EQ(c.find("居民消费价格")->direction, "ceiling");
  EXPECT_EQ(c.find("城镇调查失业率")->direction, "lower_is_better");
  EXPECT_EQ(c.find("城镇调查失业率")->bounded, "ceiling");
  EXPECT_EQ(c.find("单位地区生产总值能耗")->direction, "lower_is_better");
  EXPECT_EQ(c.find("地区生产总值")->direction, "higher_is_better");
}

TEST(Catalogue, UnitsConvertWithinAFamily) {
  const auto c = shipped();
  const auto& v = c.vocabulary();
  EXPECT_DOUBLE_EQ(*v.convert(1200, "亿斤", "万吨"), 6000);   // national grain target
  EXPECT_DOUBLE_EQ(*v.convert(2, "斤", "公斤"), 1);
  EXPECT_DOUBLE_EQ(*v.convert(1, "吨", "公斤"), 1000);
  EXPECT_DOUBLE_EQ(*v.convert(3, "jin", "kg"), 1.5);
  EXPECT_DOUBLE_EQ(*v.convert(1.5, "亿元", "万元"), 15000);
  EXPECT_DOUBLE_EQ(*v.convert(120020000000, "CNY", "亿元"), 1200.2);
  EXPECT_DOUBLE_EQ(*v.convert(13100000, "person", "万人"), 1310);
  EXPECT_DOUBLE_EQ(*v.convert(1, "万人", "人"), 10000);
  EXPECT_FALSE(v.convert(1, "亿元", "万吨").has_value());
  EXPECT_FALSE(v.convert(1, "亿元", "亿美元").has_value());
  EXPECT_FALSE(v.convert(1, "furlong", "万吨").has_value());
  // A USD figure of an indicator shown in 亿元 is shown in 亿美元.
  EXPECT_EQ(v.same_scale("USD", "亿元"), "亿美元");
  EXPECT_EQ(v.same_scale("day", "亿元"), "");
}

TEST(Catalogue, AnExtensionFileAddsVariantsAndIndicators) {
  auto c = shipped();
  const auto path = std::filesystem::temp_directory_path() / "reportlens_panel_catalogue_ext.yaml";
  {
    std::ofstream out(path);
    out << "indicators:\n  - name: 地区生产总值\n    variants: [本地生产总值]\n"
           "  - name: 高新技术企业数\n    measures: [level]\n";
  }
  c.load(path);
  EXPECT_EQ(c.canonical("本地生产总值"), "地区生产总值");
  EXPECT_EQ(c.canonical("GDP"), "地区生产总值");  // the shipped variants stay
  EXPECT_NE(c.vocabulary().find("高新技术企业数"), nullptr);
}

TEST(Catalogue, ABadFileNamesFileAndLine) {
  catalogue::Catalogue c;
  const auto path = std::filesystem::temp_directory_path() / "reportlens_panel_catalogue_bad.yaml";
  {
    std::ofstream out(path);
    out << "indicators:\n  - name: 地区生产总值\n    direction: sideways\n";
  }
  try {
    c.load(path);
    FAIL() << "accepted a bad direction";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ":3:"), std::string::npos) << e.what();
  }
  EXPECT_EQ(c.find("地区生产总值"), nullptr);  // nothing half loaded
}

TEST(Catalogue, IndicatorFactsCarryTheStandardName) {
  const auto doc = testing::run_stages({{"segment"}, {"numbers"}, {"indicators"}},
                                       "2023年，全市生产总值增长5.5%，高新技术企业达到1200家。\n");
  bool gdp = false;
  for (const auto& a : doc->annotations("indicator")) {
    const std::string metric = a.attrs.value("metric", "");
    if (metric.find("生产总值") != std::string::npos) {
      gdp = true;
      EXPECT_EQ(a.attrs.value("indicator", ""), "地区生产总值");
    } else {
      EXPECT_FALSE(a.attrs.contains("indicator")) << metric;  // not a catalogue indicator
    }
  }
  EXPECT_TRUE(gdp);
}

}  // namespace
}  // namespace reportlens::panel
