// One input through reading, decoding and the document stages, on the calling thread (or
// in a worker process that called it).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "input/input_resolver.h"
#include "output/result_writer.h"
#include "plugins/plugin_registry.h"
#include "reportlens/document.h"
#include "run/errors.h"
#include "run/run_setup.h"

namespace reportlens {

// One input through reading, decoding and the document stages. Exactly one of `document`
// and `failure` is set.
struct Processed {
  std::unique_ptr<Document> document;
  std::optional<DocumentFailure> failure;
  std::string sha256;
  std::size_t bytes = 0;
  std::string trace_lines;  // --trace: the document's trace records (JSON lines)
};

class DocumentProcessor {
 public:
  DocumentProcessor(const Prepared& p, const std::vector<std::unique_ptr<StageInstance>>& stages)
      : p_(p), stages_(stages) {}

  // Reads the input; returns false (with the failure set) if it cannot be read.
  bool read(const ResolvedInput& in, std::string& bytes, Processed& out) const;

  // `on_stage` (optional) hears each stage's id before it runs (a worker tells its parent).
  void run(const ResolvedInput& in, const std::string& bytes, Processed& out,
           const std::function<void(const std::string&)>& on_stage = {}) const;

 private:
  const Prepared& p_;
  const std::vector<std::unique_ptr<StageInstance>>& stages_;
};

// Stages build caches on first use (compiled patterns, ICU data, lookup tables). A worker
// forked from a parent that never ran a document would build them again for every
// document; one small document run first in each forking thread lets every worker inherit them.
// Its result is dropped; a stage that fails on it fails the same way in the workers.
void warm_up(const DocumentProcessor& processor);

}  // namespace reportlens
