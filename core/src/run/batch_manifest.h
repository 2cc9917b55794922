// Manifest files: a CSV (with a header row) or JSON Lines file listing the documents of a
// batch, one per row: `path` (required; relative to the manifest) plus optional `id`,
// `region`, `year` (the report year), `kind`, `role`, `encoding` and any other metadata.
//
// Read one row at a time: a manifest of a million rows costs the memory of one row.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeline/config_issue.h"
#include "reportlens/document.h"

namespace reportlens {

struct ManifestEntry {
  std::filesystem::path path;  // absolute
  std::string id;              // empty: derived from the path relative to the manifest
  std::string role, encoding;
  Json meta = Json::object();  // region, report_year, kind, title and extra columns
  int line = 0;
};

// True for .csv, .tsv-free CSV, .jsonl and .ndjson files (a manifest, not a document).
bool is_manifest_file(const std::filesystem::path& path);

// Streams the entries of a manifest. Problems (cannot open, missing path column, bad JSON,
// a listed file that does not exist) are appended to `issues` as manifest:line (when
// `issues` is not null) and the row is skipped.
class ManifestReader {
 public:
  ManifestReader(const std::filesystem::path& file, std::vector<ConfigIssue>* issues);
  // The next valid entry; false at the end.
  bool next(ManifestEntry& entry);

 private:
  bool read_csv_row(int& row_line, std::vector<std::string>& row);
  bool read_jsonl_row(int& row_line, Json& row);
  void report(int line, std::string message);
  bool finish(ManifestEntry& entry);

  std::string name_;
  std::filesystem::path dir_;
  std::ifstream in_;
  std::vector<ConfigIssue>* issues_;
  bool csv_ = false, ok_ = false;
  int line_ = 1;
  std::vector<std::string> header_;
};

// Every entry at once (small manifests, tests).
std::vector<ManifestEntry> read_manifest(const std::filesystem::path& file,
                                         std::vector<ConfigIssue>& issues);

}  // namespace reportlens
