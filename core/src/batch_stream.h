// Ordered parallel processing with flat memory: `produce(i)` runs on worker threads for
// i = 0..n-1, never more than `window` items ahead of the oldest unwritten one; results are
// handed to `consume` on the calling thread in input order (a reorder buffer), in batches
// of whatever is ready, and freed after. Output is therefore identical for any -j.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "reportlens/document.h"

namespace reportlens {

struct StreamItem {
  Json record;           // the record to write (null when skipped)
  bool skipped = false;  // already done in the stores
  std::size_t bytes = 0;
};

struct StreamControl {
  // Polled between batches (and while waiting): true stops taking new items; items in
  // flight are finished and the contiguous finished ones still consumed.
  std::function<bool()> should_stop;
  // Called while waiting, for the progress line.
  std::function<void()> on_idle;
};

// Returns the number of items consumed (n unless stopped). `consume` returns false to stop
// (e.g. --max-errors reached), after shrinking the batch to the prefix it used. Exceptions from `consume` stop the workers and propagate;
// `produce` must not throw.
std::size_t run_ordered(std::size_t n, unsigned jobs, std::size_t window,
                        const std::function<StreamItem(std::size_t)>& produce,
                        const std::function<bool(std::vector<StreamItem>&)>& consume,
                        const StreamControl& control);

}  // namespace reportlens
