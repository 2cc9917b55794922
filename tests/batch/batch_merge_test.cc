// `pipeline merge` trusts only complete shard sets: a missing shard index, a shard whose run
// was interrupted (SIGTERM, as `scancel` sends) or killed (SIGKILL, as a wall-time limit ends
// up) is refused with exit 7 and one line, unless --allow-partial; the `runs` table records
// how each run ended (docs/batch.md, docs/sqlite-schema.md).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

std::uintmax_t size_of(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  return ec ? 0 : size;
}

// Starts the run, sends `sig` once it has written a few dozen documents (into the SQLite WAL,
// or the JSON Lines file), returns the wait status.
int run_and_signal(const std::vector<std::string>& args, const fs::path& store, int sig) {
  const pid_t pid = start_pipeline(args);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  // Some documents committed, what a reader sees (the SQLite writer groups documents per
  // transaction, so the WAL's size says little about what the run has kept); other stores grow
  // with each document.
  const bool sqlite = store.extension() == ".sqlite";
  const auto started = [&] {
    if (!sqlite) return size_of(store) >= 200000;
    try {
      return std::stoll(query(store, "SELECT count(*) FROM documents").at(0)) >= 8;
    } catch (const std::exception&) {
      return false;  // not created yet, or its schema not yet written
    }
  };
  int status = 0;
  while (!started() && std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      ADD_FAILURE() << "the run ended before it could be interrupted; make the corpus larger";
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, sig);
  ::waitpid(pid, &status, 0);
  return status;
}

std::string last_run(const fs::path& db) {
  return query(db, "SELECT shard, status, coalesce(not_run, 0) > 0, finished_at IS NOT NULL FROM runs ORDER BY run_id DESC LIMIT 1")
      .at(0);
}

}  // namespace

TEST(BatchMerge, RefusesMissingInterruptedAndKilledShardsUnlessAllowPartial) {
  ScratchDir dir("merge-partial");
  const int n = 600;
  make_corpus(dir / "corpus", n, 30);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path all = dir / "all.sqlite";
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", all, "-j", "2"}).code, 0);
  EXPECT_EQ(last_run(all), "\tcomplete\t0\t1");
  std::vector<fs::path> shards;
  for (int i = 1; i <= 3; ++i) shards.push_back(dir / ("shard-" + std::to_string(i) + ".sqlite"));
  const auto run_shard = [&](int i) {
    return std::vector<std::string>{"run", yaml, "-i", dir / "corpus", "-o", shards[i - 1],
                                    "--shard", std::to_string(i) + "/3", "-j", "2"};
  };
  ASSERT_EQ(run_pipeline(run_shard(1)).code, 0);
  EXPECT_EQ(last_run(shards[0]), "1/3\tcomplete\t0\t1");
  const fs::path merged = dir / "merged.sqlite";
  const auto merge = [&](std::vector<fs::path> inputs, bool partial = false) {
    std::vector<std::string> args{"merge"};
    if (partial) args.push_back("--allow-partial");
    args.push_back(merged);
    for (const auto& p : inputs) args.push_back(p);
    return run_pipeline(args);
  };

  // Shard 2 interrupted by SIGTERM: its run says so and how much is left.
  int status = run_and_signal(run_shard(2), shards[1], SIGTERM);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(last_run(shards[1]), "2/3\tinterrupted\t1\t1");
  // Shard 3 killed outright: no end recorded.
  status = run_and_signal(run_shard(3), shards[2], SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(last_run(shards[2]), "3/3\trunning\t0\t0");

  Result r = merge({shards[0], shards[1], shards[2]});
  EXPECT_EQ(r.code, 7) << r.err;
  EXPECT_NE(r.err.find("shard-2.sqlite: its last run was interrupted with"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shard-3.sqlite: its last run (started "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("never finished"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(merged));
  r = merge({shards[0], shards[2]});
  EXPECT_EQ(r.code, 7);
  EXPECT_NE(r.err.find("shard(s) 2 of 3 missing"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(merged));

  // --allow-partial merges what there is, says so, and marks the merge partial.
  r = merge({shards[0], shards[1], shards[2]}, true);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("PARTIAL"), std::string::npos) << r.err;
  EXPECT_EQ(last_run(merged), "merged\tpartial\t0\t1");
  const long long some = std::stoll(query(merged, "SELECT count(*) FROM documents").at(0));
  EXPECT_GT(some, 0);
  EXPECT_LT(some, n);

  // Rerun to completion (they resume): the set is whole again and merges as one run.
  ASSERT_EQ(run_pipeline(run_shard(2)).code, 0);
  ASSERT_EQ(run_pipeline(run_shard(3)).code, 0);
  EXPECT_EQ(last_run(shards[1]), "2/3\tcomplete\t0\t1");
  r = merge({shards[0], shards[1], shards[2]});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(last_run(merged), "merged\tcomplete\t0\t1");
  EXPECT_EQ(dump_results(merged), dump_results(all));
}

// JSON Lines stores keep the same record in STORE.runs; merge checks it the same way.
TEST(BatchMerge, JsonLinesShardsRecordTheirRunsToo) {
  ScratchDir dir("merge-jsonl");
  make_corpus(dir / "corpus", 400, 30);
  const fs::path yaml = write_pipeline(dir.path());
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "all.jsonl"}).code, 0);
  const fs::path one = dir / "s1.jsonl", two = dir / "s2.jsonl", merged = dir / "merged.jsonl";
  const auto shard = [&](const fs::path& out, const char* s) {
    return std::vector<std::string>{"run", yaml, "-i", dir / "corpus", "-o", out, "--shard", s, "-j", "2"};
  };
  ASSERT_EQ(run_pipeline(shard(one, "1/2")).code, 0);
  const int status = run_and_signal(shard(two, "2/2"), two, SIGINT);
  ASSERT_TRUE(WIFSIGNALED(status));
  const std::string log = read_text(two.string() + ".runs");
  EXPECT_NE(log.find("\"status\":\"running\""), std::string::npos) << log;  // the start line
  EXPECT_NE(log.find("\"status\":\"interrupted\""), std::string::npos) << log;

  Result r = run_pipeline({"merge", merged, one, two});
  EXPECT_EQ(r.code, 7) << r.err;
  EXPECT_NE(r.err.find("s2.jsonl: its last run was interrupted with"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(merged));
  r = run_pipeline({"merge", merged, one});
  EXPECT_EQ(r.code, 7);
  EXPECT_NE(r.err.find("shard(s) 2 of 2 missing"), std::string::npos) << r.err;

  ASSERT_EQ(run_pipeline(shard(two, "2/2")).code, 0);
  r = run_pipeline({"merge", merged, one, two});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read_text(merged), read_text(dir / "all.jsonl"));
  EXPECT_NE(read_text(merged.string() + ".runs").find("\"shard\":\"merged\""), std::string::npos);
}

// SQLite into SQLite copies rows (batch_merge_sqlite.cc): failed documents with their errors,
// a document present in two inputs kept once, every id as in one unsharded run, and the same
// records as the record path gives (merged into JSON Lines).
TEST(BatchMerge, RowCopyKeepsFailuresDropsDuplicatesAndEqualsOneRun) {
  ScratchDir dir("merge-rows");
  make_corpus(dir / "corpus", 60, 6);
  for (int i = 0; i < 4; ++i)
    std::ofstream(dir / "corpus" / ("broken" + std::to_string(i) + ".txt"), std::ios::binary)
        << std::string("\x89PNG\r\n\x1a\n\0\0\xff\xfe", 12);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path all = dir / "all.sqlite";
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", all}).code, 3);
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "all.jsonl"}).code, 3);
  ASSERT_GE(std::stoll(query(all, "SELECT count(*) FROM errors").at(0)), 4);
  std::vector<std::string> args{"merge", dir / "merged.sqlite"};
  for (int i = 1; i <= 3; ++i) {
    const fs::path shard = dir / ("s" + std::to_string(i) + ".sqlite");
    ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", shard, "--shard", std::to_string(i) + "/3"}).code % 3, 0);
    args.push_back(shard);
  }
  args.push_back(dir / "s2.sqlite");  // twice
  Result r = run_pipeline(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("appears in more than one input; keeping the first"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("duplicate(s) dropped"), std::string::npos) << r.err;
  EXPECT_EQ(dump_results(dir / "merged.sqlite"), dump_results(all));
  // The tables themselves too: shapes numbered as the single run numbered them.
  for (const char* sql : {"SELECT * FROM annotation_shapes ORDER BY shape", "SELECT first_id, doc_id, shape, count, size, hex(data) FROM annotation_sets ORDER BY first_id",
                          "SELECT doc_id, size, hex(data) FROM document_blobs ORDER BY doc_id"})
    EXPECT_EQ(query(dir / "merged.sqlite", sql), query(all, sql)) << sql;
  EXPECT_EQ(query(dir / "merged.sqlite", "PRAGMA journal_mode").at(0), "wal");
  EXPECT_EQ(query(dir / "merged.sqlite", "PRAGMA foreign_key_check").size(), 0u);
  // The record path from the merged store gives the single run's JSON Lines.
  r = run_pipeline({"merge", dir / "back.jsonl", dir / "merged.sqlite"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read_text(dir / "back.jsonl"), read_text(dir / "all.jsonl"));
  for (const auto& e : fs::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
  for (int i = 1; i <= 3; ++i)  // the copy attached the shards and left them as they were
    for (const char* suffix : {"-wal", "-shm"})
      EXPECT_FALSE(fs::exists(dir / ("s" + std::to_string(i) + ".sqlite" + suffix))) << i << suffix;
}
