// Ordered parallel processing with flat memory: `produce(i)` runs on worker threads for
// i = 0..n-1, never more than `window` items ahead of the oldest unwritten one; results are
// handed to `consume` on the calling thread in input order (a reorder buffer), in batches
// of whatever is ready, and freed after. Output is therefore identical for any -j.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output/output_series.h"
#include "output/output_sink.h"
#include "reportlens/document.h"
#include "reportlens/stage.h"
#include "output/result_writer.h"

namespace reportlens {

// One input as a worker leaves it: everything the writer thread appends is rendered
// already, the document itself is gone.
struct StreamItem {
  bool skipped = false;       // already done in the stores, or vanished since counted
  bool interrupted = false;   // not run: the run was interrupted while it ran (left for the rerun)
  int skipped_exit_code = 0;  // of a skipped document the stores hold as failed
  std::size_t bytes = 0;      // input bytes read
  std::optional<DocumentFailure> failure;  // set when the document failed
  std::string result_json;    // its object in the JSON result (runs writing one)
  std::vector<std::unique_ptr<RenderedRecord>> stored;  // its record as each store appends it
  std::vector<SeriesCollector::Entry> series;           // its statements for the series report
  std::exception_ptr error;   // rendering failed: rethrown on the writer thread
  std::string trace_lines;    // --trace: its trace records (JSON lines)
  // Pipelines with corpus stages: the document for the corpus pass (run/corpus_spill.h).
  std::string id, role;
  std::string spill;                // its spill line ("" when failed)
  std::vector<GroupPlace> places;   // its place in each grouped corpus stage
};

struct StreamControl {
  // Polled between batches (and while waiting): true stops taking new items; items in
  // flight are finished and the contiguous finished ones still consumed.
  std::function<bool()> should_stop;
  // Called while waiting, for the progress line.
  std::function<void()> on_idle;
};

// Returns the number of items consumed (n unless stopped). `consume` returns false to stop
// (e.g. --max-errors reached, an interrupted item), after shrinking the batch to the prefix
// it used; when stopping it may shrink the batch too. Exceptions from `consume` stop the workers and propagate;
// `produce` must not throw.
std::size_t run_ordered(std::size_t n, unsigned jobs, std::size_t window,
                        const std::function<StreamItem(std::size_t)>& produce,
                        const std::function<bool(std::vector<StreamItem>&)>& consume,
                        const StreamControl& control);

}  // namespace reportlens
