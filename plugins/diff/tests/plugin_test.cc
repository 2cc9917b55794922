// The stage through the real plugin loader: pipeline-style runs on text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reportlens/testing.h"

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
  ASSERT_EQ(result.comparisons.size(), 1u);
  const Json& c = result.comparisons[0];
  EXPECT_EQ(c["base"], "tiexi/2022-plan-report.txt");
  // Sections of the two reports line up (most of the seed's sections find a counterpart).
  std::size_t aligned = 0;
  for (const auto& s : c["sections"]) aligned += s["status"] == "aligned";
  EXPECT_GE(aligned, 6u);
}
