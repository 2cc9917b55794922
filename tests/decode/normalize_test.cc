// The normalised view and its offset map, on the traps of the national corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reportlens/text.h"
#include "shared_corpus.h"

namespace {

using reportlens::LineBreakRules;
using reportlens::normalize_text;
using reportlens::NormalizedText;

// The rules as the segment stage supplies them from plugins/segment/data/segment.yaml
// (`numerals`, `heading`, `enumeration.before_numeral`, `outline.box_labels`, `salutation`).
LineBreakRules report_rules() {
  LineBreakRules rules;
  rules.numerals = U"〇零一二两三四五六七八九十百";
  rules.ordinal_prefixes = {"第"};
  rules.ordinal_headings = {"章", "节", "篇", "部分"};
  rules.box_labels = {"专栏"};
  rules.paragraph_openers = {"各位代表", "各位委员"};
  return rules;
}

std::string original_of(const NormalizedText& n, const std::string& original, std::size_t b,
                        std::size_t e) {
  const std::size_t ob = n.original_begin(b), oe = n.original_end(e);
  return original.substr(ob, oe - ob);
}

// Finds `needle` in the normalised text and returns the original text it maps to.
std::string mapped(const std::string& original, const std::string& needle) {
  const NormalizedText n = normalize_text(original);
  const std::size_t at = n.text.find(needle);
  if (at == std::string::npos) return "<not found in: " + n.text + ">";
  return original_of(n, original, at, at + needle.size());
}

TEST(Normalize, ZeroWidthSpaceAndLineBreaksInsideANumber) {
  const std::string s = "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%";
  EXPECT_EQ(normalize_text(s).text, "国内生产总值达到74.4万亿元，增长6.7%");
  EXPECT_EQ(mapped(s, "74.4万亿元"), "74.4\n\u200b\n万亿元");
  EXPECT_EQ(normalize_text("光缆线路550\n\u200b\n多万公里。").text, "光缆线路550多万公里。");
}

TEST(Normalize, LinkLineBreaksAreJoined) {
  const std::string s = "——基础设施支撑能力持续提升。新建\n高速铁路\n投产里程超过1900公里，新建改建\n高速公路\n通车里程约6000公里。";
  EXPECT_EQ(normalize_text(s).text,
            "——基础设施支撑能力持续提升。新建高速铁路投产里程超过1900公里，新建改建高速公路通车里程约6000公里。");
  EXPECT_EQ(mapped(s, "新建高速铁路投产"), "新建\n高速铁路\n投产");
  EXPECT_EQ(normalize_text("全年任务圆满完成，“\n十三五\n”实现了良好开局。").text,
            "全年任务圆满完成，“十三五”实现了良好开局。");
  EXPECT_EQ(normalize_text("细颗粒物（PM\n2.5\n）平均浓度下降9.1%。").text, "细颗粒物（PM2.5）平均浓度下降9.1%。");
}

TEST(Normalize, FullWidthFormsFold) {
  EXPECT_EQ(normalize_text("完成１２００．２亿元，增长１．５％").text, "完成1200.2亿元，增长1.5%");
  EXPECT_EQ(normalize_text("ＧＤＰ　增长").text, "GDP 增长");
  // Sentence punctuation stays: stages read structure from it.
  EXPECT_EQ(normalize_text("（一）增长；下降：持平。").text, "（一）增长；下降：持平。");
}

TEST(Normalize, ZeroWidthJoinerAfterSalutationIsDropped) {
  EXPECT_EQ(normalize_text("各位代表：\u200d\n现在，我代表国务院", report_rules()).text, "各位代表：\n现在，我代表国务院");
}

TEST(Normalize, HeadingsStayOnTheirOwnLines) {
  const LineBreakRules rules = report_rules();
  const auto norm = [&](const std::string& s) { return normalize_text(s, rules).text; };
  EXPECT_EQ(norm("一、2022年经济和社会发展计划执行情况\n\n今年以来，面对复杂严峻的形势"),
            "一、2022年经济和社会发展计划执行情况\n\n今年以来，面对复杂严峻的形势");
  EXPECT_EQ(norm("（四）城乡环境扩容提质，城市功能品质持续优化\n坚持“三生融合”理念"),
            "（四）城乡环境扩容提质，城市功能品质持续优化\n坚持“三生融合”理念");
  EXPECT_EQ(norm("总体看，存在一些问题\n二、2023年经济和社会发展主要任务"),
            "总体看，存在一些问题\n二、2023年经济和社会发展主要任务");
  EXPECT_EQ(norm("专栏：2022年重点城建工程进展情况\n\n\t道路工程：浑河二十五街"),
            "专栏：2022年重点城建工程进展情况\n\n 道路工程：浑河二十五街");
  EXPECT_EQ(norm("第一章 总则\n第一条"), "第一章 总则\n第一条");
  EXPECT_EQ(norm("第三部分 保障措施\n加强组织领导"), "第三部分 保障措施\n加强组织领导");
  // 第一，… is an enumeration item: its break stays; 第一段 is no marker.
  EXPECT_EQ(norm("推进改革\n第一，深化改革"), "推进改革\n第一，深化改革");
  EXPECT_EQ(norm("见第一段\n所述"), "见第一段所述");
  EXPECT_EQ(norm("1.加快发展\n推进改革"), "1.加快发展\n推进改革");
  // A number at the start of a line is no heading: 10.5% continues the sentence.
  EXPECT_EQ(norm("增长\n10.5%。"), "增长10.5%。");
}

TEST(Normalize, ScriptLevelRulesKeepDigitMarkersBracketsAndDashesOnly) {
  // Without rules (a pipeline without the segment stage): ASCII digit markers, bracketed
  // digits and —— dashes keep their breaks ...
  EXPECT_EQ(normalize_text("1、加快发展\n推进改革").text, "1、加快发展\n推进改革");
  EXPECT_EQ(normalize_text("（2）稳定就业\n扩大消费").text, "（2）稳定就业\n扩大消费");
  EXPECT_EQ(normalize_text("主要成就\n——经济稳定增长").text, "主要成就\n——经济稳定增长");
  // ... while the words of a language (Chinese numerals, 第…章, 专栏, 各位代表) are the rules'.
  EXPECT_EQ(normalize_text("一、加快发展\n推进改革").text, "一、加快发展推进改革");
  EXPECT_EQ(normalize_text("第一章 总则\n第一条").text, "第一章 总则第一条");
  EXPECT_EQ(normalize_text("专栏1\n道路工程").text, "专栏1道路工程");
  EXPECT_EQ(normalize_text("政府工作报告\n各位代表：").text, "政府工作报告各位代表：");
  EXPECT_EQ(normalize_text("政府工作报告\n各位代表：", report_rules()).text, "政府工作报告\n各位代表：");
}

TEST(Normalize, AHeadingWordOfTheRulesKeepsItsLine) {
  // 编 is no heading word of segment.yaml: 第一编 is joined like prose ...
  LineBreakRules rules = report_rules();
  EXPECT_EQ(normalize_text("第一编 总则\n本规划所称发展", rules).text, "第一编 总则本规划所称发展");
  // ... until a rules file names it.
  rules.ordinal_headings.push_back("编");
  EXPECT_EQ(normalize_text("第一编 总则\n本规划所称发展", rules).text, "第一编 总则\n本规划所称发展");
  EXPECT_EQ(normalize_text("前文\n第一编 总则", rules).text, "前文\n第一编 总则");
}

TEST(Normalize, RulesMergeOnceEachInOrder) {
  LineBreakRules a = report_rules();
  LineBreakRules b;
  b.numerals = U"一廿";
  b.ordinal_prefixes = {"第"};
  b.ordinal_headings = {"编", "章"};
  b.paragraph_openers = {"各位委员", "同志们"};
  a.merge(b);
  EXPECT_EQ(a.numerals, U"〇零一二两三四五六七八九十百廿");
  EXPECT_EQ(a.ordinal_prefixes, std::vector<std::string>({"第"}));
  EXPECT_EQ(a.ordinal_headings, std::vector<std::string>({"章", "节", "篇", "部分", "编"}));
  EXPECT_EQ(a.paragraph_openers, std::vector<std::string>({"各位代表", "各位委员", "同志们"}));
  EXPECT_TRUE(LineBreakRules{}.empty());
  EXPECT_FALSE(a.empty());
}

TEST(Normalize, ShortLinesBetweenBlankLinesStay) {
  EXPECT_EQ(normalize_text("努力奋斗！\n\n\n结束语\n\n\n　　各位代表！").text,
            "努力奋斗！\n\n\n结束语\n\n\n  各位代表！");
  EXPECT_EQ(normalize_text("政府工作报告\n\n\n——2022年3月5日在第十三届全国人民代表大会第五次会议上").text,
            "政府工作报告\n\n\n——2022年3月5日在第十三届全国人民代表大会第五次会议上");
}

TEST(Normalize, BlankLineAfterALongRunningLineIsACopyBreak) {
  EXPECT_EQ(normalize_text("这是一个很长的句子，它在复制的时候被断开了，后面还有内容要接上，直到\n\n句子结束。").text,
            "这是一个很长的句子，它在复制的时候被断开了，后面还有内容要接上，直到句子结束。");
}

TEST(Normalize, LineEndsAreUnified) {
  EXPECT_EQ(normalize_text("增长。\r\n下降。\r持平。").text, "增长。\n下降。\n持平。");
}

TEST(Normalize, OffsetMapPointsIntoTheOriginal) {
  const std::string s = "　　完成１２００．２亿元，\n\u200b\n增长１．５％。";
  const NormalizedText n = normalize_text(s);
  ASSERT_EQ(n.orig_begin.size(), n.text.size());
  for (std::size_t i = 0; i < n.text.size(); ++i) {
    EXPECT_LE(n.orig_begin[i], n.orig_end[i]);
    EXPECT_LE(n.orig_end[i], s.size());
    EXPECT_TRUE(reportlens::is_char_boundary(s, n.orig_begin[i]));
  }
  EXPECT_EQ(mapped(s, "1200.2亿元"), "１２００．２亿元");
  EXPECT_EQ(mapped(s, "1.5%"), "１．５％");
  EXPECT_EQ(n.original_begin(n.text.size()), s.size());
}

// Checks the map byte by byte: every normalised byte points at one whole original character.
void expect_map_on_character_boundaries(const std::string& original, const NormalizedText& n) {
  ASSERT_EQ(n.orig_begin.size(), n.text.size());
  ASSERT_EQ(n.orig_end.size(), n.text.size());
  EXPECT_EQ(n.original_size, original.size());
  for (std::size_t i = 0; i < n.text.size(); ++i) {
    EXPECT_LT(n.orig_begin[i], n.orig_end[i]) << "byte " << i;
    EXPECT_LE(n.orig_end[i], original.size()) << "byte " << i;
    if (i > 0) EXPECT_LE(n.orig_begin[i - 1], n.orig_begin[i]) << "byte " << i;
  }
}

TEST(Normalize, InvalidBytesBecomeReplacementCharactersMappedToTheirOneByte) {
  const std::string s = "增长\xff" "5%，\x80下降";
  const NormalizedText n = normalize_text(s);
  EXPECT_EQ(n.text, "增长\uFFFD5%，\uFFFD下降");
  expect_map_on_character_boundaries(s, n);
  const std::size_t bad = n.text.find("\uFFFD");
  for (std::size_t k = bad; k < bad + 3; ++k) {
    EXPECT_EQ(n.orig_begin[k], 6u);
    EXPECT_EQ(n.orig_end[k], 7u);
  }
  EXPECT_EQ(mapped(s, "\uFFFD5%"), "\xff" "5%");
  // A truncated three-byte character at the very end: one U+FFFD per byte.
  EXPECT_EQ(normalize_text("增长\xe4\xb8").text, "增长\uFFFD\uFFFD");
}

TEST(Normalize, FourByteAndTwoByteCharactersMapAsOneCharacter) {
  const std::string s = "𠮷野家开店\n𠀀个，面积×2";
  const NormalizedText n = normalize_text(s);
  EXPECT_EQ(n.text, "𠮷野家开店𠀀个，面积×2");
  expect_map_on_character_boundaries(s, n);
  EXPECT_EQ(mapped(s, "店𠀀个"), "店\n𠀀个");
  EXPECT_EQ(mapped(s, "𠮷"), "𠮷");
  EXPECT_EQ(mapped(s, "×2"), "×2");
}

TEST(Normalize, NoBreakSpacesAndTabsBecomeSpacesMappedToTheirBytes) {
  const std::string s = "增长\u00a0" "5%\t下降";
  const NormalizedText n = normalize_text(s);
  EXPECT_EQ(n.text, "增长 5% 下降");
  expect_map_on_character_boundaries(s, n);
  EXPECT_EQ(mapped(s, " 5% "), "\u00a0" "5%\t");
}

TEST(Normalize, AllFullWidthFormsThatFold) {
  EXPECT_EQ(normalize_text("０１２３４５６７８９").text, "0123456789");
  EXPECT_EQ(normalize_text("ＡＺａｚ").text, "AZaz");
  EXPECT_EQ(normalize_text("％．＋－／＜＝＞").text, "%.+-/<=>");
  // Neighbours of the folded ranges stay as they are.
  EXPECT_EQ(normalize_text("＠［｀｛～").text, "＠［｀｛～");
  const std::string s = "同比增长１２．５％";
  EXPECT_EQ(mapped(s, "12.5%"), "１２．５％");
}

TEST(Normalize, EveryZeroWidthCharacterIsDroppedAndSkippedByTheMap) {
  const std::string s = "地\u200b区\u200c生\u200d产\u2060总\ufeff值";
  const NormalizedText n = normalize_text(s);
  EXPECT_EQ(n.text, "地区生产总值");
  expect_map_on_character_boundaries(s, n);
  EXPECT_EQ(mapped(s, "区生"), "区\u200c生");
  EXPECT_EQ(normalize_text("\u200b\ufeff").text, "");
  EXPECT_EQ(normalize_text("\u200b\ufeff").original_size, 6u);
}

TEST(Normalize, EmptyText) {
  const NormalizedText n = normalize_text("");
  EXPECT_EQ(n.text, "");
  EXPECT_EQ(n.original_begin(0), 0u);
  EXPECT_EQ(n.original_end(0), 0u);
}

TEST(Normalize, SpacesAroundAJoinedBreakGoWithIt) {
  const std::string s = "新建  \n\u3000\u3000高速铁路";
  EXPECT_EQ(normalize_text(s).text, "新建高速铁路");
  EXPECT_EQ(mapped(s, "建高"), "建  \n\u3000\u3000高");
}

TEST(Normalize, LoneCarriageReturnsAndMixedLineEnds) {
  EXPECT_EQ(normalize_text("增长。\r\r\n下降。\r").text, "增长。\n\n下降。\n");
  const std::string s = "地区生产\r\n总值";
  EXPECT_EQ(normalize_text(s).text, "地区生产总值");
  EXPECT_EQ(mapped(s, "生产总值"), "生产\r\n总值");
}

TEST(Normalize, AClosingQuoteEndsASentenceOnlyAfterTerminalPunctuation) {
  EXPECT_EQ(normalize_text("他说：“增长。”\n下一句").text, "他说：“增长。”\n下一句");
  EXPECT_EQ(normalize_text("实现“十三五”\n规划目标").text, "实现“十三五”规划目标");
}

// Line lengths are counted in characters, not bytes: a blank line after a line of 30 or
// more characters is a copy break, after a shorter one it is a paragraph break.
TEST(Normalize, BlankLineRuleCountsCharacters) {
  const auto line = [](std::size_t chars, const std::string& c) {
    std::string s;
    for (std::size_t i = 0; i < chars; ++i) s += c;
    return s;
  };
  EXPECT_EQ(normalize_text(line(29, "字") + "\n\n后文").text, line(29, "字") + "\n\n后文");
  EXPECT_EQ(normalize_text(line(30, "字") + "\n\n后文").text, line(30, "字") + "后文");
  EXPECT_EQ(normalize_text(line(29, "𠀀") + "\n\n后文").text, line(29, "𠀀") + "\n\n后文");
  EXPECT_EQ(normalize_text(line(30, "𠀀") + "\n\n后文").text, line(30, "𠀀") + "后文");
}

// A heading keeps its break when its line is shorter than 60 characters; a run-in heading
// that goes on into a long paragraph does not.
TEST(Normalize, HeadingLineLengthCountsCharacters) {
  const auto heading = [](std::size_t chars) {
    std::string s = "一、";
    for (std::size_t i = 2; i < chars; ++i) s += "字";
    return s;
  };
  const LineBreakRules rules = report_rules();
  const auto norm = [&](const std::string& s) { return normalize_text(s, rules).text; };
  EXPECT_EQ(norm(heading(60) + "\n后文"), heading(60) + "\n后文");
  EXPECT_EQ(norm(heading(61) + "\n后文"), heading(61) + "后文");
  // Headings recognised at the start of the next line keep the break before them.
  EXPECT_EQ(norm("前文\n（二）工业"), "前文\n（二）工业");
  EXPECT_EQ(norm("前文\n(2)工业"), "前文\n(2)工业");
  EXPECT_EQ(norm("前文\n第十二章 附则"), "前文\n第十二章 附则");
  EXPECT_EQ(norm("前文\n第一段"), "前文第一段");
  EXPECT_EQ(norm("前文\n专栏1"), "前文\n专栏1");
  EXPECT_EQ(norm("前文\n专门"), "前文专门");
  EXPECT_EQ(norm("前文\n  ——工业"), "前文\n  ——工业");
  EXPECT_EQ(norm("前文\n各位代表"), "前文\n各位代表");
  EXPECT_EQ(norm("前文\n12、工业"), "前文\n12、工业");
  EXPECT_EQ(norm("前文\n12.工业"), "前文\n12.工业");
  EXPECT_EQ(norm("前文\n12.5亿元"), "前文12.5亿元");
}

TEST(Normalize, NationalCorpusTraps) {
  REPORTLENS_SHARED_OR_SKIP(file, "national/2017.txt");
  std::ifstream in(file, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const NormalizedText n = normalize_text(buf.str(), report_rules());
  EXPECT_NE(n.text.find("国内生产总值达到74.4万亿元，增长6.7%"), std::string::npos);
  EXPECT_NE(n.text.find("光缆线路550多万公里"), std::string::npos);
  EXPECT_NE(n.text.find("新建高速铁路投产里程超过1900公里"), std::string::npos);
  EXPECT_NE(n.text.find("\n一、2016年工作回顾\n"), std::string::npos);
  EXPECT_NE(n.text.find("\n二、2017年工作总体部署\n"), std::string::npos);
  EXPECT_EQ(n.text.find("\u200b"), std::string::npos);
}

}  // namespace
