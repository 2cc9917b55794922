// Confidence per entity (src/confidence.h) and the stage's min_confidence setting, through the
// stage with the patterns only, on invented sentences in the style of local work reports.
#include <gtest/gtest.h>

#include <string>

#include "tagged_names.h"

using reportlens::Json;
using reportlens::entities::test::tag;

TEST(Confidence, EveryEntityHasOneAndTheSettingDropsTheUnsureOnes) {
  const std::string text = "推进红星机械有限公司技改，新建设施蔬菜基地。";
  auto found = tag(text);
  ASSERT_TRUE(found.count("红星机械有限公司"));
  EXPECT_DOUBLE_EQ(found.at("红星机械有限公司").confidence, 0.85);
  // A base with no firm in it and no firm next to it is as often a programme: 0.4 < 0.5.
  EXPECT_FALSE(found.count("设施蔬菜基地"));
  found = tag(text, Json{{"min_confidence", 0}});
  ASSERT_TRUE(found.count("设施蔬菜基地"));
  EXPECT_DOUBLE_EQ(found.at("设施蔬菜基地").confidence, 0.4);
  found = tag(text, Json{{"min_confidence", 0.9}});
  EXPECT_TRUE(found.empty());
}

TEST(Confidence, ABaseHoldingASureFirmIsAFirmsSite) {
  const auto found = tag("红星机械有限公司营收增长，红星机械新能源装备制造基地投产。");
  ASSERT_TRUE(found.count("红星机械新能源装备制造基地"));
  EXPECT_GE(found.at("红星机械新能源装备制造基地").confidence, 0.5);
}

TEST(Confidence, NationalDesignationsAreNoParkNames) {
  const std::string text = "建设黄河口国家公园、大运河国家文化公园，改造翠湖湿地公园。";
  auto found = tag(text);
  EXPECT_FALSE(found.count("黄河口国家公园"));
  EXPECT_FALSE(found.count("大运河国家文化公园"));
  EXPECT_TRUE(found.count("翠湖湿地公园"));
  found = tag(text, Json{{"min_confidence", 0}});  // still candidates, scored 0
  ASSERT_TRUE(found.count("黄河口国家公园"));
  EXPECT_DOUBLE_EQ(found.at("黄河口国家公园").confidence, 0.0);
}

TEST(Confidence, ABareParkNamedAfterItsZoneIsThatZonesPart) {
  const auto found = tag("推进横琴粤澳深度合作区珠海园区建设。");
  ASSERT_TRUE(found.count("横琴粤澳深度合作区珠海园区"));
  EXPECT_EQ(found.at("横琴粤澳深度合作区珠海园区").kind, "zone");
  EXPECT_FALSE(found.count("横琴粤澳深度合作区"));
}

TEST(Confidence, BrandsOfAListOfProjects) {
  // Brand + a product of three characters or more: the firms of the projects.
  auto found = tag("推进赣锋锂业动力电池、天齐锂业储能电站等项目建设。");
  for (const char* firm : {"赣锋锂业", "天齐锂业"}) {
    ASSERT_TRUE(found.count(firm)) << firm;
    EXPECT_EQ(found.at(firm).rule, "项目列举") << firm;
  }
  // A place is no firm's project; a two-character product may be the brand's own last word.
  found = tag("加快建设滨江公园、北站枢纽等项目，推进鹏辉技术超材料等项目。");
  for (const auto& [name, f] : found) EXPECT_NE(f.kind, "company") << name << " " << f.rule;
  EXPECT_TRUE(found.count("滨江公园"));  // the park itself is a park
}

TEST(Confidence, AFreeTradeZoneAreaIsAZoneOnlyInASentenceAboutTheZone) {
  auto found = tag("深入实施自贸试验区提升战略，推进襄州片区整合提升。改造提升火车站片区。");
  ASSERT_TRUE(found.count("襄州片区"));
  EXPECT_EQ(found.at("襄州片区").kind, "zone");
  EXPECT_FALSE(found.count("火车站片区"));  // a planning area
  found = tag("自贸试验区襄州片区新增市场主体1.2万户。");
  EXPECT_TRUE(found.count("自贸试验区襄州片区"));
}

TEST(Confidence, ABaseRankedOrListedNextToAZoneIsANamedSite) {
  auto found = tag("推进设施蔬菜基地建设。长山石化产业基地入围全国化工园区30强。");
  EXPECT_FALSE(found.count("设施蔬菜基地"));
  EXPECT_TRUE(found.count("长山石化产业基地"));
  found = tag("加快长山世界级石化产业基地、滨海合作创新区建设。");
  EXPECT_TRUE(found.count("滨海合作创新区"));
  EXPECT_TRUE(found.count("长山世界级石化产业基地"));
}

TEST(Confidence, AChineseNumeralMonthBeforeNameCharactersIsABrandNotADate) {
  const auto found = tag("九月丰收、十月稻田等3家企业境外上市。");
  EXPECT_TRUE(found.count("十月稻田"));
}
