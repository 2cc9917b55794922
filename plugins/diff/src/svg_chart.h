// One small inline SVG chart of an indicator over the years: actuals as a line, targets as
// markers (a range target as a bar), each target coloured by its verdict (met / missed /
// unclear, which the diff decides by the indicator's direction). Values arrive in base
// units (元, 人, percent); the axis shows them in a readable scale (亿元, 万人) with round
// ticks, and the margins are sized from the labels so that no text leaves the drawing.
// Used by the diff's HTML report and the panel's chart pages (plugins/panel/src/panel_charts.*).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "labels.h"

namespace reportlens::diff {

struct ChartPoint {
  int year = 0;
  std::optional<double> target;       // the target (the low end of a range)
  std::optional<double> target_high;  // the high end of a range target
  std::string target_text;            // how the target reads (≥6%), for the tooltip
  std::optional<double> actual;
  bool estimate = false;              // the actual is only an estimate (预计)
  std::string verdict;                // met | missed | unclear | "" (no target)
};

struct ChartSpec {
  std::string title;      // 地区生产总值 · 沈阳市
  std::string subtitle;   // 增速 · 越高越好
  std::string unit;       // unit code of every value: percent, CNY, person …
  std::vector<ChartPoint> points;  // any order; drawn by year
  int width = 520;
  int height = 250;
};

// How values of a unit read on an axis: value / divisor, followed by `label` (亿元, %).
struct AxisUnit {
  double divisor = 1;
  std::string label;
};
AxisUnit axis_unit(double max_abs, const std::string& unit, const Labels& labels);

// Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, at most `max_ticks`.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks = 6);

// Decimal places that show every tick of `ticks` exactly (0 for 10, 20; 1 for 2.5).
int tick_decimals(const std::vector<double>& ticks);

// Terminal columns a string occupies (CJK and full-width characters take two).
std::size_t display_width(std::string_view text);
// Approximate rendered width of a label in CSS pixels at `font_px`: 0.6 em per column.
double text_width(const std::string& text, double font_px);

// The chart as an <svg> element with a viewBox of width × height (no external references).
std::string render_svg_chart(const ChartSpec& spec, const Labels& labels);

// Fill colour of a target marker: green met, red missed, grey unclear, white without verdict.
const char* verdict_colour(const std::string& verdict);

// HTML (and SVG) escaping of text and attribute values.
std::string escape_html(std::string_view text);

}  // namespace reportlens::diff
