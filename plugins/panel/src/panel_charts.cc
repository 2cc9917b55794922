#include "panel_charts.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>

#include "svg_chart.h"

namespace reportlens::panel {
namespace {

using diff::escape_html;
using diff::Labels;

constexpr const char* kStyle = R"css(
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Micro Hei",
"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#1d1d1f;line-height:1.5}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.4em;border-bottom:2px solid #ccd}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #dde;max-width:100%;height:auto}
ul.links{columns:3 16em;padding-left:1.2em}
.bar{vertical-align:middle;margin-left:.5em}.note{font-size:.8em;color:#555}
a{color:#1f4e9c}
)css";

// One chart's series: the rows of one region, indicator, measure and unit.
struct SeriesKey {
  std::string region, indicator, measure, unit;
  bool operator<(const SeriesKey& o) const {
    return std::tie(region, indicator, measure, unit) < std::tie(o.region, o.indicator, o.measure, o.unit);
  }
};

// A row's unit as the chart reads it: "%" is percent; 亿元 is 1e8 of 元, so that the axis
// can choose its own scale (万亿元 for a country, 亿元 for a city).
std::pair<double, std::string> chart_unit(const std::string& unit, const Labels& L) {
  if (unit == "%") return {1.0, "percent"};
  return L.split_scale(unit);
}

diff::ChartPoint point_of(const PanelRow& r, double factor) {
  diff::ChartPoint p;
  p.year = r.year;
  const auto base = [factor](const std::optional<double>& v) {
    return v ? std::optional<double>(*v * factor) : std::nullopt;
  };
  p.target = base(r.target_value);
  p.target_high = base(r.target_high);
  p.target_text = r.target_text;
  p.actual = base(r.actual_value);
  if (!p.actual && r.estimate_value) {
    p.actual = base(r.estimate_value);
    p.estimate = true;
  }
  p.verdict = r.verdict;
  return p;
}

std::string subtitle(const std::string& measure, const std::string& direction, const Labels& L) {
  std::string s = L.text("chart", measure.empty() ? "level" : measure);
  if (!direction.empty()) s += " · " + L.direction(direction);
  return s;
}

std::string page(const std::string& title, const std::string& body, const Labels& L) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
      << escape_html(title) << "</title><style>" << kStyle << "</style></head><body>\n";
  if (title != L.text("chart", "index_title"))
    out << "<p><a href=\"index.html\">" << escape_html(L.text("chart", "index_title")) << "</a></p>\n";
  out << "<h1>" << escape_html(title) << "</h1>\n" << body << "</body></html>\n";
  return out.str();
}

std::string numbered(const char* prefix, std::size_t n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%02zu.html", prefix, n + 1);
  return buf;
}

// Counts of met / missed / unclear as a small stacked bar (inline SVG).
std::string verdict_bar(const std::map<std::string, int>& counts, const Labels& L) {
  int total = 0;
  for (const char* v : {"met", "missed", "unclear"})
    total += counts.count(v) ? counts.at(v) : 0;
  if (total == 0) return "";
  std::ostringstream out;
  out << "<svg class=\"bar\" viewBox=\"0 0 120 12\" width=\"120\" height=\"12\" role=\"img\"><title>";
  std::string title;
  for (const char* v : {"met", "missed", "unclear"})
    title += (title.empty() ? "" : " ") + L.verdict(v) + " " + std::to_string(counts.count(v) ? counts.at(v) : 0);
  out << escape_html(title) << "</title>";
  double x = 0;
  for (const char* v : {"met", "missed", "unclear"}) {
    const double w = 120.0 * (counts.count(v) ? counts.at(v) : 0) / total;
    if (w > 0) out << "<rect x=\"" << diff::format_number(x, 1) << "\" width=\"" << diff::format_number(w, 1)
                   << "\" height=\"12\" fill=\"" << diff::verdict_colour(v) << "\"/>";
    x += w;
  }
  out << "</svg> <span class=\"note\">" << escape_html(title) << "</span>";
  return out.str();
}

}  // namespace

namespace {

struct Series {
  SeriesKey key;
  diff::ChartSpec spec;
  std::string direction;
};

// The chartable rows grouped into series, in key order (region, indicator, measure, unit).
std::vector<Series> series_of(const std::vector<PanelRow>& rows, const Labels& L) {
  std::map<SeriesKey, Series> by_key;
  for (const PanelRow& r : rows) {
    if (!r.target_value && !r.actual_value && !r.estimate_value) continue;  // qualitative
    const auto [factor, unit] = chart_unit(r.unit, L);
    const SeriesKey key{r.region, r.indicator, r.measure, unit};
    Series& s = by_key[key];
    s.key = key;
    s.spec.unit = unit;
    s.spec.points.push_back(point_of(r, factor));
    if (!r.direction.empty()) s.direction = r.direction;
  }
  std::vector<Series> out;
  for (auto& [k, s] : by_key) out.push_back(std::move(s));
  return out;
}

// Regions national first, then provinces, cities, districts, each by name.
std::vector<std::string> ordered_regions(const std::vector<PanelRow>& rows) {
  static const std::map<std::string, int> rank = {{"national", 0}, {"province", 1}, {"city", 2}, {"district", 3}};
  std::map<std::string, int> level;
  for (const PanelRow& r : rows) {
    const auto it = rank.find(r.region_level);
    level.emplace(r.region, it == rank.end() ? 4 : it->second);
  }
  std::vector<std::string> out;
  for (const auto& [name, l] : level) out.push_back(name);
  std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) { return level[a] < level[b]; });
  return out;
}

// A page of charts: those of `series` for which `pick` gives a title.
template <class Pick>
std::string chart_grid(const std::vector<Series>& series, Pick pick, const Labels& L) {
  std::string charts;
  for (const Series& s : series) {
    const std::string title = pick(s.key);
    if (title.empty()) continue;
    diff::ChartSpec spec = s.spec;
    spec.title = title;
    spec.subtitle = subtitle(s.key.measure, s.direction, L);
    charts += diff::render_svg_chart(spec, L) + "\n";
  }
  // Only targets without a figure (qualitative): nothing to draw.
  if (charts.empty()) return "<p>" + escape_html(L.text("chart", "no_data")) + "</p>\n";
  return "<div class=\"charts\">\n" + charts + "</div>\n";
}

std::string index_list(const std::vector<std::string>& names, const char* prefix,
                       const std::map<std::string, std::map<std::string, int>>& verdicts, const Labels& L) {
  std::string out = "<ul class=\"links\">\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto it = verdicts.find(names[i]);
    out += "<li><a href=\"" + numbered(prefix, i) + "\">" + escape_html(names[i]) + "</a>" +
           (it == verdicts.end() ? "" : verdict_bar(it->second, L)) + "</li>\n";
  }
  return out + "</ul>\n";
}

}  // namespace

ChartFiles render_panel_charts(const std::vector<PanelRow>& rows, const Labels& L) {
  const std::vector<Series> series = series_of(rows, L);
  const std::vector<std::string> regions = ordered_regions(rows);
  std::vector<std::string> indicators;
  std::map<std::string, std::map<std::string, int>> by_region, by_indicator;  // verdict counts
  for (const PanelRow& r : rows) {
    if (std::find(indicators.begin(), indicators.end(), r.indicator) == indicators.end())
      indicators.push_back(r.indicator);
    if (r.verdict.empty()) continue;
    ++by_region[r.region][r.verdict];
    ++by_indicator[r.indicator][r.verdict];
  }
  std::sort(indicators.begin(), indicators.end());
  ChartFiles files;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto pick = [&](const SeriesKey& k) { return k.region == regions[i] ? k.indicator : std::string(); };
    files[numbered("region", i)] =
        page(L.text("chart", "region_page") + " · " + regions[i], chart_grid(series, pick, L), L);
  }
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const auto pick = [&](const SeriesKey& k) { return k.indicator == indicators[i] ? k.region : std::string(); };
    files[numbered("indicator", i)] =
        page(L.text("chart", "indicator_page") + " · " + indicators[i], chart_grid(series, pick, L), L);
  }
  const std::string body = "<h2>" + escape_html(L.text("chart", "by_region")) + "</h2>\n" +
                           index_list(regions, "region", by_region, L) + "<h2>" +
                           escape_html(L.text("chart", "by_indicator")) + "</h2>\n" +
                           index_list(indicators, "indicator", by_indicator, L);
  files["index.html"] = page(L.text("chart", "index_title"), body, L);
  return files;
}

}  // namespace reportlens::panel
