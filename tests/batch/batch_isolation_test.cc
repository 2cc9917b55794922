// Worker isolation (docs/batch.md): a stage that crashes, hangs, exits or writes invalid
// output on one document costs that document only, whatever the output; the others are
// written exactly as without isolation. The misbehaving stage comes from
// tests/plugins/misbehaving_plugin.cc and acts on a MISBEHAVE:<what> marker in the text.
#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

const std::string kStages = "  - use: segment\n  - use: misbehave\n";

// `good` generated documents plus one per marker (named bad-<what>.txt, sorted after them).
fs::path corpus_with(const ScratchDir& dir, int good, const std::vector<std::string>& markers) {
  const fs::path corpus = dir / "corpus";
  make_corpus(corpus, good);
  for (const auto& what : markers)
    std::ofstream(corpus / ("zz-bad-" + what + ".txt")) << "第99号报告\n全年地区生产总值增长5%。MISBEHAVE:" << what << "\n";
  return corpus;
}

std::vector<std::string> args(const fs::path& yaml, const fs::path& in, const fs::path& out,
                              std::vector<std::string> more = {}) {
  std::vector<std::string> a{"--plugin-path", BATCH_TEST_MISBEHAVING_DIR, "run", yaml.string(), "-i", in.string(),
                             "-o", out.string(), "--no-progress"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

long long count(const fs::path& db, const std::string& sql) { return std::stoll(query(db, sql).at(0)); }

// The build under AddressSanitizer (.ci/run's build-asan, tests/fuzz/README.md).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

// For the tests whose stage crashes on purpose: under ASan the worker's SIGSEGV would be
// caught by ASan's handler and become a report and an exit (a SIGABRT with .ci/run's
// abort_on_error=1), not the signal a release build dies of and these tests check for.
// handle_segv=0 lets the signal through to the pipeline processes they start; appended
// last, it wins over the caller's ASAN_OPTIONS. Without ASan the variable is never read.
class RealSegfaults {
 public:
  RealSegfaults() {
    const char* options = ::getenv("ASAN_OPTIONS");
    if (options) saved_ = options;
    had_ = options != nullptr;
    ::setenv("ASAN_OPTIONS", (saved_.empty() ? "" : saved_ + ":").append("handle_segv=0").c_str(), 1);
  }
  ~RealSegfaults() {
    if (had_) ::setenv("ASAN_OPTIONS", saved_.c_str(), 1);
    else ::unsetenv("ASAN_OPTIONS");
  }
  RealSegfaults(const RealSegfaults&) = delete;
  RealSegfaults& operator=(const RealSegfaults&) = delete;

 private:
  std::string saved_;
  bool had_ = false;
};

std::string error_of(const fs::path& db, const std::string& what) {
  const auto rows = query(db, "SELECT e.message FROM errors e JOIN documents d USING (doc_id) WHERE d.id LIKE '%bad-" + what + "%'");
  return rows.empty() ? "" : rows[0];
}

}  // namespace

TEST(BatchIsolation, SegfaultingStageFailsOneDocumentOfTwentyOne) {
  const RealSegfaults segfaults;
  ScratchDir dir("iso-segv");
  const fs::path corpus = corpus_with(dir, 20, {"segfault"});
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const fs::path out = dir / "out.sqlite";
  const Result r = run_pipeline(args(yaml, corpus, out, {"-j", "2"}));
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'ok'"), 20);
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'failed'"), 1);
  const std::string message = error_of(out, "segfault");
  EXPECT_NE(message.find("SIGSEGV"), std::string::npos) << message;
  EXPECT_NE(message.find("stage 'misbehave'"), std::string::npos) << message;
  // A rerun keeps the failure (no crash on resume) and runs nothing again.
  const Result again = run_pipeline(args(yaml, corpus, out));
  EXPECT_EQ(again.code, 5) << again.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents"), 21);
}

// Waits for `pid` for at most `limit` seconds; kills it past that. Returns its exit status
// (as run_pipeline gives it) or -1 if it had to be killed.
static int wait_at_most(pid_t pid, int limit) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limit);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The hanging document must be stopped and fail naming the limit, the 20 others must be
// written. Under heavy load (other builds, sanitizers) a good document can itself outlast a
// short --doc-timeout; the run is then repeated with a longer limit rather than failing.
// What no load excuses: a run that does not end (a stage sleeping forever is only stopped by
// the timeout; the watchdog's allowance is many times the limit) or a hanging document that
// fails for another reason.
TEST(BatchIsolation, HangingStageIsStoppedByDocTimeout) {
  ScratchDir dir("iso-hang");
  const fs::path corpus = corpus_with(dir, 20, {"hang"});
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  for (const int limit : {5, 20, 60}) {
    const fs::path out = dir / ("out-" + std::to_string(limit) + ".jsonl");
    const fs::path err = dir / ("err-" + std::to_string(limit) + ".txt");
    const std::string shown = "--doc-timeout " + std::to_string(limit) + " ";
    const pid_t pid = start_pipeline(args(yaml, corpus, out, {"-j", "2", "--doc-timeout", std::to_string(limit)}), err);
    const int code = wait_at_most(pid, 4 * limit + 60);
    ASSERT_NE(code, -1) << "the run with " << shown << "never ended: the hanging stage was not stopped";
    int ok = 0, good_timed_out = 0;
    std::vector<std::string> failures;
    std::string hang_message;
    std::ifstream in(out);
    for (std::string line; std::getline(in, line);) {
      const auto j = nlohmann::json::parse(line);
      if (j.at("status") == "ok") {
        ++ok;
        continue;
      }
      const std::string message = j.at("error").at("message");
      failures.push_back(message);
      if (j.at("id").get<std::string>().find("bad-hang") != std::string::npos) hang_message = message;
      else if (message.find(shown) != std::string::npos) ++good_timed_out;
    }
    EXPECT_NE(hang_message.find(shown), std::string::npos) << hang_message;
    if (good_timed_out > 0 && limit < 60) {
      std::cerr << good_timed_out << " good document(s) outlasted " << shown << "on this machine; again with a longer limit\n";
      continue;
    }
    EXPECT_EQ(code, 5) << read_text(err);
    EXPECT_EQ(ok, 20);
    EXPECT_EQ(failures.size(), 1u) << (failures.empty() ? "" : failures.back());
    return;
  }
}

// Under ASan without "oom" and --doc-memory: RLIMIT_AS cannot be set beside ASan's shadow
// memory reservation (tens of terabytes of address space), and without the limit the stage
// would allocate until the kernel's OOM killer chose. Every other kind runs in both builds.
TEST(BatchIsolation, EveryKindOfMisbehaviourCostsOnlyItsDocument) {
  const RealSegfaults segfaults;  // "stack": a stack overflow is a SIGSEGV
  ScratchDir dir("iso-all");
  std::vector<std::string> kinds{"abort", "exit0", "stack", "badutf8", "badmeta"};
  std::vector<std::string> options{"-j", "2"};
  if (!kAddressSanitizer) {
    kinds.push_back("oom");
    options.insert(options.end(), {"--doc-memory", "1G"});
  }
  const fs::path corpus = corpus_with(dir, 6, kinds);
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const fs::path out = dir / "out.sqlite";
  const Result r = run_pipeline(args(yaml, corpus, out, options));
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'ok'"), 6);
  EXPECT_EQ(count(out, "SELECT count(*) FROM documents WHERE status = 'failed'"), static_cast<long long>(kinds.size()));
  EXPECT_NE(error_of(out, "abort").find("SIGABRT"), std::string::npos) << error_of(out, "abort");
  EXPECT_NE(error_of(out, "exit0").find("exit()"), std::string::npos) << error_of(out, "exit0");
  EXPECT_NE(error_of(out, "stack").find("SIGSEGV"), std::string::npos) << error_of(out, "stack");
  EXPECT_NE(error_of(out, "badutf8").find("UTF-8"), std::string::npos) << error_of(out, "badutf8");
  EXPECT_NE(error_of(out, "badmeta").find("not an object"), std::string::npos) << error_of(out, "badmeta");
  if (!kAddressSanitizer) EXPECT_NE(error_of(out, "oom").find("memory"), std::string::npos) << error_of(out, "oom");
}

TEST(BatchIsolation, JsonResultIsolatedOnRequest) {
  const RealSegfaults segfaults;
  ScratchDir dir("iso-json");
  const fs::path corpus = corpus_with(dir, 4, {"segfault", "exit0"});
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const fs::path out = dir / "out.json";
  const Result r = run_pipeline(args(yaml, corpus, out, {"--isolate"}));
  ASSERT_EQ(r.code, 5) << r.err;
  const auto j = nlohmann::json::parse(read_text(out));
  EXPECT_EQ(j.at("documents").size(), 4u);
  EXPECT_EQ(j.at("errors").size(), 2u);
}

TEST(BatchIsolation, ExitFromStageNeverEndsAnUnisolatedRunWithZero) {
  ScratchDir dir("iso-exit");
  const fs::path corpus = corpus_with(dir, 3, {"exit0"});
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const fs::path out = dir / "out.json";
  const Result r = run_pipeline(args(yaml, corpus, out, {"-j", "1"}));  // JSON: not isolated by default
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_NE(r.err.find("called exit()"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));  // the result is written whole or not at all
  const Result store = run_pipeline(args(yaml, corpus, dir / "out.jsonl", {"--no-isolate"}));
  EXPECT_EQ(store.code, 5) << store.err;
}

TEST(BatchIsolation, InvalidStageOutputFailsOneDocumentWithoutIsolation) {
  ScratchDir dir("iso-badout");
  const fs::path corpus = corpus_with(dir, 3, {"badutf8", "badmeta"});
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const fs::path out = dir / "out.json";
  const Result r = run_pipeline(args(yaml, corpus, out));
  ASSERT_EQ(r.code, 5) << r.err;
  const auto j = nlohmann::json::parse(read_text(out));
  EXPECT_EQ(j.at("documents").size(), 3u);
  EXPECT_EQ(j.at("errors").size(), 2u);
}

TEST(BatchIsolation, OutputIsIdenticalWithAndWithoutIsolationAtAnyJobs) {
  ScratchDir dir("iso-same");
  const fs::path corpus = corpus_with(dir, 24, {});
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const auto run = [&](const std::string& name, const std::vector<std::string>& extra) {
    const Result r = run_pipeline(args(yaml, corpus, dir / name, extra));
    EXPECT_EQ(r.code, 0) << name << ": " << r.err;
    return read_text(dir / name);
  };
  const std::string store = run("plain.jsonl", {"--no-isolate", "-j", "1"});
  const std::string result = run("plain.json", {"-j", "1"});
  ASSERT_FALSE(store.empty());
  for (const std::string jobs : {"1", "2", "3"}) {
    EXPECT_EQ(run("iso" + jobs + ".jsonl", {"-j", jobs}), store) << "-j " << jobs;
    EXPECT_EQ(run("iso" + jobs + ".json", {"--isolate", "-j", jobs}), result) << "-j " << jobs;
  }
}

// Pipelines ending with a corpus stage: the document stages run in worker processes too (the
// corpus stage runs in the parent on the finished documents), so a segfault on one document
// costs that document only, and the comparisons are those of the run without it.
TEST(BatchIsolation, SegfaultBeforeACorpusStageCostsOneDocument) {
  const RealSegfaults segfaults;
  ScratchDir dir("iso-corpus");
  const fs::path corpus = corpus_with(dir, 20, {"segfault"});
  ScratchDir clean_dir("iso-corpus-clean");
  const fs::path clean = corpus_with(clean_dir, 20, {});
  const std::string stages = kStages + "  - use: diff\n    with: {html: false, summary: false}\n";
  const fs::path yaml = write_pipeline(dir.path(), stages);
  const fs::path reference = dir / "clean.json";
  const Result ok = run_pipeline(args(yaml, clean, reference, {"--no-isolate"}));
  ASSERT_EQ(ok.code, 0) << ok.err;
  const auto expected = nlohmann::json::parse(read_text(reference));
  ASSERT_EQ(expected.at("comparisons").size(), 19u);  // the 20 reports in a chain

  // The store output isolates by default; the JSON result on request.
  const fs::path store = dir / "out.sqlite";
  const Result r = run_pipeline(args(yaml, corpus, store, {"-j", "2"}));
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_EQ(count(store, "SELECT count(*) FROM documents WHERE status = 'ok'"), 20);
  EXPECT_EQ(count(store, "SELECT count(*) FROM documents WHERE status = 'failed'"), 1);
  EXPECT_NE(error_of(store, "segfault").find("SIGSEGV"), std::string::npos) << error_of(store, "segfault");
  EXPECT_EQ(count(store, "SELECT count(*) FROM comparisons"), 19);

  for (const std::string jobs : {"1", "2"}) {
    const fs::path out = dir / ("iso" + jobs + ".json");
    const Result j = run_pipeline(args(yaml, corpus, out, {"--isolate", "-j", jobs}));
    EXPECT_EQ(j.code, 5) << j.err;
    const auto result = nlohmann::json::parse(read_text(out));
    ASSERT_EQ(result.at("errors").size(), 1u);
    EXPECT_NE(result["errors"][0].at("message").get<std::string>().find("SIGSEGV"), std::string::npos);
    // The same documents (their source names the other folder) and the same comparisons.
    ASSERT_EQ(result.at("documents").size(), 20u);
    for (std::size_t i = 0; i < 20; ++i) {
      auto a = result["documents"][i], b = expected["documents"][i];
      a.erase("source");
      b.erase("source");
      EXPECT_EQ(a, b) << "-j " << jobs << ", document " << i;
    }
    EXPECT_EQ(result.at("comparisons"), expected.at("comparisons")) << "-j " << jobs;
  }
}

namespace {

// The live processes whose parent is `parent` (from /proc/*/stat).
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> pids;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "stat");
    std::string stat;
    std::getline(in, stat);
    const auto close = stat.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) continue;
    char state = 0;
    pid_t ppid = 0;
    std::istringstream(stat.substr(close + 1)) >> state >> ppid;
    if (ppid == parent && state != 'Z') pids.push_back(std::stoi(name));
  }
  return pids;
}

// Running (or stopped, sleeping): any state but gone or a zombie.
bool alive(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return false;
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

std::vector<nlohmann::json> records_of(const fs::path& jsonl) {
  std::vector<nlohmann::json> records;
  std::ifstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_object()) records.push_back(std::move(record));  // not a line being written
  }
  return records;
}

}  // namespace

// Issue 22: "a stage that hangs blocks the ordered output forever; SIGTERM waits for it".
// Isolated, the worker of the document in flight gets a short grace period after the signal
// and is then killed: the run ends by the signal (129/130/143 in a shell) well before the
// 10-minute --doc-timeout, says how many documents were not run, leaves no worker behind, and
// the store resumes (the hanging document is run again, not recorded as failed). The bound
// below is generous on purpose (a loaded machine, sanitizers): without the grace period the
// run waits for the 600 s default limit.
TEST(BatchIsolation, SignalStopsAHangingStageAndTheStoreResumes) {
  ScratchDir dir("iso-hang-signal");
  const fs::path corpus = corpus_with(dir, 20, {"hang"});  // the hanging document sorts last
  const fs::path yaml = write_pipeline(dir.path(), kStages);
  const struct {
    int sig;
    const char* name;
  } cases[] = {{SIGTERM, "SIGTERM"}, {SIGINT, "SIGINT"}, {SIGHUP, "SIGHUP"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path out = dir / (std::string(c.name) + ".jsonl"), err = dir / (std::string(c.name) + ".err");
    const pid_t pid = start_pipeline(args(yaml, corpus, out, {"-j", "2"}), err);
    // The 20 good documents written; the hanging one's worker running.
    std::vector<pid_t> workers;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(300);
    while (std::chrono::steady_clock::now() < give_up) {
      int status = 0;
      ASSERT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "the run ended first: " << read_text(err);
      if (records_of(out).size() == 20 && !(workers = children_of(pid)).empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_FALSE(workers.empty()) << "the hanging document's worker never started: " << read_text(err);
    ::kill(pid, c.sig);
    const int code = wait_at_most(pid, 60);
    ASSERT_NE(code, -1) << "the run waited for the hanging stage after " << c.name;
    EXPECT_EQ(code, 128 + c.sig) << read_text(err);
    const std::string message = read_text(err);
    EXPECT_NE(message.find(std::string("; interrupted by ") + c.name + ", 1 document(s) not run: rerun to resume"),
              std::string::npos) << message;
    for (const pid_t w : workers) {
      for (int k = 0; k < 100 && alive(w); ++k) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      EXPECT_FALSE(alive(w)) << "worker " << w << " outlived the run";
    }
    const auto records = records_of(out);
    EXPECT_EQ(records.size(), 20u);
    for (const auto& r : records) EXPECT_EQ(r.value("status", ""), "ok") << r.dump();
  }
  // The store resumes: the 20 good documents skipped, the hanging one run again (and failed
  // this time by a short --doc-timeout).
  const fs::path out = dir / "SIGTERM.jsonl";
  const auto before = records_of(out);
  const Result r = run_pipeline(args(yaml, corpus, out, {"-j", "2", "--doc-timeout", "5"}));
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_NE(r.err.find("20 skipped as already done"), std::string::npos) << r.err;
  const auto after = records_of(out);
  ASSERT_EQ(after.size(), 21u);
  for (std::size_t k = 0; k < before.size(); ++k) EXPECT_EQ(after[k], before[k]);
  EXPECT_NE(after.back().at("error").at("message").get<std::string>().find("--doc-timeout 5 "), std::string::npos)
      << after.back().dump();
}
