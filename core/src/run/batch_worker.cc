#include "run/batch_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
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
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "run/batch_signals.h"

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
  bool malformed() const { return malformed_; }

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

// The sockets the parent holds to its live workers (workers are forked by several threads,
// -j). A worker forked by another thread must not keep a copy: a worker sees the end of its
// request stream, and its parent the end of an answer from a worker that died, only when
// every copy is closed (a copy kept by a worker behind a hanging stage once made a finished
// document look timed out). Changed, and copied by fork, under g_fork_mutex only, so a new
// worker closes a consistent list without taking the lock.
std::mutex g_fork_mutex;
std::vector<int> g_parent_fds;

// A worker serves this many documents, then the next one gets a fresh worker: whatever a
// stage leaks or fragments stays bounded, and the fork's cost is spread thin.
constexpr unsigned kDocumentsPerWorker = 256;
// How long an idle worker asked to stop has to exit before it is killed.
constexpr double kStopSeconds = 5;

// Reads one request (field frames and the end frame) from the parent; false when the parent
// closed the stream (the run is over for this worker) or sent something malformed.
bool read_request(int fd, WorkerOutcome& request) {
  request = WorkerOutcome();
  FrameReader frames(request);
  char buffer[65536];
  while (!frames.complete()) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || frames.malformed()) return false;
    frames.feed(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// The child's side: serves requests until the parent closes the stream; never returns.
[[noreturn]] void child_main(int fd, pid_t parent, const std::vector<int>& others, const Worker::Serve& serve,
                             const WorkerLimits& limits) {
  g_in_worker = true;
  for (const int other : others) ::close(other);
  // The parent decides about interruptions (it finishes the documents in flight); a signal
  // sent to the whole process group must not kill the worker mid-document.
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::signal(sig, SIG_IGN);
  ::signal(SIGPIPE, SIG_DFL);
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the parent
  if (::getppid() != parent) _exit(1);  // it died before the line above
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);  // a crashing stage is reported, not dumped
  if (limits.memory_bytes > 0) {
    rlimit as{limits.memory_bytes, limits.memory_bytes};
    setrlimit(RLIMIT_AS, &as);
    std::set_new_handler(on_memory_exhausted);
  }
  WorkerChannel channel(fd);
  for (WorkerOutcome request; read_request(fd, request);) {
    try {
      serve(request.fields, channel);
    } catch (...) {
      _exit(1);  // serve() reports its own failures; anything else is an unanswered worker
    }
  }
  _exit(0);
}

// How long the documents in flight get once the run is interrupted (SIGINT, SIGTERM,
// SIGHUP; batch_signals.h): a document takes milliseconds to seconds, so this lets the ones
// about to finish be written; a worker still running after it (a stage that hangs, a very
// long document) is killed and its document left for the rerun, not failed. Without it an
// interrupted run would wait up to --doc-timeout (10 minutes by default) for a hanging stage.
constexpr auto kInterruptGrace = std::chrono::seconds(2);
// How often a parent waiting for its worker looks for an interruption.
constexpr long long kInterruptPollMs = 100;

enum class Waited { kDone, kClosed, kTimedOut, kInterrupted };

// The limits a parent waits within: --doc-timeout, and the grace after an interruption.
class Deadlines {
 public:
  explicit Deadlines(double timeout_seconds)
      : timed_(timeout_seconds > 0),
        doc_(std::chrono::steady_clock::now() +
             std::chrono::milliseconds(static_cast<long long>(std::ceil(timeout_seconds * 1000)))) {}

  // A limit that has passed, or nullopt and how long to wait (milliseconds) before asking again.
  std::optional<Waited> passed(int& wait_ms) {
    const auto now = std::chrono::steady_clock::now();
    if (!stop_ && InterruptGuard::received() != 0) stop_ = now + kInterruptGrace;
    if (stop_ && now >= *stop_) return Waited::kInterrupted;
    if (timed_ && now >= doc_) return Waited::kTimedOut;
    auto until = now + std::chrono::milliseconds(kInterruptPollMs);
    if (timed_) until = std::min(until, doc_);
    if (stop_) until = std::min(until, *stop_);
    wait_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count() + 1);
    return std::nullopt;
  }

 private:
  bool timed_;
  std::chrono::steady_clock::time_point doc_;
  std::optional<std::chrono::steady_clock::time_point> stop_;
};

// Reads the child's answer until its end frame (kDone), or until it closes the stream
// (kClosed: it died or exited) or a limit passes.
Waited read_answer(int fd, FrameReader& frames, Deadlines& deadlines) {
  char buffer[65536];
  for (;;) {
    int wait_ms = 0;
    if (const auto verdict = deadlines.passed(wait_ms)) return *verdict;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, wait_ms) <= 0) continue;  // EINTR or nothing yet: re-check the limits
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Waited::kClosed;
    frames.feed(buffer, static_cast<std::size_t>(n));
    if (frames.complete()) return Waited::kDone;
    if (frames.malformed()) return Waited::kClosed;
  }
}

// Waits for the child to exit (kDone, `status` set) or a limit to pass. `pidfd` (-1 where
// the kernel has none) becomes readable when the child exits: no sleeping in between.
Waited wait_exit(pid_t pid, int pidfd, Deadlines& deadlines, int& status) {
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) return Waited::kDone;
    int wait_ms = 0;
    if (const auto verdict = deadlines.passed(wait_ms)) return *verdict;
    if (pidfd >= 0) {
      pollfd p{pidfd, POLLIN, 0};
      ::poll(&p, 1, wait_ms);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(wait_ms, 2)));
    }
  }
}

std::string mebibytes_text(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// Why a worker gave no answer, into `out` (its exit status, or the limit it outlived).
void describe_failure(WorkerOutcome& out, Waited waited, int status, const WorkerLimits& limits) {
  out.fields.clear();
  if (waited == Waited::kInterrupted) {
    out.interrupted = true;
    out.failure = "stopped: the run was interrupted";
    return;
  }
  if (waited == Waited::kTimedOut) {
    out.timed_out = true;
    out.failure = "did not finish within --doc-timeout " + seconds_text(limits.timeout_seconds) + " s (worker killed)";
  } else if (WIFSIGNALED(status)) {
    out.failure = describe_signal(WTERMSIG(status));
    if (limits.memory_bytes > 0 && (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGABRT))
      out.failure += " (with --doc-memory " + mebibytes_text(limits.memory_bytes) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerExitCalled) {
    out.failure = "called exit(); the document's worker ended";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerOutOfMemory) {
    out.out_of_memory = true;
    out.failure = "needs more memory than --doc-memory " + mebibytes_text(limits.memory_bytes) +
                  " allows (worker stopped); raise the limit or split the document";
  } else {
    out.failure = "the worker ended without an answer (exit status " +
                  std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
  }
}

// Writes frames (type, data) back to back, headers and data in as few calls as the kernel
// takes (no copy of the data: a request holds the document, an answer its rendered
// records); false when the other side is gone. The parent sends with MSG_NOSIGNAL (a dead
// worker is an answer, not a reason for SIGPIPE to end the run); a worker whose parent is
// gone may die of SIGPIPE.
bool write_frames(int fd, const std::vector<std::pair<char, std::string_view>>& frames, bool parent_side) {
  std::vector<std::array<char, 9>> headers(frames.size());
  std::vector<iovec> parts;
  parts.reserve(2 * frames.size());
  for (std::size_t f = 0; f < frames.size(); ++f) {
    const auto& [type, data] = frames[f];
    headers[f][0] = type;
    const std::uint64_t len = data.size();
    for (int k = 0; k < 8; ++k) headers[f][1 + k] = static_cast<char>((len >> (8 * k)) & 0xff);
    parts.push_back({headers[f].data(), headers[f].size()});
    if (!data.empty()) parts.push_back({const_cast<char*>(data.data()), data.size()});
  }
  std::size_t next = 0;  // the first part not completely written
  while (next < parts.size()) {  // at most 1024 parts a call (UIO_MAXIOV)
    const std::size_t count = std::min<std::size_t>(parts.size() - next, 1024);
    msghdr message{};
    message.msg_iov = parts.data() + next;
    message.msg_iovlen = count;
    const ssize_t n = parent_side ? ::sendmsg(fd, &message, MSG_NOSIGNAL) : ::writev(fd, parts.data() + next, static_cast<int>(count));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    for (auto left = static_cast<std::size_t>(n); left > 0;) {
      iovec& part = parts[next];
      const std::size_t used = std::min(left, part.iov_len);
      part.iov_base = static_cast<char*>(part.iov_base) + used;
      part.iov_len -= used;
      left -= used;
      if (part.iov_len == 0) ++next;
    }
  }
  return true;
}

// Field frames for `fields`, then the end frame.
std::vector<std::pair<char, std::string_view>> message_frames(const std::vector<std::string_view>& fields) {
  std::vector<std::pair<char, std::string_view>> frames;
  frames.reserve(fields.size() + 1);
  for (const auto& f : fields) frames.emplace_back(kFieldFrame, f);
  frames.emplace_back(kEndFrame, std::string_view());
  return frames;
}

}  // namespace

void WorkerChannel::stage(const std::string& name) {
  if (!write_frames(fd_, {{kStageFrame, name}}, false)) _exit(1);  // the parent is gone
}

void WorkerChannel::answer(const std::vector<std::string>& fields) {
  if (!write_frames(fd_, message_frames({fields.begin(), fields.end()}), false)) _exit(1);
}


bool Worker::start(const Serve& serve, const WorkerLimits& limits, std::string& failure) {
  int fds[2];
  const std::lock_guard lock(g_fork_mutex);
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    failure = std::string("cannot create a worker socket: ") + std::strerror(errno);
    return false;
  }
  // Buffered output written twice (by parent and child) would be a duplicate line.
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    failure = std::string("cannot start a worker process: ") + std::strerror(errno);
    ::close(fds[0]);
    ::close(fds[1]);
    return false;
  }
  if (pid == 0) {
    ::close(fds[0]);
    child_main(fds[1], parent, g_parent_fds, serve, limits);
  }
  ::close(fds[1]);
  g_parent_fds.push_back(fds[0]);
  pid_ = pid;
  fd_ = fds[0];
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));  // (glibc's header lacks extern "C")
  served_ = 0;
  return true;
}

void Worker::release_fd() {
  if (fd_ < 0) return;
  const std::lock_guard lock(g_fork_mutex);
  std::erase(g_parent_fds, fd_);
  ::close(fd_);
  fd_ = -1;
}

void Worker::forget() {
  release_fd();
  if (pidfd_ >= 0) ::close(pidfd_);
  pid_ = pidfd_ = -1;
}

void Worker::stop() {
  if (pid_ < 0) return;
  release_fd();  // an idle worker exits at the end of its request stream
  int status = 0;
  Deadlines deadlines(kStopSeconds);
  if (wait_exit(pid_, pidfd_, deadlines, status) != Waited::kDone) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
  }
  forget();
}

bool Worker::send(const std::vector<std::string_view>& request) {
  return write_frames(fd_, message_frames(request), true);
}

void Worker::abandon() {
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
  forget();
}

WorkerOutcome Worker::run(const std::vector<std::string_view>& request, const Serve& serve, const WorkerLimits& limits) {
  WorkerOutcome out;
  Deadlines deadlines(limits.timeout_seconds);
  bool sent = false;
  if (pid_ >= 0 && !(sent = send(request))) abandon();  // died while idle (killed from outside): replaced, not blamed
  if (pid_ < 0) {
    if (!start(serve, limits, out.failure)) return out;
    sent = send(request);
  }
  FrameReader frames(out);
  Waited waited = sent ? read_answer(fd_, frames, deadlines) : Waited::kClosed;
  if (waited == Waited::kDone) {
    out.answered = true;
    if (++served_ >= kDocumentsPerWorker) stop();
    return out;
  }
  // No answer: the worker died, exited or outlived a limit; its exit status says why.
  int status = 0;
  if (waited == Waited::kClosed) waited = wait_exit(pid_, pidfd_, deadlines, status);
  if (waited == Waited::kDone) forget();
  else abandon();
  describe_failure(out, waited, status, limits);
  return out;
}

WorkerOutcome run_in_worker(const std::function<void(WorkerChannel&)>& work, const WorkerLimits& limits) {
  Worker worker;
  return worker.run({}, [&](const std::vector<std::string>&, WorkerChannel& channel) { work(channel); }, limits);
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
