// The self-contained HTML report: one file, inline CSS, no scripts or network, every text
// escaped. Targets table, indicator deltas, entities, and aligned sections side by side
// with numbers and entities highlighted and changes marked.
#pragma once

#include <string>
#include <vector>

#include "comparison.h"

namespace reportlens::diff {

std::string render_html(const std::vector<Comparison>& comparisons);

// HTML escaping of text and attribute values.
std::string escape_html(std::string_view text);

}  // namespace reportlens::diff
