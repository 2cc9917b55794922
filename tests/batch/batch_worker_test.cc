// run_in_worker (core/src/run/batch_worker.h) in process: what the CLI tests cannot pin down.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include "run/batch_signals.h"
#include "run/batch_worker.h"

using namespace reportlens;
namespace fs = std::filesystem;

namespace {

// The file descriptors of this process that are sockets (a worker's channel to its parent).
std::set<int> sockets() {
  std::set<int> fds;
  for (const auto& e : fs::directory_iterator("/proc/self/fd")) {
    struct stat st {};
    if (::stat(e.path().c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) fds.insert(std::stoi(e.path().filename().string()));
  }
  return fds;
}

}  // namespace

// Workers are forked from several threads at once (-j). A worker that inherited the parent's
// end of another worker's channel kept it open: that worker then never saw its request
// stream end, and (with the pipes used before) a parent saw the end of a finished answer
// only when the other worker exited, so that behind a hanging stage a finished document was
// reported as timed out. Each worker holds exactly its own channel.
TEST(BatchWorker, AWorkerHoldsNoOtherWorkersChannel) {
  const std::set<int> before = sockets();
  std::atomic<int> answered{0}, leaked{0};
  const auto forks = [&] {
    for (int k = 0; k < 150; ++k) {
      const WorkerOutcome w = run_in_worker(
          [&](WorkerChannel& channel) {
            int held = 0;
            for (const int fd : sockets()) held += before.count(fd) == 0;
            channel.answer({std::to_string(held)});
          },
          WorkerLimits{120, 0});
      if (!w.answered) continue;
      ++answered;
      if (w.fields.at(0) != "1") ++leaked;
    }
  };
  std::thread a(forks), b(forks);
  a.join();
  b.join();
  EXPECT_EQ(answered.load(), 300);
  EXPECT_EQ(leaked.load(), 0) << "workers that held another worker's channel";
}

// Interrupted (SIGINT, SIGTERM, SIGHUP), a worker that does not finish within the grace
// period is killed and its outcome says so, even with no --doc-timeout: the run never waits
// for a stage that hangs.
TEST(BatchWorker, AnInterruptionStopsAHangingWorker) {
  const InterruptGuard guard;
  std::thread signaller([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(::getpid(), SIGTERM);
  });
  const WorkerOutcome w = run_in_worker(
      [](WorkerChannel& channel) {
        channel.stage("hangs");
        for (;;) ::pause();  // a worker ignores the run's signals
      },
      WorkerLimits{0, 0});
  signaller.join();
  EXPECT_TRUE(w.interrupted);
  EXPECT_FALSE(w.answered);
  EXPECT_FALSE(w.timed_out);
  EXPECT_EQ(InterruptGuard::received(), SIGTERM);
}

// A worker serves one request after another in the same process until it is stopped or
// dies; the next request then gets a fresh worker.
TEST(BatchWorker, AWorkerServesRequestsUntilItIsStoppedOrDies) {
  const Worker::Serve serve = [](const std::vector<std::string>& request, WorkerChannel& channel) {
    if (request.at(0) == "die") _exit(3);
    channel.answer({std::to_string(::getpid()), request.at(0), std::to_string(request.size()), request.back()});
  };
  const WorkerLimits limits{120, 0};
  Worker worker;
  const std::string big(3 << 20, 'x');  // larger than a socket's buffer, both ways
  const WorkerOutcome one = worker.run({"one"}, serve, limits);
  const WorkerOutcome two = worker.run({"two", big}, serve, limits);
  ASSERT_TRUE(one.answered && two.answered) << one.failure << two.failure;
  EXPECT_EQ(one.fields.at(1), "one");
  EXPECT_EQ(two.fields.at(1), "two");
  EXPECT_EQ(two.fields.at(2), "2");
  EXPECT_TRUE(two.fields.at(3) == big);
  EXPECT_EQ(one.fields.at(0), two.fields.at(0));  // the same process
  const WorkerOutcome died = worker.run({"die"}, serve, limits);
  EXPECT_FALSE(died.answered);
  EXPECT_NE(died.failure.find("exit status 3"), std::string::npos) << died.failure;
  const WorkerOutcome three = worker.run({"three"}, serve, limits);
  ASSERT_TRUE(three.answered) << three.failure;
  EXPECT_NE(three.fields.at(0), two.fields.at(0));  // a fresh worker
  worker.stop();
  const WorkerOutcome four = worker.run({"four"}, serve, limits);
  ASSERT_TRUE(four.answered) << four.failure;
  EXPECT_NE(four.fields.at(0), three.fields.at(0));
}
