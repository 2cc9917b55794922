#include "run/batch_stream.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace reportlens {

std::size_t run_ordered(std::size_t n, unsigned jobs, std::size_t window,
                        const std::function<StreamItem(std::size_t)>& produce,
                        const std::function<bool(std::vector<StreamItem>&)>& consume,
                        const StreamControl& control) {
  std::mutex mutex;
  std::condition_variable work_cv, ready_cv;
  std::size_t next = 0, written = 0;
  bool stopping = false;
  std::map<std::size_t, StreamItem> ready;  // finished, waiting for their turn

  const auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        work_cv.wait(lock, [&] { return stopping || next >= n || next < written + window; });
        if (stopping || next >= n) return;
        i = next++;
      }
      StreamItem item = produce(i);
      {
        std::lock_guard lock(mutex);
        ready.emplace(i, std::move(item));
      }
      ready_cv.notify_one();
    }
  };

  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < std::max(1u, jobs); ++t) workers.emplace_back(worker);
  const auto stop_workers = [&] {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    work_cv.notify_all();
    for (auto& w : workers)
      if (w.joinable()) w.join();
  };
  // Moves the contiguous finished items starting at `written` out of the buffer.
  const auto take_batch = [&](std::vector<StreamItem>& batch) {
    for (auto it = ready.find(written + batch.size()); it != ready.end();
         it = ready.find(written + batch.size())) {
      batch.push_back(std::move(it->second));
      ready.erase(it);
    }
  };

  try {
    while (written < n) {
      std::vector<StreamItem> batch;
      {
        std::unique_lock lock(mutex);
        ready_cv.wait_for(lock, std::chrono::milliseconds(200), [&] { return ready.count(written) > 0; });
        take_batch(batch);
      }
      if (control.should_stop && control.should_stop()) {
        stop_workers();  // finish what is in flight, then write the contiguous part of it
        take_batch(batch);
        if (!batch.empty()) {
          const std::size_t count = batch.size();
          consume(batch);
          written += std::min(count, batch.size());  // up to an item that was not run
        }
        return written;
      }
      if (batch.empty()) {
        if (control.on_idle) control.on_idle();
        continue;
      }
      const std::size_t count = batch.size();
      const bool go_on = consume(batch);
      if (!go_on) {
        // `consume` may have used only a prefix of the batch (it shrinks it to say so); the
        // rest, and whatever is still in flight, is left for the next run.
        stop_workers();
        return written + std::min(count, batch.size());
      }
      {
        std::lock_guard lock(mutex);
        written += count;
      }
      work_cv.notify_all();
    }
  } catch (...) {
    stop_workers();
    throw;
  }
  stop_workers();
  return written;
}

}  // namespace reportlens
