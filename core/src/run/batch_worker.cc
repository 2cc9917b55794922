#include "run/batch_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

namespace reportlens {
namespace {

// A worker that a stage ends with exit() leaves with this status (see ExitGuard).
constexpr int kWorkerExitCalled = 121;
// A worker whose allocation failed under --doc-memory leaves with this status.
constexpr int kWorkerOutOfMemory = 122;
// Frame: type byte, 8-byte little-endian length, data.
constexpr char kStageFrame = 'S';
constexpr char kFieldFrame = 'F';
constexpr char kEndFrame = 'E';

std::atomic<int> g_exit_code{0};   // ExitGuard's code while a run is on, else 0
std::atomic<bool> g_in_worker{false};
thread_local std::string g_stage;  // the stage the thread runs (for exit()'s message)

// Installed in a worker with a memory limit: the first allocation the limit refuses ends
// the worker, wherever it happens (a stage, a plugin's library, rendering the answer), so
// the parent can say that the document outgrew --doc-memory instead of relaying whatever
// message the code that caught std::bad_alloc made of it.
void on_memory_exhausted() { _exit(kWorkerOutOfMemory); }

void on_exit_called() {
  const int code = g_exit_code.load();
  if (code == 0) return;
  if (g_in_worker) _exit(kWorkerExitCalled);  // the parent names the stage from the frames
  std::string line = "pipeline: a stage called exit() during the run";
  if (!g_stage.empty()) line += " (stage '" + g_stage + "')";
  line += "; the run did not finish (run with --isolate to lose only that document)\n";
  if (::write(STDERR_FILENO, line.data(), line.size()) < 0) {}
  _exit(code);
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

std::string describe_signal(int sig) {
  std::string name = sigabbrev_np(sig) ? std::string("SIG") + sigabbrev_np(sig) : "signal " + std::to_string(sig);
  const char* what = sigdescr_np(sig);
  std::string s = "killed by " + name;
  if (what) s += std::string(" (") + what + ")";
  if (sig == SIGKILL) s += "; out of memory (OOM killer) or killed from outside";
  if (sig == SIGSEGV) s += "; a crash or a stack overflow in the stage";
  return s;
}

// Takes the child's frames apart as they arrive, appending each one's data straight into
// the outcome: the parent never holds the answer twice (for a line-rich document the answer
// is several times the input, docs/batch.md "Memory per document").
class FrameReader {
 public:
  explicit FrameReader(WorkerOutcome& out) : out_(out) {}

  void feed(const char* data, std::size_t size) {
    while (size > 0 && !malformed_) {
      if (header_.size() < kHeaderBytes) {
        const std::size_t take = std::min(size, kHeaderBytes - header_.size());
        header_.append(data, take);
        data += take;
        size -= take;
        if (header_.size() == kHeaderBytes) start_frame();
        continue;
      }
      const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(size, left_));
      if (target_) target_->append(data, take);
      data += take;
      size -= take;
      left_ -= take;
      if (left_ == 0) header_.clear();
    }
  }

  // Every frame complete and well-formed, and the end frame seen.
  bool complete() const { return !malformed_ && header_.empty() && ended_; }

 private:
  static constexpr std::size_t kHeaderBytes = 9;  // type byte, 8-byte little-endian length

  void start_frame() {
    left_ = 0;
    for (int k = 0; k < 8; ++k) left_ |= static_cast<std::uint64_t>(static_cast<unsigned char>(header_[1 + k])) << (8 * k);
    target_ = nullptr;
    switch (header_[0]) {
      case kStageFrame:
        out_.stage.clear();
        target_ = &out_.stage;
        break;
      case kFieldFrame:
        target_ = &out_.fields.emplace_back();
        break;
      case kEndFrame:
        ended_ = true;
        break;
      default:
        malformed_ = true;
    }
    if (left_ == 0) header_.clear();
  }

  WorkerOutcome& out_;
  std::string header_;
  std::uint64_t left_ = 0;
  std::string* target_ = nullptr;
  bool ended_ = false;
  bool malformed_ = false;
};

// The child's side: never returns.
[[noreturn]] void child_main(int fd, const std::function<void(WorkerChannel&)>& work, const WorkerLimits& limits) {
  g_in_worker = true;
  // The parent decides about interruptions (it finishes the documents in flight); a signal
  // sent to the whole process group must not kill the worker mid-document.
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::signal(sig, SIG_IGN);
  ::signal(SIGPIPE, SIG_DFL);
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the parent
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // a crashing stage is reported, not dumped
  if (limits.memory_bytes > 0) {
    rlimit as{limits.memory_bytes, limits.memory_bytes};
    setrlimit(RLIMIT_AS, &as);
    std::set_new_handler(on_memory_exhausted);
  }
  WorkerChannel channel(fd);
  try {
    work(channel);
  } catch (...) {
    _exit(1);  // work() reports its own failures; anything else is an unanswered worker
  }
  _exit(0);
}

// Reads everything the child sends until it closes the pipe or the deadline passes.
bool read_until_eof(int fd, FrameReader& frames, std::chrono::steady_clock::time_point deadline, bool timed) {
  char buffer[65536];
  for (;;) {
    int wait_ms = -1;
    if (timed) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) return false;
      wait_ms = static_cast<int>(std::min<long long>(left, 1000 * 60));
    }
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, wait_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;  // re-check the deadline
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    frames.feed(buffer, static_cast<std::size_t>(n));
  }
}

// Waits for the child to exit, up to the deadline; kills it past it.
int reap(pid_t pid, std::chrono::steady_clock::time_point deadline, bool timed, bool& timed_out) {
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, timed ? WNOHANG : 0);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return status;
    if (timed && std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
      return status;
    }
    if (timed) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string mebibytes_text(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

}  // namespace

void WorkerChannel::send(char type, const std::string& data) {
  std::string frame(9, '\0');
  frame[0] = type;
  const std::uint64_t len = data.size();
  for (int k = 0; k < 8; ++k) frame[1 + k] = static_cast<char>((len >> (8 * k)) & 0xff);
  frame += data;
  if (!write_all(fd_, frame.data(), frame.size())) _exit(1);  // the parent is gone
}

void WorkerChannel::stage(const std::string& name) { send(kStageFrame, name); }

void WorkerChannel::answer(const std::vector<std::string>& fields) {
  for (const auto& f : fields) send(kFieldFrame, f);
  send(kEndFrame, "");
}

WorkerOutcome run_in_worker(const std::function<void(WorkerChannel&)>& work, const WorkerLimits& limits) {
  WorkerOutcome out;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    out.failure = std::string("cannot create a worker pipe: ") + std::strerror(errno);
    return out;
  }
  // Buffered output written twice (by parent and child) would be a duplicate line.
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    out.failure = std::string("cannot start a worker process: ") + std::strerror(errno);
    ::close(fds[0]);
    ::close(fds[1]);
    return out;
  }
  if (pid == 0) {
    ::close(fds[0]);
    child_main(fds[1], work, limits);
  }
  ::close(fds[1]);
  const bool timed = limits.timeout_seconds > 0;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(static_cast<long long>(std::ceil(limits.timeout_seconds * 1000)));
  FrameReader frames(out);
  const bool eof = read_until_eof(fds[0], frames, deadline, timed);
  ::close(fds[0]);
  bool timed_out = !eof;
  int status = 0;
  if (timed_out) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  } else {
    status = reap(pid, deadline, timed, timed_out);
  }
  if (timed_out) {
    out.timed_out = true;
    out.fields.clear();
    out.failure = "did not finish within --doc-timeout " + seconds_text(limits.timeout_seconds) + " s (worker killed)";
  } else if (WIFSIGNALED(status)) {
    out.fields.clear();
    out.failure = describe_signal(WTERMSIG(status));
    if (limits.memory_bytes > 0 && (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGABRT))
      out.failure += " (with --doc-memory " + mebibytes_text(limits.memory_bytes) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerExitCalled) {
    out.fields.clear();
    out.failure = "called exit(); the document's worker ended";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerOutOfMemory) {
    out.fields.clear();
    out.out_of_memory = true;
    out.failure = "needs more memory than --doc-memory " + mebibytes_text(limits.memory_bytes) +
                  " allows (worker stopped); raise the limit or split the document";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !frames.complete()) {
    out.fields.clear();
    out.failure = "the worker ended without an answer (exit status " +
                  std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
  } else {
    out.answered = true;
  }
  return out;
}

ExitGuard::ExitGuard(int code) {
  static std::once_flag registered;
  std::call_once(registered, [] { std::atexit(on_exit_called); });
  g_exit_code = code;
}

ExitGuard::~ExitGuard() { g_exit_code = 0; }

void ExitGuard::set_stage(const std::string& stage) { g_stage = stage; }

// A leading finite, non-negative number and the unit written after it ("1.5h" -> 1.5, "h");
// nullopt when the text does not start with one.
static std::optional<std::pair<double, std::string>> number_and_unit(const std::string& text) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (!(v >= 0) || !std::isfinite(v)) return std::nullopt;
  return std::make_pair(v, text.substr(used));
}

double parse_duration_seconds(const std::string& text) {
  const auto parsed = number_and_unit(text);
  double scale = 0;
  if (parsed) {
    const std::string& unit = parsed->second;
    if (unit.empty() || unit == "s") scale = 1;
    else if (unit == "m") scale = 60;
    else if (unit == "h") scale = 3600;
  }
  if (scale == 0)
    throw std::invalid_argument("'" + text + "': expected seconds, e.g. 600, 10m or 1.5h (0: no limit)");
  return parsed->first * scale;
}

std::size_t parse_byte_size(const std::string& text) {
  const auto parsed = number_and_unit(text);
  double scale = 0;
  if (parsed) {
    const std::string& unit = parsed->second;
    if (unit.empty()) scale = 1;
    else if (unit == "K" || unit == "KiB") scale = 1024.0;
    else if (unit == "M" || unit == "MiB") scale = 1024.0 * 1024;
    else if (unit == "G" || unit == "GiB") scale = 1024.0 * 1024 * 1024;
  }
  if (scale == 0 || parsed->first * scale > 1e18)
    throw std::invalid_argument("'" + text + "': expected a size, e.g. 4G or 512M (0: no limit)");
  return static_cast<std::size_t>(parsed->first * scale);
}

}  // namespace reportlens
