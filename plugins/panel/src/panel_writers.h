// The panel's rows as file contents: CSV (UTF-8 with a BOM, for Excel), JSON Lines, and a
// SQLite database with one table `panel`. Columns in panel_columns() order everywhere.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "panel_row.h"

namespace reportlens::panel {

std::string to_csv(const std::vector<PanelRow>& rows);
std::string to_jsonl(const std::vector<PanelRow>& rows);
// The bytes of a SQLite database file (built in a temporary file, which is removed).
// Throws StageError when SQLite fails.
std::string to_sqlite(const std::vector<PanelRow>& rows);

// The CSV in parts, for a writer that appends as rows come: the BOM and header line once,
// then the lines of each batch of rows. csv_header() + csv_lines(rows) == to_csv(rows).
std::string csv_header();
std::string csv_lines(const std::vector<PanelRow>& rows);

// The SQLite table built as rows come: the rows of every add() go into one transaction of
// one temporary database, so the bytes equal to_sqlite() of all rows in the same order.
class PanelDatabase {
 public:
  PanelDatabase();  // creates the temporary file and the table, begins the transaction
  ~PanelDatabase();  // removes the temporary file
  PanelDatabase(const PanelDatabase&) = delete;
  PanelDatabase& operator=(const PanelDatabase&) = delete;
  void add(const std::vector<PanelRow>& rows);
  // Commits, indexes, closes, and returns the file's bytes. Call once.
  std::string finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reportlens::panel
