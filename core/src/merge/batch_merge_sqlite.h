// `pipeline merge` of SQLite stores into a SQLite store by copying rows (INSERT ... SELECT from
// each attached input) instead of reading every document back into a record and writing it
// again: the same rows and ids as the record path (docs/batch.md: equal to one unsharded run),
// several times faster. The record path (batch_merge.cc) remains for every other combination.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "merge/batch_merge.h"
#include "output/output_sink.h"

namespace reportlens {

// Merges `inputs` (SQLite stores of the current schema, each holding its documents' text)
// into `output`, written beside it and renamed over it. Returns nothing, having written
// nothing, when the inputs do not allow it (another schema version, a store from JSON Lines,
// annotation ids not consecutive within a document): the caller then uses the record path.
std::optional<MergeReport> merge_sqlite_rows(const std::filesystem::path& output,
                                             const std::vector<std::filesystem::path>& inputs,
                                             const RunIdentity& identity, const std::string& status);

}  // namespace reportlens
