// Names whose evidence is what the document does with them (issue 21, patterns only): a base or
// a park named by its products listed among the projects a report builds, a firm named by its
// business that the report founds, a brand + product before a project signed or put into
// production, list items past one that is no firm, and a 新区 the document also calls a
// state-level new area. Invented sentences in the style of local work reports.
#include <gtest/gtest.h>

#include <string>

#include "tagged_names.h"

using reportlens::Json;
using reportlens::entities::test::tag;

TEST(ListedProjects, BasesAndDescriptiveParksListedAsProjectsAreSites) {
  const auto found = tag("加快星辉生物药国际CDMO基地、新能源汽车零部件产业园等重点项目建设。");
  ASSERT_TRUE(found.count("星辉生物药国际CDMO基地"));
  EXPECT_GE(found.at("星辉生物药国际CDMO基地").confidence, 0.5);
  ASSERT_TRUE(found.count("新能源汽车零部件产业园"));
  EXPECT_EQ(found.at("新能源汽车零部件产业园").rule, "描述名称");
  EXPECT_EQ(found.at("新能源汽车零部件产业园").kind, "industrial_park");
}

TEST(ListedProjects, OutsideAListOfProjectsADescriptiveParkStaysGeneric) {
  auto found = tag("建设新能源汽车零部件产业园，新建设施蔬菜基地。");
  EXPECT_FALSE(found.count("新能源汽车零部件产业园"));
  EXPECT_FALSE(found.count("设施蔬菜基地"));
  // still a candidate, below the threshold
  found = tag("建设新能源汽车零部件产业园。", Json{{"min_confidence", 0}});
  ASSERT_TRUE(found.count("新能源汽车零部件产业园"));
  EXPECT_DOUBLE_EQ(found.at("新能源汽车零部件产业园").confidence, 0.2);
  // A class after 等, a short stem (数字经济) and a class of farms are no sites.
  found = tag("推进甲园、乙园等集成电路装备产业园建设，推进数字经济产业园、都市现代农业产业园等项目。");
  EXPECT_FALSE(found.count("集成电路装备产业园"));
  EXPECT_FALSE(found.count("数字经济产业园"));
  EXPECT_FALSE(found.count("都市现代农业产业园"));
}

TEST(ListedProjects, AFirmNamedByItsBusinessCountsWhenTheReportFoundsIt) {
  auto found = tag("大数据产业发展公司成功组建，交通发展投资集团揭牌运营。");
  ASSERT_TRUE(found.count("大数据产业发展公司"));
  EXPECT_EQ(found.at("大数据产业发展公司").kind, "company");
  EXPECT_EQ(found.at("大数据产业发展公司").rule, "描述名称");
  EXPECT_TRUE(found.count("交通发展投资集团"));
  // not without being founded, nor a class of firms
  found = tag("支持大数据产业发展公司做大做强，启动国有资本投资公司组建工作。");
  EXPECT_FALSE(found.count("大数据产业发展公司"));
  EXPECT_FALSE(found.count("国有资本投资公司"));
}

TEST(ListedProjects, ABrandBeforeAProjectSignedOrPutIntoProduction) {
  auto found = tag("新材料产业加速延伸，华科得高端新材料项目签约落地。");
  ASSERT_TRUE(found.count("华科得"));
  EXPECT_EQ(found.at("华科得").rule, "项目动态");
  // what a list or a qualifier describes, and a project merely started, give nothing
  found = tag("京东数科等一批营收超百亿元项目签约落地，抓实季度重大产业项目开工。");
  for (const auto& [name, f] : found) EXPECT_NE(f.rule, "项目动态") << name;
}

TEST(ListedProjects, AListOfFirmsGoesOnPastAnItemThatIsNoFirm) {
  const auto found = tag("推进长江电子集团、江城数谷、蓝思光电、博特瑞等重点项目建设。");
  for (const char* firm : {"蓝思光电", "博特瑞"}) {
    ASSERT_TRUE(found.count(firm)) << firm;
    EXPECT_EQ(found.at(firm).rule, "、列举") << firm;
  }
  EXPECT_FALSE(found.count("江城数谷"));
}

TEST(ListedProjects, AListOfProjectsGoesOnPastACountedItem) {
  const auto found = tag("过去一年，华源阿美精细化工、徐家堡核电1号机组、宁德时代全新动力电池等一批超百亿项目开工建设。");
  for (const char* firm : {"华源阿美", "宁德时代"}) {
    ASSERT_TRUE(found.count(firm)) << firm;
    EXPECT_EQ(found.at(firm).rule, "项目列举") << firm;
  }
}

TEST(ListedProjects, ANewAreaTheReportCallsAStateLevelNewAreaIsAZone) {
  auto found = tag("支持江城金源国家级新区创新发展。石墨项目落户金源新区，城北新区建设加快。");
  ASSERT_TRUE(found.count("金源新区"));
  EXPECT_EQ(found.at("金源新区").kind, "zone");
  EXPECT_FALSE(found.count("城北新区"));  // a district
  found = tag("兰溪新区获批国家级新区十周年。");
  EXPECT_TRUE(found.count("兰溪新区"));
}
