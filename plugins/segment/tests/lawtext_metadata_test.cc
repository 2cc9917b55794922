// Document metadata from the text alone: the 417 local work reports of
// ../shared/corpus/lawtext/<place>/<plan year>.txt (never in the repo) are copied to opaque
// names (0001.txt …), so that the file name carries nothing, and run through the real segment
// stage; region, plan year and kind must match the directory, the file name and
// "work_report" for at least 99% each. Plus the delivery-line forms and the December rule on
// small texts, and the typed accessor of reportlens/report_meta.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "reportlens/report_meta.h"
#include "reportlens/testing.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

struct Truth {
  fs::path file;
  std::string region;
  int plan_year;
};

std::vector<Truth> lawtext_reports() {
  std::vector<Truth> out;
  const fs::path corpus = segment_test::shared_corpus();
  if (corpus.empty() || !fs::is_directory(corpus / "lawtext")) return out;
  for (const auto& place : fs::directory_iterator(corpus / "lawtext")) {
    if (!place.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(place.path()))
      if (f.path().extension() == ".txt")
        out.push_back({f.path(), place.path().filename().string(), std::stoi(f.path().stem().string())});
  }
  std::sort(out.begin(), out.end(), [](const Truth& a, const Truth& b) { return a.file < b.file; });
  return out;
}

// A private temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("reportlens-lawtext-meta-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

TEST(LawtextMetadata, RegionPlanYearAndKindFromTheTextAlone) {
  const std::vector<Truth> reports = lawtext_reports();
  if (reports.empty()) GTEST_SKIP() << "shared corpus lawtext/ not found (set REPORTLENS_SHARED_CORPUS)";
  TempDir tmp;
  int region_ok = 0, plan_ok = 0, kind_ok = 0, dated = 0, n = 0;
  std::vector<std::string> failures;
  for (const Truth& t : reports) {
    char name[16];
    std::snprintf(name, sizeof name, "%04d.txt", ++n);
    const fs::path copy = tmp.path / name;
    fs::copy_file(t.file, copy);
    const auto doc = reportlens::testing::run_stages_on_file({{"segment"}}, copy.string());
    ASSERT_EQ(doc->id().find(t.region), std::string::npos);  // the name tells nothing
    const reportlens::ReportMeta m = reportlens::read_report_meta(*doc);
    const bool r = m.region == t.region, p = m.plan_year == t.plan_year, k = m.kind == "work_report";
    region_ok += r;
    plan_ok += p;
    kind_ok += k;
    dated += !m.delivery_date.empty();
    if (!(r && p && k))
      failures.push_back(t.region + "/" + std::to_string(t.plan_year) + ".txt: region=" + m.region +
                         " plan_year=" + std::to_string(m.plan_year) + " kind=" + m.kind +
                         " meeting_date=" + m.delivery_date);
  }
  const double total = static_cast<double>(reports.size());
  std::cout << "lawtext reports: " << reports.size() << "\n"
            << "region: " << region_ok << " = " << region_ok / total << "\n"
            << "plan_year: " << plan_ok << " = " << plan_ok / total << "\n"
            << "kind: " << kind_ok << " = " << kind_ok / total << "\n"
            << "meeting_date found: " << dated << "\n"
            << "failures: " << failures.size() << "\n";
  for (const auto& f : failures) std::cout << "  " << f << "\n";
  EXPECT_GE(reports.size(), 400u);
  EXPECT_GE(region_ok / total, 0.99);
  EXPECT_GE(plan_ok / total, 0.99);
  EXPECT_GE(kind_ok / total, 0.99);
}

reportlens::ReportMeta meta_of(const std::string& text) {
  const auto doc = reportlens::testing::run_stages({{"segment"}}, text, {}, {}, "0001.txt");
  return reportlens::read_report_meta(*doc);
}

const char* kBody = "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n过去一年，经济平稳。\n";

TEST(LawtextMetadata, DeliveryLineForms) {
  // Chinese numerals, the copy's label, the dash at the end of the title line.
  auto m = meta_of(std::string("原标题：政府工作报告——\n二〇二三年一月十五日在北京市第十六届人民代表大会第一次会议上\n北京市代市长 殷勇\n") + kBody);
  EXPECT_EQ(m.region, "北京市");
  EXPECT_EQ(m.title, "政府工作报告");
  EXPECT_EQ(m.delivery_date, "2023-01-15");
  EXPECT_EQ(m.plan_year, 2023);
  EXPECT_EQ(m.report_year, 2022);
  EXPECT_EQ(m.kind, "work_report");
  // A horizontal bar (U+2015) for the dash; no title.
  m = meta_of(std::string("――2003年3月21日在广州市第十二届人民代表大会第一次会议上\n") + kBody);
  EXPECT_EQ(m.region, "广州市");
  EXPECT_EQ(m.delivery_date, "2003-03-21");
  EXPECT_EQ(m.plan_year, 2003);
  EXPECT_EQ(m.kind, "work_report");
  // "…会议通过" without 在; "十六届人大" without 第.
  m = meta_of(std::string("——2007年1月19日沈阳市第十三届人民代表大会第五次会议通过\n") + kBody);
  EXPECT_EQ(m.region, "沈阳市");
  m = meta_of(std::string("——2021年1月12日在南京市十六届人大四次会议上\n") + kBody);
  EXPECT_EQ(m.region, "南京市");
  // Title and delivery line on one line, in brackets.
  m = meta_of(std::string("政府工作报告（2022年1月24日在吉林省第十三届人民代表大会第五次会议上 省长 韩俊）\n") + kBody);
  EXPECT_EQ(m.region, "吉林省");
  EXPECT_EQ(m.title, "政府工作报告");
  EXPECT_EQ(m.delivery_date, "2022-01-24");
  // The delivery line cut before the congress.
  m = meta_of(std::string("政府工作报告\n2021年2月21日在宁波市\n第十五届人民代表大会第六次会议上\n") + kBody);
  EXPECT_EQ(m.region, "宁波市");
  EXPECT_EQ(m.delivery_date, "2021-02-21");
  // No date on the delivery line: the date line below the speaker.
  m = meta_of(std::string("——在七台河市第十一届人民代表大会第六次会议上\n李兵\n2021年1月14日\n") + kBody);
  EXPECT_EQ(m.region, "七台河市");
  EXPECT_EQ(m.delivery_date, "2021-01-14");
  EXPECT_EQ(m.plan_year, 2021);
}

TEST(LawtextMetadata, DecemberSessionPlansTheNextYear) {
  const auto m = meta_of(std::string("政府工作报告\n——2022年12月30日在合肥市第十七届人民代表大会第二次会议上\n") + kBody);
  EXPECT_EQ(m.delivery_date, "2022-12-30");
  EXPECT_EQ(m.delivery_year, 2022);
  EXPECT_EQ(m.report_year, 2022);
  EXPECT_EQ(m.plan_year, 2023);
}

TEST(LawtextMetadata, RegionWithoutADeliveryLine) {
  // The speaker line names it.
  auto m = meta_of(std::string("上海市市长 龚正\n") + kBody);
  EXPECT_EQ(m.region, "上海市");
  // The first sentence names it.
  m = meta_of("各位代表：\n现在，我代表江西省人民政府向大会报告工作，请予审议。\n一、2020年工作回顾\n江西经济平稳。\n");
  EXPECT_EQ(m.region, "江西省");
  EXPECT_EQ(m.report_year, 2020);
  EXPECT_EQ(m.plan_year, 2021);
  EXPECT_EQ(m.kind, "work_report");
  // Only "自治区" where the name belongs: the province-level name used most.
  m = meta_of(
      "各位代表：\n现在，我代表自治区人民政府向大会报告工作。\n一、2024年工作回顾\n"
      "内蒙古经济平稳，内蒙古农牧业丰收，内蒙古能源保供，呼和浩特建设加快。\n");
  EXPECT_EQ(m.region, "内蒙古自治区");
  // Only "市": the "XX市" the text writes most (市 starting 市民, 市场 does not count).
  m = meta_of(
      "——2021年1月19日在市第十六届人民代表大会第五次会议上\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
      "苏州市经济平稳，苏州市民安居。推进市场化改革，推进市场准入，推进市场监管。苏州工业园区发展，"
      "全市上下，全面建成苏州市现代化。\n");
  EXPECT_EQ(m.region, "苏州市");
}

TEST(ReportMeta, ReadsTheSeedsFacts) {
  const auto doc = reportlens::testing::run_stages(
      {{"segment"}}, segment_test::read_file(segment_test::seed_path()), {}, {}, "opaque.txt");
  const reportlens::ReportMeta m = reportlens::read_report_meta(*doc);
  EXPECT_EQ(m.region, "铁西区");
  EXPECT_EQ(m.city, "沈阳");
  EXPECT_EQ(m.report_year, 2022);
  EXPECT_EQ(m.plan_year, 2023);
  EXPECT_EQ(m.delivery_year, 2022);
  EXPECT_EQ(m.delivery_date, "2022-12-14");
  EXPECT_EQ(m.kind, "plan_report");
  EXPECT_FALSE(m.national());
}

TEST(ReportMeta, UserValuesAndStringsAndAbsentKeys) {
  reportlens::Document doc("x.txt", "x.txt", "text",
                           reportlens::Json{{"region", "全国"}, {"report_year", "2021"}, {"plan_year", "20x1"}});
  const reportlens::ReportMeta m = reportlens::read_report_meta(doc);
  EXPECT_TRUE(m.national());
  EXPECT_EQ(m.report_year, 2021);
  EXPECT_EQ(m.plan_year, 0);  // not a year
  EXPECT_EQ(m.delivery_year, 0);
  EXPECT_TRUE(m.kind.empty());
  EXPECT_TRUE(m.delivery_date.empty());
}

}  // namespace
