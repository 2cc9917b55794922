// The panel's rows as file contents: CSV (UTF-8 with a BOM, for Excel), JSON Lines, and a
// SQLite database with one table `panel`. Columns in panel_columns() order everywhere.
#pragma once

#include <string>
#include <vector>

#include "panel_row.h"

namespace reportlens::panel {

std::string to_csv(const std::vector<PanelRow>& rows);
std::string to_jsonl(const std::vector<PanelRow>& rows);
// The bytes of a SQLite database file (built in a temporary file, which is removed).
// Throws StageError when SQLite fails.
std::string to_sqlite(const std::vector<PanelRow>& rows);

}  // namespace reportlens::panel
