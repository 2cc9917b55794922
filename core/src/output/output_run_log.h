// The `runs` record of a store that is a plain file (JSON Lines): STORE.runs beside it, one
// JSON object per line, {"shard", "status", "not_run", "started_at", "finished_at", "documents",
// "failed", "skipped", "pipeline_hash"}. A run appends a `running` line when it starts and its
// final line when it ends (status as in the SQLite `runs` table, docs/sqlite-schema.md), so a
// last line still `running` is a run that was killed. Read by `pipeline merge`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "output/output_sink.h"

namespace reportlens {

std::filesystem::path run_log_path(const std::filesystem::path& store);

class RunLog {
 public:
  // `fresh`: the store is rebuilt (a merge): the log is rewritten whole at the end instead.
  RunLog(std::filesystem::path store, bool fresh) : store_(std::move(store)), fresh_(fresh) {}
  void start(const RunIdentity& run);
  void end(const Json& summary);

 private:
  std::filesystem::path store_;
  bool fresh_;
  Json line_ = Json::object();
};

// The last run recorded beside `store`, or nothing if it has no log (a store written before).
std::optional<RunState> read_last_run(const std::filesystem::path& store);

}  // namespace reportlens
