#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace reportlens {

// Writes `content` to a temporary file beside `path`, flushes it and renames it over
// `path`, so readers see the old file or the new one, never half of one.
// Throws HostError(kOutput) on failure, after removing the temporary file.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The same, for content produced piece by piece (a result too large to hold twice):
// append() writes to the temporary file, commit() flushes and renames it over `path`.
// Destroyed without commit(), it removes the temporary file and leaves `path` alone.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void append(std::string_view bytes);
  void commit();

 private:
  [[noreturn]] void fail(const std::string& what);
  std::filesystem::path path_, tmp_;
  int fd_ = -1;
};

}  // namespace reportlens
