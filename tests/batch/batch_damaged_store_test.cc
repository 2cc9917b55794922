// `pipeline merge` verifies every record of a JSONL store before it reads one: a record cut
// or damaged mid-file is named FILE:LINE with exit 3 (it was an `internal error` naming no
// file); only a torn last line (a write an interrupted run never finished) is left out.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void write_lines(const fs::path& file, const std::vector<std::string>& lines, bool last_newline) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  for (std::size_t i = 0; i < lines.size(); ++i) out << lines[i] << (i + 1 < lines.size() || last_newline ? "\n" : "");
}

}  // namespace

TEST(MergeVerifiesRecords, DamagedRecordIsNamedByFileAndLine) {
  ScratchDir dir("merge-damaged");
  make_corpus(dir / "corpus", 3);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path store = dir / "store.jsonl";
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", store}).code, 0);
  auto lines = lines_of(store);
  ASSERT_EQ(lines.size(), 3u);

  auto cut = lines;
  cut[1].resize(cut[1].size() / 2);  // cut mid-file, its newline kept
  write_lines(dir / "cut.jsonl", cut, true);
  Result r = run_pipeline({"merge", dir / "merged.jsonl", dir / "cut.jsonl"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find((dir / "cut.jsonl").string() + ":2: damaged record"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "merged.jsonl"));

  auto torn = lines;
  torn[2].resize(torn[2].size() / 2);  // the last write never finished: no newline
  write_lines(dir / "torn.jsonl", torn, false);
  r = run_pipeline({"merge", dir / "merged.jsonl", dir / "torn.jsonl", "--allow-partial"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("torn.jsonl:3: leaving out a torn last record"), std::string::npos) << r.err;
  EXPECT_EQ(lines_of(dir / "merged.jsonl").size(), 2u);
}
