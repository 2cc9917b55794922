// Rule files (data/segment.yaml and extra_rules): lists are appended, errors name file:line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "reportlens/testing.h"

namespace {

namespace fs = std::filesystem;

fs::path write_rules(const std::string& name, const std::string& content) {
  const fs::path dir = fs::temp_directory_path() / "segment_rules_test";
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << content;
  return file;
}

std::unique_ptr<reportlens::Document> run_with_rules(const fs::path& rules, const std::string& text) {
  return reportlens::testing::run_stages(
      {{"segment", {{"extra_rules", reportlens::Json::array({rules.string()})}}}}, text);
}

// The message run_stages throws when the stage cannot be created with these rules.
std::string creation_error(const fs::path& rules) {
  try {
    run_with_rules(rules, "正文。");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

const char* kReport = "关于某区2023年工作的报告\n尊敬的来宾：\n现在报告工作。";

TEST(SegmentRules, ExtraSalutationEndsTheTitleBlock) {
  // Without the rule the short line after the title is taken for the issuer.
  auto plain = reportlens::testing::run_stages({{"segment"}}, kReport);
  ASSERT_EQ(plain->annotations("title_block").size(), 1u);
  EXPECT_EQ(plain->annotations("title_block")[0].attrs.value("speaker", ""), "尊敬的来宾：");

  const fs::path rules = write_rules("salutation.yaml", "# more openings\nsalutation:\n  - 尊敬的来宾\n");
  auto doc = run_with_rules(rules, kReport);
  ASSERT_EQ(doc->annotations("title_block").size(), 1u);
  EXPECT_FALSE(doc->annotations("title_block")[0].attrs.contains("speaker"));
  EXPECT_EQ(doc->annotations("title_block")[0].attrs["title"], "关于某区2023年工作的报告");
}

TEST(SegmentRules, ErrorsNameFileAndLine) {
  const fs::path unknown = write_rules("unknown.yaml", "# c\nsalutation: [各位]\nbogus: [x]\n");
  EXPECT_NE(creation_error(unknown).find(unknown.string() + ":3: unknown key 'bogus'"), std::string::npos)
      << creation_error(unknown);

  const fs::path empty = write_rules("empty_entry.yaml", "salutation:\n  - 各位\n  - \"\"\n");
  EXPECT_NE(creation_error(empty).find(empty.string() + ":3: 'salutation' entries must be non-empty"),
            std::string::npos)
      << creation_error(empty);

  const fs::path not_list = write_rules("not_list.yaml", "scope:\n  review: 回顾\n");
  EXPECT_NE(creation_error(not_list).find(not_list.string() + ":2: 'scope.review' must be a list"),
            std::string::npos)
      << creation_error(not_list);

  const fs::path broken = write_rules("broken.yaml", "national: [a, b\n");
  EXPECT_NE(creation_error(broken).find(broken.string() + ":"), std::string::npos) << creation_error(broken);

  const fs::path missing = fs::temp_directory_path() / "segment_rules_test" / "does_not_exist.yaml";
  EXPECT_NE(creation_error(missing).find(missing.string() + ": cannot read the rules file"),
            std::string::npos)
      << creation_error(missing);
}

TEST(SegmentRules, MetadataKeysAreCheckedAndExtendable) {
  const fs::path month = write_rules("month.yaml", "delivery:\n  next_year_months:\n    - 13\n");
  EXPECT_NE(creation_error(month).find(month.string() + ":3: 'delivery.next_year_months' must be a list of months"),
            std::string::npos)
      << creation_error(month);
  const fs::path provinces = write_rules("provinces.yaml", "provinces: [某省]\n");
  EXPECT_NE(creation_error(provinces).find(provinces.string() + ":1: 'provinces' must map short names"),
            std::string::npos)
      << creation_error(provinces);

  // November sessions plan the next year too, once a rules file says so.
  const std::string text = "——2022年11月28日在某市第一届人民代表大会第二次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n";
  EXPECT_EQ(reportlens::testing::run_stages({{"segment"}}, text)->meta()["plan_year"], 2022);
  const fs::path november = write_rules("november.yaml", "delivery:\n  next_year_months: [11]\n");
  const auto doc = run_with_rules(november, text);
  EXPECT_EQ(doc->meta()["region"], "某市");
  EXPECT_EQ(doc->meta()["report_year"], 2022);
  EXPECT_EQ(doc->meta()["plan_year"], 2023);
}

// The words of the title block, outline and region rules are data too: a rules file adds
// a box label (here 附表 beside 专栏), and a single word given as a list is refused.
TEST(SegmentRules, OutlineAndRegionWordsAreData) {
  const std::string text = "各位代表：\n附表1：重点工程\n一、道路工程。\n";
  EXPECT_TRUE(reportlens::testing::run_stages({{"segment"}}, text)->annotations("box").empty());
  const fs::path label = write_rules("box_label.yaml", "outline:\n  box_labels: [附表]\n");
  const auto doc = run_with_rules(label, text);
  ASSERT_EQ(doc->annotations("box").size(), 1u);
  EXPECT_EQ(doc->annotations("box")[0].attrs["title"], "重点工程");

  const fs::path suffix = write_rules("city_suffix.yaml", "region:\n  city_suffix: [市]\n");
  EXPECT_NE(creation_error(suffix).find(suffix.string() + ":2: 'region.city_suffix' must be a non-empty string"),
            std::string::npos)
      << creation_error(suffix);
}

// Enumeration markers are data: 首先是 … 其次是 is no enumeration, but a rules file that makes
// 要 the word after the numeral finds 一要…二要…; a marker of two characters is refused.
TEST(SegmentRules, EnumerationMarkersAreData) {
  const std::string text = "各位代表：\n今年要做好三件事：一要稳增长，二要促改革，三要惠民生。\n";
  EXPECT_TRUE(reportlens::testing::run_stages({{"segment"}}, text)->annotations("enumeration").empty());
  const fs::path yao = write_rules("enumeration_yao.yaml", "enumeration:\n  after_numeral: 要\n");
  const auto doc = run_with_rules(yao, text);
  ASSERT_EQ(doc->annotations("enumeration").size(), 3u);
  EXPECT_EQ(doc->annotations("enumeration")[1].attrs["marker"], "二要");
  EXPECT_EQ(doc->annotations("enumeration")[2].attrs["ordinal"], 3);

  const fs::path two = write_rules("enumeration_two.yaml", "enumeration:\n  after_numeral: 是的\n");
  EXPECT_NE(creation_error(two).find(two.string() + ":2: 'enumeration.after_numeral' must be one three-byte character"),
            std::string::npos)
      << creation_error(two);
}

// Heading grammar and numerals are data: 第一编 is no heading until a rules file makes 编 an
// ordinal unit of a part, and 壹、 none until 壹 is a digit; a digit value above 9 is refused.
// (Blank lines keep 第一编 on its own line here; the next test has none.)
TEST(SegmentRules, HeadingGrammarAndNumeralsAreData) {
  const std::string text = "各位代表：\n\n第一编 总体要求\n\n现在报告工作。\n壹、主要目标\n今年的目标是稳增长。\n";
  EXPECT_TRUE(reportlens::testing::run_stages({{"segment"}}, text)->annotations("section").empty());
  const fs::path bian = write_rules("heading_bian.yaml",
                                    "heading:\n  ordinal_units:\n    编: part\nnumerals:\n  digits:\n    壹: 1\n");
  const auto doc = run_with_rules(bian, text);
  const auto& sections = doc->annotations("section");
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].attrs["number"], "第一编");
  EXPECT_EQ(sections[0].attrs["style"], "part");
  EXPECT_EQ(sections[0].attrs["title"], "总体要求");
  EXPECT_EQ(sections[1].attrs["number"], "壹");
  EXPECT_EQ(sections[1].attrs["style"], "chinese_comma");

  const fs::path ten = write_rules("numerals_ten.yaml", "numerals:\n  digits:\n    十: 10\n");
  EXPECT_NE(creation_error(ten).find(ten.string() + ":3: 'numerals.digits' must map one character to a digit 0-9"),
            std::string::npos)
      << creation_error(ten);
  const fs::path style = write_rules("heading_style.yaml", "heading:\n  ordinal_units:\n    卷: volume\n");
  EXPECT_NE(creation_error(style).find(style.string() + ":3: 'heading.ordinal_units' must map words to part"),
            std::string::npos)
      << creation_error(style);
}

// The rules files also give the core's normaliser its heading words (the runner, and this
// harness, build every Document with the stage's LineBreakRules): a line opening with a
// heading word or numeral added only to a rules file keeps its line breaks, so the heading is
// found even without blank lines around it.
TEST(SegmentRules, HeadingWordOfARulesFileKeepsItsLine) {
  const std::string text = "各位代表：\n\n第一编 总体要求\n现在报告工作。\n壹、主要目标\n今年的目标是稳增长。\n";
  const auto plain = reportlens::testing::run_stages({{"segment"}}, text);
  EXPECT_EQ(plain->normalized().text, "各位代表：\n\n第一编 总体要求现在报告工作。\n壹、主要目标今年的目标是稳增长。\n");
  EXPECT_TRUE(plain->annotations("section").empty());

  const fs::path bian = write_rules("heading_bian_joined.yaml",
                                    "heading:\n  ordinal_units:\n    编: part\nnumerals:\n  digits:\n    壹: 1\n");
  const auto doc = run_with_rules(bian, text);
  EXPECT_EQ(doc->normalized().text, text);
  const auto& sections = doc->annotations("section");
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].attrs["number"], "第一编");
  EXPECT_EQ(sections[0].attrs["title"], "总体要求");
  EXPECT_EQ(sections[1].attrs["number"], "壹");
  EXPECT_EQ(sections[1].attrs["title"], "主要目标");
}

}  // namespace
