#include "output/output_file_util.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "output/text_record.h"
#include "run/errors.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {
[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw HostError(ExitCode::kOutput, path.string() + ": cannot " + what + ": " + std::strerror(errno));
}
}  // namespace

bool append_text_records(int fd, const fs::path& path, const std::vector<const RenderedRecord*>& records,
                         const std::unordered_set<std::string>& previous,
                         std::chrono::steady_clock::time_point& last_sync) {
  std::size_t size = 0;
  for (const RenderedRecord* r : records) {
    const std::size_t n = static_cast<const TextRecord&>(*r).text.size();
    if (n < kWrittenAsIs) size += n;
  }
  std::string buffer;
  buffer.reserve(size);
  bool rewritten = false;
  for (const RenderedRecord* r : records) {
    const TextRecord& record = static_cast<const TextRecord&>(*r);
    if (record.text.size() >= kWrittenAsIs) {
      write_all(fd, buffer, path);
      buffer.clear();
      write_all(fd, record.text, path);
    } else {
      buffer += record.text;
    }
    if (!previous.empty() && previous.count(record.id)) rewritten = true;
  }
  write_all(fd, buffer, path);
  const auto now = std::chrono::steady_clock::now();
  if (now - last_sync > std::chrono::seconds(1)) {
    ::fdatasync(fd);
    last_sync = now;
  }
  return rewritten;
}

int open_for_append(const fs::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "open for writing");
  return fd;
}

void write_all(int fd, std::string_view data, const fs::path& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "write");
    }
    done += static_cast<std::size_t>(n);
  }
}

void sync_and_close(int& fd, const fs::path& path) {
  if (fd < 0) return;
  const int f = fd;
  fd = -1;
  if (::fdatasync(f) != 0) {
    ::close(f);
    fail(path, "flush");
  }
  if (::close(f) != 0) fail(path, "close");
}

void truncate_file(const fs::path& path, std::uintmax_t keep) {
  if (::truncate(path.c_str(), static_cast<off_t>(keep)) != 0) fail(path, "repair (truncate)");
}

void replace_file(const fs::path& from, const fs::path& to) {
  const int fd = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (::rename(from.c_str(), to.c_str()) != 0) fail(to, "rename " + from.string() + " over it");
}

fs::path temporary_beside(const fs::path& path) {
  return fs::path(path.string() + ".tmp." + std::to_string(::getpid()));
}

void remove_quietly(const fs::path& path) {
  if (path.empty()) return;
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace reportlens
