// The national government work reports (../shared/corpus/national, never in the repo):
// top-level sections in every report, exact section counts for the years checked by hand.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "reportlens/testing.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

fs::path national_dir() {
  const fs::path corpus = segment_test::shared_corpus();
  return corpus.empty() ? fs::path() : corpus / "national";
}

std::unique_ptr<reportlens::Document> run_year(int year) {
  const std::string name = std::to_string(year) + ".txt";
  return reportlens::testing::run_stages(
      {{"segment"}}, segment_test::read_file(national_dir() / name), {}, {}, "national/" + name);
}

int top_level(const reportlens::Document& d) {
  int n = 0;
  for (const auto& s : d.annotations("section")) n += s.attrs["level"] == 1;
  return n;
}

TEST(NationalCorpus, EveryReportHasTopLevelSectionsAndMetadata) {
  if (national_dir().empty() || !fs::is_directory(national_dir()))
    GTEST_SKIP() << "shared corpus not found (set REPORTLENS_SHARED_CORPUS)";
  int files = 0;
  for (const auto& e : fs::directory_iterator(national_dir())) {
    if (e.path().extension() != ".txt") continue;
    ++files;
    const int year = std::stoi(e.path().stem().string());
    auto doc = run_year(year);
    SCOPED_TRACE(e.path().filename().string());
    EXPECT_GE(top_level(*doc), 2);
    for (const auto& s : doc->annotations("section")) {
      EXPECT_FALSE(s.attrs["title"].get<std::string>().empty());
      EXPECT_GE(s.attrs["level"].get<int>(), 1);
    }
    // The first top-level heading opens the report's body, not its end.
    const auto& first = doc->annotations("section").front();
    EXPECT_LT(first.begin, doc->text().size() / 4);
    EXPECT_EQ(doc->meta()["kind"], "work_report");
    EXPECT_EQ(doc->meta()["delivery_year"], year);
    EXPECT_EQ(doc->meta()["report_year"], year - 1);
    EXPECT_EQ(doc->meta()["plan_year"], year);
    if (year != 1985) EXPECT_EQ(doc->meta()["region"], "全国");  // 1985 never names 国务院 early
    EXPECT_GT(doc->annotations("sentence").size(), 100u);
  }
  EXPECT_GE(files, 40);
}

// Top-level and total section counts, checked against the documents by hand.
TEST(NationalCorpus, SectionCountsForCheckedYears) {
  if (national_dir().empty()) GTEST_SKIP() << "shared corpus not found";
  const std::map<int, std::pair<int, int>> expected = {
      {1978, {6, 6}},   {1992, {7, 7}},   {1993, {7, 7}},   {1995, {7, 7}},   {1997, {8, 8}},
      {1999, {10, 10}}, {2000, {10, 10}}, {2005, {7, 26}},  {2008, {2, 14}},  {2010, {2, 14}},
      {2013, {3, 7}},   {2014, {3, 12}},  {2015, {6, 6}},   {2016, {3, 11}},  {2017, {3, 12}},
      {2019, {3, 13}},  {2021, {3, 11}},  {2022, {3, 12}},
  };
  for (const auto& [year, counts] : expected) {
    auto doc = run_year(year);
    EXPECT_EQ(top_level(*doc), counts.first) << year;
    EXPECT_EQ(static_cast<int>(doc->annotations("section").size()), counts.second) << year;
  }
}

TEST(NationalCorpus, RecentReportsReviewThenPlan) {
  if (national_dir().empty()) GTEST_SKIP() << "shared corpus not found";
  for (int year : {2014, 2015, 2016, 2017, 2019, 2021, 2022}) {
    auto doc = run_year(year);
    const auto& s = doc->annotations("section");
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(s[0].attrs["title"], std::to_string(year - 1) + "年工作回顾") << year;
    EXPECT_EQ(s[0].attrs["scope"], "review") << year;
    for (const auto& a : s)
      if (a.attrs["level"] == 1 && a.attrs["ordinal"] == 2) EXPECT_EQ(a.attrs["scope"], "plan") << year;
  }
}

TEST(NationalCorpus, TitleBlocksOf2017And2022) {
  if (national_dir().empty()) GTEST_SKIP() << "shared corpus not found";
  for (int year : {2017, 2022}) {
    auto doc = run_year(year);
    const auto& blocks = doc->annotations("title_block");
    ASSERT_EQ(blocks.size(), 1u) << year;
    EXPECT_EQ(blocks[0].attrs["title"], "政府工作报告");
    EXPECT_EQ(blocks[0].attrs["speaker"], "国务院总理 李克强");
    EXPECT_EQ(doc->meta()["meeting_date"], std::to_string(year) + "-03-05");
  }
}

// The copy traps of 2017: a zero-width space and line breaks inside numbers and links.
TEST(NationalCorpus, SentencesSpanTheCopyTraps) {
  if (national_dir().empty()) GTEST_SKIP() << "shared corpus not found";
  auto doc = run_year(2017);
  bool number_trap = false, link_trap = false;
  for (const auto& t : segment_test::texts(*doc, "sentence")) {
    number_trap = number_trap || t.find("74.4\n\u200b\n万亿元，增长6.7%") != std::string::npos;
    link_trap = link_trap || t.find("新建\n高速铁路\n投产里程") != std::string::npos;
  }
  EXPECT_TRUE(number_trap);
  EXPECT_TRUE(link_trap);
}

}  // namespace
