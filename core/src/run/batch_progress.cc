#include "run/batch_progress.h"

#include <unistd.h>

#include <cstdio>

namespace reportlens {

ProgressLine::ProgressLine(std::size_t total, bool enabled)
    : total_(total), enabled_(enabled), started_(std::chrono::steady_clock::now()), last_(started_) {}

bool ProgressLine::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string format_duration(double s) {
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%dm%02ds", int(s) / 60, int(s) % 60);
  else std::snprintf(buf, sizeof buf, "%dh%02dm", int(s) / 3600, int(s) % 3600 / 60);
  return buf;
}

void ProgressLine::update(const BatchCounts& c) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const std::size_t finished = c.done + c.failed + c.skipped;
  const double mbps = elapsed > 0 ? c.bytes / 1e6 / elapsed : 0;
  std::string eta = "?";
  if (finished > 0 && elapsed > 0.5 && finished <= total_)
    eta = format_duration(elapsed / finished * (total_ - finished));
  std::fprintf(stderr, "\r\033[K%zu/%zu  done %zu  failed %zu  skipped %zu  %.1f MB/s  ETA %s", finished,
               total_, c.done, c.failed, c.skipped, mbps, eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
}

}  // namespace reportlens
