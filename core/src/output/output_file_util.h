// Small POSIX helpers the append-only stores (JSON Lines, CSV) share.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace reportlens {

// Opens `path` for appending (creating it and its directory). Throws HostError(kOutput).
int open_for_append(const std::filesystem::path& path);
// Writes all of `data` (one write per call where the kernel allows: a killed process
// leaves whole records or a torn last one, which repair_tail removes).
void write_all(int fd, std::string_view data, const std::filesystem::path& path);
void sync_and_close(int& fd, const std::filesystem::path& path);

struct RenderedRecord;
// Appends the texts of `records` (TextRecord, text_record.h) in order: the small ones in one
// write, a large one (kWrittenAsIs) as it is, not copied into that block. Then flushes to
// disk if the last flush is over a second old, so a power cut loses about a second of
// documents. Returns whether an id among `previous` (the ids already in the file) was written
// again, which leaves a stale copy for compaction.
bool append_text_records(int fd, const std::filesystem::path& path, const std::vector<const RenderedRecord*>& records,
                         const std::unordered_set<std::string>& previous,
                         std::chrono::steady_clock::time_point& last_sync);
// Cuts the file after byte `keep` (the end of its last complete record).
void truncate_file(const std::filesystem::path& path, std::uintmax_t keep);
// Renames `from` over `to` after flushing it (readers see the old or the new file).
void replace_file(const std::filesystem::path& from, const std::filesystem::path& to);
// A temporary name beside `path`, unique to this process.
std::filesystem::path temporary_beside(const std::filesystem::path& path);
// Removes `path` if it exists; never throws (used on the way out of a failed or interrupted run).
void remove_quietly(const std::filesystem::path& path);

// A temporary file that is removed when this goes out of scope unless it was renamed away
// first (replace_file): an exception or an interrupted run leaves no temporary behind.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~TemporaryFile() { remove_quietly(path_); }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace reportlens
