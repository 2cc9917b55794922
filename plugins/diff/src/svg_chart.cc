#include "svg_chart.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "reportlens/text.h"

namespace reportlens::diff {
namespace {

constexpr double kTitlePx = 14, kSmallPx = 11;
constexpr double kPad = 8;          // outer margin
constexpr double kInner = 14;       // space between the axis and the first/last year
constexpr const char* kLine = "#1f4e9c";

std::string num(double v) { return format_number(v, 1); }

// `text` cut to fit `max_px` (with …), so that a long title never leaves the drawing.
std::string fit(const std::string& text, double font_px, double max_px) {
  if (text_width(text, font_px) <= max_px) return text;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    next_code_point(text, j);
    if (text_width(out + text.substr(i, j - i) + "…", font_px) > max_px) break;
    out += text.substr(i, j - i);
    i = j;
  }
  return out + "…";
}

void text_at(std::ostringstream& out, double x, double y, double px, const std::string& text,
             const char* anchor = "start", const char* extra = "") {
  out << "<text x=\"" << num(x) << "\" y=\"" << num(y) << "\" font-size=\"" << px
      << "\" text-anchor=\"" << anchor << "\"" << extra << ">" << escape_html(text) << "</text>";
}

// The value range the axis must show, widened to take in zero when zero is close.
std::pair<double, double> value_range(const std::vector<double>& values) {
  double lo = *std::min_element(values.begin(), values.end());
  double hi = *std::max_element(values.begin(), values.end());
  if (lo > 0 && lo < hi - lo) lo = 0;
  if (hi < 0 && -hi < hi - lo) hi = 0;
  if (hi - lo < 1e-12) {
    const double pad = std::max(std::fabs(hi) * 0.1, 1.0);
    lo -= pad, hi += pad;
  }
  return {lo, hi};
}

struct Frame {
  double left, right, top, bottom;
  int first_year, last_year;
  double lo, hi;
  double x(int year) const {
    if (last_year == first_year) return (left + right) / 2;
    return left + kInner + (right - left - 2 * kInner) * (year - first_year) / (last_year - first_year);
  }
  double y(double v) const { return bottom - (bottom - top) * (v - lo) / (hi - lo); }
};

void draw_axes(std::ostringstream& out, const Frame& f, const std::vector<double>& ticks, int decimals,
               const AxisUnit& unit) {
  for (double t : ticks) {
    const double y = f.y(t);
    out << "<line x1=\"" << num(f.left) << "\" y1=\"" << num(y) << "\" x2=\"" << num(f.right)
        << "\" y2=\"" << num(y) << "\" stroke=\"" << (t == 0 ? "#888" : "#e2e2e8") << "\"/>";
    text_at(out, f.left - 5, y + 4, kSmallPx, format_number(t, decimals), "end", " fill=\"#444\"");
  }
  if (!unit.label.empty()) text_at(out, kPad, f.top - 14, kSmallPx, unit.label, "start", " fill=\"#444\"");
  const int span = f.last_year - f.first_year;
  const int every = span <= 10 ? 1 : span <= 20 ? 2 : 5;
  for (int year = f.first_year; year <= f.last_year; ++year) {
    if ((year - f.first_year) % every != 0 && year != f.last_year) continue;
    text_at(out, f.x(year), f.bottom + 15, kSmallPx, std::to_string(year), "middle", " fill=\"#444\"");
  }
  out << "<line x1=\"" << num(f.left) << "\" y1=\"" << num(f.bottom) << "\" x2=\"" << num(f.right)
      << "\" y2=\"" << num(f.bottom) << "\" stroke=\"#888\"/>";
}

// The tooltip of one year: 2022 目标 ≥6% · 实际 6.5% · 达成.
std::string point_title(const ChartPoint& p, const std::string& unit, const Labels& L) {
  std::string t = std::to_string(p.year);
  if (p.target) t += " " + L.text("chart", "target") + " " + p.target_text;
  if (p.actual)
    t += " · " + L.text("chart", p.estimate ? "estimate" : "actual") + " " + L.one(Json(*p.actual), unit);
  if (!p.verdict.empty()) t += " · " + L.verdict(p.verdict);
  return t;
}

void draw_points(std::ostringstream& out, const Frame& f, const std::vector<ChartPoint>& points,
                 const AxisUnit& unit, const std::string& unit_code, const Labels& L) {
  std::string line;
  for (const auto& p : points)
    if (p.actual) line += num(f.x(p.year)) + "," + num(f.y(*p.actual / unit.divisor)) + " ";
  if (!line.empty())
    out << "<polyline points=\"" << line << "\" fill=\"none\" stroke=\"" << kLine << "\" stroke-width=\"2\"/>";
  for (const auto& p : points) {
    const double x = f.x(p.year);
    out << "<g><title>" << escape_html(point_title(p, unit_code, L)) << "</title>";
    if (p.target && p.target_high) {
      const double y1 = f.y(*p.target_high / unit.divisor), y2 = f.y(*p.target / unit.divisor);
      out << "<rect x=\"" << num(x - 4) << "\" y=\"" << num(y1) << "\" width=\"8\" height=\""
          << num(std::max(y2 - y1, 2.0)) << "\" fill=\"" << verdict_colour(p.verdict)
          << "\" stroke=\"#333\" fill-opacity=\"0.85\"/>";
    } else if (p.target) {
      const double y = f.y(*p.target / unit.divisor);
      out << "<polygon points=\"" << num(x) << "," << num(y - 6) << " " << num(x + 6) << "," << num(y)
          << " " << num(x) << "," << num(y + 6) << " " << num(x - 6) << "," << num(y) << "\" fill=\""
          << verdict_colour(p.verdict) << "\" stroke=\"#333\"/>";
    }
    if (p.actual)
      out << "<circle cx=\"" << num(x) << "\" cy=\"" << num(f.y(*p.actual / unit.divisor))
          << "\" r=\"3.5\" fill=\"" << (p.estimate ? "#ffffff" : kLine) << "\" stroke=\"" << kLine << "\"/>";
    out << "</g>";
  }
}

// Actual, target, and the three verdict colours, in one row under the plot.
void draw_legend(std::ostringstream& out, double y, const Labels& L) {
  double x = kPad;
  out << "<line x1=\"" << num(x) << "\" y1=\"" << num(y - 4) << "\" x2=\"" << num(x + 16) << "\" y2=\""
      << num(y - 4) << "\" stroke=\"" << kLine << "\" stroke-width=\"2\"/>";
  x += 20;
  const std::string actual = L.text("chart", "actual");
  text_at(out, x, y, kSmallPx, actual);
  x += text_width(actual, kSmallPx) + 12;
  out << "<polygon points=\"" << num(x + 5) << "," << num(y - 9) << " " << num(x + 10) << "," << num(y - 4)
      << " " << num(x + 5) << "," << num(y + 1) << " " << num(x) << "," << num(y - 4)
      << "\" fill=\"#ffffff\" stroke=\"#333\"/>";
  x += 14;
  const std::string target = L.text("chart", "target");
  text_at(out, x, y, kSmallPx, target);
  x += text_width(target, kSmallPx) + 12;
  for (const char* v : {"met", "missed", "unclear"}) {
    out << "<rect x=\"" << num(x) << "\" y=\"" << num(y - 9) << "\" width=\"10\" height=\"10\" fill=\""
        << verdict_colour(v) << "\" stroke=\"#333\"/>";
    x += 14;
    const std::string word = L.verdict(v);
    text_at(out, x, y, kSmallPx, word);
    x += text_width(word, kSmallPx) + 12;
  }
}

}  // namespace

const char* verdict_colour(const std::string& verdict) {
  if (verdict == "met") return "#2e9e44";
  if (verdict == "missed") return "#d0392b";
  if (verdict == "unclear") return "#a0a0a0";
  return "#ffffff";
}

AxisUnit axis_unit(double max_abs, const std::string& unit, const Labels& L) {
  if (unit == "percent") return {1, "%"};
  if (unit == "percentage_point") return {1, L.text("figures", "percentage_point")};
  if (unit == "times") return {1, L.text("figures", "times")};
  const auto [factor, word] = L.scale_for(max_abs);
  return {factor, word + L.unit_word(unit)};
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  if (!(hi > lo)) return {lo};
  max_ticks = std::max(max_ticks, 2);
  const double rough = (hi - lo) / (max_ticks - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(rough)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    const double s = m * mag;
    if (std::ceil(hi / s - 1e-9) - std::floor(lo / s + 1e-9) <= max_ticks - 1) {
      step = s;
      break;
    }
  }
  std::vector<double> out;
  const long first = static_cast<long>(std::floor(lo / step + 1e-9));
  const long last = static_cast<long>(std::ceil(hi / step - 1e-9));
  for (long k = first; k <= last; ++k) out.push_back(k * step == 0 ? 0.0 : k * step);
  return out;
}

int tick_decimals(const std::vector<double>& ticks) {
  for (int d = 0; d < 4; ++d) {
    bool exact = true;
    for (double t : ticks) exact = exact && std::fabs(t * std::pow(10, d) - std::round(t * std::pow(10, d))) < 1e-6;
    if (exact) return d;
  }
  return 4;
}

std::size_t display_width(std::string_view text) {
  std::size_t i = 0, w = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

double text_width(const std::string& text, double font_px) {
  // Half a wide column is about 0.6 em for digits and Latin letters in sans-serif fonts; a
  // CJK character (two columns) is a little under 1.2 em, so the estimate errs on the wide side.
  return 0.6 * font_px * static_cast<double>(display_width(text));
}

std::string render_svg_chart(const ChartSpec& spec, const Labels& L) {
  std::vector<ChartPoint> points = spec.points;
  std::sort(points.begin(), points.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.year < b.year; });
  std::vector<double> raw;
  for (const auto& p : points)
    for (const auto& v : {p.target, p.target_high, p.actual})
      if (v) raw.push_back(*v);
  std::ostringstream out;
  const double W = spec.width, H = spec.height;
  out << "<svg class=\"chart\" viewBox=\"0 0 " << spec.width << " "
      << spec.height << "\" width=\"" << spec.width << "\" height=\"" << spec.height << "\" role=\"img\">";
  out << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";
  text_at(out, kPad, 18, kTitlePx, fit(spec.title, kTitlePx, W - 2 * kPad), "start", " font-weight=\"bold\"");
  if (!spec.subtitle.empty())
    text_at(out, kPad, 34, kSmallPx, fit(spec.subtitle, kSmallPx, W - 2 * kPad), "start", " fill=\"#555\"");
  if (raw.empty()) {
    text_at(out, W / 2, H / 2, kSmallPx, L.text("chart", "no_data"), "middle", " fill=\"#777\"");
    out << "</svg>";
    return out.str();
  }
  double max_abs = 0;
  for (double v : raw) max_abs = std::max(max_abs, std::fabs(v));
  const AxisUnit unit = axis_unit(max_abs, spec.unit, L);
  std::vector<double> scaled;
  for (double v : raw) scaled.push_back(v / unit.divisor);
  const auto [lo, hi] = value_range(scaled);
  const std::vector<double> ticks = nice_ticks(lo, hi);
  const int decimals = tick_decimals(ticks);
  double label_w = 0;
  for (double t : ticks) label_w = std::max(label_w, text_width(format_number(t, decimals), kSmallPx));
  Frame f{kPad + label_w + 6, W - kPad - text_width("0000", kSmallPx) / 2, 64, H - 46,
          points.front().year, points.back().year, ticks.front(), ticks.back()};
  draw_axes(out, f, ticks, decimals, unit);
  draw_points(out, f, points, unit, spec.unit, L);
  draw_legend(out, H - 10, L);
  out << "</svg>";
  return out.str();
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace reportlens::diff
