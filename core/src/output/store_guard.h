// What a run checks before it writes into a store (docs/batch.md, "Stores"): the store is
// not an input, not a symbolic link, not a directory and not a file of another kind, and no
// other run writes into it at the same time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reportlens {

// An exclusive lock on a store for the whole run: STORE.lock beside it, held with flock(2)
// (released by the kernel when the process dies, so a killed run never leaves it stuck).
// Throws HostError(kOutput) naming the store when another run holds it, unless `wait`.
class StoreLock {
 public:
  StoreLock(const std::filesystem::path& store, bool wait);
  ~StoreLock();
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  std::filesystem::path lock_path_;
  int fd_ = -1;
};

// Refuses (HostError kOutput) a store path that is a symbolic link, a directory, or an
// existing file that is not a reportlens store of `format` (jsonl, sqlite, csv); a SQLite
// store must pass `PRAGMA quick_check`.
void check_store_target(const std::filesystem::path& store, const std::string& format);

// Refuses (HostError kOutput) an output that is one of the input files.
void check_not_an_input(const std::filesystem::path& output, const std::vector<std::filesystem::path>& input_files);

}  // namespace reportlens
