#include "util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "run/errors.h"

namespace reportlens {
namespace fs = std::filesystem;

AtomicFileWriter::AtomicFileWriter(fs::path path) : path_(std::move(path)) {
  std::error_code ec;
  if (path_.has_parent_path()) fs::create_directories(path_.parent_path(), ec);
  tmp_ = path_.string() + ".tmp." + std::to_string(::getpid());
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("create a temporary file");
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::error_code ec;
  fs::remove(tmp_, ec);
}

void AtomicFileWriter::fail(const std::string& what) {
  const std::string reason = std::strerror(errno);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  fs::remove(tmp_, ec);
  throw HostError(ExitCode::kOutput, path_.string() + ": cannot " + what + ": " + reason);
}

void AtomicFileWriter::append(std::string_view bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
}

void AtomicFileWriter::commit() {
  if (::fsync(fd_) != 0) fail("flush");
  const int fd = fd_;
  fd_ = -1;  // closed below whatever happens
  if (::close(fd) != 0) fail("flush");
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) fail("rename the temporary file");
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  AtomicFileWriter file(path);
  file.append(content);
  file.commit();
}

}  // namespace reportlens
