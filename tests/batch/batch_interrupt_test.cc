// Ctrl-C (SIGINT), SIGTERM and SIGHUP sent to a real `pipeline run` in the middle of a run:
// it stops cleanly, says so in one line, ends by that signal (a shell shows 130/143/129),
// leaves no temporary file, and either writes nothing (the JSON result, written whole or not
// at all) or leaves a consistent store that a rerun completes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

// Waits until `ready()` (the run has written part of its output), then sends `sig`; returns
// the wait status (`twice`: sent twice at once, as `timeout` does to the process and then its
// group; one request). Fails the test if the run ended before it could be interrupted.
int interrupt_when(pid_t pid, int sig, const std::function<bool()>& ready, bool twice = false) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = 0;
  while (!ready() && std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      ADD_FAILURE() << "the run ended before it could be interrupted; make the corpus larger";
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, sig);
  if (twice) ::kill(pid, sig);
  ::waitpid(pid, &status, 0);
  return status;
}

std::uintmax_t size_of(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  return ec ? 0 : size;
}

// Names in `dir` (not below it) other than the corpus directory and the pipeline file.
std::set<std::string> outputs_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name != "corpus" && name != "batch.yaml" && name.find(".err") == std::string::npos) names.insert(name);
  }
  return names;
}

long long count(const fs::path& db, const std::string& sql) { return std::stoll(query(db, sql).at(0)); }

}  // namespace

// The JSON result is written whole or not at all: interrupted, the previous file stays and
// the temporary file it was being written into is removed.
TEST(BatchInterrupt, JsonRunWritesNothingAndLeavesNoTemporaryFile) {
  ScratchDir dir("interrupt-json");
  make_corpus(dir / "corpus", 600, 30);
  const fs::path yaml = write_pipeline(dir.path());
  for (const int sig : {SIGINT, SIGTERM}) {
    SCOPED_TRACE(sig);
    const fs::path out = dir / "result.json", err = dir / "run.err";
    std::ofstream(out) << "previous result\n";
    const pid_t pid = start_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"}, err);
    const fs::path temporary = out.string() + ".tmp." + std::to_string(pid);
    // Some documents in: the result's buffer (1 MB) has been written to the temporary file.
    const int status = interrupt_when(pid, sig, [&] { return size_of(temporary) > 0; }, sig == SIGTERM);
    ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status) << ": " << read_text(err);
    EXPECT_EQ(WTERMSIG(status), sig);  // a shell shows 128 + sig
    const std::string message = read_text(err);
    const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
    EXPECT_NE(message.find("pipeline: interrupted by " + name + " before the outputs were complete: nothing written"),
              std::string::npos) << message;
    EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1) << message;  // one line
    EXPECT_EQ(read_text(out), "previous result\n");
    EXPECT_EQ(outputs_in(dir.path()), std::set<std::string>{"result.json"});  // no temporary file
  }
}

// Stores requested alongside the JSON result are rebuilt beside their targets: dropped too.
TEST(BatchInterrupt, JsonRunDropsTheStoresRebuiltAlongside) {
  ScratchDir dir("interrupt-json-stores");
  make_corpus(dir / "corpus", 600, 30);
  const fs::path yaml = dir / "batch.yaml";
  std::ofstream(yaml) << "name: both\nstages:\n  - use: segment\noutput:\n  formats: [json, jsonl, sqlite, csv]\n";
  const fs::path err = dir / "run.err";
  const pid_t pid = start_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "all", "-j", "2"}, err);
  const fs::path temporary = dir / ("all.json.tmp." + std::to_string(pid));
  const int status = interrupt_when(pid, SIGINT, [&] { return size_of(temporary) > 0; });
  ASSERT_TRUE(WIFSIGNALED(status)) << read_text(err);
  EXPECT_EQ(WTERMSIG(status), SIGINT);
  EXPECT_EQ(outputs_in(dir.path()), std::set<std::string>{}) << read_text(err);
}

// Resumable stores keep every finished document, are closed cleanly (no journal, no
// temporary file) and a rerun completes them without duplicates.
TEST(BatchInterrupt, StoresAreLeftConsistentAndResumable) {
  ScratchDir dir("interrupt-stores");
  const int n = 600;
  make_corpus(dir / "corpus", n, 30);
  const fs::path yaml = write_pipeline(dir.path());
  const struct {
    std::string ext;
    int sig;
  } cases[] = {{"sqlite", SIGTERM}, {"jsonl", SIGINT}, {"csv", SIGHUP}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.ext);
    const fs::path out = dir / ("stopped." + c.ext), err = dir / "run.err";
    const pid_t pid = start_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"}, err);
    const int status = interrupt_when(pid, c.sig, [&] {
      // A few dozen documents in (as in the SIGKILL test); for SQLite, documents committed,
      // since its writer groups documents per transaction and the WAL grows in bursts.
      if (c.ext == "sqlite") {
        try {
          return std::stoll(query(out, "SELECT count(*) FROM documents").at(0)) >= 8;
        } catch (const std::exception&) {
          return false;  // not created yet, or its schema not yet written
        }
      }
      return size_of(out) > (c.ext == "csv" ? 4000u : 200000u);
    });
    ASSERT_TRUE(WIFSIGNALED(status)) << read_text(err);
    EXPECT_EQ(WTERMSIG(status), c.sig);
    const std::string message = read_text(err);
    EXPECT_NE(message.find("; interrupted by SIG"), std::string::npos) << message;
    EXPECT_NE(message.find("document(s) not run: rerun to resume"), std::string::npos) << message;
    std::set<std::string> expected{out.filename().string()};  // no -wal, no .tmp
    if (c.ext == "jsonl") expected.insert(out.filename().string() + ".runs");  // its run log
    EXPECT_EQ(outputs_in(dir.path()), expected);

    Result r = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", out, "-j", "2"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("skipped as already done"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("removing"), std::string::npos) << r.err;  // nothing torn to repair
    if (c.ext == "sqlite") {
      EXPECT_EQ(count(out, "SELECT count(*) FROM documents"), n);
      EXPECT_EQ(count(out, "SELECT count(DISTINCT id) FROM documents"), n);
      EXPECT_EQ(count(out, "SELECT count(*) FROM errors"), 0);
      EXPECT_EQ(query(out, "PRAGMA integrity_check").at(0), "ok");
    } else {
      const fs::path clean = dir / ("clean." + c.ext);
      ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", clean, "-j", "2"}).code, 0);
      // The same rows or lines as an uninterrupted run, each document once (the resumed part
      // comes after the first).
      std::multiset<std::string> a, b;
      for (auto* m : {&a, &b}) {
        std::ifstream in(m == &a ? out : clean);
        for (std::string line; std::getline(in, line);) m->insert(line);
      }
      if (c.ext == "jsonl") EXPECT_EQ(a.size(), static_cast<std::size_t>(n));
      EXPECT_EQ(a, b);
    }
    // (The test's own SQLite reads leave journal files; the run left none, as checked above.)
    for (const char* suffix : {"", "-wal", "-shm", ".runs"}) fs::remove(out.string() + suffix);
    fs::remove(dir / ("clean." + c.ext));
    fs::remove(dir / ("clean." + c.ext + ".runs"));
  }
}
