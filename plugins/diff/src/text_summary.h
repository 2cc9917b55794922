// The terminal summary printed after a run: targets table, largest indicator moves,
// new and dropped entities, section changes.
#pragma once

#include <string>
#include <vector>

#include "comparison.h"
#include "svg_chart.h"  // display_width

namespace reportlens::diff {

std::string render_summary(const std::vector<Comparison>& comparisons);

}  // namespace reportlens::diff
