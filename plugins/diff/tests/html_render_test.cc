// The HTML report: escaping, structure, and a real render in headless Chromium (skipped
// when chromium is not installed).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "html_report.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  std::unique_ptr<Document> a, b;
  std::unique_ptr<DocView> va, vb;
  std::vector<Comparison> comparisons;
};

// A small pair with a target, a changed sentence, an entity and text that needs escaping.
std::unique_ptr<Fixture> fixture(const DiffEngine& engine) {
  auto f = std::make_unique<Fixture>();
  f->a = make_doc("tiexi/2022.txt",
                  "一、2022年工作回顾\n地区生产总值增长3.5%。\n"
                  "二、2023年主要任务\n2023年地区生产总值增长8%以上。支持沈鼓集团发展<script>window.x=\"y\"</script>。\n",
                  {{"report_year", 2022}});
  add_section(*f->a, "一、2022年工作回顾", 1, "一", "2022年工作回顾");
  add_section(*f->a, "二、2023年主要任务", 1, "二", "2023年主要任务");
  add_indicator(*f->a, "地区生产总值增长3.5%", indicator("地区生产总值", 2022, "actual", nullptr, growth(3.5)));
  add_indicator(*f->a, "地区生产总值增长8%以上", indicator("地区生产总值", 2023, "target", nullptr, growth(8), ">="));
  auto [eb, ee] = find_span(*f->a, "沈鼓集团");
  f->a->add("entity", eb, ee, {{"kind", "company"}, {"canonical", "沈阳鼓风机集团"}});
  f->b = make_doc("tiexi/2023.txt",
                  "二、2024年主要任务\n地区生产总值增长6.5%。支持沈鼓集团发展<script>window.x=\"y\"</script>。\n",
                  {{"report_year", 2023}});
  add_section(*f->b, "二、2024年主要任务", 1, "二", "2024年主要任务");
  add_indicator(*f->b, "地区生产总值增长6.5%", indicator("地区生产总值", 2023, "actual", nullptr, growth(6.5)));
  f->va = std::make_unique<DocView>(*f->a, engine.catalog(), shipped_words());
  f->vb = std::make_unique<DocView>(*f->b, engine.catalog(), shipped_words());
  f->comparisons.push_back(engine.compare(*f->va, *f->vb));
  return f;
}

std::string run(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  return out;
}

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string path = run(std::string("command -v ") + name + " 2>/dev/null");
    if (!path.empty()) return path.substr(0, path.find('\n'));
  }
  return "";
}

}  // namespace

TEST(HtmlReport, EscapesTextAndIsSelfContained) {
  const DiffEngine e = engine();
  auto f = fixture(e);
  const std::string html = render_html(f->comparisons);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;window.x=&quot;y&quot;&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"e\">沈鼓集团</span>"), std::string::npos);
  EXPECT_NE(html.find("class=\"targets\""), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"missed\">"), std::string::npos);  // 6.5 against 8以上
}

// The verdict and direction in the words of labels.yaml, one chart for the standard indicator
// (its growth in both reports and the target, coloured as missed), and the column widths of
// the side-by-side tables set by <col>.
TEST(HtmlReport, VerdictWordsChartAndColumnWidths) {
  const DiffEngine e = engine();
  auto f = fixture(e);
  const std::string html = render_html(f->comparisons);
  EXPECT_NE(html.find("<td class=\"verdict\">未达成 missed</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>越高越好</td>"), std::string::npos);
  const auto chart = html.find("<svg class=\"chart\"");
  ASSERT_NE(chart, std::string::npos);
  EXPECT_EQ(html.find("<svg class=\"chart\"", chart + 1), std::string::npos);
  const std::string svg = html.substr(chart, html.find("</svg>", chart) - chart);
  EXPECT_NE(svg.find(">地区生产总值</text>"), std::string::npos);
  EXPECT_NE(svg.find("2023 目标 ≥8% · 实际 6.5% · 未达成"), std::string::npos);
  EXPECT_NE(svg.find(std::string("fill=\"") + verdict_colour("missed") + "\""), std::string::npos);
  EXPECT_NE(html.find("<colgroup><col class=\"b\"><col class=\"op\"><col class=\"c\"></colgroup>"),
            std::string::npos);
}

TEST(HtmlReport, RendersInHeadlessChromium) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium not installed";
  const DiffEngine e = engine();
  auto f = fixture(e);
  const fs::path dir = fs::temp_directory_path() / ("reportlens_diff_html_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path page = dir / "report.html", shot = dir / "shot.png", profile = dir / "profile";
  {
    std::ofstream out(page, std::ios::binary);
    out << render_html(f->comparisons);
  }
  const std::string flags = " --headless --no-sandbox --disable-gpu --disable-background-networking"
                            " --disable-component-update --disable-sync --no-first-run"
                            " --user-data-dir=" + profile.string() + " --window-size=1280,2000 ";
  const std::string dom = run(chromium + flags + "--dump-dom file://" + page.string() + " 2>/dev/null");
  // The browser parsed the tables: the rows it serialises back carry the verdict class and
  // the figures as rendered text.
  EXPECT_NE(dom.find("<table class=\"targets\">"), std::string::npos) << dom.substr(0, 500);
  EXPECT_NE(dom.find("<tr class=\"missed\">"), std::string::npos);
  EXPECT_NE(dom.find("≥8%"), std::string::npos);
  EXPECT_NE(dom.find("<table class=\"side\">"), std::string::npos);
  EXPECT_EQ(dom.find("<script>"), std::string::npos);

  // Column widths as the browser lays them out: the two text columns equal, the marks narrow.
  const fs::path probe = dir / "probe.html";
  {
    std::ofstream out(probe, std::ios::binary);
    out << render_html(f->comparisons) << "<script>var t=document.querySelector('table.side').rows[0].cells;"
        << "var p=document.createElement('pre');p.id='w';p.textContent='widths='+t[0].offsetWidth+','+"
        << "t[1].offsetWidth+','+t[2].offsetWidth;document.body.appendChild(p);</script>";
  }
  const std::string measured = run(chromium + flags + "--dump-dom file://" + probe.string() + " 2>/dev/null");
  int b = 0, op = 0, c = 0;
  const auto at = measured.find("<pre id=\"w\">widths=");  // the result, not the script's text
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(std::sscanf(measured.c_str() + at, "<pre id=\"w\">widths=%d,%d,%d", &b, &op, &c), 3);
  std::printf("side table columns: %d, %d, %d px\n", b, op, c);
  EXPECT_LE(std::abs(b - c), 2) << b << " " << c;
  EXPECT_LT(op * 4, b) << "marks column " << op << " against text columns " << b;

  run(chromium + flags + "--screenshot=" + shot.string() + " file://" + page.string() + " 2>/dev/null");
  ASSERT_TRUE(fs::exists(shot));
  // A blank 1280x2000 page compresses to a few KB; rendered tables and text are far larger.
  EXPECT_GT(fs::file_size(shot), 20000u);
  std::ifstream png(shot, std::ios::binary);
  char magic[8] = {};
  png.read(magic, 8);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");
  fs::remove_all(dir);
}
