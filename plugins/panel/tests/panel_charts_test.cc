// The panel's chart pages (src/panel_charts.*): which pages, what they link, and how they
// render in headless Chromium (label `charts`: ctest -L charts). The rows model the national
// reports' GDP and CPI figures 2013–2022 and two local series (targets, actuals, verdicts as
// the diff decides them), with levels in 亿元 as the panel writes them.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#ifdef REPORTLENS_HAVE_PNG
#include <png.h>
#endif

#include "chart_svg_check.h"
#include "panel_charts.h"

namespace fs = std::filesystem;
using namespace reportlens;
using namespace reportlens::panel;

namespace {

const diff::Labels& labels() {
  static const diff::Labels l = [] {
    diff::Labels x;
    x.load(REPORTLENS_DIFF_DATA_DIR "/labels.yaml");
    return x;
  }();
  return l;
}

PanelRow row(const char* region, const char* level, int year, const char* indicator, const char* measure,
             const char* unit, std::optional<double> target, std::optional<double> actual,
             const char* verdict, const char* direction, std::optional<double> high = std::nullopt) {
  PanelRow r;
  r.region = region, r.region_level = level, r.year = year, r.indicator = indicator;
  r.measure = measure, r.unit = unit, r.target_value = target, r.target_high = high;
  r.actual_value = actual, r.verdict = verdict, r.direction = direction;
  r.target_qualifier = high ? "range" : target ? "~" : "";
  r.target_text = target ? std::to_string(*target) : "";
  return r;
}

std::vector<PanelRow> rows() {
  std::vector<PanelRow> out;
  const double growth_target[] = {7.5, 7.5, 7, 6.5, 6.5, 6.5, 6, 0, 6, 5.5};
  const double growth[] = {7.7, 7.4, 6.9, 6.7, 6.9, 6.6, 6.1, 2.3, 8.1, 3.0};
  const double gdp[] = {568845, 636463, 676708, 744127, 827122, 900309, 990865, 1015986, 1143670, 1210207};
  const double cpi[] = {2.6, 2.0, 1.4, 2.0, 1.6, 2.1, 2.9, 2.5, 0.9, 2.0};
  for (int i = 0; i < 10; ++i) {
    const int y = 2013 + i;
    const bool none = growth_target[i] == 0;  // 2020: no growth target
    auto r = row("全国", "national", y, "地区生产总值", "growth", "%",
                 none ? std::nullopt : std::optional<double>(growth_target[i]), growth[i],
                 none ? "" : (y == 2022 ? "missed" : "met"), "higher_is_better",
                 y == 2016 ? std::optional<double>(7.0) : y == 2019 ? std::optional<double>(6.5) : std::nullopt);
    out.push_back(r);
    out.push_back(row("全国", "national", y, "地区生产总值", "level", "亿元", std::nullopt, gdp[i], "", "higher_is_better"));
    out.push_back(row("全国", "national", y, "居民消费价格", "growth", "%", y < 2015 ? 3.5 : 3, cpi[i], "met", "ceiling"));
  }
  out.push_back(row("辽宁省", "province", 2021, "地区生产总值", "growth", "%", 6, 5.8, "missed", "higher_is_better"));
  out.push_back(row("辽宁省", "province", 2022, "地区生产总值", "growth", "%", 5.5, 2.1, "missed", "higher_is_better"));
  out.push_back(row("沈阳市", "city", 2021, "地区生产总值", "level", "亿元", std::nullopt, 7249.7, "", "higher_is_better"));
  out.push_back(row("沈阳市", "city", 2022, "地区生产总值", "level", "亿元", std::nullopt, 7695.8, "", "higher_is_better"));
  auto qualitative = row("沈阳市", "city", 2022, "居民人均可支配收入", "growth", "%", std::nullopt, std::nullopt, "met", "");
  out.push_back(qualitative);  // a target without a figure: in the counts, not in a chart
  return out;
}

std::vector<std::string> links_of(const std::string& html) {
  std::vector<std::string> out;
  const std::regex re("href=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

}  // namespace

TEST(PanelCharts, OnePagePerRegionAndIndicatorAndAnIndexLinkingThem) {
  const ChartFiles files = render_panel_charts(rows(), labels());
  ASSERT_TRUE(files.count("index.html"));
  // 3 regions (全国 first), 3 indicators, the index.
  EXPECT_EQ(files.size(), 7u);
  const auto links = links_of(files.at("index.html"));
  EXPECT_EQ(links.size(), 6u);
  for (const auto& l : links) EXPECT_TRUE(files.count(l)) << l;
  EXPECT_NE(files.at("region-01.html").find("全国"), std::string::npos);
  EXPECT_NE(files.at("region-03.html").find("沈阳市"), std::string::npos);  // province before city
  for (const auto& [name, html] : files) {
    EXPECT_EQ(html.find("<script"), std::string::npos) << name;
    EXPECT_EQ(html.find("http"), std::string::npos) << name;  // nothing fetched from anywhere
    EXPECT_EQ(html.find("src="), std::string::npos) << name;
    if (name != "index.html") EXPECT_NE(html.find("href=\"index.html\""), std::string::npos) << name;
  }
}

TEST(PanelCharts, ChartsReadInReadableUnitsWithVerdictWords) {
  const ChartFiles files = render_panel_charts(rows(), labels());
  const std::string& national = files.at("region-01.html");
  // Three charts: GDP growth, GDP level, CPI.
  std::size_t charts = 0;
  for (std::size_t at = national.find("<svg class=\"chart\""); at != std::string::npos;
       at = national.find("<svg class=\"chart\"", at + 1))
    ++charts;
  EXPECT_EQ(charts, 3u);
  EXPECT_NE(national.find(">万亿元<"), std::string::npos);  // 1210207亿元 on a 万亿元 axis
  EXPECT_NE(files.at("region-03.html").find(">亿元<"), std::string::npos);  // 7695.8亿元 stays 亿元
  EXPECT_NE(national.find("越高越好"), std::string::npos);
  EXPECT_NE(national.find("不超过上限"), std::string::npos);  // CPI: a ceiling
  EXPECT_NE(national.find("2022 目标"), std::string::npos);
  EXPECT_NE(national.find("未达成"), std::string::npos);
  for (const auto& [name, html] : files) {
    for (const auto& t : diff::svg_texts(html))
      EXPECT_FALSE(std::regex_search(t.text, std::regex("[0-9]{6,}"))) << name << ": " << t.text;
  }
}

namespace {

std::string run(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string path = run(std::string("command -v ") + name + " 2>/dev/null");
    if (!path.empty()) return path.substr(0, path.find('\n'));
  }
  return "";
}

// Appended to a copy of a page: the browser measures every SVG text's box (getBBox, in the
// SVG's own units) against its viewBox and writes what it found into the DOM.
constexpr const char* kMeasure = R"js(<script>
(function(){var n=0,bad=[],svgs=document.querySelectorAll('svg');
svgs.forEach(function(s){var v=s.viewBox.baseVal;s.querySelectorAll('text').forEach(function(t){n++;
var b=t.getBBox();if(b.width<=0||b.x<v.x-0.5||b.y<v.y-0.5||b.x+b.width>v.x+v.width+0.5||b.y+b.height>v.y+v.height+0.5)
bad.push(t.textContent+'@'+b.x.toFixed(1)+','+b.y.toFixed(1)+'+'+b.width.toFixed(1));});});
var p=document.createElement('pre');p.id='check';
p.textContent='svgs='+svgs.length+' texts='+n+' outside='+bad.length+' '+bad.join('|');document.body.appendChild(p);})();
</script>)js";

struct Measured {
  int svgs = -1, texts = -1, outside = -1;
  std::string detail;
};

Measured measure(const std::string& chromium, const std::string& flags, const fs::path& page) {
  std::string html;
  {
    std::ifstream in(page, std::ios::binary);
    html.assign(std::istreambuf_iterator<char>(in), {});
  }
  const fs::path probe = page.parent_path() / ("probe-" + page.filename().string());
  std::ofstream(probe, std::ios::binary) << html.substr(0, html.rfind("</body>")) << kMeasure << "</body></html>\n";
  const std::string dom = run("timeout 120 " + chromium + flags + "--dump-dom file://" + probe.string() + " 2>/dev/null");
  std::smatch m;
  Measured r;
  if (std::regex_search(dom, m, std::regex("svgs=(\\d+) texts=(\\d+) outside=(\\d+)([^<]*)")))
    r = {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), m[4]};
  return r;
}

struct Pixels {
  std::size_t total = 0, inked = 0, green = 0, red = 0;
};

#ifdef REPORTLENS_HAVE_PNG
// Counts of non-white pixels and of pixels in the met / missed colours of a screenshot.
Pixels read_pixels(const fs::path& png) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  Pixels p;
  if (!png_image_begin_read_from_file(&img, png.c_str())) return p;
  img.format = PNG_FORMAT_RGB;
  std::vector<png_byte> buf(PNG_IMAGE_SIZE(img));
  if (!png_image_finish_read(&img, nullptr, buf.data(), 0, nullptr)) return p;
  const auto near = [](const png_byte* px, int r, int g, int b) {
    return std::abs(px[0] - r) < 24 && std::abs(px[1] - g) < 24 && std::abs(px[2] - b) < 24;
  };
  for (std::size_t i = 0; i + 2 < buf.size(); i += 3) {
    const png_byte* px = &buf[i];
    ++p.total;
    p.inked += px[0] < 240 || px[1] < 240 || px[2] < 240;
    p.green += near(px, 0x2e, 0x9e, 0x44);
    p.red += near(px, 0xd0, 0x39, 0x2b);
  }
  return p;
}
#endif

}  // namespace

TEST(PanelCharts, ScreenshotsInHeadlessChromium) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium not installed (apt-get install -y chromium)";
  const fs::path dir = fs::temp_directory_path() / ("reportlens_panel_charts_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, html] : render_panel_charts(rows(), labels()))
    std::ofstream(dir / name, std::ios::binary) << html;
  const std::string flags = " --headless --no-sandbox --disable-gpu --disable-background-networking"
                            " --disable-component-update --disable-sync --no-first-run --hide-scrollbars"
                            " --user-data-dir=" + (dir / "profile").string() + " --window-size=1200,900 ";
  const Measured page = measure(chromium, flags, dir / "region-01.html");
  if (page.svgs < 0) GTEST_SKIP() << "chromium did not run the page (headless unavailable here?)";
  std::printf("region page: %d svgs, %d texts, %d outside\n", page.svgs, page.texts, page.outside);
  // Three charts; every text of them (titles, ticks, unit, years, legend) drawn inside its viewBox.
  EXPECT_EQ(page.svgs, 3);
  EXPECT_GT(page.texts, 3 * 15);
  EXPECT_EQ(page.outside, 0) << page.detail;
  const Measured index = measure(chromium, flags, dir / "index.html");
  EXPECT_EQ(index.svgs, 6);  // one verdict bar per region and per indicator with verdicts
  EXPECT_EQ(index.outside, 0) << index.detail;

  for (const char* name : {"region-01.html", "index.html"}) {
    const fs::path shot = dir / (std::string(name) + ".png");
    run("timeout 120 " + chromium + flags + "--screenshot=" + shot.string() + " file://" + (dir / name).string() +
        " 2>/dev/null");
    ASSERT_TRUE(fs::exists(shot)) << name;
#ifdef REPORTLENS_HAVE_PNG
    const Pixels p = read_pixels(shot);
    std::printf("%s: %zu of %zu pixels inked, %zu green, %zu red\n", name, p.inked, p.total, p.green, p.red);
    ASSERT_EQ(p.total, 1200u * 900u) << name;
    EXPECT_GT(p.inked, p.total / 100) << name << ": the page rendered next to nothing";
    EXPECT_LT(p.inked, p.total / 2) << name;
    // The met (green) and missed (red) markers and bars are on screen.
    EXPECT_GT(p.green, 40u) << name;
    EXPECT_GT(p.red, 40u) << name;
#else
    EXPECT_GT(fs::file_size(shot), 10000u) << name;
    std::printf("libpng-dev not installed: pixels of %s not checked\n", name);
#endif
  }
  // REPORTLENS_KEEP_CHARTS=1 keeps the pages and screenshots for a look.
  if (const char* keep = std::getenv("REPORTLENS_KEEP_CHARTS"); keep && *keep == '1')
    std::printf("kept %s\n", dir.c_str());
  else
    fs::remove_all(dir);
}
