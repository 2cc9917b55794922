// Running one document's work in a child process (worker isolation, docs/batch.md).
//
// A stage is plugin code the host cannot trust to behave: it may segfault, abort, overflow
// its stack, be OOM-killed, hang, or call exit(). Forked after the plugins are loaded and
// their stages created, a worker runs the document's stages with the parent's memory
// (copy-on-write) and sends back what the writer needs as framed messages over a pipe. A
// worker that dies, sends an incomplete answer or exceeds its limits costs that document
// only: the parent reports why, and the next document gets a fresh worker.
//
// One worker per document in flight (at most -j at a time): a new fork per document keeps
// every document's run independent of the ones before it (no state leaks from a stage that
// misbehaved), and fork after loading is cheap next to the stages' work (measured in
// docs/batch.md).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

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
  void send(char type, const std::string& data);
  int fd_;
};

struct WorkerOutcome {
  bool answered = false;             // the child sent an answer and exited with status 0
  std::vector<std::string> fields;   // the answer
  std::string stage;                 // the last stage the child announced ("" if none)
  std::string failure;               // why it did not answer, e.g. "killed by SIGSEGV (segmentation fault)"
  bool timed_out = false;
  bool out_of_memory = false;        // an allocation failed under --doc-memory
};

// Forks a worker that calls `work` (which must not return without calling answer() to
// succeed) and waits for it within `limits`. Never throws for anything the child does.
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
