// `pipeline run --trace FILE`: the `trace` annotations of a run (why a stage kept or dropped
// each item it read; the indicators stage writes them with `trace: true`) go to a JSON Lines
// file instead of the result, one record per line in input order:
//   {"id": DOC, "begin": B, "end": E, "text": "...", "attrs": {...}}   (code point offsets)
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "reportlens/document.h"

namespace reportlens {

// Removes the `trace` annotations of `doc` and returns them as JSON lines.
std::string take_trace_records(Document& doc);

// The `--set ID.trace=true` overrides for every stage of `schemas` (id, settings schema) that
// has a `trace` setting.
std::vector<std::string> trace_overrides(const std::vector<std::pair<std::string, const Json*>>& schemas);

// The JSON Lines file, written as documents finish (in input order).
class TraceFile {
 public:
  explicit TraceFile(const std::filesystem::path& path);
  void append(const std::string& lines);
  // Throws HostError(kOutput) when the file could not be written completely.
  void finish();

 private:
  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace reportlens
