// The panel stage as the host runs it: the files it writes (CSV/JSONL/SQLite as one set of
// rows, whichever way the rows were handed over), the chart folder of the `charts` setting
// and how that folder is published (a complete set replaces the previous one, nothing left
// beside it). Reads the two seed reports in corpus/tiexi.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "panel_chart_folder.h"
#include "panel_writers.h"
#include "reportlens/stage.h"
#include "reportlens/testing.h"
#include "test_context.h"

namespace reportlens::panel {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ScratchDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("panel-stage-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

using ChartFolder = ScratchDir;

TEST_F(ChartFolder, ReplacesThePreviousSetAndLeavesNothingBeside) {
  const fs::path target = dir_ / "charts";
  publish_chart_folder(target, {{"index.html", "one"}, {"region-01.html", "a"}, {"region-02.html", "b"}});
  EXPECT_EQ(slurp(target / "region-02.html"), "b");
  publish_chart_folder(target, {{"index.html", "two"}, {"region-01.html", "c"}});
  EXPECT_EQ(slurp(target / "index.html"), "two");
  EXPECT_EQ(slurp(target / "region-01.html"), "c");
  EXPECT_FALSE(fs::exists(target / "region-02.html"));  // a page of the old set only is gone
  std::vector<std::string> beside;
  for (const auto& e : fs::directory_iterator(dir_)) beside.push_back(e.path().filename().string());
  EXPECT_EQ(beside, std::vector<std::string>{"charts"});
}

TEST_F(ChartFolder, ATrailingSlashNamesTheSameFolder) {
  publish_chart_folder(dir_ / "charts" / "", {{"index.html", "one"}});
  publish_chart_folder(dir_ / "charts" / "", {{"index.html", "two"}});
  EXPECT_EQ(slurp(dir_ / "charts" / "index.html"), "two");
  std::size_t inside = 0, beside = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_ / "charts")) ++inside;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++beside;
  EXPECT_EQ(inside, 1u);
  EXPECT_EQ(beside, 1u);
}

TEST_F(ChartFolder, RefusesAFileInTheWay) {
  const fs::path target = dir_ / "charts";
  std::ofstream(target) << "not a folder";
  EXPECT_THROW(publish_chart_folder(target, {{"index.html", "x"}}), StageError);
  EXPECT_EQ(slurp(target), "not a folder");
}

using PanelRun = ScratchDir;

std::vector<std::pair<std::string, std::string>> tiexi() {
  const fs::path dir = fs::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi";
  return {{"tiexi/2022-plan-report.txt", slurp(dir / "2022-plan-report.txt")},
          {"tiexi/2023-plan-report.txt", slurp(dir / "2023-plan-report.txt")}};
}

TEST_F(PanelRun, WritesTheRowsInEveryFormatAndTheChartFolder) {
  const fs::path charts = dir_ / "charts";
  const auto result = testing::run_corpus(
      {{"segment"}, {"numbers"}, {"indicators"}, {"panel", {{"charts", charts.string()}}}}, tiexi());
  const std::string& jsonl = result.side_outputs.at("panel.jsonl");
  std::istringstream lines(jsonl);
  std::size_t count = 0;
  std::string region;
  for (std::string line; std::getline(lines, line);) {
    const Json j = Json::parse(line);
    if (count++ == 0) region = j["region"].get<std::string>();
    EXPECT_EQ(j["region"], region) << line;  // one region: the two reports' own
  }
  EXPECT_FALSE(region.empty());
  ASSERT_GT(count, 3u);
  const std::string& csv = result.side_outputs.at("panel.csv");
  EXPECT_EQ(csv.rfind(csv_header(), 0), 0u);  // the header once, at the start
  EXPECT_EQ(csv.find(csv_header(), 1), std::string::npos);
  const std::string& db = result.side_outputs.at("panel.sqlite");
  EXPECT_EQ(db.rfind("SQLite format 3", 0), 0u);
  // The 2023 report names no region (its title block is not recognised): no pair, and its
  // figures are in no row.
  EXPECT_NE(result.side_outputs.at("summary").find("panel: 0 report pairs, " + std::to_string(count) + " rows"),
            std::string::npos)
      << result.side_outputs.at("summary");
  // The chart folder: the index and the region's page, which draws charts.
  ASSERT_TRUE(fs::exists(charts / "index.html"));
  const std::string page = slurp(charts / "region-01.html");
  EXPECT_NE(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find(region), std::string::npos);
  EXPECT_NE(slurp(charts / "index.html").find("region-01.html"), std::string::npos);
}

}  // namespace
}  // namespace reportlens::panel
