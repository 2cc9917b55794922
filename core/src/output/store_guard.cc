#include "output/store_guard.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "run/errors.h"
#include "output/output_record_keys.h"
#include "output/output_sqlite.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& store, const std::string& why) {
  throw HostError(ExitCode::kOutput, store.string() + ": " + why);
}

std::string first_line(const fs::path& file, bool& complete) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  complete = static_cast<bool>(std::getline(in, line)) && !in.eof();
  return line;
}

void check_jsonl(const fs::path& store) {
  bool complete = false;
  const std::string line = first_line(store, complete);
  RecordKeys keys;
  // A torn first record (killed in its first write) is repaired on open; anything else that
  // does not start like a record is someone else's file.
  const bool record = complete ? read_record_keys(line, keys) && keys.complete()
                               : line.rfind("{\"pipeline_hash\":", 0) == 0;
  if (!record)
    refuse(store, "exists and is not a reportlens JSON Lines store (its first line is not a result record); "
                  "refusing to overwrite it: choose another output or remove it");
}

void check_csv(const fs::path& store) {
  bool complete = false;
  std::string line = first_line(store, complete);
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  if (line.rfind("record,doc_id,source,", 0) != 0)
    refuse(store, "exists and is not a reportlens CSV store (its header is not the store's); "
                  "refusing to overwrite it: choose another output or remove it");
}

void check_sqlite(const fs::path& store) {
  char header[16] = {};
  std::ifstream(store, std::ios::binary).read(header, sizeof header);
  if (std::memcmp(header, "SQLite format 3", 16) != 0)
    refuse(store, "exists and is not a SQLite database; refusing to overwrite it: choose another output or remove it");
  sqlite3* db = nullptr;
  std::string problem;
  // Read-write (not create): opening recovers a WAL left by a killed run, as the store will.
  if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    problem = std::string("cannot be opened: ") + (db ? sqlite3_errmsg(db) : "out of memory");
  } else {
    sqlite3_busy_timeout(db, 10000);
    const auto scalar = [&](const char* sql) {
      sqlite3_stmt* st = nullptr;
      std::string value;
      if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
          sqlite3_column_text(st, 0))
        value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      else value = std::string("error: ") + sqlite3_errmsg(db);
      sqlite3_finalize(st);
      return value;
    };
    const std::string check = scalar("PRAGMA quick_check");
    if (check != "ok")
      problem = "is damaged (PRAGMA quick_check: " + check + "); restore it or remove it and rerun";
    else if (scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'runs')") != "2")
      problem = "exists and is not a reportlens SQLite store (no documents/runs tables); refusing to write into it";
    else if (const std::string v = scalar("PRAGMA user_version"); v != std::to_string(sqlite_schema_version()))
      problem = "a reportlens store of schema version " + v + "; this reportlens reads and writes version " +
                std::to_string(sqlite_schema_version()) + " only: rerun into a new store (or remove this one)";
  }
  sqlite3_close(db);
  if (!problem.empty()) refuse(store, problem);
}

}  // namespace

void check_store_target(const fs::path& store, const std::string& format) {
  struct stat st {};
  if (::lstat(store.c_str(), &st) != 0) return;  // a new store
  if (S_ISLNK(st.st_mode))
    refuse(store, "is a symbolic link; stores are never written through one (give the real path)");
  if (S_ISDIR(st.st_mode)) refuse(store, "is a directory, not a store file");
  if (!S_ISREG(st.st_mode)) refuse(store, "is not a regular file");
  if (st.st_size == 0) return;
  if (format == "jsonl") check_jsonl(store);
  else if (format == "csv") check_csv(store);
  else if (format == "sqlite") check_sqlite(store);
}

void check_not_an_input(const fs::path& output, const std::vector<fs::path>& input_files) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return;
  for (const auto& in : input_files)
    if (fs::equivalent(output, in, ec))
      refuse(output, "is also an input (" + in.string() + "); writing it would destroy that input");
}

StoreLock::StoreLock(const fs::path& store, bool wait) : lock_path_(store.string() + ".lock") {
  std::error_code ec;
  if (store.has_parent_path()) fs::create_directories(store.parent_path(), ec);
  for (;;) {
    fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0) refuse(lock_path_, std::string("cannot create the store's lock file: ") + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
      const int err = errno;
      char pid[32] = {};
      const ssize_t n = ::pread(fd_, pid, sizeof pid - 1, 0);
      ::close(fd_);
      fd_ = -1;
      if (err == EWOULDBLOCK) {
        std::string holder(pid, n > 0 ? static_cast<std::size_t>(n) : 0);
        while (!holder.empty() && holder.back() == '\n') holder.pop_back();
        if (!holder.empty()) holder = " (pid " + holder + ")";
        refuse(store, "another run is writing into this store" + holder +
                          "; wait for it to finish, or pass --wait-lock to wait");
      }
      refuse(lock_path_, std::string("cannot lock: ") + std::strerror(err));
    }
    // The previous holder removes the file as it ends: a lock on a removed file is no lock.
    struct stat held {}, named {};
    if (::fstat(fd_, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev)
      break;
    ::close(fd_);
    fd_ = -1;
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) < 0) {}
}

StoreLock::~StoreLock() {
  if (fd_ < 0) return;
  ::unlink(lock_path_.c_str());  // while still held (see the constructor's check)
  ::close(fd_);
}

}  // namespace reportlens
