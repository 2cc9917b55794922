// Manifest files: a CSV (with a header row) or JSON Lines file listing the documents of a
// batch, one per row: `path` (required; relative to the manifest) plus optional `id`,
// `region`, `year` (the report year), `kind`, `role`, `encoding` and any other metadata.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config_issue.h"
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

// Reads a manifest; problems (missing path column, bad JSON, a listed file that does not
// exist) are appended to `issues` as manifest:line.
std::vector<ManifestEntry> read_manifest(const std::filesystem::path& file,
                                         std::vector<ConfigIssue>& issues);

}  // namespace reportlens
