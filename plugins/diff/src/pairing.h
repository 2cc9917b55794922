// Which documents are compared with which.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::diff {

struct PairingOptions {
  std::string mode = "chain";  // chain: each report with the next; base: earliest with each later
  bool cross_region = false;   // pair reports of different regions too
};

// Pairs (base, compare). Explicit roles win: `base` and `compare` pair the base with each
// compare document, in input order;
// `base` alone compares it with every other document. Otherwise documents are grouped by
// region (unless cross_region) and ordered by report year, then id.
std::vector<std::pair<const Document*, const Document*>> pair_documents(
    const Corpus& corpus, const PairingOptions& options);

}  // namespace reportlens::diff
