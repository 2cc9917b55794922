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
// The same in parts, for a run that compares group by group: render_html(c) is
// head(c) + comparisons(c) + tail(c.empty()), and comparisons(a + b) is comparisons(a) +
// comparisons(b). The head takes its labels from the first comparison (English without one).
std::string render_html_head(const std::vector<Comparison>& comparisons);
std::string render_html_comparisons(const std::vector<Comparison>& comparisons);
std::string render_html_tail(bool no_comparisons);

}  // namespace reportlens::diff
