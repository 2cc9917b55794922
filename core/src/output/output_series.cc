#include "output/output_series.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

#include "run/errors.h"
#include "output/output_facts.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// A later statement of an actual wins (final figures revise preliminary ones), an actual
// beats an estimate; for targets the earliest statement wins (the plan as first set).
bool better_actual(const SeriesCollector::Statement& a, const SeriesCollector::Statement& b) {
  const bool a_final = a.status == "actual", b_final = b.status == "actual";
  if (a_final != b_final) return a_final;
  if (a.report_year != b.report_year) return a.report_year > b.report_year;
  return a.doc < b.doc;
}
bool better_target(const SeriesCollector::Statement& a, const SeriesCollector::Statement& b) {
  if (a.report_year != b.report_year) return a.report_year < b.report_year;
  return a.doc < b.doc;
}

// Plain decimals (11810000000, not 1.181e+10): the CSV goes to spreadsheets.
std::string num(double v) {
  char buf[64];
  if (std::floor(v) == v && std::abs(v) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string xml(const std::string& v) {
  std::string out;
  for (char c : v) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

using Series = std::map<long long, SeriesCollector::Cell>;  // year -> cell

// The report's folder, written as a set: files go into a temporary folder beside the target,
// flushed with one syncfs() and published with one rename, so readers see the old set or the
// new one, never a mix, and a run with a thousand charts does not pay a thousand fsync+rename
// pairs. Destroyed unpublished (an error), the temporary folder goes and the target stays.
class FolderWriter {
 public:
  explicit FolderWriter(fs::path target) : target_(std::move(target)) {
    std::error_code ec;
    if (target_.has_parent_path()) fs::create_directories(target_.parent_path(), ec);
    tmp_ = target_.parent_path() / ("." + target_.filename().string() + ".tmp." + std::to_string(::getpid()));
    fs::remove_all(tmp_, ec);
    if (!fs::create_directory(tmp_, ec)) fail(tmp_, "create a temporary folder", ec.value());
  }
  ~FolderWriter() {
    std::error_code ec;
    if (!tmp_.empty()) fs::remove_all(tmp_, ec);
  }
  FolderWriter(const FolderWriter&) = delete;
  FolderWriter& operator=(const FolderWriter&) = delete;

  void add(const std::string& name, std::string_view content) {
    const fs::path path = tmp_ / name;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, "create", errno);
    for (std::size_t done = 0; done < content.size();) {
      const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const int error = errno;
        ::close(fd);
        fail(path, "write", error);
      }
      done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) fail(path, "write", errno);
  }

  // Flushes the set, then swaps it with the target folder (RENAME_EXCHANGE: atomic, also when
  // the target exists) and removes the old set; on a file system without exchange the old
  // folder is moved aside first (a reader may then briefly find no folder, never a mix).
  void publish() {
    if (const int fd = ::open(tmp_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
      const int rc = ::syncfs(fd);
      const int error = errno;
      ::close(fd);
      if (rc != 0) fail(tmp_, "flush", error);
    }
    std::error_code ec;
    if (!fs::exists(target_, ec)) {
      if (::rename(tmp_.c_str(), target_.c_str()) != 0) fail(target_, "publish", errno);
    } else if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
      if (errno != EINVAL && errno != ENOSYS) fail(target_, "publish", errno);
      const fs::path old = tmp_.string() + ".old";
      fs::remove_all(old, ec);
      if (::rename(target_.c_str(), old.c_str()) != 0) fail(target_, "move aside", errno);
      if (::rename(tmp_.c_str(), target_.c_str()) != 0) fail(target_, "publish", errno);
      tmp_ = old;  // removed below
    }
    fs::remove_all(tmp_, ec);  // the previous set
    tmp_.clear();
  }

 private:
  [[noreturn]] static void fail(const fs::path& path, const std::string& what, int error) {
    throw HostError(ExitCode::kOutput, path.string() + ": cannot " + what + ": " + std::strerror(error));
  }
  fs::path target_, tmp_;
};

// One panel (a region) of a metric's chart, at vertical offset `top`.
void draw_panel(std::ostringstream& svg, const std::string& region, const Series& series,
                double top, const std::string& unit) {
  constexpr double left = 70, width = 560, height = 180;
  long long y0 = series.begin()->first, y1 = series.rbegin()->first;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& [year, cell] : series) {
    for (const auto* s : {&cell.target, &cell.actual}) {
      if (!*s) continue;
      lo = std::min(lo, (*s)->value);
      hi = std::max(hi, (*s)->high.value_or((*s)->value));
    }
  }
  if (lo == hi) {
    lo -= 1;
    hi += 1;
  }
  const double pad = (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  const auto x = [&](long long year) {
    return y0 == y1 ? left + width / 2 : left + (double)(year - y0) / (double)(y1 - y0) * width;
  };
  const auto y = [&](double v) { return top + 20 + (hi - v) / (hi - lo) * height; };
  svg << "<text x=\"" << left << "\" y=\"" << top + 14 << "\" font-size=\"13\">" << xml(region.empty() ? "(no region)" : region)
      << " (" << xml(unit) << ")</text>\n";
  svg << "<line x1=\"" << left << "\" y1=\"" << y(lo) << "\" x2=\"" << left + width << "\" y2=\"" << y(lo)
      << "\" stroke=\"#888\"/>\n";
  svg << "<line x1=\"" << left << "\" y1=\"" << y(lo) << "\" x2=\"" << left << "\" y2=\"" << y(hi)
      << "\" stroke=\"#888\"/>\n";
  for (double v : {lo + pad, hi - pad})
    svg << "<text x=\"" << left - 6 << "\" y=\"" << y(v) + 4 << "\" font-size=\"10\" text-anchor=\"end\">"
        << num(v) << "</text>\n";
  for (const auto& [year, cell] : series)
    svg << "<text x=\"" << x(year) << "\" y=\"" << y(lo) + 14 << "\" font-size=\"10\" text-anchor=\"middle\">"
        << year << "</text>\n";
  // Target band: the stated range, or the target value, drawn as a shaded box per year.
  const double band = std::max(6.0, width / std::max<double>(1, (double)(y1 - y0)) * 0.5);
  for (const auto& [year, cell] : series) {
    if (!cell.target) continue;
    const auto& t = *cell.target;
    const double top_v = y(t.high.value_or(t.value)), bottom_v = y(t.value);
    svg << "<rect x=\"" << x(year) - band / 2 << "\" y=\"" << std::min(top_v, bottom_v) - 2 << "\" width=\""
        << band << "\" height=\"" << std::abs(bottom_v - top_v) + 4
        << "\" fill=\"#f4b942\" fill-opacity=\"0.45\" stroke=\"#d08c00\"><title>target " << year << ": "
        << xml(t.qualifier) << num(t.value) << (t.high ? "–" + num(*t.high) : "") << " (" << xml(t.doc)
        << ")</title></rect>\n";
  }
  std::string points;
  for (const auto& [year, cell] : series)
    if (cell.actual) points += num(x(year)) + "," + num(y(cell.actual->value)) + " ";
  if (!points.empty())
    svg << "<polyline points=\"" << points << "\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n";
  for (const auto& [year, cell] : series) {
    if (!cell.actual) continue;
    std::string colour = "#1f5fa8";
    if (cell.target) {
      const std::string v = target_verdict(*cell.target, *cell.actual);
      colour = v == "met" ? "#2e8b57" : v == "missed" ? "#c0392b" : colour;
    }
    svg << "<circle cx=\"" << x(year) << "\" cy=\"" << y(cell.actual->value) << "\" r=\"4\" fill=\"" << colour
        << "\"><title>" << xml(cell.actual->status) << " " << year << ": " << num(cell.actual->value) << " ("
        << xml(cell.actual->doc) << ")</title></circle>\n";
  }
}

}  // namespace

std::string target_verdict(const SeriesCollector::Statement& t, const SeriesCollector::Statement& a) {
  const double v = a.value;
  const std::string& q = t.qualifier;
  if (q == "range") return v >= t.value ? "met" : "missed";
  if (q == "<=" ) return v <= t.value ? "met" : "missed";
  if (q == "<") return v < t.value ? "met" : "missed";
  if (q == ">") return v > t.value ? "met" : "missed";
  if (q == "~") {
    // "about X": within 5% of |X| (at least 0.1) counts as met; far above is met too.
    const double tolerance = std::max(0.1, std::abs(t.value) * 0.05);
    return v >= t.value - tolerance ? "met" : "missed";
  }
  if (q == ">=" || q.empty()) return v >= t.value ? "met" : "missed";
  return "unclear";
}

std::vector<SeriesCollector::Entry> SeriesCollector::entries(const Json& record, const Projections& projections) {
  std::vector<Entry> out;
  const DocumentFacts doc = document_facts(record.value("meta", Json::object()));
  const std::string id = record.value("id", "");
  for (const auto& a : record.value("annotations", Json::array())) {
    const Projection* p = projections.find(a.value("type", ""));
    if (p == nullptr || !p->series) continue;
    const SeriesRoles& roles = *p->series;
    static const Json kNoAttrs = Json::object();
    const Json& attrs = a.contains("attrs") ? a["attrs"] : kNoAttrs;
    const std::string text = a.value("text", "");
    const ProjectedValue name = roles.name.read(attrs, text), period = roles.period.read(attrs, text);
    if (period.kind != ProjectedValue::kInteger || name.kind != ProjectedValue::kText) continue;
    const std::string status = roles.status.read(attrs, text).text;
    const std::string qualifier = roles.qualifier.read(attrs, text).text;
    const std::string own_region = roles.region.read(attrs, text).text;
    const std::string& region = own_region.empty() ? doc.region : own_region;
    const bool target = status == roles.target_status;
    for (const auto& m : roles.measures) {
      const ProjectedValue value = m.value.read(attrs, text);
      if (value.kind != ProjectedValue::kReal) continue;
      const ProjectedValue high = m.high.read(attrs, text);
      const std::optional<double> upper = high.kind == ProjectedValue::kReal ? std::optional<double>(high.real) : std::nullopt;
      out.push_back({{region, name.text, m.measure, m.unit.read(attrs, text).text, period.integer}, target,
                     Statement{value.real, upper, qualifier, status, id, doc.report_year.value_or(0)}});
    }
  }
  return out;
}

void SeriesCollector::add(const std::vector<Entry>& entries) {
  for (const Entry& e : entries) {
    Cell& cell = cells_[e.key];
    auto& slot = e.target ? cell.target : cell.actual;
    if (!slot || (e.target ? better_target(e.statement, *slot) : better_actual(e.statement, *slot))) slot = e.statement;
  }
}

fs::path SeriesCollector::write(const fs::path& dir, bool csv_bom) const {
  FolderWriter folder(dir);
  std::string csv = csv_bom ? "\xEF\xBB\xBF" : "";
  csv += "region,metric,measure,unit,year,target_value,target_high,target_qualifier,target_doc,"
         "actual_value,actual_status,actual_doc,verdict\r\n";
  // metric/measure/unit -> region -> series
  std::map<std::tuple<std::string, std::string, std::string>, std::map<std::string, Series>> charts;
  for (const auto& [key, cell] : cells_) {
    const auto& [region, metric, measure, unit, year] = key;
    charts[{metric, measure, unit}][region][year] = cell;
    csv += csv_field(region) + "," + csv_field(metric) + "," + measure + "," + csv_field(unit) + "," +
           std::to_string(year) + ",";
    if (cell.target)
      csv += num(cell.target->value) + "," + (cell.target->high ? num(*cell.target->high) : "") + "," +
             csv_field(cell.target->qualifier) + "," + csv_field(cell.target->doc) + ",";
    else
      csv += ",,,,";
    if (cell.actual)
      csv += num(cell.actual->value) + "," + cell.actual->status + "," + csv_field(cell.actual->doc) + ",";
    else
      csv += ",,,";
    csv += (cell.target && cell.actual) ? target_verdict(*cell.target, *cell.actual) : "";
    csv += "\r\n";
  }
  folder.add("series.csv", csv);

  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>Indicator series</title>"
          "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}</style>"
          "</head><body>\n<h1>Indicator series</h1>\n<p>Target (shaded band) against actual (line; green: "
          "target met, red: missed). Data: <a href=\"series.csv\">series.csv</a>.</p>\n<table>\n"
          "<tr><th>metric</th><th>measure</th><th>unit</th><th>regions</th><th>years</th></tr>\n";
  int n = 0;
  for (const auto& [key, regions] : charts) {
    const auto& [metric, measure, unit] = key;
    char name[32];
    std::snprintf(name, sizeof name, "metric-%03d.svg", ++n);
    const double panel = 230;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"680\" height=\""
        << 40 + panel * (double)regions.size() << "\" font-family=\"sans-serif\">\n";
    svg << "<text x=\"10\" y=\"24\" font-size=\"16\">" << xml(metric) << " — " << measure << "</text>\n";
    double top = 36;
    long long first = 0, last = 0;
    for (const auto& [region, series] : regions) {
      draw_panel(svg, region, series, top, unit);
      top += panel;
      first = first ? std::min(first, series.begin()->first) : series.begin()->first;
      last = std::max(last, series.rbegin()->first);
    }
    svg << "</svg>\n";
    folder.add(name, svg.str());
    html << "<tr><td><a href=\"" << name << "\">" << xml(metric) << "</a></td><td>" << measure << "</td><td>"
         << xml(unit) << "</td><td>" << regions.size() << "</td><td>" << first << "–" << last << "</td></tr>\n";
  }
  html << "</table>\n</body></html>\n";
  folder.add("index.html", html.str());
  folder.publish();
  return dir / "index.html";
}

}  // namespace reportlens
