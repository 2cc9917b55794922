#include "panel_writers.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sqlite3.h>
#include <unistd.h>

#include "number_text.h"
#include "reportlens/stage.h"

namespace reportlens::panel {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A number as a spreadsheet reads it: 1310, 7.5, 1200.2 (no exponent, no trailing zeros).
std::string csv_number(const Json& v) {
  return v.is_number() ? diff::format_number(v.get<double>(), 6) : std::string();
}

class Db {
 public:
  explicit Db(const std::filesystem::path& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) fail("open");
  }
  ~Db() { close(); }
  void close() {
    sqlite3_finalize(stmt_);
    sqlite3_close(db_);
    stmt_ = nullptr;
    db_ = nullptr;
  }
  void exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
  }
  void prepare(const std::string& sql) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail(sql);
  }
  void bind(int i, const Json& v) {
    if (v.is_number_integer()) sqlite3_bind_int64(stmt_, i, v.get<long long>());
    else if (v.is_number()) sqlite3_bind_double(stmt_, i, v.get<double>());
    else if (v.is_string()) sqlite3_bind_text(stmt_, i, v.get_ref<const std::string&>().c_str(), -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(stmt_, i);
  }
  void step() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) fail("insert");
    sqlite3_reset(stmt_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw StageError("panel sqlite: " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string sql_type(const std::string& column) {
  if (column == "year") return "INTEGER";
  if (column.ends_with("_value") || column == "target_high") return "REAL";
  return "TEXT";
}

}  // namespace

std::string csv_header() {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel then reads the file as UTF-8
  const auto& columns = panel_columns();
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
  return out + "\r\n";
}

std::string csv_lines(const std::vector<PanelRow>& rows) {
  std::string out;
  const auto& columns = panel_columns();
  for (const auto& row : rows) {
    const Json j = to_json(row);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Json& v = j[columns[i]];
      if (i) out += ',';
      if (v.is_string()) out += csv_field(v.get<std::string>());
      else if (v.is_number_integer()) out += std::to_string(v.get<long long>());
      else out += csv_number(v);
    }
    out += "\r\n";
  }
  return out;
}

std::string to_csv(const std::vector<PanelRow>& rows) { return csv_header() + csv_lines(rows); }

std::string to_jsonl(const std::vector<PanelRow>& rows) {
  std::string out;
  for (const auto& row : rows) out += to_json(row).dump() + "\n";
  return out;
}

class PanelDatabase::Impl {
 public:
  Impl() : path_(fresh_temp_path()), db_(path_) {
    const auto& columns = panel_columns();
    std::string create = "CREATE TABLE panel (", insert = "INSERT INTO panel VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      create += (i ? ", " : "") + columns[i] + " " + sql_type(columns[i]);
      insert += i ? ", ?" : "?";
    }
    db_.exec(create + ")");
    db_.exec("BEGIN");
    db_.prepare(insert + ")");
  }
  ~Impl() {
    db_.close();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  void add(const std::vector<PanelRow>& rows) {
    const auto& columns = panel_columns();
    for (const auto& row : rows) {
      const Json j = to_json(row);
      for (std::size_t i = 0; i < columns.size(); ++i) db_.bind(static_cast<int>(i) + 1, j[columns[i]]);
      db_.step();
    }
  }
  std::string finish() {
    db_.exec("COMMIT");
    db_.exec("CREATE INDEX panel_key ON panel(region, year, indicator, measure)");
    db_.close();
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

 private:
  // A name no other database of this process uses; a leftover of a crashed run with the
  // same pid is removed.
  static std::filesystem::path fresh_temp_path() {
    static std::atomic<unsigned> counter{0};
    auto path = std::filesystem::temp_directory_path() /
                ("reportlens-panel-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".sqlite");
    std::filesystem::remove(path);
    return path;
  }
  std::filesystem::path path_;
  Db db_;
};

PanelDatabase::PanelDatabase() : impl_(std::make_unique<Impl>()) {}
PanelDatabase::~PanelDatabase() = default;
void PanelDatabase::add(const std::vector<PanelRow>& rows) { impl_->add(rows); }
std::string PanelDatabase::finish() { return impl_->finish(); }

std::string to_sqlite(const std::vector<PanelRow>& rows) {
  PanelDatabase db;
  db.add(rows);
  return db.finish();
}

}  // namespace reportlens::panel
