#include "pattern_finder.h"

#include <gtest/gtest.h>

#include <set>

#include "reportlens/stage.h"
#include "test_files.h"

using namespace reportlens::entities;

namespace {

const PatternFinder& shipped() {
  static const PatternFinder finder = [] {
    PatternRules rules;
    rules.load_file(std::filesystem::path(ENTITIES_DATA_DIR) / "patterns.yaml");
    return PatternFinder(rules);
  }();
  return finder;
}

std::set<std::string> names(std::string_view text, const PatternFinder& f = shipped()) {
  std::set<std::string> out;
  for (const auto& c : f.find(text)) out.insert(std::string(text.substr(c.begin, c.end - c.begin)));
  return out;
}

using Names = std::set<std::string>;

}  // namespace

TEST(PatternFinder, LeftEdgeStopsAtVerbs) {
  EXPECT_EQ(names("打造东北大学科技园、通用技术研发中心"), Names{"东北大学科技园"});
  EXPECT_EQ(names("加快推进普洛斯智慧物流仓储产业园和中储物流园重要节点项目"),
            (Names{"普洛斯智慧物流仓储产业园", "中储物流园"}));
  EXPECT_EQ(names("支持建设腾讯数字经济产业园、自媒体新经济业态孵化产业园等"),
            (Names{"腾讯数字经济产业园", "自媒体新经济业态孵化产业园"}));
  EXPECT_EQ(names("启动云溪湖公园、智谷廊湾公园建设，建成沈阳国际泵道公园"),
            (Names{"云溪湖公园", "智谷廊湾公园", "沈阳国际泵道公园"}));
}

TEST(PatternFinder, LeftEdgeStopsAtCategoryNounsAndPrepositions) {
  EXPECT_EQ(names("受重点企业宝马铁西工厂、沈化集团产值下降影响"), (Names{"宝马铁西工厂", "沈化集团"}));
  EXPECT_EQ(names("以中德企业国际创新孵化中心为平台"), Names{"中德企业国际创新孵化中心"});
  EXPECT_EQ(names("与中德龙湖物业公司签订框架协议"), Names{"中德龙湖物业公司"});
}

TEST(PatternFinder, CountsAndOrdinalsAreNotSwallowed) {
  EXPECT_TRUE(names("新建公办4所幼儿园，其中1所已经精装交付").empty());
  EXPECT_TRUE(names("重点推进工业博物馆、工人村历史街区提升改造项目").empty());
  // A count before a name ending marks a generic class.
  EXPECT_TRUE(names("围绕6个头部企业和2个特色园区建设").empty());
  EXPECT_TRUE(names("新建270个口袋公园").empty());
  EXPECT_TRUE(names("公铁联运等四大物流基地建设全面启动").empty());
  // ... but the items listed before 等 are names of that class.
  EXPECT_EQ(names("中德控股等三户平台公司加快建立现代企业制度"), Names{"中德控股"});
  EXPECT_EQ(names("推进红梅、奉天工场等文创园区提档升级"), (Names{"红梅", "奉天工场"}));
  EXPECT_TRUE(names("公铁联运等四大物流基地建设全面启动").empty());
  // A numeral that is not a count belongs to the name.
  EXPECT_EQ(names("红梅文创园、1905文化创意园等7个文创园高质量运营"), (Names{"红梅文创园", "1905文化创意园"}));
  // A date before the name is cut off, without making the name generic.
  EXPECT_EQ(names("2022年沈阳海智产业园开园"), Names{"沈阳海智产业园"});
}

TEST(PatternFinder, GenericMentionsAndDesignationsAreNotNames) {
  EXPECT_TRUE(names("推进开发区体制机制改革").empty());
  EXPECT_TRUE(names("推进各类园区提档升级").empty());
  EXPECT_TRUE(names("新建口袋公园200个以上").empty());
  EXPECT_TRUE(names("大力培育中试基地和双创载体").empty());
  EXPECT_TRUE(names("加快“6+2”配套产业园建设").empty());
  EXPECT_TRUE(names("工业博物馆入选国家工业旅游示范基地").empty());
  EXPECT_TRUE(names("加快推进国家外贸转型升级基地建设").empty());
  EXPECT_TRUE(names("开展中德园绿色电力标杆园区建设").empty());
  EXPECT_TRUE(names("推动中关村创新中心建设国家级科技企业孵化器").empty());
  EXPECT_TRUE(names("“园区集合贷”为72户科技型企业提供担保").empty());
  EXPECT_TRUE(names("新建数字化车间10个、智能工厂5个").empty());
  EXPECT_TRUE(names("参加二十国集团领导人峰会").empty());
  EXPECT_TRUE(names("切实提高上市公司质量").empty());
}

TEST(PatternFinder, EndingsFollowedByAWordContinuationAreNotNameEnds) {
  EXPECT_TRUE(names("调整轻重工业比例关系").empty());
  EXPECT_TRUE(names("推进国有企业公司制改革").empty());
  EXPECT_TRUE(names("修订中华人民共和国公司法").empty());
}

TEST(PatternFinder, LongestEndingWins) {
  EXPECT_EQ(names("沈阳三生制药有限责任公司成立"), (Names{"沈阳三生制药有限责任公司", "沈阳三生制药"}));
  const auto found = shipped().find("1905文化创意园");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "文化创意园");
  EXPECT_EQ(found[0].kind, EntityKind::kIndustrialPark);
}

TEST(PatternFinder, KindsFollowTheEnding) {
  const auto kind_of = [](std::string_view text) {
    const auto found = shipped().find(text);
    return found.empty() ? std::string("none") : std::string(kind_name(found.back().kind));
  };
  EXPECT_EQ(kind_of("三威公司"), "company");
  EXPECT_EQ(kind_of("沈阳铸造研究所"), "company");
  EXPECT_EQ(kind_of("奉天记忆文创园"), "industrial_park");
  // Logistics hubs are no pattern name (gold README (e)); the seed's hub is in its gazetteer.
  EXPECT_EQ(kind_of("生产服务型国家物流枢纽"), "none");
  EXPECT_EQ(kind_of("仙女湖公园"), "public_park");
  EXPECT_EQ(kind_of("大连高新区"), "zone");
  // 研究院 is not a firm ending: research institutes are not companies.
  EXPECT_EQ(kind_of("中科沈阳产业技术研究院"), "none");
}

TEST(PatternFinder, UserRulesExtendTheShippedOnes) {
  PatternRules rules;
  rules.load_file(std::filesystem::path(ENTITIES_DATA_DIR) / "patterns.yaml");
  EXPECT_TRUE(names("建设铁西会展中心", PatternFinder(rules)).empty());
  rules.load_file(entities_test::write_temp("extra.yaml", "endings:\n  industrial_park: [会展中心]\n"));
  EXPECT_EQ(names("建设铁西会展中心", PatternFinder(rules)), Names{"铁西会展中心"});
}

TEST(PatternFinder, MalformedRuleFilesAreErrorsWithFileAndLine) {
  PatternRules rules;
  const auto bad_kind = entities_test::write_temp("bad_kind.yaml", "endings:\n  factory: [厂]\n");
  try {
    rules.load_file(bad_kind);
    FAIL() << "expected StageError";
  } catch (const reportlens::StageError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad_kind.string() + ":2: endings: unknown kind 'factory'", 0), 0u) << e.what();
  }
  const auto bad_list = entities_test::write_temp("bad_list.yaml", "stop_words: 打造\n");
  EXPECT_THROW(rules.load_file(bad_list), reportlens::StageError);
}

TEST(PatternFinder, BracketedPlacesAndSoftStopCharactersInsideNames) {
  EXPECT_EQ(names("支持恒力石化（大连）有限公司扩大产能"), Names{"恒力石化（大连）有限公司"});
  EXPECT_EQ(names("全力打造辽宁（鞍山）跨境电商产业园"), Names{"辽宁（鞍山）跨境电商产业园"});
  // 得 is a particle, but here part of an unknown firm's name (钢铁 alone would be generic).
  EXPECT_EQ(names("、宝得钢铁有限公司等重点企业"), Names{"宝得钢铁有限公司"});
  // Conjunctions are never taken into a name, even when what follows is generic.
  EXPECT_TRUE(names("推进仓储和物流园区建设").empty());
  EXPECT_TRUE(names("推进红梅、奉天工场等文创园区").count("奉天工场等文创园区") == 0);
}

// Sentences below are invented (other cities), not taken from the seed report.

TEST(PatternFinder, ClassNounListsNameTheFirms) {
  EXPECT_EQ(names("全年引进科大讯飞、京东方等龙头企业落户"), (Names{"科大讯飞", "京东方"}));
  EXPECT_EQ(names("招引比亚迪、蔚来等整车企业配套项目"), (Names{"比亚迪", "蔚来"}));
  EXPECT_EQ(names("支持赣锋锂业、孚能科技等10户企业扩产"), (Names{"赣锋锂业", "孚能科技"}));
  // A class noun never ends a name itself.
  EXPECT_EQ(names("合肥万科企业与各类企业"), Names{});
  // Centres and universities in the list are not firms; the firms around them still are.
  EXPECT_EQ(names("推动华为创新中心、拓维信息、湖南大学等头部企业集中布局"), Names{"拓维信息"});
  // Common nouns (one dictionary word) and sectors are not firms.
  EXPECT_EQ(names("使工业、农业、交通运输业和商业等企业"), Names{});
  EXPECT_EQ(names("工矿企业、商店等企业"), Names{});
  // The words between 等 and the noun must be generic; after a count too.
  EXPECT_EQ(names("采取减税、退税或抵免税等多种方式减轻企业负担"), Names{});
  EXPECT_EQ(names("外资、私营等非公有制企业"), Names{});
  // 企业家 is a person.
  EXPECT_EQ(names("马云、马化腾等企业家"), Names{});
}

TEST(PatternFinder, QuotedNamesBeforeAnEnding) {
  EXPECT_EQ(names("推进“中国声谷”产业园、「智汇谷」科技园建设"), (Names{"“中国声谷”产业园", "「智汇谷」科技园"}));
  // A quoted generic description stays generic.
  EXPECT_EQ(names("建设“数字经济”产业园"), Names{});
}

TEST(PatternFinder, SquaresAndGreenwaysArePublicParks) {
  const std::string text = "建成南淝河滨河绿道和天鹅湖广场，新建城市绿道50公里、3个文化广场";
  std::set<std::string> parks;
  for (const auto& c : shipped().find(text))
    if (c.kind == EntityKind::kPublicPark) parks.insert(text.substr(c.begin, c.end - c.begin));
  EXPECT_EQ(parks, (Names{"南淝河滨河绿道", "天鹅湖广场"}));
}

TEST(PatternFinder, VerbsOfSettlingEndNames) {
  EXPECT_EQ(names("签约项目落户蜀山经开区，进驻新站高新区"), (Names{"蜀山经开区", "新站高新区"}));
}

TEST(PatternFinder, CanonicalNamesDropQuotesRegionsAndLegalForms) {
  const PatternFinder& f = shipped();
  EXPECT_EQ(f.canonical_name("合肥长鑫存储技术有限公司"), "合肥长鑫存储技术公司");
  EXPECT_EQ(f.canonical_name("阳光电源股份有限公司"), "阳光电源公司");
  EXPECT_EQ(f.canonical_name("安徽江淮汽车集团股份有限公司"), "安徽江淮汽车集团");
  EXPECT_EQ(f.canonical_name("长沙机床（集团）有限责任公司"), "长沙机床集团");
  EXPECT_EQ(f.canonical_name("“中国声谷”产业园"), "中国声谷产业园");
  EXPECT_EQ(f.canonical_name("中国·合肥人力资源服务产业园"), "中国合肥人力资源服务产业园");
  // Region names before a name go; the same firm written with and without them is one.
  EXPECT_EQ(f.canonical_name("芜湖市鸠江区奇瑞动力有限公司"), "奇瑞动力公司");
  EXPECT_EQ(f.canonical_name("鸠江区奇瑞动力公司"), "奇瑞动力公司");
  // ... but not when only a generic word or nothing would be left.
  EXPECT_EQ(f.canonical_name("蜀山区软件园"), "蜀山区软件园");
  EXPECT_EQ(f.canonical_name("蜀山区人工智能产业园"), "蜀山区人工智能产业园");
  EXPECT_EQ(f.canonical_name("安徽省交通控股集团有限公司"), "安徽省交通控股集团");
  // 市政 is no region.
  EXPECT_EQ(f.canonical_name("市政集团"), "市政集团");
}

TEST(PatternFinder, MoreListsAndGluedVerbs) {
  EXPECT_EQ(names("川大智胜、新希望集团等本土企业营收增长"), (Names{"川大智胜", "新希望集团"}));
  EXPECT_EQ(names("成都银行、四川能投、中铁二局等市属国有企业持续壮大"), (Names{"成都银行", "四川能投", "中铁二局"}));
  EXPECT_EQ(names("加强与中国电子科技集团、中国五矿等央企合作"), (Names{"中国电子科技集团", "中国五矿"}));
  // A verb glued to the name by word segmentation still ends it.
  // (武侯城投 ends in 城投 too; the overlap policy drops it inside 武侯城投集团.)
  EXPECT_EQ(names("。组建武侯城投集团、武侯文旅公司"), (Names{"武侯城投", "武侯城投集团", "武侯文旅公司"}));
}

TEST(PatternFinder, CanonicalNamesKeepARegionBeforeAGenericDescription) {
  EXPECT_EQ(shipped().canonical_name("武侯区国有资产投资经营集团有限公司"), "武侯区国有资产投资经营集团");
}

TEST(PatternFinder, ConstructionInsideAFirmNameIsRetried) {
  // (集团 and 有限公司 both end a candidate; the overlap policy keeps the longer one.)
  EXPECT_EQ(names("支持洛阳市城乡建设投资集团有限公司发行债券"),
            (Names{"洛阳市城乡建设投资集团", "洛阳市城乡建设投资集团有限公司"}));
  // ... while building a generic park stays generic, and building a named one is a name.
  EXPECT_EQ(names("加快建设特色产业园，建设洛阳智能装备产业园"), Names{"洛阳智能装备产业园"});
}

TEST(PatternFinder, IndustryWordsBeforeTheClassNoun) {
  EXPECT_EQ(names("支持海尔、格力等家电企业拓展市场"), (Names{"海尔", "格力"}));
  EXPECT_EQ(names("鼓励煤炭、钢铁、水泥等行业企业兼并重组"), Names{});
  // An industry word alone before a park ending is still generic.
  EXPECT_EQ(names("建设电子产业园和食品产业园"), Names{});
}

TEST(PatternFinder, APrepositionGluedToTheWordBeforeEndsTheName) {
  // Word segmentation reads 国投|向 as 投向; the name must not reach over the preposition.
  EXPECT_EQ(names("推动滨江国投向产业投资集团转型"), Names{});
  EXPECT_EQ(names("推动滨江国投向星河动力集团转让股权"), Names{"星河动力集团"});
}

TEST(PatternFinder, AnIndustryCityIsAPark) {
  EXPECT_EQ(names("推进中联重科智慧产业城项目建设，打造汽车产业城"), Names{"中联重科智慧产业城"});
}

TEST(PatternFinder, ListsAfterGenericStopWordsBranchParksAndCityInvestmentFirms) {
  // 重点 is a stop word and a generic word: the list still reaches back to 等.
  EXPECT_EQ(names("华星电脑、蓝拓资通等重点企业稳定运行"), (Names{"华星电脑", "蓝拓资通"}));
  // A mall is a firm although it ends in 中心.
  EXPECT_EQ(names("星河汇、金鹰国际购物中心等商业综合体新开业"), (Names{"星河汇", "金鹰国际购物中心"}));
  EXPECT_EQ(names("清华科技园昆山分园新增孵化企业30家"), (Names{"清华科技园", "清华科技园昆山分园"}));
  EXPECT_EQ(names("昆山城投完成市场化转型，规范地方城投债务"), Names{"昆山城投"});
}

TEST(PatternFinder, FunctionCharactersInsideBrands) {
  // 为 and 和 are stop words, but a lone character before them that opens its stretch starts a
  // brand with them (华|为, 新|和|成).
  EXPECT_EQ(names("支持华为技术有限公司扩大投资"), Names{"华为技术有限公司"});
  EXPECT_EQ(names("签署合作协议，华为江西数字经济产业园建成投用"), Names{"华为江西数字经济产业园"});
  // (股份 ends a candidate too; the overlap policy keeps the longer one.)
  EXPECT_EQ(names("推进新和成股份有限公司扩能"), (Names{"新和成股份", "新和成股份有限公司"}));
  // ... not when that character takes 为/和 itself (a verb, a region), nor after a longer word.
  EXPECT_EQ(names("部分企业改为股份有限公司"), Names{});
  EXPECT_EQ(names("积极为上市公司提供服务"), Names{});
  EXPECT_EQ(names("推动高校和科研院所与龙湖科技有限公司合作"), Names{"龙湖科技有限公司"});
}

TEST(PatternFinder, AVerbGoverningANameIsNoPartOfIt) {
  EXPECT_EQ(names("鼓励民间资本投资开发清水河经济开发区"), Names{"清水河经济开发区"});
  // Before generic words 开发 is part of the name, and 开发区 is an ending of its own.
  EXPECT_EQ(names("组建宁波开发投资集团有限公司"), (Names{"宁波开发投资集团", "宁波开发投资集团有限公司"}));
  EXPECT_EQ(names("推进江宁开发区智能制造产业园建设"), (Names{"江宁开发区", "江宁开发区智能制造产业园"}));
}

TEST(PatternFinder, AnOrdinalNumberingASiteStaysInTheName) {
  EXPECT_EQ(names("推进蔚来第二先进制造基地建设"), Names{"蔚来第二先进制造基地"});
  EXPECT_EQ(names("改造哈尔滨第一机械制造厂"), Names{"哈尔滨第一机械制造厂"});
  // At the start it is no name part: what follows is generic.
  EXPECT_EQ(names("推进第二先进制造基地建设"), Names{});
  EXPECT_EQ(names("认定第一批特色产业园"), Names{});
}

TEST(PatternFinder, FiguresOfSpeechRegionWideParksAndResearchUnitsAreNoNames) {
  // A whole firm name in quotes whose stem is one common word is a figure of speech ...
  EXPECT_EQ(names("坚决清理“皮包公司”"), Names{});
  // ... a park in quotes is still a park.
  EXPECT_EQ(names("建设“长江科技园”"), Names{"长江科技园"});
  // A region + generic words before a park ending is the region's parks in general.
  EXPECT_EQ(names("德清县城市绿道总长达到120公里，改造德清县莫干山公园"), Names{"德清县莫干山公园"});
  // More than one generic word may name one park.
  EXPECT_EQ(names("开工建设德清县城市中央公园"), Names{"德清县城市中央公园"});
  // The class after 等 says a 研究所 is a research unit here.
  EXPECT_EQ(names("湘潭电机研究所等20家科研单位转制"), Names{});
  EXPECT_EQ(names("湘潭电机研究所等20家企业转制"), Names{"湘潭电机研究所"});
}

TEST(PatternFinder, MoreBrandsWithFunctionCharactersAndParentFirms) {
  // 万 is a numeral, but 万|和 starts a brand; 美|的 is no particle.
  EXPECT_EQ(names("支持格兰仕集团、万和新电气股份有限公司扩产"),
            (Names{"格兰仕集团", "万和新电气股份", "万和新电气股份有限公司"}));
  EXPECT_EQ(names("推动美的库卡智能制造科技园扩建"), Names{"美的库卡智能制造科技园"});
  // ... an adjective before 的 is none: 新的产业园 stays generic.
  EXPECT_EQ(names("规划新的产业园"), Names{});
  // A firm's subsidiary is named after 旗下, not together with the parent.
  EXPECT_EQ(names("碧桂园控股有限公司旗下博智林机器人公司建成机器人谷"),
            (Names{"碧桂园控股有限公司", "博智林机器人公司"}));
}

TEST(PatternFinder, VillageLevelParksAndGuangdongGreenways) {
  EXPECT_EQ(names("推进村级工业园连片改造，镇级工业园区提质"), Names{});
  EXPECT_EQ(names("争创自治区级高新技术产业开发区"), Names{});
  // 碧道 (like 城市绿道) is a kind of path, not a park name (gold README (e)).
  EXPECT_EQ(names("眉蕉河碧道建成开放"), Names{});
}
