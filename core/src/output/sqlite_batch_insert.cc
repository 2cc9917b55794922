#include "output/sqlite_batch_insert.h"

namespace reportlens::sqlite {

namespace {

std::string insert_sql(const std::string& table, const std::vector<std::string>& columns, std::size_t rows) {
  std::string names, marks = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i ? ", " : "") + columns[i];
    marks += i ? ", ?" : "?";
  }
  marks += ")";
  // OR ROLLBACK: a failing row ends the whole transaction (the writer rolls back anyway, see
  // SqliteSink::append) instead of only this statement. An ABORT statement that writes many
  // rows must be undoable on its own, so SQLite first copies every page it changes that the
  // transaction had already changed into a statement journal, a temporary file: on lawtext
  // that was ~20,000 16 KiB writes for 53 documents, more than the WAL itself.
  std::string sql = "INSERT OR ROLLBACK INTO " + table + "(" + names + ") VALUES " + marks;
  for (std::size_t r = 1; r < rows; ++r) sql += ", " + marks;
  return sql;
}

}  // namespace

BatchInsert::BatchInsert(Database& db, const std::string& table, const std::vector<std::string>& columns,
                         std::size_t rows_per_statement)
    : width_(columns.size()),
      per_statement_(rows_per_statement),
      many_(std::make_unique<Statement>(db, insert_sql(table, columns, rows_per_statement))),
      one_(std::make_unique<Statement>(db, insert_sql(table, columns, 1))) {
  many_->keep_bindings();
  one_->keep_bindings();
  pending_.reserve(width_ * per_statement_);
}

Cell* BatchInsert::row() {
  if (pending_.size() == width_ * per_statement_) {
    for (std::size_t r = 0; r < per_statement_; ++r)
      bind_row(*many_, static_cast<int>(r * width_) + 1, pending_.data() + r * width_);
    many_->run();
    pending_.clear();
  }
  pending_.resize(pending_.size() + width_);
  return pending_.data() + pending_.size() - width_;
}

void BatchInsert::flush() {
  for (std::size_t at = 0; at < pending_.size(); at += width_) {
    bind_row(*one_, 1, pending_.data() + at);
    one_->run();
  }
  pending_.clear();
}

void BatchInsert::bind_row(Statement& s, int first, const Cell* cells) {
  for (std::size_t c = 0; c < width_; ++c) {
    const Cell& v = cells[c];
    const int at = first + static_cast<int>(c);
    switch (v.kind) {
      case Cell::kNull: s.bind_null(at); break;
      case Cell::kText: s.bind_static(at, v.text); break;
      case Cell::kInteger: s.bind(at, v.integer); break;
      case Cell::kReal: s.bind(at, v.real); break;
    }
  }
}

}  // namespace reportlens::sqlite
