// Targets without a figure: found in the earlier report's target paragraph and settled from
// the later report (figures for the year first, then its wording before its own targets).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "html_report.h"
#include "qualitative_targets.h"
#include "test_docs.h"
#include "text_summary.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;

namespace {

// An earlier report (delivered 2023, targets for 2023) whose target paragraph holds the six
// kinds of statement, besides figures.
std::unique_ptr<Document> base_report() {
  auto d = make_doc("甲市/2023.txt",
                    "过去一年，全市地区生产总值增长4.1%。\n"
                    "今年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，"
                    "居民收入增长与经济增长同步，国际收支基本平衡，单位国内生产总值能耗降低，"
                    "生态环境质量持续改善，社会消费品零售总额增速高于全省平均水平，"
                    "完成省下达的节能减排目标。\n"
                    "一、扩大有效投资\n全年新开工项目500个。\n",
                    {{"plan_year", 2023}, {"report_year", 2022}});
  add_indicator(*d, "地区生产总值增长5.5%左右",
                indicator("地区生产总值", 2023, "target", nullptr, growth(5.5), "~"));
  return d;
}

struct Later {
  std::string review;               // text before the later report's own targets
  std::vector<std::pair<std::string, Json>> facts;  // evidence → indicator attrs
};

std::unique_ptr<Document> later_report(const Later& l) {
  auto d = make_doc("甲市/2024.txt",
                    l.review +
                        "\n今年主要预期目标是：地区生产总值增长5%左右，居民收入增长与经济增长同步，"
                        "国际收支基本平衡，生态环境质量持续改善，完成省下达的节能减排目标。\n",
                    {{"plan_year", 2024}, {"report_year", 2023}});
  for (const auto& [evidence, attrs] : l.facts) add_indicator(*d, evidence, attrs);
  return d;
}

Json run(const Later& l) {
  auto a = base_report();
  auto b = later_report(l);
  const MetricCatalog catalog = shipped_catalog();
  const DocView va(*a, catalog, shipped_words()), vb(*b, catalog, shipped_words());
  return check_qualitative_targets(va, vb, catalog, shipped_qualitative());
}

const Json& entry(const Json& items, const std::string& relation) {
  for (const auto& q : items)
    if (q["relation"] == relation) return q;
  throw std::runtime_error("no entry for " + relation);
}

std::string first_evidence(const Json& q) {
  const Json& a = q["actual"];
  if (!a["evidence"].empty()) return a["evidence"][0]["text"].get<std::string>();
  if (!a["figures"].empty()) return a["figures"][0]["evidence"]["text"].get<std::string>();
  return "";
}

}  // namespace

TEST(QualitativeTargets, StatementsOfTheTargetParagraphOnly) {
  auto a = base_report();
  const MetricCatalog catalog = shipped_catalog();
  const DocView v(*a, catalog, shipped_words());
  const QualitativeRules rules = shipped_qualitative();  // statements point into it
  const auto st = find_statements(v, rules);
  ASSERT_EQ(st.size(), 6u);
  EXPECT_EQ(st[0].kind->kind, "in_step");
  EXPECT_EQ(st[0].subject, "居民收入");
  EXPECT_EQ(st[0].reference, "经济增长");
  EXPECT_EQ(st[1].kind->kind, "balanced");
  EXPECT_EQ(st[1].subject, "国际收支");
  EXPECT_EQ(st[2].kind->kind, "decrease");
  EXPECT_EQ(st[2].subject, "单位国内生产总值能耗");
  EXPECT_EQ(st[3].kind->kind, "improve");
  EXPECT_EQ(st[4].kind->kind, "above_average");
  EXPECT_EQ(st[4].subject, "社会消费品零售总额");
  EXPECT_EQ(st[5].kind->kind, "higher_level");
  EXPECT_EQ(st[5].subject, "节能减排");
  // Offsets point at the clause in the original text.
  EXPECT_EQ(a->text().substr(st[1].begin, st[1].end - st[1].begin), "国际收支基本平衡");
}

TEST(QualitativeTargets, NoParagraphWithoutATargetMarker) {
  const QualitativeRules r = shipped_qualitative();
  EXPECT_TRUE(target_paragraphs("去年主要预期目标全面完成，居民收入增长与经济增长同步。", r).empty());
  EXPECT_EQ(target_paragraphs("前言\n主要预期目标建议为：居民收入增长与经济增长同步。", r).size(), 1u);
  // A review remark, and five-year goals, are not the year's target paragraph.
  EXPECT_TRUE(target_paragraphs("两项指标未完成预期目标，主要原因是疫情冲击。", r).empty());
  EXPECT_TRUE(target_paragraphs("“十四五”时期经济社会发展主要目标是：生态环境持续改善。", r).empty());
  EXPECT_TRUE(target_paragraphs("主要预期目标是：地区生产总值年均增长6%，生态环境持续改善。", r).empty());
  EXPECT_EQ(target_paragraphs("对接“十四五”规划，提出今年的主要预期目标是：生态环境持续改善。", r).size(), 1u);
  // Remarks about the targets and figures are not qualitative targets.
  EXPECT_FALSE(parse_statement("加强对增长、就业、物价、国际收支等主要目标的统筹平衡", r));
  EXPECT_FALSE(parse_statement("城镇调查失业率5.5%以内", r));
  const auto faster = parse_statement("居民人均可支配收入增速高于GDP增速", r);
  ASSERT_TRUE(faster);
  EXPECT_EQ(faster->kind->kind, "faster");
  const auto avg = parse_statement("出口总额增长不低于全省平均水平", r);
  ASSERT_TRUE(avg);
  EXPECT_EQ(avg->kind->kind, "above_average");
}

TEST(QualitativeTargets, MetFromFiguresAndWording) {
  const Json q = run({"去年，全市地区生产总值增长5.2%，居民人均可支配收入增长6.1%。国际收支保持基本平衡。"
                      "单位地区生产总值能耗下降3.5%。生态环境质量持续改善，空气质量优良天数比例提高。"
                      "社会消费品零售总额增速高于全省平均水平1.2个百分点。完成省下达的节能减排目标任务。",
                      {{"地区生产总值增长5.2%", indicator("地区生产总值", 2023, "actual", nullptr, growth(5.2))},
                       {"居民人均可支配收入增长6.1%",
                        indicator("居民人均可支配收入", 2023, "actual", nullptr, growth(6.1))},
                       {"单位地区生产总值能耗下降3.5%",
                        indicator("单位地区生产总值能耗", 2023, "actual", nullptr, growth(-3.5))}}});
  ASSERT_EQ(q.size(), 6u);
  for (const auto& e : q) {
    EXPECT_EQ(e["verdict"], "met") << e["statement"];
    EXPECT_EQ(e["kind"], "qualitative");
    EXPECT_EQ(e["period"], 2023);
    EXPECT_EQ(e["target"]["doc"], "甲市/2023.txt");
    EXPECT_EQ(e["actual"]["doc"], "甲市/2024.txt");
  }
  const Json& in_step = entry(q, "in_step");
  ASSERT_EQ(in_step["actual"]["figures"].size(), 2u);  // income 6.1 against GDP 5.2
  EXPECT_EQ(in_step["actual"]["figures"][0]["value"], 6.1);
  EXPECT_EQ(in_step["actual"]["figures"][1]["value"], 5.2);
  EXPECT_EQ(first_evidence(entry(q, "balanced")), "国际收支保持基本平衡");
  EXPECT_EQ(first_evidence(entry(q, "decrease")), "单位地区生产总值能耗下降3.5%");
  EXPECT_EQ(first_evidence(entry(q, "improve")), "生态环境质量持续改善");
  EXPECT_EQ(first_evidence(entry(q, "above_average")), "社会消费品零售总额增速高于全省平均水平1.2个百分点");
  EXPECT_EQ(first_evidence(entry(q, "higher_level")), "完成省下达的节能减排目标任务");
  EXPECT_EQ(entry(q, "in_step")["target"]["evidence"]["text"], "居民收入增长与经济增长同步");
}

TEST(QualitativeTargets, MissedFromFiguresAndWording) {
  const Json q = run({"去年，全市地区生产总值增长5.2%，居民人均可支配收入增长3.9%。国际收支出现失衡。"
                      "单位地区生产总值能耗上升1.2%。生态环境质量有所恶化。"
                      "社会消费品零售总额增速低于全省平均水平。节能减排目标未完成。",
                      {{"地区生产总值增长5.2%", indicator("地区生产总值", 2023, "actual", nullptr, growth(5.2))},
                       {"居民人均可支配收入增长3.9%",
                        indicator("居民人均可支配收入", 2023, "actual", nullptr, growth(3.9))},
                       {"单位地区生产总值能耗上升1.2%",
                        indicator("单位地区生产总值能耗", 2023, "actual", nullptr, growth(1.2))}}});
  for (const auto& e : q) EXPECT_EQ(e["verdict"], "missed") << e["statement"];
  EXPECT_EQ(first_evidence(entry(q, "higher_level")), "节能减排目标未完成");
  EXPECT_EQ(first_evidence(entry(q, "balanced")), "国际收支出现失衡");
}

TEST(QualitativeTargets, UnclearWithoutAStatementAndNotFromTheLaterReportsOwnTargets) {
  // The later report repeats the statements only as its own targets for 2024.
  const Json q = run({"去年，全市经济运行总体平稳。", {}});
  ASSERT_EQ(q.size(), 6u);
  for (const auto& e : q) {
    EXPECT_EQ(e["verdict"], "unclear") << e["statement"];
    EXPECT_TRUE(e["actual"]["evidence"].empty());
    EXPECT_EQ(e["reason"], "no statement in the later report");
  }
}

TEST(QualitativeTargets, IncomeFiguresThatDisagreeAreUnclear) {
  // Urban income 4.3 (more than 0.5 points below GDP 5.3), rural 7.9.
  const Json q = run({"去年，地区生产总值增长5.3%，城镇居民人均可支配收入增长4.3%，农村居民人均可支配收入增长7.9%。",
                      {{"地区生产总值增长5.3%", indicator("地区生产总值", 2023, "actual", nullptr, growth(5.3))},
                       {"城镇居民人均可支配收入增长4.3%",
                        indicator("城镇居民人均可支配收入", 2023, "actual", nullptr, growth(4.3))},
                       {"农村居民人均可支配收入增长7.9%",
                        indicator("农村居民人均可支配收入", 2023, "actual", nullptr, growth(7.9))}}});
  const Json& e = entry(q, "in_step");
  EXPECT_EQ(e["verdict"], "unclear");
  EXPECT_EQ(e["actual"]["figures"].size(), 3u);
}

TEST(QualitativeTargets, InComparisonSummaryAndHtml) {
  auto a = base_report();
  auto b = later_report({"去年居民人均可支配收入增长6.1%，地区生产总值增长5.2%。国际收支保持基本平衡。"
                         "节能减排目标未完成。",
                         {{"地区生产总值增长5.2%", indicator("地区生产总值", 2023, "actual", nullptr, growth(5.2))},
                          {"居民人均可支配收入增长6.1%",
                           indicator("居民人均可支配收入", 2023, "actual", nullptr, growth(6.1))}}});
  const DiffEngine e = engine();
  const DocView va(*a, e.catalog(), shipped_words()), vb(*b, e.catalog(), shipped_words());
  std::vector<Comparison> cs{e.compare(va, vb)};
  const Json& q = cs[0].json["qualitative_targets"];
  ASSERT_EQ(q.size(), 6u);
  const std::string html = render_html(cs);
  EXPECT_NE(html.find("定性目标"), std::string::npos);
  EXPECT_NE(html.find("达成 met"), std::string::npos);
  EXPECT_NE(html.find("未达成 missed"), std::string::npos);
  EXPECT_NE(html.find("无法判断 unclear"), std::string::npos);
  EXPECT_NE(html.find("国际收支保持基本平衡"), std::string::npos);
  const std::string summary = render_summary(cs);
  EXPECT_NE(summary.find("Qualitative targets: 6 (met 2, missed 1, unclear 3)"), std::string::npos)
      << summary;
}

TEST(QualitativeTargets, BadDataFileNamesFileAndLine) {
  const auto path = std::filesystem::temp_directory_path() / "rl_diff_bad_qualitative.yaml";
  {
    std::ofstream f(path);
    f << "kinds:\n  - kind: sideways\n    triggers: [同步]\n";
  }
  QualitativeRules r;
  try {
    r.load(path);
    FAIL() << "no error";
  } catch (const StageError& err) {
    EXPECT_NE(std::string(err.what()).find("rl_diff_bad_qualitative.yaml:2"), std::string::npos)
        << err.what();
  }
  std::filesystem::remove(path);
}
