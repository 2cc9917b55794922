// What a run refuses before writing into a store (docs/batch.md, "Stores"): a second run on
// the same store, an output that is an input, a foreign file, a symbolic link, a damaged
// SQLite store; and what resume does with a damaged JSON Lines record.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

std::vector<std::string> run_args(const fs::path& yaml, const fs::path& in, const fs::path& out,
                                  std::vector<std::string> more = {}) {
  std::vector<std::string> a{"--plugin-path", BATCH_TEST_MISBEHAVING_DIR, "run", yaml.string(), "-i", in.string(),
                             "-o", out.string(), "--no-progress"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(BatchGuard, SecondRunOnTheSameStoreIsRefusedOrWaits) {
  ScratchDir dir("guard-lock");
  make_corpus(dir / "corpus", 4);
  std::ofstream(dir / "corpus/zz-hang.txt") << "第9号报告\n全年增长5%。MISBEHAVE:hang\n";
  const fs::path yaml = write_pipeline(dir.path(), "  - use: segment\n  - use: misbehave\n");
  const fs::path out = dir / "out.jsonl";
  const pid_t first = start_pipeline(run_args(yaml, dir / "corpus", out, {"--doc-timeout", "4"}));
  for (int i = 0; i < 200 && !fs::exists(out.string() + ".lock"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ASSERT_TRUE(fs::exists(out.string() + ".lock"));
  const Result refused = run_pipeline(run_args(yaml, dir / "corpus", out));
  EXPECT_EQ(refused.code, 6) << refused.err;
  EXPECT_NE(refused.err.find("another run is writing into this store"), std::string::npos) << refused.err;
  // Waiting: the second run starts when the first ends and finds everything done.
  const Result waited = run_pipeline(run_args(yaml, dir / "corpus", out, {"--wait-lock"}));
  int status = 0;
  waitpid(first, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 5);
  EXPECT_EQ(waited.code, 5) << waited.err;  // the hang is recorded as failed: not rerun
  EXPECT_EQ(lines_of(out).size(), 5u);      // every document once
  EXPECT_FALSE(fs::exists(out.string() + ".lock"));
}

TEST(BatchGuard, OutputThatIsAnInputOrAForeignFileIsRefused) {
  ScratchDir dir("guard-foreign");
  const auto files = make_corpus(dir / "corpus", 2);
  const fs::path yaml = write_pipeline(dir.path());
  // A manifest given as input and output (the issue's `-i m.jsonl -o m.jsonl`).
  const fs::path manifest = dir / "m.jsonl";
  std::ofstream(manifest) << nlohmann::json{{"path", files[0].string()}}.dump() << "\n";
  const std::string before = read_text(manifest);
  Result r = run_pipeline(run_args(yaml, manifest, manifest));
  EXPECT_EQ(r.code, 6) << r.err;
  EXPECT_NE(r.err.find("is also an input"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(manifest), before);
  // Files that are not stores of their kind stay untouched.
  for (const char* name : {"notes.jsonl", "table.csv", "data.sqlite"}) {
    std::ofstream(dir / name) << "precious data\n";
    r = run_pipeline(run_args(yaml, dir / "corpus", dir / name));
    EXPECT_EQ(r.code, 6) << name << ": " << r.err;
    EXPECT_NE(r.err.find("refusing"), std::string::npos) << r.err;
    EXPECT_EQ(read_text(dir / name), "precious data\n");
  }
  // Never through a symbolic link (it may point anywhere).
  std::ofstream(dir / "target.jsonl") << "";
  fs::create_symlink(dir / "target.jsonl", dir / "link.jsonl");
  r = run_pipeline(run_args(yaml, dir / "corpus", dir / "link.jsonl"));
  EXPECT_EQ(r.code, 6) << r.err;
  EXPECT_NE(r.err.find("symbolic link"), std::string::npos) << r.err;
  EXPECT_EQ(fs::file_size(dir / "target.jsonl"), 0u);
}

TEST(BatchGuard, JsonlRecordCutMidFileIsReportedAndRunAgain) {
  ScratchDir dir("guard-cut");
  make_corpus(dir / "corpus", 5);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "out.jsonl";
  ASSERT_EQ(run_pipeline(run_args(yaml, dir / "corpus", out)).code, 0);
  const auto complete = lines_of(out);
  ASSERT_EQ(complete.size(), 5u);
  {
    std::ofstream damaged(out, std::ios::binary | std::ios::trunc);
    for (std::size_t i = 0; i < complete.size(); ++i)
      damaged << (i == 2 ? complete[i].substr(0, complete[i].size() / 2) : complete[i]) << "\n";
  }
  const Result r = run_pipeline(run_args(yaml, dir / "corpus", out));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find(out.string() + ":3: damaged record"), std::string::npos) << r.err;
  auto again = lines_of(out);
  std::sort(again.begin(), again.end());
  auto expected = complete;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(again, expected);  // the cut record was run again, nothing else
}

TEST(BatchGuard, DamagedSqliteStoreIsNoticedOnOpen) {
  ScratchDir dir("guard-sqlite");
  make_corpus(dir / "corpus", 30);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "out.sqlite";
  ASSERT_EQ(run_pipeline(run_args(yaml, dir / "corpus", out)).code, 0);
  const auto size = fs::file_size(out);
  ASSERT_GT(size, 4u * 4096);
  {
    // Garbage over the second half of the pages (b-tree pages of the tables and indexes).
    std::fstream f(out, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(static_cast<std::streamoff>(size / 2));
    const std::string garbage(size / 2 - 4096, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const Result r = run_pipeline(run_args(yaml, dir / "corpus", out));
  EXPECT_EQ(r.code, 6) << r.err;
  EXPECT_NE(r.err.find("quick_check"), std::string::npos) << r.err;
}
