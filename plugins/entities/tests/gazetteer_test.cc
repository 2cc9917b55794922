#include "gazetteer.h"
#include "gazetteer_source.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "reportlens/stage.h"
#include "test_files.h"

using namespace reportlens::entities;
using entities_test::write_temp;

namespace {

std::set<std::string> canonicals_in(const Gazetteer& g, std::string_view text) {
  std::set<std::string> out;
  g.for_each_match(text, [&](const GazetteerEntry& e, std::size_t, std::size_t) { out.insert(e.canonical); });
  return out;
}

std::string error_of(const std::filesystem::path& file) {
  Gazetteer g;
  LoadReport r;
  try {
    g.load_file(file, r);
  } catch (const reportlens::StageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Gazetteer, AliasesMapToTheCanonicalName) {
  const auto file = write_temp("g.yaml", R"(entries:
  - canonical: 沈阳鼓风机集团
    kind: company
    aliases: [沈鼓, 沈鼓集团]
  - canonical: 中德(沈阳)高端装备制造产业园
    kind: industrial_park
    aliases: 中德园
)");
  Gazetteer g;
  LoadReport r;
  g.load_file(file, r);
  g.build();
  EXPECT_EQ(r.entries, 2u);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(canonicals_in(g, "支持沈鼓启动"), std::set<std::string>{"沈阳鼓风机集团"});
  EXPECT_EQ(canonicals_in(g, "中德园获评"), std::set<std::string>{"中德(沈阳)高端装备制造产业园"});
  // The canonical with ASCII parentheses also matches the full-width spelling of reports.
  EXPECT_EQ(canonicals_in(g, "中德（沈阳）高端装备制造产业园"), std::set<std::string>{"中德(沈阳)高端装备制造产业园"});
  EXPECT_EQ(g.entries()[0].id, "g:2");
}

TEST(Gazetteer, RejectsBadEntriesAndReportsWhere) {
  const auto file = write_temp("bad_entries.yaml", R"(entries:
  - canonical: 好公司
    kind: company
  - kind: company
    aliases: [无名]
  - canonical: 怪东西
    kind: factory
  - canonical: 坏别名
    kind: zone
    aliases: [[嵌套]]
)");
  Gazetteer g;
  LoadReport r;
  g.load_file(file, r);
  EXPECT_EQ(r.entries, 1u);
  ASSERT_EQ(r.rejected.size(), 3u);
  EXPECT_EQ(r.rejected[0].where, file.string() + ":4");
  EXPECT_NE(r.rejected[0].message.find("missing canonical"), std::string::npos);
  EXPECT_EQ(r.rejected[1].where, file.string() + ":6");
  EXPECT_NE(r.rejected[1].message.find("unknown kind 'factory'"), std::string::npos);
  EXPECT_EQ(r.rejected[2].where, file.string() + ":8");
  EXPECT_NE(r.summary().find("3 rejected"), std::string::npos);
}

TEST(Gazetteer, ReportsDuplicatesAndConflictsKeepingTheFirst) {
  const auto file = write_temp("dups.yaml", R"(entries:
  - canonical: 东北制药集团
    kind: company
    aliases: [东药]
  - canonical: 东北制药集团
    kind: company
    aliases: [东药]
  - canonical: 东药研究院
    kind: company
    aliases: [东药, 东药研]
)");
  Gazetteer g;
  LoadReport r;
  g.load_file(file, r);
  g.build();
  EXPECT_EQ(r.entries, 2u);  // the second 东北制药集团 adds nothing
  ASSERT_GE(r.duplicates.size(), 3u);
  EXPECT_NE(r.duplicates[0].message.find("already listed"), std::string::npos);
  bool conflict = false;
  for (const auto& d : r.duplicates)
    if (d.message.find("'东药' already names 东北制药集团") != std::string::npos) conflict = true;
  EXPECT_TRUE(conflict);
  EXPECT_EQ(canonicals_in(g, "东药"), std::set<std::string>{"东北制药集团"});
  EXPECT_TRUE(canonicals_in(g, "东药研").count("东药研究院"));
}

TEST(Gazetteer, SameSurfaceInDifferentRegionsIsNotADuplicate) {
  const auto file = write_temp("regions.yaml", R"(entries:
  - {canonical: 铁西森林公园, kind: public_park, aliases: [森林公园], region: 沈阳市铁西区}
  - {canonical: 鞍山铁西森林公园, kind: public_park, aliases: [森林公园], region: 鞍山市铁西区}
)");
  Gazetteer g;
  LoadReport r;
  g.load_file(file, r);
  g.build();
  EXPECT_TRUE(r.duplicates.empty());
  EXPECT_EQ(canonicals_in(g, "改造森林公园").size(), 2u);
}

TEST(Gazetteer, FileRegionIsTheDefaultAndEntriesCanLiftIt) {
  const auto file = write_temp("file_region.yaml", R"(region: 沈阳市
entries:
  - {canonical: 劳动公园, kind: public_park}
  - {canonical: 腾讯, kind: company, region: 全国}
)");
  Gazetteer g;
  LoadReport r;
  g.load_file(file, r);
  ASSERT_EQ(g.entries().size(), 2u);
  EXPECT_EQ(g.entries()[0].region.city, "沈阳");
  EXPECT_TRUE(g.entries()[1].region.empty());
}

TEST(Gazetteer, MalformedFilesAreErrorsWithFileAndLine) {
  const auto syntax = write_temp("syntax.yaml", "entries:\n  - canonical: 甲\n    kind: [company\n");
  EXPECT_NE(error_of(syntax).find(syntax.string() + ":"), std::string::npos);
  EXPECT_NE(error_of(syntax).find("invalid YAML"), std::string::npos);

  const auto not_list = write_temp("not_list.yaml", "entries:\n  canonical: 甲\n");
  EXPECT_EQ(error_of(not_list).rfind(not_list.string() + ":2: entries: expected a list", 0), 0u) << error_of(not_list);

  const auto scalar_entry = write_temp("scalar_entry.yaml", "entries:\n  - 沈鼓\n");
  EXPECT_EQ(error_of(scalar_entry).rfind(scalar_entry.string() + ":2: an entry must be a mapping", 0), 0u)
      << error_of(scalar_entry);

  const auto unknown_key = write_temp("unknown_key.yaml", "entires:\n  - {canonical: 甲, kind: company}\n");
  EXPECT_EQ(error_of(unknown_key).rfind(unknown_key.string() + ":1: unknown key 'entires'", 0), 0u)
      << error_of(unknown_key);

  EXPECT_NE(error_of("/nonexistent/g.yaml").find("not found"), std::string::npos);
}

TEST(Gazetteer, ShippedGazetteersLoadCleanly) {
  Gazetteer g;
  LoadReport r;
  for (const char* name : {"national.yaml", "shenyang_tiexi.yaml"})
    g.load_file(std::filesystem::path(ENTITIES_DATA_DIR) / "gazetteers" / name, r);
  EXPECT_TRUE(r.rejected.empty()) << r.summary();
  EXPECT_TRUE(r.duplicates.empty()) << r.summary();
  EXPECT_GT(r.entries, 100u);
}

namespace {

// Both readers of gazetteer_source.h, compared field by field.
void expect_same(const RawGazetteer& a, const RawGazetteer& b) {
  EXPECT_EQ(a.region, b.region);
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    const RawEntry &x = a.entries[i], &y = b.entries[i];
    EXPECT_EQ(x.line, y.line) << i;
    EXPECT_EQ(x.canonical, y.canonical) << i;
    EXPECT_EQ(x.kind, y.kind) << i;
    EXPECT_EQ(x.id, y.id) << i;
    EXPECT_EQ(x.region, y.region) << i;
    EXPECT_EQ(x.aliases, y.aliases) << i;
    EXPECT_EQ(x.problem, y.problem) << i;
  }
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(GazetteerReaders, FastReaderAgreesWithYamlCppOnTheSubset) {
  const auto file = write_temp("subset.yaml", R"(# a comment
name: sample
region: 沈阳市   # trailing comment
entries:
  - canonical: 沈阳鼓风机集团
    kind: company
    aliases: [沈鼓, "沈鼓集团", '沈阳''鼓风机']
  - canonical: "中德(沈阳)高端装备制造产业园"
    kind: industrial_park
    aliases:
      - 中德园
      - 中德产业园
    region: 沈阳市铁西区
    id: zhongde
  - {canonical: 腾讯控股有限公司, kind: company, aliases: [腾讯], region: 全国}
  - {canonical: SAP SE, kind: company, aliases: SAP}
  - canonical: 奇怪
    kind: company
    colour: red

  - {canonical: 无别名, kind: zone, aliases: []}
)");
  const auto fast = read_gazetteer_fast(slurp(file));
  ASSERT_TRUE(fast.has_value());
  expect_same(*fast, read_gazetteer_yaml(file));
  EXPECT_EQ(fast->entries[0].aliases[2], "沈阳'鼓风机");
  EXPECT_EQ(fast->entries[4].problem, "unknown key 'colour'");
}

TEST(GazetteerReaders, ShippedFilesUseTheFastPathAndAgree) {
  for (const char* name : {"national.yaml", "shenyang_tiexi.yaml"}) {
    const auto path = std::filesystem::path(ENTITIES_DATA_DIR) / "gazetteers" / name;
    const auto fast = read_gazetteer_fast(slurp(path));
    ASSERT_TRUE(fast.has_value()) << name;
    expect_same(*fast, read_gazetteer_yaml(path));
  }
}

TEST(GazetteerReaders, YamlBeyondTheSubsetFallsBackToYamlCpp) {
  const std::string anchors = "entries:\n  - &a {canonical: 甲公司, kind: company}\n  - *a\n";
  EXPECT_FALSE(read_gazetteer_fast(anchors).has_value());
  const auto file = write_temp("anchors.yaml", anchors);
  Gazetteer g;
  LoadReport r;
  g.load_file(file, r);  // loads through yaml-cpp; the alias repeats the entry
  EXPECT_EQ(r.entries, 1u);
  EXPECT_EQ(r.duplicates.size(), 1u);
  EXPECT_FALSE(read_gazetteer_fast("entries:\n  - canonical: |\n      甲\n").has_value());
  EXPECT_FALSE(read_gazetteer_fast("entries:\n  - {canonical: 甲, kind: [company}\n").has_value());
  EXPECT_FALSE(read_gazetteer_fast("entires:\n  - {canonical: 甲, kind: company}\n").has_value());
}
