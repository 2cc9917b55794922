// Entities (companies, parks, zones) added, removed and kept between two reports, by
// canonical name, with mention counts.
#pragma once

#include "doc_view.h"

namespace reportlens::diff {

Json diff_entities(const DocView& base, const DocView& compare);

}  // namespace reportlens::diff
