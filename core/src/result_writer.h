// The JSON result of a run (../shared/spec/output-format.md), built deterministically:
// annotations sorted by span, code point offsets, no timestamps.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "errors.h"
#include "reportlens/document.h"

namespace reportlens {

struct DocumentFailure {
  std::string id;
  std::string source;
  std::string stage;    // empty when reading or decoding failed
  std::string message;
  ExitCode code = ExitCode::kStage;
};

// One document as the contract's DOCUMENT object (code point offsets).
Json document_to_json(const Document& document);

// The whole result object.
Json result_to_json(const std::string& pipeline, const Json& provenance,
                    const std::vector<const Document*>& documents, const Json& comparisons,
                    const std::vector<DocumentFailure>& failures);

}  // namespace reportlens
