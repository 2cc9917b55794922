// Name boundaries on complete local reports (issue 21, `boundaries:` in patterns.yaml), through
// the stage with the patterns only, on invented sentences in the style of local work reports.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "reportlens/testing.h"

using reportlens::Json;
using reportlens::testing::run_stages;

namespace {

std::set<std::string> tag(const std::string& text, Json meta = Json::object()) {
  auto doc = run_stages({{"segment"}, {"entities", Json{{"shipped_gazetteers", Json::array()}}}}, text, meta);
  std::set<std::string> out;
  for (const auto& a : doc->annotations("entity")) out.insert(std::string(doc->slice(a.begin, a.end)));
  return out;
}

}  // namespace

TEST(Boundaries, AQuantityOpensADescriptionNotAName) {
  const auto found = tag("建成八十公里滨江绿道，年产2.5万吨钛白粉智能制造等项目开工，建设千万羽蛋鸡现代产业园。");
  for (const auto& f : found) {
    EXPECT_EQ(f.find("公里"), std::string::npos) << f;
    EXPECT_EQ(f.find("万吨"), std::string::npos) << f;
    EXPECT_EQ(f.find("千万"), std::string::npos) << f;
  }
  // A number that is part of a name stays (1905文化创意园, 三一重工).
  EXPECT_TRUE(tag("推进1958文化创意园建设。").count("1958文化创意园"));
}

TEST(Boundaries, ANameNeverStartsWithAFunctionCharacterOrAfterACutOrdinal) {
  const auto found = tag("甲城保税区位居全国第五，与南湾港综合保税区共同进位。推进第三纺织厂文化产业园建设。");
  EXPECT_TRUE(found.count("南湾港综合保税区"));
  EXPECT_FALSE(found.count("与南湾港综合保税区"));
  EXPECT_FALSE(found.count("纺织厂文化产业园"));
}

TEST(Boundaries, PlantsInAQuotationAndARegionsPlantsAreNoFirms) {
  const auto found = tag("推广“数字大脑+星火工厂”模式，新增东湖区育秧工厂3个，湖北长江汽车武汉工厂投产。");
  EXPECT_FALSE(found.count("星火工厂"));
  EXPECT_FALSE(found.count("东湖区育秧工厂"));
  EXPECT_TRUE(found.count("湖北长江汽车武汉工厂"));
}

TEST(Boundaries, ABrandTheDocumentWritesAsAPlaceIsNone) {
  // 远山台 is a banner of the document (远山台旗): 远山台新型工业园区 names no firm 远山台.
  const std::string parks = "远山台新型工业园区、远拓智能装备产业园产值增长。";
  EXPECT_TRUE(tag(parks).count("远山台"));  // without the banner it reads as a brand
  const auto found = tag("推进远山台旗特色小镇建设。" + parks);
  EXPECT_FALSE(found.count("远山台"));
  EXPECT_TRUE(found.count("远山台新型工业园区"));
  EXPECT_TRUE(found.count("远拓智能装备产业园"));
}

TEST(Boundaries, AZoneEndingInARoadIsARoad) {
  EXPECT_FALSE(tag("开工建设东环路经开区段改造工程。").count("东环路经开区"));
  EXPECT_TRUE(tag("支持东环经开区扩区升级。").count("东环经开区"));
}

TEST(Boundaries, ALocalAbbreviationFollowedByAClassActionIsAClass) {
  const Json meta{{"region", "甲乙市"}};
  EXPECT_FALSE(tag("深入开展化工园区整治提升。", meta).count("化工园区"));
  EXPECT_FALSE(tag("深入开展化工园区整治提升。", meta).count("化工园"));
  EXPECT_TRUE(tag("推动经开区扩区升级。", meta).count("经开区"));
}

TEST(Boundaries, BilateralParksInAListOfParks) {
  const auto found = tag("支持中法、中韩、中泰等园区提质扩容，推动甲地、乙地等园区发展。");
  EXPECT_TRUE(found.count("中法"));
  EXPECT_TRUE(found.count("中韩"));
  EXPECT_TRUE(found.count("中泰"));
  EXPECT_FALSE(found.count("甲地"));
}
