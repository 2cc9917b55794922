// `pipeline gazetteer build` on real reports: the seed, and (when ../shared is present) a
// city's reports of several years. The built file must load cleanly as a gazetteer, and the
// entities stage must find its names with the patterns off.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gazetteer.h"
#include "reportlens/testing.h"
#include "shared_corpus.h"
#include "test_files.h"

using reportlens::Json;
using reportlens::testing::run_stages_on_file;
namespace fs = std::filesystem;
namespace ent = reportlens::entities;

namespace {

int pipeline(const std::string& arguments) {
  const std::string command = std::string("'") + ENTITIES_PIPELINE_EXE + "' -q " + arguments + " > /dev/null";
  return std::system(command.c_str());
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

struct Built {
  std::set<std::string> canonicals;
  std::set<std::string> regions;
  ent::LoadReport report;
};

Built load(const fs::path& file) {
  Built b;
  ent::Gazetteer gazetteer;
  gazetteer.load_file(file, b.report);
  std::ifstream in(file);
  std::string line;
  const std::string key = "canonical: \"", region_key = "region: \"";
  while (std::getline(in, line)) {
    if (const auto at = line.find(key); at != std::string::npos)
      b.canonicals.insert(line.substr(at + key.size(), line.find('"', at + key.size()) - at - key.size()));
    if (const auto at = line.find(region_key); at != std::string::npos)
      b.regions.insert(line.substr(at + region_key.size(), line.find('"', at + region_key.size()) - at - region_key.size()));
  }
  return b;
}

// Entities of `file` with only `gazetteer` (no shipped lists, no patterns).
std::set<std::string> tagged_with(const fs::path& file, const fs::path& gazetteer) {
  const Json settings{{"shipped_gazetteers", Json::array()}, {"patterns", false}, {"gazetteers", Json::array({gazetteer.string()})}};
  auto doc = run_stages_on_file({{"segment"}, {"entities", settings}}, file.string());
  std::set<std::string> out;
  for (const auto& a : doc->annotations("entity")) {
    EXPECT_EQ(a.attrs["source"], "gazetteer");
    out.insert(a.attrs["canonical"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST(GazetteerBuild, SeedReportsGiveALoadableRegionalGazetteer) {
  const fs::path seed = fs::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi";
  const fs::path out = entities_test::write_temp("seed.yaml", "");
  ASSERT_EQ(pipeline("gazetteer build -i " + quoted(seed) + " -o " + quoted(out)), 0);
  const Built built = load(out);
  EXPECT_TRUE(built.report.rejected.empty()) << built.report.summary();
  EXPECT_TRUE(built.report.duplicates.empty()) << built.report.summary();
  // Names the seed confirms by a legal-form ending or a firm-like context, limited to its region.
  EXPECT_TRUE(built.canonicals.count("三威公司"));
  EXPECT_TRUE(built.canonicals.count("中德龙湖物业公司"));
  ASSERT_EQ(built.regions.size(), 1u);
  EXPECT_NE(built.regions.begin()->find("铁西"), std::string::npos);
  // Gazetteer names are listed already and are not copied.
  EXPECT_FALSE(built.canonicals.count("沈阳鼓风机集团"));
  // The entities stage reads it as a setting: the seed's own names come back with no patterns.
  const std::set<std::string> found = tagged_with(seed / "2022-plan-report.txt", out);
  EXPECT_TRUE(found.count("三威公司"));
  EXPECT_TRUE(found.count("中德龙湖物业公司"));
}

TEST(GazetteerBuild, ARegionsGazetteerGrowsFromItsEarlierReports) {
  REPORTLENS_SHARED_OR_SKIP(city, "lawtext/大庆市");
  const fs::path latest = city / "2023.txt";
  if (!fs::exists(latest)) GTEST_SKIP() << "大庆市/2023.txt not in the shared corpus";
  const fs::path early = entities_test::write_temp("early.yaml", "");
  const fs::path before_latest = entities_test::write_temp("before2023.yaml", "");
  ASSERT_EQ(pipeline("gazetteer build -i " + quoted(city) + " --before 2021 -o " + quoted(early)), 0);
  ASSERT_EQ(pipeline("gazetteer build -i " + quoted(city) + " --before 2023 -o " + quoted(before_latest)), 0);
  const Built a = load(early), b = load(before_latest);
  EXPECT_TRUE(b.report.rejected.empty() && b.report.duplicates.empty()) << b.report.summary();
  EXPECT_LT(a.canonicals.size(), b.canonicals.size());
  for (const std::string& name : a.canonicals) EXPECT_TRUE(b.canonicals.count(name)) << name;
  // The 2023 report, tagged with what 2020-2022 confirmed and no patterns, finds names again.
  EXPECT_FALSE(tagged_with(latest, before_latest).empty());

  // A SQLite store of the same run gives the same gazetteer as the folder.
  const fs::path store = entities_test::write_temp("store.sqlite", "");
  fs::remove(store);
  const fs::path pipeline_yaml = fs::path(REPORTLENS_SOURCE_DIR) / "pipelines" / "entities.yaml";
  ASSERT_EQ(pipeline("run " + quoted(pipeline_yaml) + " -i " + quoted(city) + " -o " + quoted(store)), 0);
  const fs::path from_store = entities_test::write_temp("from_store.yaml", "");
  ASSERT_EQ(pipeline("gazetteer build -i " + quoted(store) + " --before 2023 -o " + quoted(from_store)), 0);
  EXPECT_EQ(load(from_store).canonicals, b.canonicals);
}
