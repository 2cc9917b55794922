// The trace (setting `trace: true`): for every number the reader looks at, the rule that kept
// or dropped it, with the reason written in data/lexicon.yaml. Runs the real segment, numbers
// and indicators plugins.
#include <gtest/gtest.h>

#include "reportlens/testing.h"
#include "sentence_reader.h"
#include "test_support.h"

namespace reportlens::indicators::testing {
namespace {

// A plan report in the usual shape: the reviewed year's figures, then the planned year's.
const char* kReport =
    "关于某市2022年国民经济和社会发展计划执行情况与2023年计划草案的报告\n"
    "一、2022年计划执行情况\n"
    "2022年，全市地区生产总值增长5.2%。年产值10亿元以上企业达到50家，位居全省第2位。"
    "五年累计新增城镇就业25万人。\n"
    "二、2023年主要任务\n"
    "实现两个率先。地区生产总值增长6%以上。\n";

std::unique_ptr<Document> traced(const std::string& text) {
  try {
    return reportlens::testing::run_stages({{"segment"}, {"numbers"}, {"indicators", {{"trace", true}}}}, text,
                                           Json::object(), {}, "city/2022-plan-report.txt");
  } catch (const std::exception& e) {
    if (std::string(e.what()).find("numbers") != std::string::npos) return nullptr;
    throw;
  }
}

// The trace attrs of the number written `surface` (the first one), or null json.
Json trace_of(const Document& doc, const std::string& surface) {
  for (const auto& a : doc.annotations("trace"))
    if (doc.slice(a.begin, a.end) == surface) return a.attrs;
  return Json();
}

void expect_dropped(const Document& doc, const std::string& surface, const std::string& rule) {
  const Json t = trace_of(doc, surface);
  ASSERT_FALSE(t.is_null()) << surface << ": no trace";
  EXPECT_EQ(t["decision"], "dropped") << surface;
  EXPECT_EQ(t["rule"], rule) << surface;
  // The reason shown is the one the data gives the rule.
  EXPECT_EQ(t["reason"], shipped_lexicon().rule_reasons.at(rule)) << surface;
  EXPECT_FALSE(t.contains("metric")) << surface;
}

TEST(RuleTrace, ReasonsOfDroppedNumbers) {
  auto doc = traced(kReport);
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  expect_dropped(*doc, "第2位", "ordinal");                       // a rank
  expect_dropped(*doc, "两个", "rhetorical_numeral");             // a slogan number: 两个率先
  expect_dropped(*doc, "25万人", "multi_year_total");             // a five-year total in a review
  expect_dropped(*doc, "10亿元", "threshold_in_noun_phrase");     // 年产值10亿元以上企业
  expect_dropped(*doc, "2022年", "calendar_year");                // a year
}

TEST(RuleTrace, AKeptNumberNamesItsFact) {
  auto doc = traced(kReport);
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  const Json t = trace_of(*doc, "6%");
  ASSERT_FALSE(t.is_null());
  EXPECT_EQ(t["decision"], "kept");
  EXPECT_EQ(t["rule"], "subject");
  EXPECT_EQ(t["reason"], shipped_lexicon().rule_reasons.at("subject"));
  EXPECT_EQ(t["metric"], "地区生产总值");
  EXPECT_EQ(t["period"], 2023);
  EXPECT_EQ(t["status"], "target");
  EXPECT_EQ(t["qualifier"], ">=");
  const Json counted = trace_of(*doc, "50家");
  EXPECT_EQ(counted["decision"], "kept");
  EXPECT_EQ(counted["metric"], "年产值10亿元以上企业");
  EXPECT_EQ(counted["period"], 2022);
  EXPECT_EQ(counted["status"], "actual");
}

// Every number of the report's body (the title is no sentence the reader reads) is traced
// once, and the facts are those of a run without trace.
TEST(RuleTrace, EveryNumberOnceAndTheFactsUnchanged) {
  auto doc = traced(kReport);
  if (!doc) GTEST_SKIP() << "numbers plugin not built";
  auto plain = run_all(kReport, "city/2022-plan-report.txt");
  const std::size_t body = std::string(kReport).find('\n');
  std::size_t figures = 0;
  for (const auto& q : doc->annotations("quantity")) {
    if (q.begin < body) continue;
    ++figures;
    EXPECT_FALSE(trace_of(*doc, std::string(doc->slice(q.begin, q.end))).is_null()) << doc->slice(q.begin, q.end);
  }
  EXPECT_EQ(doc->annotations("trace").size(), figures);
  EXPECT_EQ(facts(*doc), facts(*plain));
  EXPECT_TRUE(plain->annotations("trace").empty());
}

// Every rule has its reason in the shipped data (the stage refuses to start otherwise).
TEST(RuleTrace, EveryRuleHasAReason) {
  for (const Rule rule : all_rules()) {
    const auto it = shipped_lexicon().rule_reasons.find(rule_id(rule));
    ASSERT_NE(it, shipped_lexicon().rule_reasons.end()) << rule_id(rule);
    EXPECT_FALSE(it->second.empty()) << rule_id(rule);
  }
}

}  // namespace
}  // namespace reportlens::indicators::testing
