// The CSV store: one row per indicator fact and per entity mention, each carrying the
// document's metadata, for spreadsheets and pandas (UTF-8, optional BOM for Excel).
//
// Each document also gets one closing row (record = "document", or "error" for a failed
// one) written after its facts in the same write(): it lists documents without facts and
// marks the document complete, so an interrupted file is cut back to its last complete
// document on the next open and a rerun knows what is done.
#pragma once

#include <memory>

#include "output/output_sink.h"

namespace reportlens {

std::unique_ptr<OutputSink> make_csv_sink(const std::filesystem::path& path, const SinkOptions& options);

}  // namespace reportlens
