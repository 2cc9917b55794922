// The SDK's test harness (reportlens/testing.h) as plugin authors use it: stages on a file
// read like `pipeline run` reads it, and the golden-file helpers.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "reportlens/testing.h"

namespace {

namespace fs = std::filesystem;
using reportlens::Json;
using reportlens::testing::compare_golden;
using reportlens::testing::run_stages;
using reportlens::testing::run_stages_on_file;

class HarnessInScratchDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("reportlens-harness-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::unsetenv("REPORTLENS_UPDATE_GOLDEN");
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(HarnessOnFiles, ReadsTheSeedReportLikeThePipeline) {
  const fs::path seed = fs::path(REPORTLENS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt";
  const auto doc = run_stages_on_file({{"segment"}}, seed.string(), Json{{"region", "铁西区"}});
  EXPECT_EQ(doc->id(), "2022-plan-report.txt");
  EXPECT_EQ(doc->meta()["encoding"], "UTF-8");
  EXPECT_EQ(doc->meta()["format"], "text");
  EXPECT_EQ(doc->meta()["region"], "铁西区");
  EXPECT_EQ(doc->text(), read(seed));
  EXPECT_GT(doc->annotations("sentence").size(), 50u);
}

TEST_F(HarnessInScratchDir, DecodesGbkFiles) {
  // "增长。" in GBK: the harness detects it as the runner does.
  const fs::path file = dir_ / "gbk.txt";
  std::ofstream(file, std::ios::binary) << "\xD4\xF6\xB3\xA4\xA1\xA3";
  const auto doc = run_stages_on_file({{"segment"}}, file.string());
  EXPECT_EQ(doc->text(), "增长。");
  EXPECT_EQ(doc->meta()["encoding"], "GB18030");
  EXPECT_EQ(doc->annotations("sentence").size(), 1u);
}

TEST(HarnessOnFiles, MissingFileIsAnError) {
  EXPECT_THROW(run_stages_on_file({{"segment"}}, "/nonexistent/report.txt"), std::exception);
}

TEST_F(HarnessInScratchDir, GoldenUpdateCreatesTheFileThenComparesEqual) {
  const auto doc = run_stages({{"segment"}}, "第一句。第二句。");
  const Json actual = reportlens::testing::to_json(*doc);
  const fs::path golden = dir_ / "new" / "dir" / "doc.json";

  EXPECT_NE(compare_golden(actual, golden.string()).find("is missing"), std::string::npos);
  ::setenv("REPORTLENS_UPDATE_GOLDEN", "1", 1);
  EXPECT_EQ(compare_golden(actual, golden.string()), "");
  ::unsetenv("REPORTLENS_UPDATE_GOLDEN");
  ASSERT_TRUE(fs::exists(golden));
  EXPECT_EQ(Json::parse(read(golden)), actual);
  EXPECT_EQ(compare_golden(actual, golden.string()), "");
}

TEST_F(HarnessInScratchDir, GoldenReportsTheFirstDifference) {
  const fs::path golden = dir_ / "g.json";
  std::ofstream(golden) << R"({"annotations":[{"type":"sentence","begin":0,"end":4}]})";
  const Json actual = Json::parse(R"({"annotations":[{"type":"sentence","begin":0,"end":5}]})");
  const std::string diff = compare_golden(actual, golden.string());
  EXPECT_NE(diff.find(golden.string() + " differs"), std::string::npos) << diff;
  EXPECT_NE(diff.find("/annotations/0/end"), std::string::npos) << diff;

  std::ofstream(golden) << "{not json";
  EXPECT_NE(compare_golden(actual, golden.string()).find(golden.string()), std::string::npos);
}

}  // namespace
