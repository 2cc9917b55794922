// File names that are not UTF-8 (GBK names from Windows zip archives), control characters in
// names, and command lines or pipelines that would write where they should not.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

const std::string kText = "第1号报告\n全年地区生产总值增长5%。\n";

// "报告一.txt" and "报告二.txt" in GBK: not UTF-8.
const std::string kGbkOne = "\xb1\xa8\xb8\xe6\xd2\xbb.txt";
const std::string kGbkTwo = "\xb1\xa8\xb8\xe6\xb6\xfe.txt";

bool valid_utf8(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

TEST(BatchNames, NonUtf8FileNamesGiveDistinctValidIdsInEveryOutput) {
  ScratchDir dir("names-gbk");
  fs::create_directories(dir / "corpus");
  for (const auto& name : {kGbkOne, kGbkTwo, std::string("100%.txt"), std::string("100%25.txt")})
    std::ofstream(dir / "corpus" / name) << kText;
  const fs::path yaml = write_pipeline(dir.path());
  // The JSON result (not isolated by default) and a store.
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "r.json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto result = nlohmann::json::parse(read_text(dir / "r.json"));
  std::set<std::string> ids;
  for (const auto& d : result.at("documents")) ids.insert(d.at("id").get<std::string>());
  EXPECT_EQ(ids.size(), 4u);  // unique: "100%" and "100%25" and both GBK names stay apart
  // Undecodable bytes are escaped (what happens to decode as UTF-8 is kept); '%' is escaped
  // in such names and in names that hold one, so "100%.txt" and "100%25.txt" stay apart.
  int escaped = 0;
  for (const auto& id : ids) escaped += id.find("%B1%A8%B8%E6") != std::string::npos;
  EXPECT_EQ(escaped, 2);
  EXPECT_EQ(ids.count("100%25.txt") + ids.count("corpus/100%25.txt"), 1u);
  EXPECT_EQ(ids.count("100%2525.txt") + ids.count("corpus/100%2525.txt"), 1u);
  r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "s.sqlite"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = query(dir / "s.sqlite", "SELECT id FROM documents ORDER BY id");
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& id : rows) EXPECT_TRUE(valid_utf8(id)) << id;
  r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "s.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(valid_utf8(read_text(dir / "s.csv")));
}

TEST(BatchNames, ControlCharactersInNamesNeverReachTheTerminalRaw) {
  ScratchDir dir("names-ctl");
  fs::create_directories(dir / "corpus");
  const std::string name = "evil\x1b[2Jname.txt";
  std::ofstream(dir / "corpus" / name) << "  \n\n";  // no text: named in an error
  const fs::path yaml = write_pipeline(dir.path());
  const Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "r.jsonl"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("evil\\x1b[2Jname.txt"), std::string::npos) << r.err;
}

TEST(BatchNames, ShardWithNegativeNumberIsRefused) {
  ScratchDir dir("names-shard");
  make_corpus(dir / "corpus", 2);
  const fs::path yaml = write_pipeline(dir.path());
  for (const char* shard : {"1/-3", "-1/3", " 1/3", "1/3x"}) {
    const Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "r.jsonl", "--shard", shard});
    EXPECT_EQ(r.code, 2) << shard << ": " << r.err;
    EXPECT_NE(r.err.find("expected I/N"), std::string::npos) << r.err;
  }
}

TEST(BatchNames, PipelineNameCannotPlaceTheDefaultOutputOutsideOut) {
  ScratchDir dir("names-escape");
  make_corpus(dir / "work/corpus", 1);
  std::ofstream(dir / "work/p.yaml") << "name: ../../x\nstages:\n  - use: segment\n";
  const Result r = run_pipeline({"run", dir / "work/p.yaml", "-i", dir / "work/corpus"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("not a plain file name"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "x.json"));
  EXPECT_FALSE(fs::exists(fs::current_path().parent_path() / "x.json"));
}

TEST(BatchNames, OutputThatIsADirectoryIsAClearError) {
  ScratchDir dir("names-dir");
  make_corpus(dir / "corpus", 1);
  const fs::path yaml = write_pipeline(dir.path());
  for (const char* name : {"adir.csv", "adir.json", "adir.sqlite"}) {
    fs::create_directories(dir / name);
    const Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / name});
    EXPECT_EQ(r.code, 6) << name << ": " << r.err;
    EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  }
}

// Pipeline YAML that yaml-cpp accepts silently: each is now an error of `check` and `run`.
TEST(PipelineYamlGuard, DuplicateKeysSecondDocumentAliasBombAndBadUtf8AreErrors) {
  ScratchDir dir("yaml-guard");
  make_corpus(dir / "corpus", 1);
  const auto check = [&](const std::string& name, const std::string& yaml, const std::string& expected) {
    std::ofstream(dir / name, std::ios::binary) << yaml;
    for (const char* command : {"check", "run"}) {
      const auto started = std::chrono::steady_clock::now();
      const Result r = run_pipeline({command, dir / name, "-i", dir / "corpus", "-o", dir / "o.jsonl"});
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      EXPECT_EQ(r.code, 2) << name << " " << command << ": " << r.err;
      EXPECT_NE(r.err.find(expected), std::string::npos) << name << " " << command << ": " << r.err;
      EXPECT_LT(seconds, 20) << name;
    }
  };
  check("dup.yaml", "name: a\nstages:\n  - use: segment\nname: b\n", "dup.yaml:4:1: duplicate key 'name'");
  check("two.yaml", "name: a\nstages:\n  - use: segment\n---\nname: b\n", "a second YAML document");
  std::string bomb = "name: bomb\nstages:\n  - use: segment\nx0: &a0 [x,x,x,x,x,x,x,x,x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    bomb += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 9; ++k) bomb += "," + prev;
    bomb += "]\n";
  }
  ASSERT_LT(bomb.size(), 700u);
  check("bomb.yaml", bomb, "alias bomb");
  check("gbk.yaml", "name: a\nstages:\n  - use: segment\n# \xb1\xa8\xb8\xe6\n", "gbk.yaml:4:3: the pipeline file is not valid UTF-8");
  // yaml-cpp 0.7 reads empty documents from a stray ',' forever, growing (fuzz_pipeline_yaml).
  check("comma.yaml", ",]\n", "comma.yaml:1:1: malformed YAML");
}

TEST(BatchNames, CsvFormulaCellsAreNeutralisedAndResumeStillMatches) {
  ScratchDir dir("names-csv");
  fs::create_directories(dir / "corpus");
  std::ofstream(dir / "corpus" / "=HYPERLINK(1).txt") << kText;
  std::ofstream(dir / "corpus" / "@SUM.txt") << kText;
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path out = dir / "r.csv";
  Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_text(out);
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) {
    // No cell starts with a formula character: each is after ',' or at a line start.
    const char next = at + 2 < csv.size() ? csv[at + 2] : 'x';
    EXPECT_TRUE(next != '=' && next != '@' && next != '+') << csv.substr(at, 80);
  }
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos) << csv.substr(0, 400);
  EXPECT_NE(csv.find(",'=HYPERLINK(1).txt"), std::string::npos) << csv.substr(0, 400);
  EXPECT_NE(csv.find(",'@SUM.txt"), std::string::npos);
  // The store reads its ids back without the apostrophe: a rerun skips both documents.
  r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("2 skipped"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(out), csv);
}

TEST(BatchNames, FifoInputIsNamedAsSuch) {
  ScratchDir dir("names-fifo");
  const fs::path fifo = dir / "pipe.txt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const fs::path yaml = write_pipeline(dir.path());
  const Result r = run_pipeline({"run", yaml, "-i", fifo, "-o", dir / "r.jsonl"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("is a FIFO (named pipe)"), std::string::npos) << r.err;
}
