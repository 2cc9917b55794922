// The phrasings of issue 5, each on a sentence the test writes itself.
#include <gtest/gtest.h>

#include "test_support.h"

namespace reportlens::indicators::testing {
namespace {

const Json kPlanReport = {{"report_year", 2022}, {"plan_year", 2023}, {"kind", "plan_report"}};

TEST(SentencePatterns, LevelThenGrowthIsOneFact) {
  auto doc = extract("地区生产总值完成1200.2亿元，增长1.5%。",
                     {{"1200.2亿元", 120020000000, "CNY"}, {"1.5%", 1.5, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "地区生产总值");
  EXPECT_EQ(all[0]["canonical"], "地区生产总值");
  EXPECT_EQ(all[0]["period"], 2022);
  EXPECT_EQ(all[0]["status"], "actual");
  EXPECT_EQ(all[0]["level"]["value"], 120020000000.0);
  EXPECT_EQ(all[0]["level"]["unit"], "CNY");
  EXPECT_EQ(all[0]["growth"]["value"], 1.5);
  EXPECT_TRUE(all[0]["qualifier"].is_null());
}

TEST(SentencePatterns, DeclineIsNegativeGrowth) {
  auto doc = extract("一般公共预算收入完成108.2亿元，下降11.8%。",
                     {{"108.2亿元", 10820000000, "CNY"}, {"11.8%", 11.8, "percent"}}, kPlanReport);
  auto f = find_fact(*doc, "一般公共预算收入", 2022);
  ASSERT_FALSE(f.is_null());
  EXPECT_DOUBLE_EQ(f["growth"]["value"].get<double>(), -11.8);
  EXPECT_DOUBLE_EQ(f["level"]["value"].get<double>(), 10820000000.0);
}

TEST(SentencePatterns, TimesGrowth) {
  auto doc = extract("实际利用外资完成4.3亿美元，增长1.5倍。",
                     {{"4.3亿美元", 430000000, "USD"}, {"1.5倍", 1.5, "times"}}, kPlanReport);
  auto f = find_fact(*doc, "实际利用外资", 2022);
  ASSERT_FALSE(f.is_null());
  EXPECT_EQ(f["growth"]["unit"], "times");
  EXPECT_DOUBLE_EQ(f["growth"]["value"].get<double>(), 1.5);
}

TEST(SentencePatterns, IncomeWithoutVerb) {
  auto doc = extract("城镇居民人均可支配收入52421元，增长1.9%。",
                     {{"52421元", 52421, "CNY"}, {"1.9%", 1.9, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "城镇居民人均可支配收入");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 52421);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 1.9);
}

TEST(SentencePatterns, GrowthAloneAndLevelAlone) {
  auto doc = extract("服务业增加值增长1.7%。粮食产量13.5万吨。",
                     {{"1.7%", 1.7, "percent"}, {"13.5万吨", 135000, "ton"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "服务业增加值");
  EXPECT_TRUE(all[0]["level"].is_null());
  EXPECT_EQ(all[1]["metric"], "粮食产量");
  EXPECT_TRUE(all[1]["growth"].is_null());
  EXPECT_EQ(all[1]["level"]["unit"], "ton");
}

TEST(SentencePatterns, GrowthBeforeLevel) {
  auto doc = extract("消费对经济增长的贡献率上升3个百分点，达到51.2%。",
                     {{"3个百分点", 3, "percentage_point"}, {"51.2%", 51.2, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["growth"]["unit"], "percentage_point");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 51.2);
}

TEST(SentencePatterns, ComparedWithLastYearAndYearOnYear) {
  auto doc = extract("国内生产总值达到56.9万亿元，比上年增长7.7%。进出口总额同比下降2%。",
                     {{"56.9万亿元", 56.9e12, "CNY"}, {"7.7%", 7.7, "percent"}, {"2%", 2, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "国内生产总值");
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 7.7);
  EXPECT_EQ(all[0]["period"], 2022);  // 比上年 compares with last year; the figure is this year's
  EXPECT_EQ(all[1]["metric"], "进出口总额");
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), -2);
}

TEST(SentencePatterns, RespectiveListPairsInOrder) {
  auto doc = extract("装备制造业、医药制造业保持快速增长，分别增长15%、17.4%；汽车及零部件业、石油化工业受芯片短缺影响，分别下降8.2%、31.8%。",
                     {{"15%", 15, "percent"}, {"17.4%", 17.4, "percent"}, {"8.2%", 8.2, "percent"},
                      {"31.8%", 31.8, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]["metric"], "装备制造业");
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 15);
  EXPECT_EQ(all[1]["metric"], "医药制造业");
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 17.4);
  EXPECT_EQ(all[2]["metric"], "汽车及零部件业");
  EXPECT_DOUBLE_EQ(all[2]["growth"]["value"].get<double>(), -8.2);
  EXPECT_EQ(all[3]["metric"], "石油化工业");
  EXPECT_DOUBLE_EQ(all[3]["growth"]["value"].get<double>(), -31.8);
}

TEST(SentencePatterns, RespectiveListInOneClauseJoinedByHe) {
  auto doc = extract("甲集团、乙制药分别增长24.9%和23.2%。",
                     {{"24.9%", 24.9, "percent"}, {"23.2%", 23.2, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "甲集团");
  EXPECT_EQ(all[1]["metric"], "乙制药");
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 23.2);
}

TEST(SentencePatterns, CoordinatedSubjectsWithPairedFiguresWithout分别) {
  auto doc = extract("城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%。",
                     {{"8.4%", 8.4, "percent"}, {"11.4%", 11.4, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "城镇居民人均可支配收入");
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 8.4);
  EXPECT_EQ(all[1]["metric"], "农村居民人均纯收入");
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 11.4);
}

TEST(SentencePatterns, RespectiveModifiersShareTheHead) {
  auto doc = extract("城镇、农村居民人均可支配收入分别达到45210元、20130元，分别增长4.5%、6.2%。",
                     {{"45210元", 45210, "CNY"}, {"20130元", 20130, "CNY"}, {"4.5%", 4.5, "percent"},
                      {"6.2%", 6.2, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);  // each subject's level and growth share one record
  EXPECT_EQ(all[0]["metric"], "城镇居民人均可支配收入");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 45210);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 4.5);
  EXPECT_EQ(all[1]["metric"], "农村居民人均可支配收入");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 20130);
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 6.2);
}

TEST(SentencePatterns, CoordinatedPrefixWith分别SplitsIntoItsGroupsInOrder) {
  auto doc = extract("城乡居民人均可支配收入分别达到41200元和19850元，分别增长3.8%和6.9%。",
                     {{"41200元", 41200, "CNY"}, {"19850元", 19850, "CNY"}, {"3.8%", 3.8, "percent"},
                      {"6.9%", 6.9, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "城镇居民人均可支配收入");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 41200);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 3.8);
  EXPECT_EQ(all[1]["metric"], "农村居民人均可支配收入");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 19850);
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 6.9);
}

TEST(SentencePatterns, CoordinatedPrefixNeedsOneFigurePerGroup) {
  // One figure: 城乡 is the whole, not a pair of groups.
  auto doc = extract("城乡居民人均可支配收入达到30100元。", {{"30100元", 30100, "CNY"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "城乡居民人均可支配收入");
}

TEST(SentencePatterns, OneSubjectWithTwo分别ListsPairsTheFiguresInOrder) {
  // No coordinating prefix the lexicon knows: the subject stays one, but the n-th growth
  // still completes the n-th level.
  auto doc = extract("东西两片区人均收入分别达到38000元和29000元，分别增长5.2%和6.4%。",
                     {{"38000元", 38000, "CNY"}, {"29000元", 29000, "CNY"}, {"5.2%", 5.2, "percent"},
                      {"6.4%", 6.4, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 38000);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 5.2);
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 29000);
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 6.4);
}

TEST(SentencePatterns, YearEndComparisonBaseIsNoPartOfTheMetric) {
  auto doc = extract("年末全区常住人口52.16万人，比上年末减少0.37万人。",
                     {{"52.16万人", 521600, "person"}, {"0.37万人", 3700, "person"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "常住人口");
  EXPECT_EQ(all[1]["metric"], "常住人口减少");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 3700);
}

TEST(SentencePatterns, RateAfterAnAbsoluteChangeBelongsToTheLevel) {
  auto doc = extract("年末各项贷款余额318.7亿元，比年初增加27.5亿元，增长9.4%。",
                     {{"318.7亿元", 31870000000, "CNY"}, {"27.5亿元", 2750000000, "CNY"},
                      {"9.4%", 9.4, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "各项贷款余额");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 31870000000);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 9.4);
  EXPECT_EQ(all[1]["metric"], "各项贷款余额增加");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 2750000000);
  EXPECT_TRUE(all[1]["growth"].is_null());
}

TEST(SentencePatterns, MonthEndBaseWithAGrowthRate) {
  auto doc = extract("月末住户存款余额86.2亿元，比上月末增长1.3%。",
                     {{"86.2亿元", 8620000000, "CNY"}, {"1.3%", 1.3, "percent"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 1.3);
  EXPECT_EQ(all[0]["metric"].get<std::string>().find("比上月"), std::string::npos);
}

TEST(SentencePatterns, OutputIncreaseIsAnAbsoluteChange) {
  auto doc = extract("全年油料总产量8.3万吨，比上年增产0.4万吨，增长5.1%；棉花减产2.6%。",
                     {{"8.3万吨", 83000, "ton"}, {"0.4万吨", 4000, "ton"}, {"5.1%", 5.1, "percent"},
                      {"2.6%", 2.6, "percent"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["metric"], "油料总产量");
  EXPECT_DOUBLE_EQ(all[0]["growth"]["value"].get<double>(), 5.1);
  EXPECT_EQ(all[1]["metric"], "油料总产量增产");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 4000);
  EXPECT_TRUE(all[1]["growth"].is_null());
  EXPECT_EQ(all[2]["metric"], "棉花");
  EXPECT_DOUBLE_EQ(all[2]["growth"]["value"].get<double>(), -2.6);
}

TEST(SentencePatterns, PerPeriodWordsBeforeAFigureAreNoMetric) {
  auto doc = extract("城乡低保标准分别提高到每月710元和每月530元；学生资助标准由每人每年300元提高到360元。",
                     {{"710元", 710, "CNY"}, {"530元", 530, "CNY"}, {"300元", 300, "CNY"}, {"360元", 360, "CNY"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]["metric"], "城镇低保标准");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 710);
  EXPECT_EQ(all[1]["metric"], "农村低保标准");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 530);
  EXPECT_EQ(all[2]["metric"], "学生资助标准");
  EXPECT_EQ(all[2]["from_to"], "from");
  EXPECT_EQ(all[3]["metric"], "学生资助标准");
  EXPECT_DOUBLE_EQ(all[3]["level"]["value"].get<double>(), 360);
}

TEST(SentencePatterns, CoordinatedSubjectsShareTheHead) {
  auto doc = extract("甲机械集团、乙重工产值突破100亿元。",
                     {{"100亿元", 1e10, "CNY", ">"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "甲机械集团产值");
  EXPECT_EQ(all[1]["metric"], "乙重工产值");
  EXPECT_EQ(all[1]["qualifier"], ">");
}

TEST(SentencePatterns, FromToGivesTwoPeriods) {
  auto doc = extract("产业投资占比由去年同期的59.2%提高到78.9%。",
                     {{"59.2%", 59.2, "percent"}, {"78.9%", 78.9, "percent"}}, kPlanReport);
  auto before = find_fact(*doc, "产业投资占比", 2021);
  auto after = find_fact(*doc, "产业投资占比", 2022);
  ASSERT_FALSE(before.is_null());
  ASSERT_FALSE(after.is_null());
  EXPECT_DOUBLE_EQ(before["level"]["value"].get<double>(), 59.2);
  EXPECT_DOUBLE_EQ(after["level"]["value"].get<double>(), 78.9);
  EXPECT_TRUE(after["growth"].is_null());  // 提高到 names the new level, not a change
}

TEST(SentencePatterns, FromToWithAnyJoiningVerb) {
  auto doc = extract("房地产投资占比由40.8%调整到21.1%。",
                     {{"40.8%", 40.8, "percent"}, {"21.1%", 21.1, "percent"}}, kPlanReport);
  EXPECT_FALSE(find_fact(*doc, "房地产投资占比", 2021).is_null());
  EXPECT_FALSE(find_fact(*doc, "房地产投资占比", 2022).is_null());
}

TEST(SentencePatterns, CountBeforeNounNamesTheNoun) {
  auto doc = extract("新建270个口袋公园，完成311个小区的弱电线缆整治工作，改造老旧燃气管网52公里。",
                     {{"270个", 270, "item"}, {"311个", 311, "item"}, {"52公里", 52, "km"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["metric"], "口袋公园");
  EXPECT_EQ(all[1]["metric"], "小区");
  EXPECT_EQ(all[2]["metric"], "老旧燃气管网");
}

TEST(SentencePatterns, ListOfCountsWithOwnNouns) {
  auto doc = extract("新建数字化车间10个、智能工厂5个。",
                     {{"10个", 10, "item"}, {"5个", 5, "item"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "新建数字化车间");  // 新建 directly before the noun stays
  EXPECT_EQ(all[1]["metric"], "智能工厂");
}

TEST(SentencePatterns, ScopeWordsAndPredicateVerbsAreDropped) {
  auto doc = extract("全区规模以上工业总产值预计达到2041亿元，全年城镇新增就业2万余人。",
                     {{"2041亿元", 204100000000, "CNY"}, {"2万余人", 20000, "person", ">"}},
                     kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "规模以上工业总产值");
  EXPECT_EQ(all[0]["status"], "estimate");
  EXPECT_EQ(all[1]["metric"], "城镇新增就业");
  EXPECT_EQ(all[1]["status"], "actual");  // 预计 governs its own clause only
}

TEST(SentencePatterns, ShareOfTheWholeTakesThePreviousSubject) {
  auto doc = extract("建设5G应用场景35个，占全市70%以上。",
                     {{"35个", 35, "item"}, {"70%", 70, "percent", ">="}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "5G应用场景");
  EXPECT_EQ(all[1]["metric"], "5G应用场景占全市比重");
  EXPECT_EQ(all[1]["qualifier"], ">=");
}

TEST(SentencePatterns, DifferentQualifiersSplitLevelAndGrowth) {
  auto doc = extract("全国财政收入突破20万亿元，增长10.7%。",
                     {{"20万亿元", 2e13, "CNY", ">"}, {"10.7%", 10.7, "percent"}},
                     {{"report_year", 2021}, {"plan_year", 2022}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "全国财政收入");
  EXPECT_EQ(all[0]["qualifier"], ">");
  EXPECT_TRUE(all[0]["growth"].is_null());
  EXPECT_EQ(all[1]["metric"], "全国财政收入");
  EXPECT_TRUE(all[1]["qualifier"].is_null());
  EXPECT_DOUBLE_EQ(all[1]["growth"]["value"].get<double>(), 10.7);
}

TEST(SentencePatterns, ElliptialTotalTakesThePreviousSubject) {
  auto doc = extract("国内生产总值增长6.6%，总量突破90万亿元。",
                     {{"6.6%", 6.6, "percent"}, {"90万亿元", 9e13, "CNY", ">"}},
                     {{"report_year", 2018}, {"plan_year", 2019}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]["metric"], "国内生产总值总量");
}

TEST(SentencePatterns, AbsoluteReductionIsALevelOfTheReduction) {
  auto doc = extract("农村贫困人口减少1240万，易地扶贫搬迁人口超过240万。",
                     {{"1240万", 12400000, "item"}, {"240万", 2400000, "item", ">"}},
                     {{"report_year", 2016}, {"plan_year", 2017}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "农村贫困人口减少");
  EXPECT_EQ(all[0]["level"]["unit"], "person");  // a bare 万 of people
  EXPECT_EQ(all[1]["metric"], "易地扶贫搬迁人口");
}

TEST(SentencePatterns, BareLargeCountsTakeTheirUnitFromTheNoun) {
  Q families{"千万", 1e7, "item", "<"};
  auto doc = extract("新开工改造城镇老旧小区5.6万个，惠及近千万家庭。",
                     {{"5.6万个", 56000, "item"}, families}, {{"report_year", 2021}, {"plan_year", 2022}});
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "新开工改造城镇老旧小区");
  EXPECT_EQ(all[1]["metric"], "家庭");
  EXPECT_EQ(all[1]["level"]["unit"], "household");
  EXPECT_EQ(all[1]["qualifier"], "<");
}

TEST(SentencePatterns, ShareOfSubjectsAndItsCriterion) {
  auto doc = extract("超60%的村集体经济纯收入达到10万元。",
                     {{"60%", 60, "percent", ">"}, {"10万元", 100000, "CNY"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);  // 10万元 is the criterion, not a fact
  EXPECT_EQ(all[0]["metric"], "村集体经济纯收入");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 60);
}

TEST(SentencePatterns, OffsetsPointIntoTheOriginalNoisyText) {
  // A web copy with a line break and a zero-width space inside the number.
  std::string text = "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。";
  auto doc = extract(text, {{"74.4\n\u200b\n万亿元", 74.4e12, "CNY"}, {"6.7%", 6.7, "percent"}},
                     {{"report_year", 2016}, {"plan_year", 2017}});
  const auto& anns = doc->annotations("indicator");
  ASSERT_EQ(anns.size(), 1u);
  EXPECT_EQ(doc->slice(anns[0].begin, anns[0].end), "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%");
  EXPECT_DOUBLE_EQ(anns[0].attrs["growth"]["value"].get<double>(), 6.7);
}

TEST(SentencePatterns, QualitativeTargetHasNoFact) {
  // Documented choice: a target without a figure (与经济增长同步) is left out, as the gold does.
  auto doc = extract("今年发展的主要预期目标是：城乡居民人均收入实际增长与经济增长同步。", {},
                     {{"report_year", 2012}, {"plan_year", 2013}});
  EXPECT_TRUE(facts(*doc).empty());
}

// A relational verb after a count opens a relative clause: the counted noun is the one after
// its 的, never the verb (my sentences, not the seed's).
TEST(SentencePatterns, RelationalVerbAfterACountIsNotTheMetric) {
  auto doc = extract("全年查处12起违反《城市绿化条例》的毁绿案件。",
                     {{"12起", 12, "item"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "毁绿案件");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 12);

  doc = extract("新增35家符合条件的科技型企业。", {{"35家", 35, "enterprise"}}, kPlanReport);
  all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "科技型企业");
}

// "X等N期": X is an example of what is counted. With no noun after the figure, the things
// counted are the object of the clause before; a following bare count keeps that metric.
TEST(SentencePatterns, ExamplesBefore等AreNotTheMetric) {
  auto doc = extract("继续举办“社区周末剧场”，全年完成春节专场等24场，累计完成130场。",
                     {{"24场", 24, "item"}, {"130场", 130, "item"}}, kPlanReport);
  auto all = facts(*doc);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["metric"], "“社区周末剧场”");
  EXPECT_DOUBLE_EQ(all[0]["level"]["value"].get<double>(), 24);
  EXPECT_EQ(all[1]["metric"], "“社区周末剧场”");
  EXPECT_DOUBLE_EQ(all[1]["level"]["value"].get<double>(), 130);
  // A counted noun after the figure still names the metric: 北京、上海等11个城市.
  doc = extract("在北京、上海等11个城市开展试点。", {{"11个", 11, "item"}}, kPlanReport);
  all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "城市");
  // Without a clause before it, the examples stay the metric (nothing better is known).
  doc = extract("全年完成春节专场等24场。", {{"24场", 24, "item"}}, kPlanReport);
  all = facts(*doc);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["metric"], "春节专场");
}

}  // namespace
}  // namespace reportlens::indicators::testing
