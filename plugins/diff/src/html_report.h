// The self-contained HTML report: one file, inline CSS, no scripts or network, every text
// escaped. Targets table, indicator deltas, entities, and aligned sections side by side
// with numbers and entities highlighted and changes marked.
#pragma once

#include <string>
#include <vector>

#include "comparison.h"
#include "svg_chart.h"  // escape_html

namespace reportlens::diff {

std::string render_html(const std::vector<Comparison>& comparisons);

}  // namespace reportlens::diff
