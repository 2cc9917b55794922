// Indicators matched across two reports by canonical metric (and region): each report's
// latest actual (or estimate) figure, with level and growth deltas.
#pragma once

#include "doc_view.h"

namespace reportlens::diff {

Json diff_indicators(const DocView& base, const DocView& compare);

}  // namespace reportlens::diff
