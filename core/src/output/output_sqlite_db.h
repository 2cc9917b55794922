// A thin RAII layer over the SQLite C API: a connection and prepared statements whose
// failures become HostError(kOutput) naming the database file.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace reportlens::sqlite {

class Database {
 public:
  explicit Database(const std::filesystem::path& path, bool read_only = false);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const std::string& sql);
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }
  [[noreturn]] void fail(const std::string& what) const;
  void close();

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view value);
  // Binds without copying: `value` must stay alive and unchanged until the statement is
  // reset (run() and step() to the end reset it, which also clears the bindings).
  Statement& bind_static(int index, std::string_view value);
  Statement& bind_blob_static(int index, std::string_view value);  // the same, as a BLOB
  Statement& bind(int index, long long value);
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  // For a statement whose every parameter is bound again before each run (the batched
  // inserts): reset() then leaves the bindings, which the next run overwrites anyway.
  void keep_bindings() { clear_bindings_ = false; }
  // Steps once: true while a row is available. Resets itself after the last row.
  bool step();
  void run();  // steps to completion, then resets
  void reset();

  std::string text(int column) const;
  long long integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool clear_bindings_ = true;
};

}  // namespace reportlens::sqlite
