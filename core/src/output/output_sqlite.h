// The SQLite store (the default for batch runs). Schema: docs/sqlite-schema.md.
//
// WAL journal, one transaction per batch of finished documents: a killed process keeps
// every committed document and SQLite rolls back the torn transaction on next open. A
// document processed again (changed input, --retry-failed, new pipeline version) replaces
// its rows (documents.id is unique).
#pragma once

#include <memory>
#include <string>

#include "output/output_sink.h"

namespace reportlens {

std::unique_ptr<OutputSink> make_sqlite_sink(const std::filesystem::path& path,
                                             const SinkOptions& options);
std::unique_ptr<RecordReader> make_sqlite_reader(const std::filesystem::path& path);

namespace sqlite {
class Database;
}
// The schema (tables, indexes, journal settings) in an open database, as the store creates it,
// with `projected_sql` (the projected tables' CREATE statements) in their place; for `pipeline
// merge`, which copies rows between stores (batch_merge_sqlite.h).
void configure_sqlite_store(sqlite::Database& db, const std::string& projected_sql);
int sqlite_schema_version();

}  // namespace reportlens
