// Batch runs through the real `pipeline` executable, with the segment stage.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

std::vector<std::string> jsonl_ids(const fs::path& file) {
  std::vector<std::string> ids;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) ids.push_back(nlohmann::json::parse(line).at("id"));
  return ids;
}

long long count(const fs::path& db, const std::string& sql) { return std::stoll(query(db, sql).at(0)); }

}  // namespace

TEST(BatchInputs, DirectoryIsRecursiveAndGlobSelectsFiles) {
  ScratchDir dir("inputs");
  make_corpus(dir / "corpus", 10);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "dir.sqlite";
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'ok'"), 10);
  // Ids are relative to the directory, nested folders included.
  EXPECT_EQ(query(out, "SELECT id FROM documents ORDER BY seq LIMIT 1").at(0), "group0/doc1000.txt");
  EXPECT_GT(count(out, "SELECT count(*) FROM annotations WHERE type = 'sentence'"), 10);

  const fs::path globbed = dir / "glob.jsonl";
  r = run_pipeline({"run", yaml, "-i", (dir / "corpus/group1/*.txt").string(), "-o", globbed});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto ids = jsonl_ids(globbed);
  ASSERT_EQ(ids.size(), 3u);  // docs 1001, 1005, 1009
  EXPECT_EQ(ids[0], "group1/doc1001.txt");
}

TEST(BatchInputs, DirectoriesAndGlobsAreWalkedInSortedPathOrder) {
  ScratchDir dir("order");
  const auto files = make_corpus(dir / "corpus", 12);  // sorted paths
  // A nested directory and names that sort differently as strings and as paths ("a" + '/'
  // vs "a.txt", "a-b"): the walk gives component-wise order.
  fs::create_directories(dir / "corpus/a/b");
  for (const char* name : {"a/b/x.txt", "a.txt", "a-b.txt", "a/z.html", "a/skip.csv", "group1/.hidden.txt"})
    std::ofstream(dir / "corpus" / name) << "第1号报告\n全年地区生产总值增长5%。\n";
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "all.jsonl";
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> expected;
  for (auto it = fs::recursive_directory_iterator(dir / "corpus"); it != fs::recursive_directory_iterator(); ++it) {
    const std::string ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".txt" || ext == ".html"))
      expected.push_back(fs::relative(it->path(), dir / "corpus").generic_string());
  }
  // fs::path compares component-wise: the order a sorted list of every path has.
  std::sort(expected.begin(), expected.end(), [](const std::string& x, const std::string& y) { return fs::path(x) < fs::path(y); });
  EXPECT_EQ(jsonl_ids(out), expected);
  EXPECT_EQ(expected.front(), "a/b/x.txt");

  // A glob over several directories: the same order, ids "<parent>/<file>"; dot files only
  // when the pattern names the dot.
  const fs::path globbed = dir / "glob.jsonl";
  r = run_pipeline({"run", yaml, "-i", (dir / "corpus/group*/*.txt").string(), "-o", globbed});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> group_files;
  for (const auto& f : files) group_files.push_back(f.parent_path().filename().string() + "/" + f.filename().string());
  EXPECT_EQ(jsonl_ids(globbed), group_files);
  r = run_pipeline({"run", yaml, "-i", (dir / "corpus/group1/.h*").string(), "-o", dir / "dot.jsonl"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(jsonl_ids(dir / "dot.jsonl"), std::vector<std::string>{"group1/.hidden.txt"});
  // A pattern that matches nothing stops the run before it starts.
  r = run_pipeline({"run", yaml, "-i", (dir / "corpus/nothing*/*.txt").string(), "-o", dir / "none.jsonl"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("the pattern matches no file"), std::string::npos) << r.err;
}

TEST(BatchInputs, CsvAndJsonlManifestsCarryMetadata) {
  ScratchDir dir("manifest");
  const auto files = make_corpus(dir / "corpus", 4);
  {
    std::ofstream csv(dir / "list.csv");
    csv << "path,region,year,kind,id,source_url\n";
    csv << "corpus/group0/doc1000.txt,铁西区,2021,plan,tiexi-2021,\"http://example.org/a,b\"\n";
    csv << "corpus/group1/doc1001.txt,沈阳市,2022,work,,\n";
    std::ofstream jsonl(dir / "list.jsonl");
    jsonl << R"({"path": "corpus/group2/doc1002.txt", "region": "大连市", "year": 2020, "id": "dl-2020"})" << "\n";
  }
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "m.sqlite";
  Result r = run_pipeline({"run", yaml, "-i", dir / "list.csv", "-i", dir / "list.jsonl", "-o", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = query(out, "SELECT id, region, report_year, kind, json_extract(meta, '$.source_url') "
                               "FROM documents ORDER BY seq");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "tiexi-2021\t铁西区\t2021\tplan\thttp://example.org/a,b");
  EXPECT_EQ(rows[1], "corpus/group1/doc1001.txt\t沈阳市\t2022\twork\tNULL");
  EXPECT_EQ(rows[2].substr(0, rows[2].find("\t2020\t") + 5), "dl-2020\t大连市\t2020");  // kind: the segmenter's guess

  // The same manifest from the YAML, as {manifest: FILE}; a missing listed file is a config error.
  std::ofstream(dir / "manifest.yaml") << "name: m\ninputs:\n  - manifest: list.jsonl\nstages: [segment]\n"
                                          "output: {path: from-yaml.jsonl}\n";
  r = run_pipeline({"run", dir / "manifest.yaml"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(jsonl_ids(dir / "from-yaml.jsonl"), std::vector<std::string>{"dl-2020"});
  std::ofstream(dir / "broken.csv") << "path\nnot-there.txt\n";
  r = run_pipeline({"run", yaml, "-i", dir / "broken.csv", "-o", dir / "x.sqlite"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("broken.csv:2"), std::string::npos) << r.err;
}

TEST(BatchFailures, CorruptFileIsRecordedAndTheBatchGoesOn) {
  ScratchDir dir("corrupt");
  make_corpus(dir / "corpus", 6);
  std::ofstream(dir / "corpus/group0/broken.txt", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\xff\xfe", 12);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "c.sqlite";
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"});
  EXPECT_EQ(r.code, 3) << r.err;  // completed with an input failure
  EXPECT_NE(r.err.find("6 of 7 document(s) done, 1 failed"), std::string::npos) << r.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'ok'"), 6);
  const auto err = query(out, "SELECT d.id, e.exit_code, e.message FROM errors e JOIN documents d USING (doc_id)");
  ASSERT_EQ(err.size(), 1u);
  EXPECT_EQ(err[0].substr(0, err[0].find('\t', err[0].find('\t') + 1)), "group0/broken.txt\t3");
  EXPECT_NE(err[0].find("broken.txt"), std::string::npos);

  // A rerun skips done work and the known failure (still reported); --retry-failed retries it.
  r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("7 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents"), 7);
  fs::remove(dir / "corpus/group0/broken.txt");
  std::ofstream(dir / "corpus/group0/broken.txt") << "一、修好了。\n今年经济增长6%。\n";
  r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "--retry-failed"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'ok'"), 7);
  EXPECT_EQ(count(out, "SELECT count(*) FROM errors"), 0);
}

TEST(BatchFailures, MaxErrorsStopsEarly) {
  ScratchDir dir("maxerrors");
  fs::create_directories(dir / "corpus");
  for (int i = 0; i < 30; ++i) std::ofstream(dir / "corpus" / ("bad" + std::to_string(100 + i) + ".txt")) << "";
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "e.jsonl";
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "1", "--max-errors", "3"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("--max-errors"), std::string::npos) << r.err;
  const auto written = jsonl_ids(out).size();
  EXPECT_GE(written, 3u);
  EXPECT_LT(written, 30u);
}

// --max-errors holds for the JSON result too: the documents up to the N-th failure in input
// order are written (whatever -j), with those failures under "errors"; the rest is not run.
TEST(BatchFailures, MaxErrorsStopsAJsonRunAtTheSameDocumentWhateverTheJobs) {
  ScratchDir dir("maxerrors-json");
  fs::create_directories(dir / "corpus");
  for (int i = 0; i < 20; ++i) {
    std::ofstream file(dir / "corpus" / ("d" + std::to_string(10 + i) + ".txt"));
    if (i % 4 != 1) file << "第" << i << "号报告\n全年地区生产总值增长5%。\n";  // d11, d15, d19... are empty
  }
  const fs::path yaml = write_pipeline(dir.path());
  for (const std::string jobs : {"1", "2"}) {
    SCOPED_TRACE(jobs);
    const fs::path out = dir / ("j" + jobs + ".json");
    Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", jobs, "--max-errors", "2"});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_NE(r.err.find("stopped after 2 failed document(s) (--max-errors 2); 14 document(s) not run"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("stopped early (--max-errors)"), std::string::npos) << r.err;
    const auto result = nlohmann::json::parse(read_text(out));
    std::vector<std::string> docs, errors;
    for (const auto& d : result.at("documents")) docs.push_back(d.at("id"));
    for (const auto& e : result.at("errors")) errors.push_back(e.at("id"));
    EXPECT_EQ(docs, (std::vector<std::string>{"d10.txt", "d12.txt", "d13.txt", "d14.txt"}));
    EXPECT_EQ(errors, (std::vector<std::string>{"d11.txt", "d15.txt"}));
  }
  EXPECT_EQ(read_text(dir / "j1.json"), read_text(dir / "j2.json"));
  // Without the limit every document runs.
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "all.json"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(nlohmann::json::parse(read_text(dir / "all.json")).at("errors").size(), 5u);
}

TEST(BatchResume, KilledRunLosesNothingAndRerunCompletesWithoutDuplicates) {
  ScratchDir dir("resume");
  // Enough documents that the run outlasts the polling below on a loaded machine (300 were
  // once all written before the CSV run could be killed, once isolated workers were kept).
  const int n = 600;
  make_corpus(dir / "corpus", n, 30);
  const fs::path yaml = write_pipeline(dir.path());
  for (const std::string ext : {"sqlite", "jsonl", "csv"}) {
    SCOPED_TRACE(ext);
    const fs::path out = dir / ("killed." + ext);
    const pid_t pid = start_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"});
    // Let it write some documents, then kill it without warning.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      std::error_code ec;
      bool enough = false;
      if (ext == "sqlite") {
        // A few documents committed (the writer groups documents per transaction, so the WAL's
        // size says little about what a kill keeps): what a reader sees.
        try {
          enough = std::stoll(query(out, "SELECT count(*) FROM documents").at(0)) >= 8;
        } catch (const std::exception&) {
        }
      } else {
        // A few dozen documents in: JSON lines, CSV (one closing row per document).
        const auto size = fs::file_size(out, ec);
        enough = !ec && size > (ext == "csv" ? 4000u : 200000u);
      }
      if (enough || std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed; make the corpus larger";

    Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("skipped as already done"), std::string::npos) << r.err;  // the kill kept work

    const fs::path clean = dir / ("clean." + ext);
    ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", clean, "-j", "2"}).code, 0);
    if (ext == "sqlite") {
      EXPECT_EQ(count(out, "SELECT count(*) FROM documents"), n);
      EXPECT_EQ(count(out, "SELECT count(DISTINCT id) FROM documents"), n);
      EXPECT_EQ(query(out, "PRAGMA integrity_check").at(0), "ok");
      // Same results as an uninterrupted run (row ids may differ: compare content).
      const std::string content =
          "SELECT d.id, a.type, a.begin, a.end, a.text, a.attrs FROM annotations a JOIN documents d USING (doc_id) "
          "ORDER BY d.seq, a.annotation_id";
      EXPECT_EQ(query(out, content), query(clean, content));
    } else if (ext == "jsonl") {
      auto ids = jsonl_ids(out);
      EXPECT_EQ(ids.size(), static_cast<std::size_t>(n));
      EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(n));
      // Every line is whole JSON and equals the clean run's line for that document.
      std::map<std::string, std::string> a, b;
      for (auto* m : {&a, &b}) {
        std::ifstream in(m == &a ? out : clean);
        for (std::string line; std::getline(in, line);) (*m)[nlohmann::json::parse(line).at("id")] = line;
      }
      EXPECT_EQ(a, b);
    } else {
      const auto rows = [](const fs::path& f) {
        std::multiset<std::string> s;
        std::ifstream in(f);
        for (std::string line; std::getline(in, line);) s.insert(line);
        return s;
      };
      EXPECT_EQ(rows(out), rows(clean));
    }
  }
}

TEST(BatchDeterminism, SameOutputAtOneAndTwoJobs) {
  ScratchDir dir("jobs");
  make_corpus(dir / "corpus", 60);
  std::ofstream(dir / "corpus/group3/zz-broken.txt") << "";
  const fs::path yaml = write_pipeline(dir.path());
  for (const std::string ext : {"jsonl", "csv", "sqlite"}) {
    SCOPED_TRACE(ext);
    const fs::path one = dir / ("j1." + ext), two = dir / ("j2." + ext);
    EXPECT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", one, "-j", "1"}).code, 3);
    EXPECT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", two, "-j", "2"}).code, 3);
    if (ext == "sqlite") {
      const auto a = dump_results(one), b = dump_results(two);
      EXPECT_GT(a.size(), 100u);
      EXPECT_EQ(a, b);
    } else {
      const std::string a = read_text(one), b = read_text(two);
      EXPECT_GT(a.size(), 1000u);
      EXPECT_EQ(a, b);  // byte for byte, row order included
    }
  }
}

// Without corpus stages the JSON result is streamed too (each document rendered by its
// worker, written in input order): the same bytes at -j 1 and -j 2, and stores requested
// alongside it hold exactly what they hold when written alone.
TEST(BatchDeterminism, JsonResultAndStoresAlongsideAreTheSameAtOneAndTwoJobs) {
  ScratchDir dir("json-stores");
  make_corpus(dir / "corpus", 30);
  std::ofstream(dir / "corpus/group1/zz-broken.txt") << "";
  const fs::path yaml = dir / "both.yaml";
  std::ofstream(yaml) << "name: both\nstages:\n  - use: segment\n  - use: numbers\n"
                         "output:\n  formats: [json, jsonl, sqlite, csv]\n";
  // An --output without extension takes the YAML's formats, each with its own extension.
  for (const std::string jobs : {"1", "2"})
    EXPECT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / ("j" + jobs), "-j", jobs}).code, 3);
  const std::string json = read_text(dir / "j1.json");
  EXPECT_EQ(json, read_text(dir / "j2.json"));
  const nlohmann::ordered_json result = nlohmann::ordered_json::parse(json);
  EXPECT_EQ(result.at("documents").size(), 30u);
  ASSERT_EQ(result.at("errors").size(), 1u);
  EXPECT_EQ(result["errors"][0]["id"], "group1/zz-broken.txt");
  EXPECT_EQ(json.back(), '\n');

  for (const std::string ext : {"jsonl", "csv", "sqlite"}) {
    SCOPED_TRACE(ext);
    const fs::path alone = dir / ("alone." + ext);
    EXPECT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", alone, "-j", "2"}).code, 3);
    if (ext == "sqlite") {
      EXPECT_EQ(dump_results(dir / "j1.sqlite"), dump_results(alone));
      EXPECT_EQ(dump_results(dir / "j2.sqlite"), dump_results(alone));
    } else {
      EXPECT_EQ(read_text(dir / ("j1." + ext)), read_text(alone));
      EXPECT_EQ(read_text(dir / ("j2." + ext)), read_text(alone));
    }
  }
  // The JSON lines are the result's documents with bookkeeping in front.
  std::ifstream lines(dir / "j1.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(lines, line));
  const nlohmann::ordered_json first = nlohmann::ordered_json::parse(line);
  EXPECT_EQ(first.at("id"), result["documents"][0].at("id"));
  EXPECT_EQ(first.at("annotations"), result["documents"][0].at("annotations"));
}

TEST(BatchShards, ShardsMergeIntoTheSameResultAsOneRun) {
  ScratchDir dir("shards");
  make_corpus(dir / "corpus", 40);
  const fs::path yaml = write_pipeline(dir.path());
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "all.sqlite"}).code, 0);
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "all.jsonl"}).code, 0);
  std::vector<std::string> sqlite_shards{"merge", (dir / "merged.sqlite").string()};
  std::vector<std::string> jsonl_shards{"merge", (dir / "merged.jsonl").string()};
  std::size_t total = 0;
  for (int i = 1; i <= 3; ++i) {
    const std::string s = std::to_string(i) + "/3";
    const fs::path db = dir / ("shard" + std::to_string(i) + ".sqlite");
    const fs::path lines = dir / ("shard" + std::to_string(i) + ".jsonl");
    ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", db, "--shard", s}).code, 0);
    ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", lines, "--shard", s}).code, 0);
    const auto n = static_cast<std::size_t>(count(db, "SELECT count(*) FROM documents"));
    EXPECT_GT(n, 0u);  // each shard gets a share
    total += n;
    sqlite_shards.push_back(db.string());
    jsonl_shards.push_back(lines.string());
  }
  EXPECT_EQ(total, 40u);  // disjoint and complete
  Result r = run_pipeline(sqlite_shards);
  ASSERT_EQ(r.code, 0) << r.err;
  r = run_pipeline(jsonl_shards);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(dump_results(dir / "merged.sqlite"), dump_results(dir / "all.sqlite"));
  EXPECT_EQ(read_text(dir / "merged.jsonl"), read_text(dir / "all.jsonl"));

  // A shard from another pipeline version (different settings) is refused.
  const fs::path other = dir / "other.sqlite";
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", other, "--shard", "1/3", "--set",
                          "segment.words=true"}).code, 0);
  r = run_pipeline({"merge", (dir / "bad.sqlite").string(), (dir / "shard2.sqlite").string(), other.string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("different pipeline versions"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "bad.sqlite"));
  EXPECT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", other, "--shard", "4/3"}).code, 2);
}
