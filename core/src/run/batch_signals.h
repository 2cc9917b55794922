// SIGINT, SIGTERM and SIGHUP during a run: the handler only records the signal (the one
// async-signal-safe thing to do); the run polls InterruptGuard::received() at points where
// stopping leaves every output whole:
//  - resumable stores: stop taking documents, write the ones in flight, close the stores
//    cleanly (rerun to resume);
//  - outputs written whole (the JSON result, stores rebuilt from scratch): throw
//    Interrupted, whose unwinding removes their temporary files and leaves the targets as
//    they were.
// A second signal (any of the three, 250 ms or more after the first: one request delivered
// twice, to the process and to its group, counts once) kills the process at once; the stores
// survive that too (SQLite's WAL, append-only lines repaired on the next open).
#pragma once

#include <stdexcept>

namespace reportlens {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers (a signal the process ignores stays ignored)
  ~InterruptGuard();  // restores the previous ones
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  // The signal received (SIGINT, SIGTERM, SIGHUP) or 0.
  static int received();
};

// A run stopped by a signal before its outputs were complete.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal);
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Throws Interrupted if a signal has been received.
void throw_if_interrupted();

// "SIGINT", "SIGTERM", "SIGHUP" (or "a signal").
const char* signal_name(int signal);

}  // namespace reportlens
