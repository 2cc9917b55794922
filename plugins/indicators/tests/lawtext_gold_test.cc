// The local reports of the shared gold (../shared/eval/gold, section (e): 沈阳, 大连, 辽宁) read
// through the real segment + numbers + indicators stages: every gold fact found inside its
// headline span, and nothing else there. Skipped when the shared corpus is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "shared_corpus.h"
#include "test_support.h"

namespace {

using reportlens::Json;
using reportlens::indicators::testing::run_all;

std::string read(const std::filesystem::path& p) { return reportlens::indicators::testing::read_file(p); }

std::vector<Json> read_lines(const std::filesystem::path& p, const std::string& doc_prefix) {
  std::vector<Json> out;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);)
    if (!line.empty())
      if (Json j = Json::parse(line); j["doc"].get<std::string>().starts_with(doc_prefix)) out.push_back(j);
  return out;
}

bool same_measure(const Json& gold, const Json& got) {
  if (gold.is_null()) return true;
  if (!got.is_object() || got["unit"] != gold["unit"]) return false;
  const Json &a = gold["value"], &b = got["value"];
  if (a.is_array() || b.is_array()) return a == b;
  return std::abs(a.get<double>() - b.get<double>()) < 1e-6 * std::max(1.0, std::abs(a.get<double>()));
}

// The gold's metric matching: equal, or one name inside the other.
bool same_metric(const std::string& gold, const std::string& got) {
  return gold == got || gold.find(got) != std::string::npos || got.find(gold) != std::string::npos;
}

TEST(LawtextGold, HeadlineFactsOfTheLocalReports) {
  REPORTLENS_SHARED_OR_SKIP(corpus, "lawtext");
  const auto gold_dir = reportlens::test::shared_gold_dir();
  if (gold_dir.empty() || !std::filesystem::exists(gold_dir / "indicators.jsonl"))
    GTEST_SKIP() << "shared gold absent (../shared/eval/gold beside the checkout)";
  std::map<std::string, std::vector<Json>> facts_of, spans_of;
  for (auto& g : read_lines(gold_dir / "indicators.jsonl", "lawtext/")) facts_of[g["doc"]].push_back(g);
  for (auto& s : read_lines(gold_dir / "headline_spans.jsonl", "lawtext/")) spans_of[s["doc"]].push_back(s);
  ASSERT_FALSE(facts_of.empty());
  int found = 0, missed = 0, extra = 0;
  for (const auto& [doc_id, gold] : facts_of) {
    const std::string text = read(corpus.parent_path() / doc_id);
    auto doc = run_all(text, doc_id);
    if (!doc) GTEST_SKIP() << "numbers plugin not built";
    // The headline spans as byte ranges (the gold gives their text).
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const auto& s : spans_of[doc_id]) {
      const std::size_t at = text.find(s["text"].get<std::string>());
      ASSERT_NE(at, std::string::npos) << doc_id;
      spans.emplace_back(at, at + s["text"].get<std::string>().size());
    }
    std::vector<Json> got;
    for (const auto& a : doc->annotations("indicator"))
      for (const auto& [b, e] : spans)
        if (a.begin < e && a.end > b) {
          got.push_back(a.attrs);
          break;
        }
    std::vector<bool> used(got.size(), false);
    for (const auto& g : gold) {
      bool hit = false;
      for (std::size_t k = 0; k < got.size() && !hit; ++k) {
        const Json& a = got[k];
        if (used[k] || !same_metric(g["metric"], a["metric"]) || a["period"] != g["period"] ||
            a["status"] != g["status"] || !same_measure(g["level"], a["level"]) || !same_measure(g["growth"], a["growth"]))
          continue;
        used[k] = hit = true;
      }
      (hit ? found : missed) += 1;
      EXPECT_TRUE(hit) << doc_id << ": " << g.dump();
    }
    for (std::size_t k = 0; k < got.size(); ++k)
      if (!used[k]) {
        ++extra;
        ADD_FAILURE() << doc_id << ": extra " << got[k].dump();
      }
  }
  EXPECT_GE(found, 130) << "missed " << missed << ", extra " << extra;
}

}  // namespace
