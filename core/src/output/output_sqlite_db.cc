#include "output/output_sqlite_db.h"

#include "output/output_sqlite_sqlar.h"
#include "run/errors.h"

namespace reportlens::sqlite {

Database::Database(const std::filesystem::path& path, bool read_only) : path_(path) {
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    fail("open");
  sqlite3_busy_timeout(db_, 10000);
  register_sqlar_functions(db_);  // the views over document texts use sqlar_uncompress()
}

Database::~Database() { close(); }

void Database::close() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void Database::fail(const std::string& what) const {
  const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
  throw HostError(ExitCode::kOutput, path_.string() + ": cannot " + what + ": " + reason);
}

void Database::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string reason = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw HostError(ExitCode::kOutput, path_.string() + ": " + reason + " (in: " + sql.substr(0, 80) + ")");
  }
}

Statement::Statement(Database& db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
    db.fail("prepare '" + sql.substr(0, 60) + "'");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_static(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind_blob_static(int i, std::string_view v) {
  sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind(int i, long long v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    reset();
    return false;
  }
  const std::string sql = sqlite3_sql(stmt_);
  reset();
  db_.fail("run '" + sql.substr(0, 60) + "'");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  if (clear_bindings_) sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int c) const {
  const auto* p = sqlite3_column_text(stmt_, c);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, c));
}
long long Statement::integer(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::real(int c) const { return sqlite3_column_double(stmt_, c); }
bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }

}  // namespace reportlens::sqlite
