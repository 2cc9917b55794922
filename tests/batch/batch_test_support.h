// Helpers for the batch tests: a scratch directory, a generated corpus, running the real
// `pipeline` executable, and reading stores back for comparison.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "output/table_projection.h"

namespace batchtest {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed at destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name);
  ~ScratchDir();
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& p) const { return path_ / p; }

 private:
  fs::path path_;
};

// Writes `count` documents into `dir` (nested in sub-directories) made of paragraphs of
// the seed report recombined deterministically; returns their paths in sorted order.
std::vector<fs::path> make_corpus(const fs::path& dir, int count, int paragraphs_per_document = 12);

// A pipeline YAML running `stages` (YAML list items), written into `dir`.
fs::path write_pipeline(const fs::path& dir, const std::string& stages = "  - use: segment\n");

struct Result {
  int code = -1;
  std::string out, err;
};
// Runs `pipeline ARGS...` and waits for it.
Result run_pipeline(const std::vector<std::string>& args);
// Starts `pipeline ARGS...` in the background (stdout to /dev/null, stderr to `stderr_file` or
// /dev/null); returns its pid.
pid_t start_pipeline(const std::vector<std::string>& args, const fs::path& stderr_file = {});

std::string read_text(const fs::path& file);

// Rows of `sql` as tab-joined strings.
std::vector<std::string> query(const fs::path& database, const std::string& sql);

// A canonical dump of a SQLite store's results (documents, annotations, indicators,
// entities, errors), without run bookkeeping (run ids, timestamps), in row order.
std::vector<std::string> dump_results(const fs::path& database);

// The table projections the indicators and entities plugins of this build declare (their
// SQLite tables, CSV columns and series roles), for tests that write stores in process.
reportlens::ProjectionsPtr fact_projections();

}  // namespace batchtest
