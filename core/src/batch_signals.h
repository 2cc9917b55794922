// SIGINT/SIGTERM during a batch: stop taking new documents, finish and write the ones in
// flight, close the stores cleanly. A second signal kills the process at once (the stores
// survive that too: SQLite's WAL, append-only lines repaired on the next open).
#pragma once

namespace reportlens {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers
  ~InterruptGuard();  // restores the previous ones
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  // The signal received (SIGINT, SIGTERM) or 0.
  static int received();
};

}  // namespace reportlens
