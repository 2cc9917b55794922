// Chart pages from panel rows: one page per region (a chart per indicator and measure) and
// one per indicator (a chart per region and measure), each chart with the targets as markers
// coloured by the diff's verdict and the actuals as a line (diff/src/svg_chart.h), and an
// index page linking them. Every page is one self-contained HTML file: inline CSS and SVG,
// no scripts, fonts, images or links outside the set. Words come from the diff's
// data/labels.yaml (diff::Labels), so the verdicts read as in the diff's HTML report.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "labels.h"
#include "panel_row.h"

namespace reportlens::panel {

// File name -> content: "index.html", "region-NN.html", "indicator-NN.html" (NN numbers the
// regions and indicators in the index's order, so names stay ASCII and stable for one input).
using ChartFiles = std::map<std::string, std::string>;

// `labels`: diff::Labels loaded from the diff's data/labels.yaml (a plugin can copy it into
// its own data directory with reportlens_add_plugin(... DATA_FILES …/diff/data/labels.yaml)).
// Rows without any figure (qualitative targets) count in the index but draw no chart.
ChartFiles render_panel_charts(const std::vector<PanelRow>& rows, const diff::Labels& labels);

}  // namespace reportlens::panel
