// The normalised view and its offset map, on the traps of the national corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "reportlens/text.h"

namespace {

using reportlens::normalize_text;
using reportlens::NormalizedText;

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
  EXPECT_EQ(normalize_text("各位代表：\u200d\n现在，我代表国务院").text, "各位代表：\n现在，我代表国务院");
}

TEST(Normalize, HeadingsStayOnTheirOwnLines) {
  EXPECT_EQ(normalize_text("一、2022年经济和社会发展计划执行情况\n\n今年以来，面对复杂严峻的形势").text,
            "一、2022年经济和社会发展计划执行情况\n\n今年以来，面对复杂严峻的形势");
  EXPECT_EQ(normalize_text("（四）城乡环境扩容提质，城市功能品质持续优化\n坚持“三生融合”理念").text,
            "（四）城乡环境扩容提质，城市功能品质持续优化\n坚持“三生融合”理念");
  EXPECT_EQ(normalize_text("总体看，存在一些问题\n二、2023年经济和社会发展主要任务").text,
            "总体看，存在一些问题\n二、2023年经济和社会发展主要任务");
  EXPECT_EQ(normalize_text("专栏：2022年重点城建工程进展情况\n\n\t道路工程：浑河二十五街").text,
            "专栏：2022年重点城建工程进展情况\n\n 道路工程：浑河二十五街");
  EXPECT_EQ(normalize_text("第一章 总则\n第一条").text, "第一章 总则\n第一条");
  EXPECT_EQ(normalize_text("1.加快发展\n推进改革").text, "1.加快发展\n推进改革");
  // A number at the start of a line is no heading: 10.5% continues the sentence.
  EXPECT_EQ(normalize_text("增长\n10.5%。").text, "增长10.5%。");
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

TEST(Normalize, NationalCorpusTraps) {
  std::filesystem::path corpus = REPORTLENS_SHARED_CORPUS;
  if (const char* env = std::getenv("REPORTLENS_SHARED_CORPUS"); env && *env) corpus = env;
  const auto file = corpus / "national/2017.txt";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "shared corpus not found";
  std::ifstream in(file, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const NormalizedText n = normalize_text(buf.str());
  EXPECT_NE(n.text.find("国内生产总值达到74.4万亿元，增长6.7%"), std::string::npos);
  EXPECT_NE(n.text.find("光缆线路550多万公里"), std::string::npos);
  EXPECT_NE(n.text.find("新建高速铁路投产里程超过1900公里"), std::string::npos);
  EXPECT_NE(n.text.find("\n一、2016年工作回顾\n"), std::string::npos);
  EXPECT_NE(n.text.find("\n二、2017年工作总体部署\n"), std::string::npos);
  EXPECT_EQ(n.text.find("\u200b"), std::string::npos);
}

}  // namespace
