// The terminal summary printed after a run: targets table, largest indicator moves,
// new and dropped entities, section changes.
#pragma once

#include <string>
#include <vector>

#include "comparison.h"

namespace reportlens::diff {

std::string render_summary(const std::vector<Comparison>& comparisons);

// Terminal columns a string occupies (CJK and full-width characters take two).
std::size_t display_width(std::string_view text);

}  // namespace reportlens::diff
