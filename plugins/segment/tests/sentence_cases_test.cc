// Sentence and clause boundaries on a table of tricky cases, through the real plugin.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reportlens/testing.h"
#include "test_support.h"

namespace {

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> sentences;
};

std::vector<std::string> sentences_of(const std::string& text) {
  return segment_test::texts(*reportlens::testing::run_stages({{"segment"}}, text), "sentence");
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      {"two plain sentences", "增长1.5%。下降2%。", {"增长1.5%。", "下降2%。"}},
      {"decimal number stays", "地区生产总值完成1200.2亿元，增长1.5%。", {"地区生产总值完成1200.2亿元，增长1.5%。"}},
      {"full-width decimal stays", "完成１２００．２亿元。增长１．５％。", {"完成１２００．２亿元。", "增长１．５％。"}},
      {"exclamation", "我们一定要完成任务！请代表们审议。", {"我们一定要完成任务！", "请代表们审议。"}},
      {"question", "怎么办？要靠改革。", {"怎么办？", "要靠改革。"}},
      {"question and exclamation run", "难道不是吗？！当然是。", {"难道不是吗？！", "当然是。"}},
      {"semicolon does not end a sentence", "城镇新增就业1200万人以上；城镇调查失业率5.5%以内。",
       {"城镇新增就业1200万人以上；城镇调查失业率5.5%以内。"}},
      {"quote with inner full stop", "他说：“我们要努力。”大家都同意。", {"他说：“我们要努力。”", "大家都同意。"}},
      {"quote followed by comma continues", "“稳中求进。”，这是总基调。", {"“稳中求进。”，这是总基调。"}},
      {"slogan with inner period continues with 的", "坚持“发展是第一要务。”的理念。", {"坚持“发展是第一要务。”的理念。"}},
      {"book title with full stop inside", "学习《决定。全文》精神。再出发。", {"学习《决定。全文》精神。", "再出发。"}},
      {"parentheses with full stop inside", "完成任务（详见附件。）。继续推进。", {"完成任务（详见附件。）。", "继续推进。"}},
      {"ascii parentheses", "PM2.5(细颗粒物)平均浓度下降9.1%。生态改善。", {"PM2.5(细颗粒物)平均浓度下降9.1%。", "生态改善。"}},
      {"unclosed quote does not swallow", "他说：“开始工作。然后休息。", {"他说：“开始工作。", "然后休息。"}},
      {"stray closing quote", "推进改革”。继续开放。", {"推进改革”。", "继续开放。"}},
      {"ellipsis inside", "包括钢铁、煤炭……等行业。下一步。", {"包括钢铁、煤炭……等行业。", "下一步。"}},
      {"ellipsis at end", "还有很多工作要做……", {"还有很多工作要做……"}},
      {"no terminator at end", "一、2022年经济和社会发展计划执行情况", {"一、2022年经济和社会发展计划执行情况"}},
      {"ascii full stop after percent", "经济增长6.5%.就业稳定.", {"经济增长6.5%.", "就业稳定."}},
      {"ascii full stop after ideograph", "经济稳定.就业增加.", {"经济稳定.", "就业增加."}},
      {"ascii question mark", "为什么?因为改革.", {"为什么?", "因为改革."}},
      {"version number", "发布1.0版本。完成。", {"发布1.0版本。", "完成。"}},
      {"percentage range", "增长6.5%－7%。物价稳定。", {"增长6.5%－7%。", "物价稳定。"}},
      {"date in sentence", "2022年12月14日召开会议。会议通过决议。", {"2022年12月14日召开会议。", "会议通过决议。"}},
      {"nested quote in book title", "贯彻《关于“三农”工作的意见。》。", {"贯彻《关于“三农”工作的意见。》。"}},
      {"quote closing after exclamation", "大家高呼：“祖国万岁！”会场沸腾。", {"大家高呼：“祖国万岁！”", "会场沸腾。"}},
      {"quote then terminator outside", "这就是“一件事一次办”。效率提高。", {"这就是“一件事一次办”。", "效率提高。"}},
      {"consecutive quotes", "“一网通办”“一网统管”应用场景丰富。", {"“一网通办”“一网统管”应用场景丰富。"}},
      {"bracketed note", "（草案）的报告（书面）。各位代表。", {"（草案）的报告（书面）。", "各位代表。"}},
      {"colon does not end a sentence", "主要预期目标是：国内生产总值增长5.5%左右。", {"主要预期目标是：国内生产总值增长5.5%左右。"}},
      {"enumeration stays in one sentence", "一是经济结构有待优化；二是创新能力不强。", {"一是经济结构有待优化；二是创新能力不强。"}},
      {"leading spaces trimmed", "　　过去一年，经济平稳。下一步。", {"过去一年，经济平稳。", "下一步。"}},
      {"spaces between sentences", "经济平稳。  就业稳定。", {"经济平稳。", "就业稳定。"}},
      {"dash bullet", "——经济运行保持在合理区间。国内生产总值增长6.6%。", {"——经济运行保持在合理区间。", "国内生产总值增长6.6%。"}},
      {"english sentence with decimals", "GDP grew 6.6%.Prices rose 2.1%。", {"GDP grew 6.6%.Prices rose 2.1%。"}},
      {"three sentences", "甲。乙。丙。", {"甲。", "乙。", "丙。"}},
      {"only punctuation between", "完成。。继续。", {"完成。。", "继续。"}},
      {"corner brackets", "他说「好。」大家同意。", {"他说「好。」", "大家同意。"}},
      {"closing bracket stacked after quote", "（他说“好。”）继续。", {"（他说“好。”）", "继续。"}},
      {"number with thousands separator", "投资1,200.5亿元。增长3%。", {"投资1,200.5亿元。", "增长3%。"}},
      {"fraction and percent", "占比达到1/3，提高0.5个百分点。完成。", {"占比达到1/3，提高0.5个百分点。", "完成。"}},
      {"permille", "自然增长率5‰。人口稳定。", {"自然增长率5‰。", "人口稳定。"}},
      {"pdf line break joined", "第一段没有句号\n第二段。", {"第一段没有句号\n第二段。"}},
      {"blank line keeps paragraphs", "各位代表：\n\n现在报告工作。", {"各位代表：", "现在报告工作。"}},
      {"zero-width space inside a number", "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。", {"国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。"}},
      {"link line breaks inside a sentence", "新建\n高速铁路\n投产里程超过1900公里。", {"新建\n高速铁路\n投产里程超过1900公里。"}},
      {"ascii quote with inner full stop", "他说:\"我们要努力。\"大家都同意。", {"他说:\"我们要努力。\"", "大家都同意。"}},
      {"ascii quotes keep a slogan whole", "坚持\"发展是第一要务。\"的理念。再出发。", {"坚持\"发展是第一要务。\"的理念。", "再出发。"}},
      {"ascii quote followed by comma continues", "\"稳中求进。\"，这是总基调。", {"\"稳中求进。\"，这是总基调。"}},
      {"two ascii quotations", "提出\"放管服\"改革。推进\"一网通办\"。", {"提出\"放管服\"改革。", "推进\"一网通办\"。"}},
      {"ascii quote inside typographic quote", "他说：“要落实\"六稳\"。”继续。", {"他说：“要落实\"六稳\"。”", "继续。"}},
      {"unmatched ascii quote does not swallow", "他说:\"开始工作。然后休息。", {"他说:\"开始工作。", "然后休息。"}},
      {"ascii quotes too far apart are strays",
       "甲\"开始。" + std::string(200, 'x') + "。" + [] { std::string s; for (int i = 0; i < 200; ++i) s += "字"; return s; }() + "。乙\"结束。",
       {"甲\"开始。", std::string(200, 'x') + "。", [] { std::string s; for (int i = 0; i < 200; ++i) s += "字"; return s; }() + "。", "乙\"结束。"}},
      {"heading line and paragraph", "（一）主导产业优化升级\n工业经济质量提升。", {"（一）主导产业优化升级", "工业经济质量提升。"}},
  };
  return kCases;
}

TEST(SentenceCases, TableHasAtLeastFortyCases) { EXPECT_GE(cases().size(), 40u); }

TEST(SentenceCases, Boundaries) {
  for (const Case& c : cases()) {
    EXPECT_EQ(sentences_of(c.text), c.sentences) << "case: " << c.name << "\ninput: " << c.text;
  }
}

TEST(Clauses, SemicolonsSplitClausesInsideOneSentence) {
  auto doc = reportlens::testing::run_stages(
      {{"segment"}}, "国内生产总值增长5.5%左右；城镇新增就业1100万人以上；居民消费价格涨幅3%左右。下一句。");
  EXPECT_EQ(segment_test::texts(*doc, "clause"),
            (std::vector<std::string>{"国内生产总值增长5.5%左右；", "城镇新增就业1100万人以上；",
                                      "居民消费价格涨幅3%左右。", "下一句。"}));
  EXPECT_EQ(doc->annotations("sentence").size(), 2u);
}

TEST(Clauses, SemicolonInsideQuotesDoesNotSplit) {
  auto doc = reportlens::testing::run_stages({{"segment"}}, "提出“稳增长；调结构”的要求；继续推进。");
  EXPECT_EQ(segment_test::texts(*doc, "clause"),
            (std::vector<std::string>{"提出“稳增长；调结构”的要求；", "继续推进。"}));
}

TEST(Enumerations, YiShiErShiItems) {
  auto doc = reportlens::testing::run_stages(
      {{"segment"}}, "存在一些问题：一是经济结构有待优化，二是创新能力不强；三是民生短板较多。下一步。");
  EXPECT_EQ(segment_test::texts(*doc, "enumeration"),
            (std::vector<std::string>{"一是经济结构有待优化", "二是创新能力不强", "三是民生短板较多。"}));
  const auto& items = doc->annotations("enumeration");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2].attrs["ordinal"], 3);
  EXPECT_EQ(items[0].attrs["marker"], "一是");
}

TEST(Enumerations, WordsContainingShiAreNotMarkers) {
  auto doc = reportlens::testing::run_stages({{"segment"}}, "这一是非问题，统一是前提。");
  EXPECT_TRUE(doc->annotations("enumeration").empty());
}

}  // namespace

namespace {

// Odd inputs must not throw or produce spans outside the text.
TEST(Robustness, OddInputs) {
  const std::vector<std::string> inputs = {
      " ", "。", "（", "）", "一、", "（一）", "专栏", "专栏：", "第", "第一章", "”。", "\n\n\n", "1.", "1.5",
      "各位代表", "——", "一是二是", "《", "“”“", "\u200b", "\u200d\n\u200b", "a\rb\r\nc", "专栏：\n道路工程：",
      "政府工作报告\n——\n", "——2022年\n", "（2022年12月14日）", "一、\n二、\n三、", "一是，二是，",
      std::string(2000, 'a'), "一、" + std::string(3000, 'x') + "。", std::string(3000, '"'),
      "\"“\"”\"。\"", "。\"。\"\"。", "中\u0301国のカメラ😀"};
  for (const auto& text : inputs) {
    std::unique_ptr<reportlens::Document> doc;
    ASSERT_NO_THROW(doc = reportlens::testing::run_stages({{"segment", {{"words", true}}}}, text))
        << text;
    for (const auto& type : doc->annotation_types())
      for (const auto& a : doc->annotations(type)) {
        EXPECT_LE(a.begin, a.end) << type << " in " << text;
        EXPECT_LE(a.end, text.size()) << type << " in " << text;
      }
  }
}

}  // namespace
