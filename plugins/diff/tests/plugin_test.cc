// The stage through the real plugin loader: pipeline-style runs on text.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "reportlens/testing.h"
#include "shared_corpus.h"

using namespace reportlens;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const fs::path kCorpus = fs::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi";

}  // namespace

TEST(DiffPlugin, ComparesTwoYearsAndWritesSideOutputs) {
  const auto result = reportlens::testing::run_corpus(
      {{"segment"}, {"diff"}},
      {{"r/2022.txt", "一、经济运行\n\n地区生产总值完成1200.2亿元，增长1.5%。新建5G基站1700座。\n"},
       {"r/2023.txt", "一、经济运行\n\n地区生产总值完成1,200.2亿元，增长1.5%。新建5G基站2000座。\n"}});
  ASSERT_EQ(result.comparisons.size(), 1u);
  const Json& c = result.comparisons[0];
  EXPECT_EQ(c["base"], "r/2022.txt");
  EXPECT_EQ(c["compare"], "r/2023.txt");
  for (const char* key : {"indicators", "targets", "entities", "sections"}) EXPECT_TRUE(c.contains(key)) << key;
  std::size_t changed = 0;
  for (const auto& s : c["sections"])
    for (const auto& ch : s["changes"])
      if (ch["op"] == "changed") {
        ++changed;
        EXPECT_EQ(ch["numbers"][0]["delta_text"], "+300座");
      }
  EXPECT_EQ(changed, 1u);
  ASSERT_TRUE(result.side_outputs.count("html"));
  ASSERT_TRUE(result.side_outputs.count("summary"));
  EXPECT_NE(result.side_outputs.at("summary").find("r/2022.txt → r/2023.txt"), std::string::npos);
}

TEST(DiffPlugin, SeedAgainstTheIllustrativeFollowUp) {
  const fs::path later = kCorpus / "2023-plan-report.txt";
  if (!fs::exists(later)) GTEST_SKIP() << "demo report absent";
  const auto result = reportlens::testing::run_corpus(
      {{"segment"}, {"diff"}},
      {{"tiexi/2022-plan-report.txt", read_file(kCorpus / "2022-plan-report.txt")},
       {"tiexi/2023-plan-report.txt", read_file(later)}});
  if (std::getenv("DIFF_DEBUG"))
    for (const auto& d : result.documents) std::cerr << d->id() << " " << d->meta().dump() << "\n";
  ASSERT_EQ(result.comparisons.size(), 1u);
  const Json& c = result.comparisons[0];
  EXPECT_EQ(c["base"], "tiexi/2022-plan-report.txt");
  // Sections of the two reports line up (most of the seed's sections find a counterpart).
  std::size_t aligned = 0;
  for (const auto& s : c["sections"]) aligned += s["status"] == "aligned";
  EXPECT_GE(aligned, 6u);
}

// The national chain (../shared/corpus, skipped when absent): targets stated in one year's
// work report judged by the next year's, through the real segment/numbers/indicators stages.
TEST(DiffPlugin, NationalTargetsAgainstTheNextReport) {
  REPORTLENS_SHARED_OR_SKIP(national, "national/2014.txt");
  const fs::path shared = reportlens::test::shared_corpus_dir();
  std::vector<std::pair<std::string, std::string>> docs;
  for (const char* year : {"2014", "2015", "2016"})
    docs.emplace_back(std::string("national/") + year + ".txt",
                      read_file(shared / "national" / (std::string(year) + ".txt")));
  const auto result = reportlens::testing::run_corpus(
      {{"segment"}, {"numbers"}, {"indicators"}, {"diff"}}, docs);
  ASSERT_EQ(result.comparisons.size(), 2u);
  if (std::getenv("DIFF_DEBUG"))
    for (const auto& d : result.documents) {
      std::cerr << d->id() << " " << d->meta().dump() << "\n";
      for (const auto& a : d->annotations("indicator"))
        if (a.attrs.value("metric", "") == "国内生产总值") std::cerr << "  " << a.attrs.dump() << "\n";
    }
  const auto verdict = [&](std::size_t comparison, const std::string& metric, double value) {
    for (const auto& t : result.comparisons[comparison]["targets"])
      if (t["canonical"] == metric && t["target"]["value"].is_number() &&
          std::abs(t["target"]["value"].get<double>() - value) < 1e-9)
        return t["verdict"].get<std::string>();
    return std::string("(no pair)");
  };
  // 2014: GDP 7.4% against 7.5%左右 — met only through the 0.1 point tolerance.
  EXPECT_EQ(verdict(0, "地区生产总值", 7.5), "met");
  EXPECT_EQ(verdict(0, "城镇新增就业", 1e7), "met");
  // The 2015 report gives no registered unemployment rate for 2014.
  EXPECT_EQ(verdict(0, "城镇登记失业率", 4.6), "unclear");
  // 2015: trade fell (no figure, "目标未能实现"), energy intensity fell 5.6% (target -3.1% or more).
  EXPECT_EQ(verdict(1, "进出口总额", 6), "missed");
  EXPECT_EQ(verdict(1, "单位地区生产总值能耗", -3.1), "met");
  EXPECT_EQ(verdict(1, "地区生产总值", 7), "met");
}
