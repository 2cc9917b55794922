// Reading an SVG chart back for tests: its viewBox and text elements (position, anchor, size,
// content), and whether a text's estimated box lies inside the viewBox.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "svg_chart.h"

namespace reportlens::diff {

struct SvgText {
  double x = 0, y = 0, size = 0;
  std::string anchor, text;
};
struct ViewBox {
  double x = 0, y = 0, w = 0, h = 0;
};

inline ViewBox svg_view_box(const std::string& svg) {
  std::smatch m;
  const std::regex re(R"re(viewBox="([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+)")re");
  if (!std::regex_search(svg, m, re)) return {};
  return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4])};
}

// Entities the chart writes (&amp; …) count as one character.
inline std::vector<SvgText> svg_texts(const std::string& svg) {
  std::vector<SvgText> out;
  const std::regex re(
      R"re(<text x="([-0-9.]+)" y="([-0-9.]+)" font-size="([0-9.]+)" text-anchor="(\w+)"[^>]*>([^<]*)</text>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    out.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), m[4],
                   std::regex_replace(m[5].str(), std::regex("&[a-z#0-9]+;"), "&")});
  }
  return out;
}

// The text's box (width estimated as the layout does, height one font size above the
// baseline and a quarter below) inside the viewBox.
inline bool inside(const SvgText& t, const ViewBox& b) {
  const double w = text_width(t.text, t.size);
  const double left = t.anchor == "end" ? t.x - w : t.anchor == "middle" ? t.x - w / 2 : t.x;
  return left >= b.x && left + w <= b.x + b.w && t.y - t.size >= b.y && t.y + t.size / 4 <= b.y + b.h;
}

}  // namespace reportlens::diff
