#include "run/batch_signals.h"

#include <atomic>
#include <csignal>
#include <ctime>
#include <iterator>
#include <string>

namespace reportlens {
namespace {

// Written by the handler, read by every thread: a lock-free atomic is both async-signal-safe
// and free of data races (a volatile sig_atomic_t is only the former).
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_old[std::size(kSignals)];
bool g_installed[std::size(kSignals)];

// When the first signal came (CLOCK_MONOTONIC, milliseconds).
std::atomic<long long> g_first_ms{0};
static_assert(std::atomic<long long>::is_always_lock_free);
// A signal this soon after the first is the same request delivered twice (`timeout` and some
// process managers signal the process and then its whole process group), not a second one.
constexpr long long kSameRequestMs = 250;

long long now_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);  // async-signal-safe (POSIX)
  return static_cast<long long>(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

// Async-signal-safe throughout: lock-free atomics, clock_gettime, sigaction, raise.
void on_signal(int sig) {
  const long long now = now_ms();
  int none = 0;
  if (g_signal.compare_exchange_strong(none, sig)) {
    g_first_ms.store(now);
    return;
  }
  if (now - g_first_ms.load() < kSameRequestMs) return;
  // A second request: the default action (terminate), delivered when this handler returns.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  raise(sig);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_signal = 0;
  g_first_ms = 0;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  // SA_RESTART: reads and writes in progress on any thread carry on instead of failing with
  // EINTR (a document must not be recorded as unreadable because Ctrl-C was pressed while it
  // was read). A second signal takes the default action (on_signal).
  sa.sa_flags = SA_RESTART;
  for (std::size_t k = 0; k < std::size(kSignals); ++k) {
    g_installed[k] = false;
    struct sigaction current {};
    sigaction(kSignals[k], nullptr, &current);
    // Started with the signal ignored (`nohup`, a background job of a script): keep it so.
    if (current.sa_handler == SIG_IGN) continue;
    g_installed[k] = sigaction(kSignals[k], &sa, &g_old[k]) == 0;
  }
}

InterruptGuard::~InterruptGuard() {
  for (std::size_t k = 0; k < std::size(kSignals); ++k)
    if (g_installed[k]) sigaction(kSignals[k], &g_old[k], nullptr);
}

int InterruptGuard::received() { return g_signal.load(std::memory_order_relaxed); }

Interrupted::Interrupted(int signal)
    : std::runtime_error(std::string("interrupted by ") + signal_name(signal)), signal_(signal) {}

void throw_if_interrupted() {
  if (const int sig = InterruptGuard::received()) throw Interrupted(sig);
}

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "a signal";
  }
}

}  // namespace reportlens
