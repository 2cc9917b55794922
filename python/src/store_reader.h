// Reading results back for Python: the stores (.sqlite, .jsonl) through the core's
// RecordReader, and a document's text from its source file when the store keeps none.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "output/output_sink.h"

namespace reportlens::python {

struct StoredRecord {
  Json record;
  std::optional<std::string> text;  // the decoded text the offsets point into, if kept
};

struct StoreContent {
  RunIdentity identity;
  std::vector<StoredRecord> records;  // in (seq, id) order
};

// Throws HostError(kOutput...) naming the file when it is not a store this build can read.
StoreContent read_store(const std::filesystem::path& path);

// The decoded text of `source` when the file still has the bytes `sha256` names (decoded with
// the recorded encoding, HTML turned into text as the run did), else nullopt.
std::optional<std::string> recover_text(const std::string& source, const std::string& sha256,
                                        const std::string& encoding, const std::string& format);

}  // namespace reportlens::python
