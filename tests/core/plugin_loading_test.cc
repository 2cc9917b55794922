// The real plugin loader against plugins the test suite builds: one good kit and
// deliberately broken ones. Every refusal is one line naming the file and the fix.
#include <gtest/gtest.h>

#include <cstdlib>

#include "run/errors.h"
#include "plugins/plugin_registry.h"
#include "reportlens/abi.h"
#include "test_support.h"

namespace reportlens {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;
using test::test_plugins;

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

std::string one_rejection(const fs::path& place) {
  PluginRegistry r;
  r.discover({place});
  EXPECT_EQ(r.rejections().size(), 1u);
  if (r.rejections().size() != 1u) return "";
  const std::string reason = r.rejections()[0].reason;
  EXPECT_EQ(reason.find('\n'), std::string::npos) << "one line: " << reason;
  try {
    r.throw_if_rejected();
    ADD_FAILURE() << "throw_if_rejected did not throw";
  } catch (const HostError& e) {
    EXPECT_EQ(e.code(), ExitCode::kPluginLoad);
    EXPECT_EQ(std::string(e.what()), reason);
  }
  return reason;
}

TEST(PluginLoading, LoadsTheTestKitWithItsDescriptor) {
  PluginRegistry r;
  r.discover({test_plugins("testkit")});
  EXPECT_TRUE(r.rejections().empty());
  ASSERT_EQ(r.plugins().size(), 1u);
  const LoadedPlugin& p = *r.plugins()[0];
  EXPECT_EQ(p.name, "testkit");
  EXPECT_EQ(p.version, "3.2.1");
  EXPECT_EQ(p.abi_major, static_cast<unsigned>(REPORTLENS_ABI_MAJOR));
  EXPECT_EQ(p.build_key, host_build_key());
  EXPECT_EQ(p.file, test_plugins("testkit") / "libreportlens-testkit.so");
  EXPECT_EQ(p.data_dir, test_plugins("testkit") / "data" / "testkit");
  ASSERT_EQ(p.stages.size(), 8u);
  const StageHandle* sum = r.find_stage("sum-digits");
  ASSERT_NE(sum, nullptr);
  EXPECT_EQ(sum->consumes, std::vector<std::string>{"digits"});
  EXPECT_EQ(sum->produces, std::vector<std::string>{"digit_sum"});
  EXPECT_FALSE(sum->corpus);
  const StageHandle* count = r.find_stage("count-corpus");
  ASSERT_NE(count, nullptr);
  EXPECT_TRUE(count->corpus);
  EXPECT_FALSE(count->grouped);  // a whole-corpus stage
  const StageHandle* group = r.find_stage("group-corpus");
  ASSERT_NE(group, nullptr);
  EXPECT_TRUE(group->corpus);
  EXPECT_TRUE(group->grouped);   // a GroupedCorpusStage: streamed by the runner
  EXPECT_FALSE(sum->grouped);
  EXPECT_EQ(r.find_stage("tag-digits")->schema["properties"]["mode"]["enum"],
            Json::parse(R"(["all","first"])"));
  EXPECT_EQ(r.find_stage("nope"), nullptr);
  EXPECT_EQ(r.find_plugin("testkit"), &p);
}

TEST(PluginLoading, ANamedPluginFileIsLoadedDirectly) {
  PluginRegistry r;
  r.discover({test_plugins("testkit") / "libreportlens-testkit.so"});
  EXPECT_TRUE(r.rejections().empty());
  EXPECT_NE(r.find_stage("tag-digits"), nullptr);
}

TEST(PluginLoading, NoEntryPoint) {
  const std::string reason = one_rejection(test_plugins("noentry"));
  const std::string file = (test_plugins("noentry") / "libreportlens-noentry.so").string();
  EXPECT_EQ(reason, file + ": not a reportlens plugin: entry point 'reportlens_plugin_info_v1' not "
                           "found; build it with reportlens_add_plugin() and declare it with "
                           "REPORTLENS_PLUGIN(...)");
}

TEST(PluginLoading, WrongAbiMajor) {
  const std::string reason = one_rejection(test_plugins("badabi"));
  EXPECT_EQ(reason.rfind((test_plugins("badabi") / "libreportlens-badabi.so").string() + ": ", 0), 0u)
      << reason;
  EXPECT_CONTAINS(reason, "plugin ABI 99." + std::to_string(REPORTLENS_ABI_MINOR) + ", host supports " + std::to_string(REPORTLENS_ABI_MAJOR));
  EXPECT_CONTAINS(reason, "rebuild the plugin against this reportlens SDK");
}

TEST(PluginLoading, WrongBuildKey) {
  const std::string reason = one_rejection(test_plugins("badkey"));
  EXPECT_EQ(reason.rfind((test_plugins("badkey") / "libreportlens-badkey.so").string() + ": ", 0), 0u)
      << reason;
  std::string expected_key = host_build_key();
  expected_key = expected_key.substr(0, expected_key.rfind("icu-")) + "icu-1";
  EXPECT_CONTAINS(reason, "built as '" + expected_key + "', host is '" + host_build_key() + "'");
  EXPECT_CONTAINS(reason, "rebuild the plugin with the same compiler");
}

TEST(PluginLoading, TwoPluginsWithOneStageName) {
  const std::string reason = one_rejection(test_plugins("duplicate"));
  const fs::path a = test_plugins("duplicate") / "libreportlens-twin-a.so";
  const fs::path b = test_plugins("duplicate") / "libreportlens-twin-b.so";
  EXPECT_EQ(reason, "stage 'twin' is provided by both " + a.string() + " and " + b.string() +
                        "; remove one of them from the plugin path");
}

TEST(PluginLoading, NotALibraryAtAll) {
  ScratchDir dir;
  const fs::path fake = dir.write("libreportlens-fake.so", "this is not an ELF file\n");
  const std::string reason = one_rejection(dir.path());
  // Refused before dlopen (a file that is not a complete ELF library could crash the loader).
  EXPECT_EQ(reason, fake.string() + ": not a 64-bit ELF shared library") << reason;
}

TEST(PluginLoading, OtherFilesInAPluginDirectoryAreIgnored) {
  ScratchDir dir;
  dir.write("libreportlens-core.so", "the core library, not a plugin");
  dir.write("libother.so", "x");
  dir.write("libreportlens-notes.txt", "x");
  PluginRegistry r;
  r.discover({dir.path(), dir.path() / "does-not-exist"});
  EXPECT_TRUE(r.rejections().empty());
  EXPECT_TRUE(r.plugins().empty());
}

TEST(PluginLoading, ThePluginFoundFirstWinsAndTheOtherIsShadowedNotRefused) {
  PluginRegistry r;
  r.discover({test_plugins("shadow-second"), test_plugins("shadow-first")});
  EXPECT_TRUE(r.rejections().empty());
  ASSERT_NE(r.find_plugin("shadow"), nullptr);
  EXPECT_EQ(r.find_plugin("shadow")->version, "2.0.0-second");
}

TEST(PluginLoading, SearchPathOrder) {
  ::setenv("REPORTLENS_PLUGIN_PATH", "/env/one:/env/two", 1);
  ::unsetenv("REPORTLENS_DISABLE_DEFAULT_PLUGINS");
  const auto places = PluginRegistry::search_path({"/cli/a", "/cli/b:/cli/c"});
  ASSERT_GE(places.size(), 6u);
  EXPECT_EQ(places[0], "/cli/a");
  EXPECT_EQ(places[1], "/cli/b");
  EXPECT_EQ(places[2], "/cli/c");
  EXPECT_EQ(places[3], "/env/one");
  EXPECT_EQ(places[4], "/env/two");
  // Then the install prefix beside the executable and the build tree.
  EXPECT_EQ(places.back().filename(), "plugins");

  ::setenv("REPORTLENS_DISABLE_DEFAULT_PLUGINS", "1", 1);
  const auto only = PluginRegistry::search_path({"/cli/a", "/env/one"});
  EXPECT_EQ(only, (std::vector<fs::path>{"/cli/a", "/env/one", "/env/two"}));  // no duplicates
  ::unsetenv("REPORTLENS_PLUGIN_PATH");
}

class ThrowingStages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    registry_ = new PluginRegistry();
    registry_->discover({test_plugins("throwing")});
  }
  const StageHandle& stage(const std::string& name) {
    const StageHandle* h = registry_->find_stage(name);
    EXPECT_NE(h, nullptr) << name;
    return *h;
  }
  static PluginRegistry* registry_;
};
PluginRegistry* ThrowingStages::registry_ = nullptr;

TEST_F(ThrowingStages, ThrowInCreate) {
  try {
    StageInstance s(stage("throw-in-create"), StageContext{});
    FAIL() << "expected StageError";
  } catch (const StageError& e) {
    EXPECT_EQ(std::string(e.what()),
              "stage 'throw-in-create' could not be created: units.yaml:3: deliberate failure "
              "while creating the stage");
  }
}

TEST_F(ThrowingStages, ThrowInProcess) {
  StageInstance s(stage("throw-in-process"), StageContext{});
  Document doc("a", "a", "增长");
  try {
    s.run(doc);
    FAIL() << "expected StageError";
  } catch (const StageError& e) {
    EXPECT_EQ(std::string(e.what()), "deliberate failure while processing");
  }
}

TEST_F(ThrowingStages, ThrowingSomethingThatIsNotAnException) {
  StageInstance s(stage("throw-unknown"), StageContext{});
  Document doc("a", "a", "增长");
  try {
    s.run(doc);
    FAIL() << "expected StageError";
  } catch (const StageError& e) {
    EXPECT_EQ(std::string(e.what()), "unknown exception");
  }
}

TEST_F(ThrowingStages, ImpossibleSpansAreCaughtWhereTheyHappen) {
  Document doc("a", "a", "ab增长");
  StageInstance out_of_bounds(stage("span-out-of-bounds"), StageContext{});
  try {
    out_of_bounds.run(doc);
    FAIL() << "expected StageError";
  } catch (const StageError& e) {
    EXPECT_CONTAINS(e.what(), "'broken' span [0, 18) is outside the text (8 bytes)");
  }
  StageInstance mid(stage("span-mid-character"), StageContext{});
  try {
    mid.run(doc);
    FAIL() << "expected StageError";
  } catch (const StageError& e) {
    EXPECT_CONTAINS(e.what(), "does not fall on UTF-8 character boundaries");
  }
  EXPECT_TRUE(doc.annotation_types().empty());
}

TEST_F(ThrowingStages, AStageCanStillRunAfterAFailure) {
  StageInstance s(stage("throw-in-process"), StageContext{});
  for (int i = 0; i < 3; ++i) {
    Document doc("a", "a", "x");
    EXPECT_THROW(s.run(doc), StageError);
  }
}

// A plugin built with the ABI 1.1 SDK: smaller stage descriptors (no projections, no meta
// keys). Both stages of its array load, with nothing declared.
TEST(PluginLoading, AbiMinor1PluginStillLoadsEveryStage) {
  PluginRegistry r;
  r.discover({test_plugins("oldabi")});
  ASSERT_TRUE(r.rejections().empty()) << r.rejections()[0].reason;
  ASSERT_EQ(r.plugins().size(), 1u);
  EXPECT_EQ(r.plugins()[0]->abi_minor, 1u);
  ASSERT_EQ(r.plugins()[0]->stages.size(), 2u);
  const StageHandle* mark = r.find_stage("old-abi-mark");
  ASSERT_NE(mark, nullptr);
  EXPECT_TRUE(mark->projections.empty());
  EXPECT_TRUE(mark->meta_consumes.empty());
  StageInstance stage(*mark, StageContext{});
  Document doc("d", "d", "text", Json::object());
  stage.run(doc);
  EXPECT_EQ(doc.meta().value("old_abi_mark", ""), "ran");
}

// A plugin built with the ABI 1.2 SDK: its descriptors end before `line_break_rules`. It loads
// with its meta keys, supplies no rules, and a 1.1 plugin supplies none either.
TEST(PluginLoading, AbiMinor2PluginLoadsWithoutLineBreakRules) {
  PluginRegistry r;
  r.discover({test_plugins("abi2"), test_plugins("oldabi")});
  ASSERT_TRUE(r.rejections().empty()) << r.rejections()[0].reason;
  const StageHandle* mark = r.find_stage("abi2-mark");
  ASSERT_NE(mark, nullptr);
  EXPECT_EQ(mark->plugin->abi_minor, 2u);
  EXPECT_EQ(mark->meta_produces, std::vector<std::string>({"abi2_mark"}));
  EXPECT_FALSE(mark->line_break_rules);
  std::vector<std::unique_ptr<StageInstance>> stages;
  stages.push_back(std::make_unique<StageInstance>(*mark, StageContext{}));
  stages.push_back(std::make_unique<StageInstance>(*r.find_stage("old-abi-mark"), StageContext{}));
  EXPECT_TRUE(collect_line_break_rules(stages).empty());
  Document doc("d", "d", "text", Json::object());
  stages[0]->run(doc);
  EXPECT_EQ(doc.meta().value("abi2_mark", ""), "ran");
}

TEST(PluginLoading, ReadsMetaKeysAndProjectionsOfMinor2Stages) {
  PluginRegistry r;
  r.discover({test_plugins("testkit")});
  const StageHandle* years = r.find_stage("tag-years");
  ASSERT_NE(years, nullptr);
  ASSERT_EQ(years->projections.size(), 1u);
  const Projection& p = years->projections[0];
  EXPECT_EQ(p.type, "year_mention");
  EXPECT_EQ(p.table, "year_mentions");
  ASSERT_EQ(p.columns.size(), 3u);
  EXPECT_EQ(p.columns[1].csv, "year_label");
  EXPECT_EQ(p.columns[2].csv, "");
  EXPECT_EQ(r.find_stage("stamp-year")->meta_produces, std::vector<std::string>{"report_year"});
  EXPECT_EQ(r.find_stage("read-year")->meta_consumes, std::vector<std::string>{"report_year"});
}

// Sources: a path, a list tried in order, the annotation's text, picks from a [low, high] pair.
TEST(TableProjection, ReadsPathsFallbacksTextAndPairPicks) {
  const auto list = parse_projections("s", R"({"fact": {"table": "facts", "columns": [
      {"name": "name", "from": ["canonical", "@text"], "required": true},
      {"name": "low", "from": "amount.value:low", "type": "real"},
      {"name": "high", "from": "amount.value:high", "type": "real"},
      {"name": "shape", "from": ["qualifier", "amount.value:range"]},
      {"name": "year", "from": "period", "type": "integer"}]}})");
  ASSERT_EQ(list.size(), 1u);
  const auto pair = list[0].values({{"amount", {{"value", Json::array({7, 8})}}}, {"period", "2023"}}, "seven");
  EXPECT_EQ(cell_text(pair[0]), "seven");
  EXPECT_EQ(cell_text(pair[1]), "7.0");
  EXPECT_EQ(cell_text(pair[2]), "8.0");
  EXPECT_EQ(cell_text(pair[3]), "range");
  EXPECT_EQ(pair[4].kind, ProjectedValue::kInteger);
  EXPECT_EQ(pair[4].integer, 2023);
  const auto one = list[0].values({{"canonical", "C"}, {"amount", {{"value", 6.5}}}, {"qualifier", ">="},
                                   {"period", 2022.5}}, "x");
  EXPECT_EQ(cell_text(one[0]), "C");
  EXPECT_EQ(cell_text(one[1]), "6.5");
  EXPECT_EQ(one[2].kind, ProjectedValue::kNull);
  EXPECT_EQ(cell_text(one[3]), ">=");
  EXPECT_EQ(one[4].kind, ProjectedValue::kNull);  // not a whole year
  const auto odd = list[0].values(nullptr, "t");  // attrs that are no object: empty, no error
  EXPECT_EQ(cell_text(odd[0]), "t");
  EXPECT_EQ(odd[1].kind, ProjectedValue::kNull);
  EXPECT_NE(list[0].schema_sql().find("  name          TEXT NOT NULL,\n"), std::string::npos) << list[0].schema_sql();
}

TEST(TableProjection, RefusesWhatWouldBreakTheStore) {
  const auto refused = [](const char* declaration) {
    try {
      parse_projections("st", declaration);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_CONTAINS(refused(R"({"a": {"table": "documents", "columns": [{"name": "x", "from": "x"}]}})"),
                  "table 'documents' is one of the store's own");
  EXPECT_CONTAINS(refused(R"({"a": {"table": "t; DROP", "columns": [{"name": "x", "from": "x"}]}})"), "table name");
  EXPECT_CONTAINS(refused(R"({"a": {"table": "t", "columns": [{"name": "doc_id", "from": "x"}]}})"), "column name 'doc_id'");
  EXPECT_CONTAINS(refused(R"({"a": {"table": "t", "columns": [{"name": "x", "from": "x:middle"}]}})"), "unknown pick");
  EXPECT_CONTAINS(refused(R"({"a": {"table": "t", "columns": [{"name": "x", "from": "x", "type": "blob"}]}})"),
                  "column type 'blob'");
  EXPECT_CONTAINS(refused(R"({"a": {"table": "t", "columns": [{"name": "x", "from": "x"}],
                                     "indexes": [{"name": "i", "on": ["y"]}]}})"), "unknown column 'y'");
  EXPECT_CONTAINS(refused("[1]"), "stage 'st' declares an invalid table projection");
}

}  // namespace
}  // namespace reportlens
