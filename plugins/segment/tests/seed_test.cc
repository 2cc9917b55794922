// The seed report (corpus/tiexi/2022-plan-report.txt): every heading, every 专栏, the title
// block and the metadata, found exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "reportlens/testing.h"
#include "test_support.h"

namespace {

using reportlens::Annotation;
using reportlens::Document;

const Document& seed() {
  static const std::unique_ptr<Document> doc = reportlens::testing::run_stages(
      {{"segment"}}, segment_test::read_file(segment_test::seed_path()), {},
      {}, "tiexi/2022-plan-report.txt");
  return *doc;
}

struct ExpectedSection {
  int level;
  std::string number;
  std::string title;
  std::string scope;
};

TEST(Seed, EveryHeadingWithLevelNumberTitleAndScope) {
  const std::vector<ExpectedSection> expected = {
      {1, "一", "2022年经济和社会发展计划执行情况", "review"},
      {2, "（一）", "主导产业优化升级，现代产业体系加快构建", "review"},
      {2, "（二）", "改革创新深入推进，发展活力不断增强", "review"},
      {2, "（三）", "拓展对内对外交流通道，项目建设取得新突破", "review"},
      {2, "（四）", "城乡环境扩容提质，城市功能品质持续优化", "review"},
      {2, "（五）", "民生福祉改善提升，满足人民群众新期待", "review"},
      {1, "二", "2023年经济和社会发展主要任务", "plan"},
      {2, "（一）", "聚焦产业转型升级，全力推动经济高质量发展", "plan"},
      {2, "（二）", "激活内生动力，纵深推进改革创新", "plan"},
      {2, "（三）", "坚持“走出去引进来”，多措并举推进项目建设", "plan"},
      {2, "（四）", "强化数字赋能，建设高水平“数字铁西”", "plan"},
      {2, "（五）", "坚持生态优先，着力打造宜居宜业新家园", "plan"},
      {2, "（六）", "聚焦保障和改善民生，缔造幸福美好新家园", "plan"},
  };
  const auto& sections = seed().annotations("section");
  ASSERT_EQ(sections.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Annotation& s = sections[i];
    EXPECT_EQ(s.attrs["level"], expected[i].level) << i;
    EXPECT_EQ(s.attrs["number"], expected[i].number) << i;
    EXPECT_EQ(s.attrs["title"], expected[i].title) << i;
    EXPECT_EQ(s.attrs["scope"], expected[i].scope) << i;
    // The span starts with the heading as written.
    const std::string_view text = seed().slice(s.begin, s.end);
    EXPECT_EQ(text.substr(0, expected[i].number.size()), expected[i].number) << i;
  }
}

TEST(Seed, SectionOneEndsWhereSectionTwoBegins) {
  const auto& sections = seed().annotations("section");
  ASSERT_GE(sections.size(), 7u);
  const Annotation& one = sections[0];
  const Annotation& two = sections[6];
  // Section 一 covers everything up to the 二、 heading line (gold: code points [.., 8205)).
  const std::string json_text = reportlens::testing::to_json(seed()).dump();
  EXPECT_LT(one.end, two.begin);
  EXPECT_EQ(seed().text().find("二、2023年经济和社会发展主要任务"), two.begin);
  EXPECT_EQ(std::string(seed().slice(one.end - 3, one.end)), "。");
  // Sub-sections nest inside their parent.
  for (std::size_t i = 1; i < 6; ++i) {
    EXPECT_GE(sections[i].begin, one.begin);
    EXPECT_LE(sections[i].end, one.end);
  }
  EXPECT_EQ(sections[5].end, one.end);
}

struct ExpectedBox {
  std::string title;
  std::vector<std::string> labels;
};

TEST(Seed, EveryBoxWithItsItems) {
  const std::vector<ExpectedBox> expected = {
      {"2022年重点城建工程进展情况",
       {"道路工程", "综合管廊", "电力工程", "宝马配套工程", "亮化工程", "绿化工程", "公园改造",
        "厕所改造", "危房改造", "燃气安全", "交通设施", "农村人居环境整治", "学校设施", "卫生设施",
        "公共文体设施"}},
      {"2022年重点民生工程进展情况",
       {"社区工作", "居家养老工程", "区划地名标准化管理", "老旧小区改造", "物业小区管理", "棚户区改造",
        "回迁安置", "住房保障", "解遗办证", "保煤供暖", "垃圾分类", "教育事业", "医疗卫生事业",
        "文化惠民工程"}},
      {"2023年重点城建工程",
       {"道路工程", "泵站工程", "电力工程", "宝马配套工程", "绿化工程", "亮化工程", "水利设施",
        "交通设施", "燃气安全", "垃圾分类", "公园改造", "农村人居环境整治", "卫生设施", "学校设施",
        "公共文体设施"}},
      {"2023年重点民生工程",
       {"社区工作", "居家养老工程", "老旧小区改造", "物业小区管理", "棚户区改造", "回迁安置", "住房保障",
        "解疑办证", "保煤供暖", "教育事业", "医疗卫生事业", "文体惠民工程"}},
  };
  const auto& boxes = seed().annotations("box");
  const auto& items = seed().annotations("box_item");
  ASSERT_EQ(boxes.size(), expected.size());
  std::size_t item = 0;
  for (std::size_t b = 0; b < boxes.size(); ++b) {
    EXPECT_EQ(boxes[b].attrs["title"], expected[b].title);
    EXPECT_EQ(seed().slice(boxes[b].begin, boxes[b].end).substr(0, 6), "专栏");
    std::vector<std::string> labels;
    for (; item < items.size() && items[item].end <= boxes[b].end; ++item) {
      EXPECT_GE(items[item].begin, boxes[b].begin);
      labels.push_back(items[item].attrs["label"].get<std::string>());
      const std::string_view line = seed().slice(items[item].begin, items[item].end);
      EXPECT_EQ(line.substr(0, labels.back().size()), labels.back());
    }
    EXPECT_EQ(labels, expected[b].labels) << expected[b].title;
  }
  EXPECT_EQ(item, items.size());
  // The last item of each box ends the box: "总体看，…" after the second one is not an item.
  EXPECT_EQ(std::string(seed().slice(boxes[1].end - 3, boxes[1].end)), "。");
}

TEST(Seed, TitleBlock) {
  const auto& blocks = seed().annotations("title_block");
  ASSERT_EQ(blocks.size(), 1u);
  const auto& a = blocks[0].attrs;
  EXPECT_EQ(a["header"], "铁西区十九届人大二次会议文件");
  EXPECT_EQ(a["title"],
            "关于铁西区2022年经济和社会发展计划执行情况及2023年经济和社会发展计划（草案）的报告（书面）");
  EXPECT_EQ(a["date_line"], "——2022年12月14日在铁西区第十九届人民代表大会第二次会议上");
  EXPECT_EQ(a["speaker"], "铁西区发展和改革局局长 曲建华");
  EXPECT_EQ(a["meeting_date"], "2022-12-14");
  const std::string_view span = seed().slice(blocks[0].begin, blocks[0].end);
  EXPECT_EQ(span.substr(0, std::string_view("铁西区十九届人大").size()), "铁西区十九届人大");
  EXPECT_TRUE(span.ends_with("曲建华"));
}

TEST(Seed, Metadata) {
  const auto& m = seed().meta();
  EXPECT_EQ(m["title"],
            "关于铁西区2022年经济和社会发展计划执行情况及2023年经济和社会发展计划（草案）的报告（书面）");
  EXPECT_EQ(m["region"], "铁西区");
  EXPECT_EQ(m["city"], "沈阳");
  EXPECT_EQ(m["report_year"], 2022);
  EXPECT_EQ(m["plan_year"], 2023);
  EXPECT_EQ(m["delivery_year"], 2022);
  EXPECT_EQ(m["kind"], "plan_report");
  EXPECT_EQ(m["meeting_date"], "2022-12-14");
}

TEST(Seed, UserMetadataIsNotOverridden) {
  reportlens::Json meta = {{"region", "沈阳市铁西区"}, {"report_year", 2021}};
  auto doc = reportlens::testing::run_stages(
      {{"segment"}}, segment_test::read_file(segment_test::seed_path()), meta);
  EXPECT_EQ(doc->meta()["region"], "沈阳市铁西区");
  EXPECT_EQ(doc->meta()["report_year"], 2021);
  EXPECT_EQ(doc->meta()["plan_year"], 2023);  // still derived where the user said nothing
}

TEST(Seed, ParagraphsSentencesAndClausesCoverTheBody) {
  const Document& d = seed();
  EXPECT_GT(d.annotations("paragraph").size(), 80u);
  EXPECT_GT(d.annotations("sentence").size(), 250u);
  EXPECT_GE(d.annotations("clause").size(), d.annotations("sentence").size());
  // No sentence ends inside a number, and every sentence lies inside one paragraph.
  for (const auto& s : d.annotations("sentence")) {
    const std::string_view t = d.slice(s.begin, s.end);
    ASSERT_FALSE(t.empty());
    const char last = t.back();
    EXPECT_FALSE(last == '.' && s.end < d.text().size() && std::isdigit(static_cast<unsigned char>(d.text()[s.end])))
        << t;
  }
  // The summary enumeration 一是 … 五是 in "总体看" is found.
  const auto enums = segment_test::texts(d, "enumeration");
  ASSERT_EQ(enums.size(), 5u);
  EXPECT_EQ(enums[0].substr(0, 6), "一是");
  EXPECT_EQ(enums[4].substr(0, 6), "五是");
}

TEST(Seed, HeadingsAreSentencesOfTheirOwn) {
  const auto sentences = segment_test::texts(seed(), "sentence");
  EXPECT_NE(std::find(sentences.begin(), sentences.end(), "一、2022年经济和社会发展计划执行情况"),
            sentences.end());
  EXPECT_NE(std::find(sentences.begin(), sentences.end(), "（四）城乡环境扩容提质，城市功能品质持续优化"),
            sentences.end());
}

TEST(Seed, WordsKeepNumbersWhole) {
  auto doc = reportlens::testing::run_stages({{"segment", {{"words", true}}}},
                                             "地区生产总值完成1200.2亿元，增长1.5%。");
  const auto words = segment_test::texts(*doc, "word");
  EXPECT_NE(std::find(words.begin(), words.end(), "1200.2"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "1.5%"), words.end());
  // Words cover every character but the punctuation, in order.
  std::string joined;
  for (const auto& w : words) joined += w;
  EXPECT_EQ(joined, "地区生产总值完成1200.2亿元增长1.5%");
  EXPECT_GE(words.size(), 6u);
}

TEST(Seed, WordsAreOffByDefault) { EXPECT_TRUE(seed().annotations("word").empty()); }

}  // namespace

namespace {

// A city work report's title block with the delivery line in brackets and no header.
TEST(TitleBlock, BracketedDeliveryLineAndCityRegion) {
  const std::string text =
      "政府工作报告\n\n（2023年1月10日在沈阳市第十七届人民代表大会第二次会议上）\n\n沈阳市市长　王新伟\n\n"
      "各位代表：\n\n现在，我代表市人民政府，向大会报告工作，请予审议。\n\n一、2022年工作回顾\n\n"
      "过去一年，全市地区生产总值增长3.5%。\n\n二、2023年工作安排\n\n今年经济社会发展的主要预期目标是：地区生产总值增长6.5%以上。\n";
  auto doc = reportlens::testing::run_stages({{"segment"}}, text, {}, {}, "shenyang/2023.txt");
  const auto& blocks = doc->annotations("title_block");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(blocks[0].attrs["title"], "政府工作报告");
  EXPECT_EQ(blocks[0].attrs["speaker"], "沈阳市市长 王新伟");
  const auto& m = doc->meta();
  EXPECT_EQ(m["region"], "沈阳市");
  EXPECT_EQ(m["kind"], "work_report");
  EXPECT_EQ(m["meeting_date"], "2023-01-10");
  EXPECT_EQ(m["report_year"], 2022);
  EXPECT_EQ(m["plan_year"], 2023);
  const auto& s = doc->annotations("section");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].attrs["scope"], "review");
  EXPECT_EQ(s[1].attrs["scope"], "plan");
}

TEST(TitleBlock, StatisticalBulletin) {
  const std::string text =
      "沈阳市2022年国民经济和社会发展统计公报\n\n沈阳市统计局\n\n"
      "一、综合\n\n初步核算，全年地区生产总值7695.8亿元，比上年增长3.5%。\n\n二、农业\n\n全年粮食总产量达到"
      "400万吨。\n";
  auto doc = reportlens::testing::run_stages({{"segment"}}, text);
  const auto& m = doc->meta();
  EXPECT_EQ(m["title"], "沈阳市2022年国民经济和社会发展统计公报");
  EXPECT_EQ(m["kind"], "statistical_bulletin");
  EXPECT_EQ(m["region"], "沈阳市");
  EXPECT_EQ(m["report_year"], 2022);
  EXPECT_EQ(doc->annotations("section").size(), 2u);
}

TEST(TitleBlock, NoTitleBlockWhenTheSpeechStartsAtOnce) {
  auto doc = reportlens::testing::run_stages({{"segment"}}, "各位代表：\n\n现在，我代表国务院，向大会作政府工作报告。\n");
  EXPECT_TRUE(doc->annotations("title_block").empty());
  EXPECT_EQ(doc->meta()["region"], "全国");
  EXPECT_EQ(doc->meta()["kind"], "work_report");
}

}  // namespace
