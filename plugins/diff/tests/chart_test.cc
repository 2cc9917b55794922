// The SVG chart (src/svg_chart.*): readable axis units and ticks, the layout keeping every
// label inside the drawing, verdict colours, and the words from data/labels.yaml.
#include <gtest/gtest.h>

#include <regex>

#include "chart_svg_check.h"
#include "svg_chart.h"

using namespace reportlens::diff;

namespace {

const Labels& labels() {
  static const Labels l = [] {
    Labels x;
    x.load(REPORTLENS_DIFF_DATA_DIR "/labels.yaml");
    return x;
  }();
  return l;
}

// China's GDP (level, 元) as the national reports state it, with the growth targets.
ChartSpec national_gdp_level() {
  ChartSpec s;
  s.title = "GDP";
  s.unit = "CNY";
  const double levels[] = {56.9e12, 63.6e12, 67.7e12, 74.4e12, 82.7e12, 90.0e12, 99.1e12, 101.6e12, 114.4e12, 121.0e12};
  for (int i = 0; i < 10; ++i) s.points.push_back({2013 + i, std::nullopt, std::nullopt, "", levels[i], false, ""});
  return s;
}

}  // namespace

TEST(Chart, AxisUnitFollowsTheMagnitude) {
  EXPECT_EQ(axis_unit(1.21e14, "CNY", labels()).label, "万亿元");
  EXPECT_DOUBLE_EQ(axis_unit(1.21e14, "CNY", labels()).divisor, 1e12);
  EXPECT_EQ(axis_unit(8.3e11, "CNY", labels()).label, "亿元");
  EXPECT_EQ(axis_unit(1.3e7, "person", labels()).label, "万人");
  EXPECT_EQ(axis_unit(650, "ton", labels()).label, "吨");
  EXPECT_EQ(axis_unit(7.5, "percent", labels()).label, "%");
}

TEST(Chart, TicksAreRoundAndCoverTheRange) {
  const auto t = nice_ticks(56.9, 121.0);
  ASSERT_GE(t.size(), 3u);
  EXPECT_LE(t.size(), 6u);
  EXPECT_LE(t.front(), 56.9);
  EXPECT_GE(t.back(), 121.0);
  const double step = t[1] - t[0];
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_NEAR(t[i] - t[i - 1], step, 1e-9);
  EXPECT_TRUE(step == 10 || step == 20 || step == 25 || step == 50) << step;
  EXPECT_EQ(tick_decimals(nice_ticks(6.1, 7.7)), 1);  // 6, 6.5, 7 … or 6.2, 6.4 …
  EXPECT_EQ(tick_decimals({0, 20, 40}), 0);
}

TEST(Chart, NoRawBaseUnitNumbersAndLabelsInside) {
  const std::string svg = render_svg_chart(national_gdp_level(), labels());
  const auto texts = svg_texts(svg);
  ASSERT_FALSE(texts.empty());
  bool unit_shown = false;
  for (const auto& t : texts) {
    EXPECT_FALSE(std::regex_search(t.text, std::regex("[0-9]{5,}"))) << t.text;  // 121000000000000
    unit_shown = unit_shown || t.text == "万亿元";
  }
  EXPECT_TRUE(unit_shown);
  const auto box = svg_view_box(svg);
  for (const auto& t : texts) EXPECT_TRUE(inside(t, box)) << t.text << " at " << t.x << "," << t.y;
}

TEST(Chart, TargetsColouredByVerdictWithWordsFromData) {
  ChartSpec s;
  s.title = "国内生产总值";
  s.unit = "percent";
  s.points = {{2014, 7.5, std::nullopt, "≈7.5%", 7.4, false, "met"},
              {2015, 7.0, std::nullopt, "≈7%", 6.9, false, "met"},
              {2016, 6.5, 7.0, "6.5–7%", 6.7, false, "met"},
              {2022, 5.5, std::nullopt, "≈5.5%", 3.0, false, "missed"},
              {2020, std::nullopt, std::nullopt, "", 2.3, true, ""}};
  const std::string svg = render_svg_chart(s, labels());
  EXPECT_NE(svg.find(std::string("fill=\"") + verdict_colour("missed") + "\""), std::string::npos);
  EXPECT_NE(svg.find(std::string("fill=\"") + verdict_colour("met") + "\""), std::string::npos);
  EXPECT_NE(svg.find("<rect x="), std::string::npos);           // the 6.5–7% range as a bar
  EXPECT_NE(svg.find("未达成"), std::string::npos);               // legend and tooltip word
  EXPECT_NE(svg.find("2022 目标 ≈5.5% · 实际 3% · 未达成"), std::string::npos);
  EXPECT_NE(svg.find("2020 · 预计 2.3%"), std::string::npos);    // an estimate, no target
  const auto box = svg_view_box(svg);
  for (const auto& t : svg_texts(svg)) EXPECT_TRUE(inside(t, box)) << t.text;
}

TEST(Chart, LongTitleIsCutToTheWidth) {
  ChartSpec s = national_gdp_level();
  s.title = std::string(60 * 3, 'x');
  for (int i = 0; i < 60; ++i) s.title.replace(i * 3, 3, "国");
  s.width = 320;
  const std::string svg = render_svg_chart(s, labels());
  const auto box = svg_view_box(svg);
  for (const auto& t : svg_texts(svg)) EXPECT_TRUE(inside(t, box)) << t.text;
}

TEST(Chart, EmptySeriesSaysSo) {
  ChartSpec s;
  s.title = "x";
  EXPECT_NE(render_svg_chart(s, labels()).find("无数据"), std::string::npos);
}
