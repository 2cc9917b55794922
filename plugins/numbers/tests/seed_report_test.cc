// The stage on whole reports: the seed (corpus/tiexi in the repo) against the development
// gold, and the national reports (read-only shared corpus; skipped when absent).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reportlens/testing.h"
#include "shared_corpus.h"

namespace {

using reportlens::Json;
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const fs::path kSeed = fs::path(NUMBERS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt";

Json run_on(const std::string& text, const std::string& id) {
  return reportlens::testing::to_json(
      *reportlens::testing::run_stages({{"segment"}, {"numbers"}}, text, Json::object(), {}, id));
}

bool same_value(const Json& a, const Json& b) {
  if (a.is_array() || b.is_array()) {
    if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_value(a[i], b[i])) return false;
    return true;
  }
  if (a.is_string() || b.is_string()) return a == b;
  return std::fabs(a.get<double>() - b.get<double>()) <= 1e-9 * std::max(1.0, std::fabs(b.get<double>()));
}

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += reportlens::next_code_point(s, i);
  return out;
}

// Gold scoring as ../shared/eval/score.py does it: a gold mention is found when an
// annotation overlapping its span has its value and unit; precision is judged in the
// paragraphs holding gold evidence.
TEST(SeedReport, MatchesTheDevelopmentGold) {
  const fs::path gold = reportlens::test::shared_gold_dir();
  if (gold.empty()) GTEST_SKIP() << "shared gold not found (../shared beside the checkout)";
  const fs::path gold_file = gold / "quantities.jsonl";
  ASSERT_TRUE(fs::exists(gold_file) && fs::exists(kSeed)) << gold_file;
  const std::string text = read_file(kSeed);
  const std::u32string u = to_u32(text);
  const Json out = run_on(text, "tiexi/2022-plan-report.txt");
  std::vector<Json> anns;
  for (const auto& a : out["annotations"])
    if (a["type"] == "quantity") anns.push_back(a);

  std::ifstream in(gold_file);
  std::string line;
  int tp = 0, fn = 0, confused = 0, kind_or_value_wrong = 0;
  std::vector<bool> used(anns.size(), false);
  std::vector<std::pair<long, long>> paragraphs;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const Json g = Json::parse(line);
    const std::u32string evidence = to_u32(g["evidence"].get<std::string>());
    const std::u32string surface = to_u32(g["text"].get<std::string>());
    const auto at = u.find(evidence);
    ASSERT_NE(at, std::u32string::npos);
    const long b = static_cast<long>(at + evidence.find(surface));
    const long e = b + static_cast<long>(surface.size());
    const auto para_b = u.rfind(U'\n', at);
    const auto para_e = u.find(U'\n', at + evidence.size());
    paragraphs.emplace_back(para_b == std::u32string::npos ? 0 : para_b + 1,
                            para_e == std::u32string::npos ? u.size() : para_e);
    bool found = false;
    for (std::size_t k = 0; k < anns.size(); ++k) {
      const Json& a = anns[k];
      if (a["begin"].get<long>() >= e || a["end"].get<long>() <= b) continue;
      used[k] = true;
      const std::string kind = a["attrs"]["kind"];
      if (g["kind"] != "quantity" && g["kind"] != "percent") {
        if (kind == "quantity" || kind == "percent") ++confused;
        // Years, dates and ordinals are also read right (same kind, value, text).
        if (Json(kind) == g["kind"] && same_value(a["attrs"]["value"], g["value"]) &&
            a["text"] == g["text"])
          found = true;
        continue;
      }
      if (same_value(a["attrs"]["value"], g["value"]) && a["attrs"]["unit"] == g["unit"]) {
        found = true;
        if (a["attrs"]["qualifier"] != g["qualifier"] || a["attrs"]["kind"] != g["kind"])
          ++kind_or_value_wrong;
      }
    }
    if (found) ++tp;
    else {
      ++fn;
      ADD_FAILURE() << "missed: " << g.dump();
    }
  }
  int fp = 0;
  for (std::size_t k = 0; k < anns.size(); ++k) {
    const std::string kind = anns[k]["attrs"]["kind"];
    if (used[k] || (kind != "quantity" && kind != "percent")) continue;
    for (const auto& [pb, pe] : paragraphs)
      if (anns[k]["begin"].get<long>() < pe && anns[k]["end"].get<long>() > pb) {
        ++fp;
        ADD_FAILURE() << "extra: " << anns[k].dump();
        break;
      }
  }
  const double precision = tp / static_cast<double>(tp + fp);
  const double recall = tp / static_cast<double>(tp + fn);
  EXPECT_GE(2 * precision * recall / (precision + recall), 0.97);
  EXPECT_EQ(confused, 0) << "dates, years or ordinals reported as quantities";
  EXPECT_EQ(kind_or_value_wrong, 0) << "right value and unit but wrong qualifier or kind";
}

// On every national report: spans are exact slices of the original text, values have the
// contract's shape, and two runs give the same output.
TEST(NationalReports, AnnotationsAreWellFormedAndDeterministic) {
  REPORTLENS_SHARED_OR_SKIP(dir, "national");
  int documents = 0, mentions = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = read_file(entry.path());
    const std::u32string u = to_u32(text);
    const std::string id = "national/" + entry.path().filename().string();
    const Json out = run_on(text, id);
    ASSERT_EQ(out, run_on(text, id)) << id << " is not deterministic";
    ++documents;
    for (const auto& a : out["annotations"]) {
      if (a["type"] != "quantity") continue;
      ++mentions;
      const long b = a["begin"], e = a["end"];
      ASSERT_LT(b, e);
      std::string slice;
      for (long i = b; i < e; ++i) reportlens::append_utf8(slice, u[i]);
      EXPECT_EQ(slice, a["text"].get<std::string>()) << id;
      const Json& attrs = a["attrs"];
      const std::string kind = attrs["kind"];
      ASSERT_TRUE(kind == "quantity" || kind == "percent" || kind == "date" || kind == "year" ||
                  kind == "ordinal") << a.dump();
      if (kind == "date") EXPECT_TRUE(attrs["value"].is_string()) << a.dump();
      else if (attrs["qualifier"] == "range") {
        ASSERT_TRUE(attrs["value"].is_array() && attrs["value"].size() == 2) << a.dump();
        EXPECT_LT(attrs["value"][0].get<double>(), attrs["value"][1].get<double>()) << a.dump();
      } else {
        EXPECT_TRUE(attrs["value"].is_number()) << a.dump();
      }
      if (kind == "year") EXPECT_TRUE(attrs["value"] >= 1900 && attrs["value"] <= 2100) << a.dump();
      EXPECT_FALSE(attrs["unit"].get<std::string>().empty()) << a.dump();
    }
  }
  EXPECT_GT(documents, 0);
  EXPECT_GT(mentions, 100 * documents);  // every report is full of figures
}

// Headline facts a researcher checks first, from reports the rules were not written on.
TEST(NationalReports, HeadlineFigures) {
  REPORTLENS_SHARED_OR_SKIP(dir, "national");
  struct Expect {
    const char* file;
    const char* text;
    const char* value;
    const char* unit;
  };
  const Expect expected[] = {
      {"2017.txt", "74.4\n\u200b\n万亿元", "74400000000000", "CNY"},
      {"2022.txt", "1.37万亿斤", "1370000000000", "jin"},
      {"2022.txt", "1269万人", "12690000", "person"},
      {"2019.txt", "6.6%", "6.6", "percent"},
  };
  for (const auto& x : expected) {
    const std::string text = read_file(dir / x.file);
    const Json out = run_on(text, std::string("national/") + x.file);
    bool found = false;
    for (const auto& a : out["annotations"])
      if (a["type"] == "quantity" && a["text"] == x.text && a["attrs"]["unit"] == x.unit &&
          same_value(a["attrs"]["value"], Json::parse(x.value)))
        found = true;
    EXPECT_TRUE(found) << x.file << ": " << x.text;
  }
}

}  // namespace
