// Progress of a batch on stderr: a self-updating line when stderr is a terminal (documents
// done / failed / skipped, MB/s, ETA), nothing otherwise (logs and CI stay clean).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace reportlens {

struct BatchCounts {
  std::size_t done = 0, failed = 0, skipped = 0;
  std::size_t bytes = 0;  // input bytes processed (not skipped)
};

class ProgressLine {
 public:
  ProgressLine(std::size_t total, bool enabled);
  // Redraws at most four times a second.
  void update(const BatchCounts& counts);
  // Clears the line (the caller prints the final summary).
  void finish();

  static bool stderr_is_terminal();

 private:
  std::size_t total_;
  bool enabled_;
  std::chrono::steady_clock::time_point started_, last_;
  bool drawn_ = false;
};

// "1.5 MB/s" style rate, "3m12s" style durations.
std::string format_duration(double seconds);

}  // namespace reportlens
