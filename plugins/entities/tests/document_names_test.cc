// Names one document introduces once and uses in other forms (src/document_names.h), run
// through the stage with the patterns only (no gazetteer knows these invented firms), on
// sentences written in the style of other cities' reports.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "reportlens/testing.h"

using reportlens::Json;
using reportlens::testing::run_stages;

namespace {

struct Found {
  std::string kind, canonical, rule;
  int mentions = 0;
};

std::map<std::string, Found> tag(const std::string& text, const std::string& region = "") {
  Json meta = Json::object();
  if (!region.empty()) meta["region"] = region;
  auto doc = run_stages({{"entities", Json{{"shipped_gazetteers", Json::array()}}}}, text, meta);
  std::map<std::string, Found> out;
  for (const auto& a : doc->annotations("entity")) {
    auto& f = out[std::string(doc->slice(a.begin, a.end))];
    f.kind = a.attrs["kind"];
    f.canonical = a.attrs["canonical"];
    f.rule = a.attrs.value("rule", "");
    ++f.mentions;
  }
  return out;
}

}  // namespace

TEST(DocumentNames, BracketedDefinitionNamesTheShortForm) {
  const auto found = tag(
      "安徽皖江汽车集团股份有限公司（以下简称皖江汽车）新能源整车产能提升。皖江汽车产值增长18.5%。"
      "淮南经济开发区（以下简称淮南经开区）新入驻企业42户，淮南经开区亩均税收增长12%。");
  ASSERT_TRUE(found.count("皖江汽车"));
  EXPECT_EQ(found.at("皖江汽车").kind, "company");
  EXPECT_EQ(found.at("皖江汽车").canonical, "安徽皖江汽车集团");
  EXPECT_EQ(found.at("皖江汽车").mentions, 2);
  ASSERT_TRUE(found.count("淮南经开区"));
  EXPECT_EQ(found.at("淮南经开区").kind, "zone");
  EXPECT_EQ(found.at("淮南经开区").canonical, "淮南经济开发区");
  EXPECT_EQ(found.at("淮南经开区").mentions, 2);
  for (const auto& [surface, f] : found) EXPECT_EQ(surface.find("简称"), std::string::npos) << surface;
}

TEST(DocumentNames, FirmsAreNamedWithoutTheirLegalEndingAndTheirTownLater) {
  const auto found = tag(
      "紫砂精工集团完成二轮混改。支持紫砂精工攻关关键零部件。"
      "芜湖长川存储技术有限公司二期项目加快建设，推进长川存储扩产。"
      "市政集团混改进程加快，市政设施改造完成。"
      "山河智能装备股份有限公司稳产增产，推动山河智能扩产项目投产。",
      "安徽省芜湖市");
  ASSERT_TRUE(found.count("紫砂精工"));
  EXPECT_EQ(found.at("紫砂精工").canonical, "紫砂精工集团");
  ASSERT_TRUE(found.count("长川存储"));
  EXPECT_EQ(found.at("长川存储").kind, "company");
  ASSERT_TRUE(found.count("山河智能"));  // 山河 alone would be too short: the next shorter tail
  EXPECT_EQ(found.at("山河智能").canonical, "山河智能装备公司");
  EXPECT_TRUE(found.count("市政集团"));
  EXPECT_FALSE(found.count("市政"));  // one dictionary word: a common noun, not a short name
}

TEST(DocumentNames, BrandBeforeAPlaceOfTheDocumentOrAGenericPark) {
  const auto found = tag(
      "比亚迪合肥工厂竣工投产，比亚迪零部件配套率提升。"
      "加快普洛斯智慧物流仓储产业园建设，推进新桥园新能源汽车产业园基础设施配套，新桥园获评省级文明单位。"
      "谋划上海动力设备制造基地、中关村科技创新基地核心区。",
      "安徽省合肥市");
  ASSERT_TRUE(found.count("比亚迪"));
  EXPECT_EQ(found.at("比亚迪").kind, "company");
  ASSERT_TRUE(found.count("普洛斯"));
  EXPECT_EQ(found.at("普洛斯").kind, "company");
  ASSERT_TRUE(found.count("新桥园"));
  EXPECT_EQ(found.at("新桥园").kind, "industrial_park");
  EXPECT_FALSE(found.count("上海"));    // a place, one dictionary word
  EXPECT_FALSE(found.count("中关村"));  // ends like a place (村)
}

TEST(DocumentNames, BrandBeforeAPlaceOfTheDocumentThenGenericWords) {
  const auto found = tag("推进宁德时代宜宾基地、宜宾新能源汽车产业园建设，清华科技园宜宾分园新增企业30家。", "四川省宜宾市");
  ASSERT_TRUE(found.count("宁德时代宜宾基地"));
  ASSERT_TRUE(found.count("宁德时代"));
  EXPECT_EQ(found.at("宁德时代").kind, "company");
  EXPECT_EQ(found.at("宁德时代").rule, "基地品牌");  // read off a base (基地): needs a firm context
  // A park before the place is a park, not a brand.
  EXPECT_FALSE(found.count("清华科技园"));
  EXPECT_TRUE(found.count("清华科技园宜宾分园"));
}

TEST(DocumentNames, TwoCharactersBeforeAParkAreABrandOnlyWhenTheDocumentSaysSo) {
  // Towns: nothing else in the document starts with them.
  auto found = tag("北滘智能制造产业园、容桂家电产业园加快建设。", "广东省佛山市");
  EXPECT_FALSE(found.count("北滘"));
  EXPECT_FALSE(found.count("容桂"));
  // A brand that names a firm of the document, or two parks, or a base.
  found = tag("华为技术有限公司签约，华为江西数字经济产业园投用；腾讯数字产业基地、腾讯数字经济产业园开工；"
              "伟嘉兽药生产基地投产。", "江西省");
  for (const char* brand : {"华为", "腾讯", "伟嘉"}) {
    ASSERT_TRUE(found.count(brand)) << brand;
    EXPECT_EQ(found.at(brand).kind, "company") << brand;
  }
  // A brand made of a firm of the document and more is not one firm.
  found = tag("美的集团股份有限公司营收增长，推动美的库卡智能制造科技园扩建。", "广东省佛山市");
  EXPECT_TRUE(found.count("美的"));
  EXPECT_FALSE(found.count("美的库卡"));
}

TEST(DocumentNames, TheLastSiblingEndsBeforeTheClausesVerb) {
  const auto found = tag("推进星河动力集团、蓝鲸数能科技改革，加快转型。");
  ASSERT_TRUE(found.count("蓝鲸数能科技"));
  EXPECT_EQ(found.at("蓝鲸数能科技").rule, "、列举");
  EXPECT_FALSE(found.count("蓝鲸数能科技改革"));
}

TEST(DocumentNames, ShortFormsWithoutABracketedPlaceAndSiblingsAroundThem) {
  const auto found = tag(
      "久泰能源（准格尔）有限公司项目建成，准能集团运量创新高。推动神华准能、伊泰集团改造，"
      "支持久泰能源、中煤鄂能化扩大产能。");
  // 久泰能源（准格尔）有限公司 -> 久泰能源 (the bracketed place is no part of the short name).
  ASSERT_TRUE(found.count("久泰能源"));
  EXPECT_EQ(found.at("久泰能源").rule, "简写");
  // 神华准能 holds the short form 准能 of 准能集团, and is a sibling of 伊泰集团 itself.
  ASSERT_TRUE(found.count("神华准能"));
  EXPECT_FALSE(found.count("准能"));
  // A five-character short form ends at the verb after it.
  EXPECT_TRUE(found.count("中煤鄂能化"));
}

TEST(DocumentNames, SquaresInAShoppingClauseAreMalls) {
  const auto found = tag(
      "万象天地广场、银泰城、吾悦广场等商业综合体客流增长30%，新开业吾悦广场1座。"
      "天鹅湖广场、翡翠湖公园夜间经济活力增强。");
  ASSERT_TRUE(found.count("万象天地广场"));
  EXPECT_EQ(found.at("万象天地广场").kind, "company");
  ASSERT_TRUE(found.count("吾悦广场"));
  EXPECT_EQ(found.at("吾悦广场").kind, "company");
  EXPECT_FALSE(found.count("新开业吾悦广场"));
  // A square outside a shopping clause is a square: as a park it stays below the default
  // confidence (广场 0.45 < min_confidence 0.5), so it is not tagged.
  EXPECT_FALSE(found.count("天鹅湖广场"));
}

TEST(DocumentNames, SiblingsOfAKnownFirmInAList) {
  const auto found = tag("推进银河精工等企业数字化改造。华茂纺机、江南重矿、银河精工搭建3个行业节点。"
                         "银河精工、蓝海轮胎产值突破百亿。银河精工、金石重工业务拓展顺利。"
                         "工商银行、中信银行和光大银行增资。");
  EXPECT_EQ(found.at("银河精工").kind, "company");
  ASSERT_TRUE(found.count("华茂纺机"));
  EXPECT_EQ(found.at("华茂纺机").kind, "company");
  EXPECT_TRUE(found.count("江南重矿"));
  // The last item ends at a predicate noun (产值) or a verb; one that runs on is left alone.
  EXPECT_TRUE(found.count("蓝海轮胎"));
  EXPECT_FALSE(found.count("蓝海轮胎产值"));
  EXPECT_FALSE(found.count("金石重工业务"));
}

TEST(DocumentNames, GenericFirmsAndPartsOfTownStayGeneric) {
  const auto found = tag(
      "推动国有公司、上市公司、跨国公司在区内设立研发中心。高新区南部园区与我区合作共建，"
      "蜀山经开区与安徽大学共建大学科技园，城建集团参与老旧厂区改造。支持民营企业、外资企业、合资公司发展。");
  for (const char* generic : {"国有公司", "上市公司", "跨国公司", "南部园区", "大学科技园", "老旧厂区", "合资公司"})
    EXPECT_FALSE(found.count(generic)) << generic;
}

TEST(DocumentNames, LocalAbbreviationsNameThePlacesOwnZone) {
  const std::string text =
      "推动高新区、经开区协同发展，化工园污水处理工程如期推进。完成2个化工园监测站建设，"
      "支持各类高新区创新提升，争创国家级经开区。";
  auto found = tag(text, "湖北省襄阳市");
  ASSERT_TRUE(found.count("高新区"));
  EXPECT_EQ(found.at("高新区").kind, "zone");
  EXPECT_EQ(found.at("高新区").canonical, "襄阳高新技术产业开发区");
  EXPECT_EQ(found.at("高新区").mentions, 1);  // not 各类高新区
  ASSERT_TRUE(found.count("经开区"));
  EXPECT_EQ(found.at("经开区").mentions, 1);  // not 国家级经开区
  ASSERT_TRUE(found.count("化工园"));
  EXPECT_EQ(found.at("化工园").kind, "industrial_park");
  EXPECT_EQ(found.at("化工园").mentions, 1);  // not 2个化工园
  // A park standing alone is the district's (or the city's) own; with a count it is a class.
  found = tag("改造森林公园、仙女湖公园，新建湿地公园3个。", "湖北省襄阳市樊城区");
  ASSERT_TRUE(found.count("森林公园"));
  EXPECT_EQ(found.at("森林公园").kind, "public_park");
  EXPECT_EQ(found.at("森林公园").canonical, "樊城森林公园");
  EXPECT_FALSE(found.count("湿地公园"));
  // A national report (or one whose region is unknown) has no place of its own.
  found = tag(text, "全国");
  EXPECT_FALSE(found.count("高新区"));
  EXPECT_FALSE(found.count("化工园"));
}

TEST(DocumentNames, ABrandBeforeAHeadquartersButNotBeforeAProject) {
  const auto found = tag(
      "支持芯原微科技建设芯原微总部，吸引企业总部、区域总部落户。"
      "青藏铁路等重大项目建成，探月工程、载人航天等项目取得突破，压减过剩产能项目有序退出。");
  ASSERT_TRUE(found.count("芯原微"));
  EXPECT_EQ(found.at("芯原微").kind, "company");
  EXPECT_EQ(found.at("芯原微").rule, "项目品牌");
  // Before 项目 the words left of a product are as often a policy or a region as a brand.
  for (const char* not_a_firm : {"企业", "区域", "青藏", "探月", "载人航天", "压减"})
    EXPECT_FALSE(found.count(not_a_firm)) << not_a_firm;
}

// Whole reports written in the style of other cities' reports (tests/data/other_cities), run
// with the patterns only: every expected name is found with its kind, except the listed known
// misses, and nothing else is tagged.
TEST(DocumentNames, OtherCitiesReportsGiveExactlyTheirNames) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(REPORTLENS_SOURCE_DIR) / "plugins/entities/tests/data/other_cities";
  std::ifstream in(dir / "expected.json");
  ASSERT_TRUE(in) << dir;
  const Json expected = Json::parse(in);
  int reports = 0;
  for (const auto& [file, spec] : expected.items()) {
    if (file.front() == '_') continue;
    ++reports;
    std::ifstream t(dir / file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(t)), std::istreambuf_iterator<char>());
    auto doc = run_stages({{"segment"}, {"entities", Json{{"shipped_gazetteers", Json::array()}}}}, text,
                          Json::object(), {}, "other/" + file);
    std::map<std::string, std::string> found;
    // Names are compared without white space: web-copy text breaks lines inside names.
    for (const auto& a : doc->annotations("entity")) {
      std::string name(doc->slice(a.begin, a.end));
      std::erase_if(name, [](char c) { return c == '\n' || c == '\r' || c == ' ' || c == '\t'; });
      found.emplace(name, a.attrs["kind"]);
    }
    std::map<std::string, std::string> want;
    for (const auto& [kind, names] : spec["names"].items())
      for (const auto& n : names) want[n.get<std::string>()] = kind;
    std::set<std::string> misses;
    for (const auto& n : spec["known_misses"]) misses.insert(n.get<std::string>());
    for (const auto& [name, kind] : want) {
      if (misses.count(name)) continue;
      ASSERT_TRUE(found.count(name)) << file << ": " << name;
      EXPECT_EQ(found.at(name), kind) << file << ": " << name;
    }
    // Names tagged that the expected set judges wrong are known only when listed.
    std::set<std::string> known_false;
    for (const auto& n : spec.value("known_false", Json::array())) known_false.insert(n.get<std::string>());
    for (const auto& [name, kind] : found)
      EXPECT_TRUE(want.count(name) || known_false.count(name)) << file << ": false " << kind << " " << name;
  }
  EXPECT_EQ(reports, 11);
}
