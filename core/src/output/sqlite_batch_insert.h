// Rows of one table inserted many per statement (INSERT ... VALUES (...), (...), ...): the
// SQLite store's writer thread steps one statement for `rows_per_statement` rows instead of
// one per row, the overhead that dominates small rows (a sentence's annotation row). Values
// are bound when the statement runs, without copying: their text must outlive flush().
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "output/output_sqlite_db.h"

namespace reportlens::sqlite {

// One value of a row: NULL, text (not copied), integer or real.
struct Cell {
  enum Kind { kNull, kText, kInteger, kReal } kind = kNull;
  std::string_view text;
  long long integer = 0;
  double real = 0;

  static Cell null() { return {}; }
  static Cell of(std::string_view t) { return {kText, t.data() ? t : std::string_view("", 0), 0, 0}; }
  static Cell of(long long v) { return {kInteger, {}, v, 0}; }
  static Cell of_real(double v) { return {kReal, {}, 0, v}; }
};

class BatchInsert {
 public:
  BatchInsert(Database& db, const std::string& table, const std::vector<std::string>& columns,
              std::size_t rows_per_statement = 32);
  // The cells of a new row (one per column, NULL), to fill before the next call.
  Cell* row();
  // Inserts every pending row.
  void flush();
  // Drops the pending rows (their transaction was rolled back).
  void discard() { pending_.clear(); }

 private:
  void bind_row(Statement& s, int first_parameter, const Cell* cells);
  std::size_t width_, per_statement_;
  std::unique_ptr<Statement> many_, one_;
  std::vector<Cell> pending_;
};

}  // namespace reportlens::sqlite
