// The panel over the real national reports (../shared/corpus/national, skipped when absent):
// a 地区生产总值 growth row for every year 2013–2022, with the gold's verdicts where the gold
// has a target pair, and no five-year total in any one-year row.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "reportlens/testing.h"
#include "shared_corpus.h"
#include "test_context.h"

namespace reportlens::panel {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class NationalPanel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto dir = test::shared_corpus_path("national");
    if (dir.empty()) return;
    std::vector<std::pair<std::string, std::string>> docs;
    for (int y = 2012; y <= 2022; ++y) {
      const auto file = dir / (std::to_string(y) + ".txt");
      if (std::filesystem::exists(file)) docs.emplace_back("national/" + std::to_string(y) + ".txt", slurp(file));
    }
    const auto result = testing::run_corpus(
        {{"segment"}, {"numbers"}, {"indicators"}, {"panel", {{"formats", {"jsonl"}}}}}, docs);
    rows_ = new std::vector<Json>();
    std::istringstream lines(result.side_outputs.at("panel.jsonl"));
    for (std::string line; std::getline(lines, line);) rows_->push_back(Json::parse(line));
  }
  void SetUp() override {
    if (!rows_) GTEST_SKIP() << "../shared/corpus/national not found (set REPORTLENS_SHARED_CORPUS)";
  }
  static std::vector<Json>* rows_;
};
std::vector<Json>* NationalPanel::rows_ = nullptr;

TEST_F(NationalPanel, AGdpGrowthRowForEveryYear) {
  std::map<int, const Json*> gdp;
  for (const auto& r : *rows_)
    if (r["indicator"] == "地区生产总值" && r["measure"] == "growth") gdp[r["year"].get<int>()] = &r;
  for (int year = 2013; year <= 2022; ++year) {
    ASSERT_TRUE(gdp.count(year)) << "no GDP growth row for " << year;
    const Json& r = *gdp[year];
    EXPECT_EQ(r["region"], "全国");
    EXPECT_EQ(r["region_level"], "national");
    EXPECT_TRUE(r["target_value"].is_number() || r["actual_value"].is_number()) << r.dump();
  }
}

TEST_F(NationalPanel, VerdictsAgreeWithTheGold) {
  const auto gold_dir = test::shared_gold_dir();
  if (gold_dir.empty()) GTEST_SKIP() << "no gold beside the corpus";
  std::ifstream in(gold_dir / "targets.jsonl");
  int pairs = 0, agree = 0, gdp = 0;
  for (std::string line; std::getline(in, line);) {
    const Json g = Json::parse(line);
    if (g["target_doc"].get<std::string>().rfind("national/", 0) != 0) continue;
    ++pairs;
    for (const auto& r : *rows_) {
      if (r["target_doc"] != g["target_doc"] || r["year"] != g["period"]) continue;
      if (r["indicator"] != fixtures::shipped_context().catalog().canonical(g["metric"])) continue;
      // The same target: the gold's value (base units) in the row's unit.
      const Json& tv = g["target"]["value"];
      double t = tv.is_array() ? tv[0].get<double>() : tv.get<double>();
      t = fixtures::shipped_context().vocabulary().convert(t, g["target"]["unit"], r["unit"]).value_or(t);
      if (!r["target_value"].is_number() || std::abs(r["target_value"].get<double>() - t) > 1e-6) continue;
      if (r["verdict"] == g["verdict"]) ++agree;
      if (g["metric"] == "国内生产总值") {
        ++gdp;
        EXPECT_EQ(r["verdict"], g["verdict"]) << r.dump();
      }
      break;
    }
  }
  std::cout << "national gold target pairs: " << agree << "/" << pairs << " verdicts agree\n";
  EXPECT_EQ(gdp, 7);  // 2013–2018 and 2021: the years with both reports
  EXPECT_EQ(agree, pairs);
}

TEST_F(NationalPanel, NoFiveYearTotalInAOneYearRow) {
  // The 2018 report reviews five years (城镇新增就业6600万人以上 for 2013–2017) besides 2017.
  for (const auto& r : *rows_) {
    if (r["indicator"] != "城镇新增就业" || !r["actual_value"].is_number()) continue;
    EXPECT_LT(r["actual_value"].get<double>(), 2000) << r.dump();  // 万人 a year, not 6600
  }
}

// Targets without a figure the diff settles (主要污染物排放量继续下降, 进出口回稳向好): one row of
// measure "qualitative" per year and indicator, no values, the diff's verdict, and for a
// settled one the later report's words it was read from.
TEST_F(NationalPanel, QualitativeTargetsAsRowsWithTheDiffsVerdict) {
  std::set<std::pair<int, std::string>> seen;
  std::size_t met_with_evidence = 0;
  for (const auto& r : *rows_) {
    if (r["measure"] != "qualitative") continue;
    EXPECT_TRUE(seen.insert({r["year"].get<int>(), r["indicator"].get<std::string>()}).second) << r.dump();
    EXPECT_TRUE(r["target_value"].is_null() && r["actual_value"].is_null() && r["estimate_value"].is_null()) << r.dump();
    EXPECT_EQ(r["unit"], "");
    EXPECT_FALSE(r["target_text"].get<std::string>().empty()) << r.dump();
    EXPECT_FALSE(r["target_qualifier"].get<std::string>().empty()) << r.dump();
    const std::string v = r["verdict"];
    EXPECT_TRUE(v == "met" || v == "missed" || v == "unclear") << r.dump();
    if (v != "unclear") {
      EXPECT_FALSE(r["actual_evidence"].get<std::string>().empty()) << r.dump();
      EXPECT_FALSE(r["actual_doc"].get<std::string>().empty()) << r.dump();
      met_with_evidence += v == "met";
    }
  }
  EXPECT_GE(seen.size(), 3u);
  EXPECT_GE(met_with_evidence, 2u);
}

}  // namespace
}  // namespace reportlens::panel
