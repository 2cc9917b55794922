// The JSON Lines store: one record (a contract DOCUMENT plus bookkeeping) per line.
//
// Append-only while a run goes: each batch of records is one write(), synced at most once a
// second and at the end. A process killed mid-write leaves a torn last line, which the next
// open cuts off. A document written again (changed input, --retry-failed) is appended and the
// older line removed when the run finishes (or at the next open), so each id appears once.
#pragma once

#include <memory>

#include "output/output_sink.h"

namespace reportlens {

std::unique_ptr<OutputSink> make_jsonl_sink(const std::filesystem::path& path,
                                            const SinkOptions& options);
std::unique_ptr<RecordReader> make_jsonl_reader(const std::filesystem::path& path);

}  // namespace reportlens
