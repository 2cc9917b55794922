// Running documents' work in child processes (worker isolation, docs/batch.md).
//
// A stage is plugin code the host cannot trust to behave: it may segfault, abort, overflow
// its stack, be OOM-killed, hang, or call exit(). Forked after the plugins are loaded and
// their stages created, a worker runs documents' stages with the parent's memory
// (copy-on-write) and sends back what the writer needs as framed messages over a socket. A
// worker that dies, sends an incomplete answer or exceeds its limits costs that document
// only: the parent reports why, and the next document gets a fresh worker.
//
// One worker per thread (at most -j), serving one document at a time. A worker is kept for
// the next document only after a document it answered "ok" for, and for at most 256
// documents: a fork per document cost more than the stages themselves on typical reports
// (copy-on-write faults; docs/batch.md), while a document after one that failed, crashed or
// hung still starts in a fresh worker.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace reportlens {

struct WorkerLimits {
  double timeout_seconds = 600;  // wall-clock time per document (--doc-timeout); 0: none
  std::size_t memory_bytes = 0;  // address space per worker, RLIMIT_AS (--doc-memory); 0: none
};

// What the child can tell the parent while it works.
class WorkerChannel {
 public:
  explicit WorkerChannel(int fd) : fd_(fd) {}
  // The stage about to run: named when the worker dies in it.
  void stage(const std::string& name);
  // The answer, as fields; sent once, at the end.
  void answer(const std::vector<std::string>& fields);

 private:
  int fd_;
};

struct WorkerOutcome {
  bool answered = false;             // the child sent a complete answer
  std::vector<std::string> fields;   // the answer
  std::string stage;                 // the last stage the child announced ("" if none)
  std::string failure;               // why it did not answer, e.g. "killed by SIGSEGV (segmentation fault)"
  bool timed_out = false;
  bool out_of_memory = false;        // an allocation failed under --doc-memory
  bool interrupted = false;          // the run was interrupted and the worker outlasted the grace
                                     // period: killed, its document not run (not failed)
};

// A worker process, forked at the first run() (and after one that ended it), serving one
// request at a time. Not thread-safe: one per thread.
class Worker {
 public:
  // In the worker: the request's fields in, the answer out through the channel. It runs in
  // the forked copy of the process as it was at the fork (the first run() of this worker):
  // what it reads must not change between requests, except through the request.
  using Serve = std::function<void(const std::vector<std::string>& request, WorkerChannel& channel)>;

  Worker() = default;
  ~Worker() { stop(); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Sends the request and waits for the answer within `limits` (a new worker, if needed, runs
  // `serve`). Never throws for anything the child does; a worker that gave no answer is gone.
  WorkerOutcome run(const std::vector<std::string_view>& request, const Serve& serve, const WorkerLimits& limits);
  // Ends the worker (it exits at the end of its request stream), e.g. after a document that
  // failed: the next run() forks a fresh one.
  void stop();

 private:
  bool start(const Serve& serve, const WorkerLimits& limits, std::string& failure);
  bool send(const std::vector<std::string_view>& request);
  void release_fd();
  void forget();   // the worker is reaped: drops what the parent holds for it
  void abandon();  // kills the worker, reaps it, forgets it
  pid_t pid_ = -1;
  int fd_ = -1;     // the parent's end of the socket
  int pidfd_ = -1;  // readable when the worker exits (-1 where the kernel has none)
  unsigned served_ = 0;
};

// A one-off worker that calls `work` (which must not return without calling answer() to
// succeed) and waits for it within `limits`. Never throws for anything the child does.
// When the run is interrupted (InterruptGuard) the worker gets a short grace period to
// finish, then is killed (`interrupted`): a signal never waits for a hanging stage.
WorkerOutcome run_in_worker(const std::function<void(WorkerChannel&)>& work, const WorkerLimits& limits);

// Marks the process as running a batch: a stage calling exit() then ends the process with
// `code` (a worker: an answer naming the stage) rather than with the status it asked for,
// so an incomplete run can never look successful. Idempotent; the guard is lifted at scope end.
class ExitGuard {
 public:
  explicit ExitGuard(int code);
  ~ExitGuard();
  ExitGuard(const ExitGuard&) = delete;
  ExitGuard& operator=(const ExitGuard&) = delete;
  // The stage the calling thread runs now (for the message), "" between stages.
  static void set_stage(const std::string& stage);
};

// Parses "600", "10m", "1.5h" (seconds by default) / "512M", "2G" (bytes by default) for
// the CLI; throws std::invalid_argument with a message on anything else.
double parse_duration_seconds(const std::string& text);
std::size_t parse_byte_size(const std::string& text);

}  // namespace reportlens
