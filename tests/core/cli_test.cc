// The `pipeline` command end to end: the real executable run as a subprocess on files the
// tests write. Only the `segment` stage and the test plugins are used, so these tests do not
// depend on the other plugins.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reportlens/text.h"
#include "util/sha256.h"
#include "test_support.h"

namespace reportlens::test {
namespace {

using Json = nlohmann::ordered_json;

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)
#define EXPECT_NOT_CONTAINS(haystack, needle) \
  EXPECT_EQ(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

// A process that exited normally with `code` (never a crash).
#define EXPECT_EXIT_CODE(result, code)                                                    \
  do {                                                                                    \
    EXPECT_EQ((result).signal, 0) << "killed by signal; stderr: " << (result).err;        \
    EXPECT_EQ((result).exit_code, code) << "stdout: " << (result).out                     \
                                        << "\nstderr: " << (result).err;                  \
  } while (0)

// "2022年经济增长5%，完成12亿元。" in GBK.
const std::string kGbk =
    "\x32\x30\x32\x32\xc4\xea\xbe\xad\xbc\xc3\xd4\xf6\xb3\xa4\x35\x25\xa3\xac\xcd\xea\xb3\xc9"
    "\x31\x32\xd2\xda\xd4\xaa\xa1\xa3";
const std::string kGbkAsUtf8 = "2022年经济增长5%，完成12亿元。";

const char* kDigitsYaml =
    "name: digits\n"
    "inputs: [in/a.txt]\n"
    "stages:\n"
    "  - use: tag-digits\n"
    "    with: {min_length: 2}\n"
    "  - sum-digits\n"
    "output: out/digits.json\n";

Json parse_json(const fs::path& file) { return Json::parse(read_file(file)); }

// A pipeline like kDigitsYaml whose one stage is named after a broken test library: run and
// check open only the plugins their stages use (libreportlens-STAGE.so first), so this is
// how a broken plugin on the path reaches them.
std::string uses_stage(const std::string& stage) {
  return "name: digits\ninputs: [in/a.txt]\nstages: [" + stage + "]\noutput: out/digits.json\n";
}

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i);
  return out;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::vector<std::string> tmp_files(const fs::path& dir) {
  std::vector<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& f : list_files(dir))
    if (f.find(".tmp") != std::string::npos) out.push_back(f);
  return out;
}

class Cli : public ::testing::Test {
 protected:
  // `pipeline` with the test kit (and segment) on the plugin path, run inside the scratch dir.
  CommandResult pipeline(std::vector<std::string> args, std::vector<std::string> extra_plugins = {}) {
    std::vector<std::string> full{"--plugin-path", test_plugins("testkit").string(), "--plugin-path",
                                  segment_plugin().string()};
    for (const auto& p : extra_plugins) {
      full.push_back("--plugin-path");
      full.push_back(p);
    }
    full.insert(full.end(), args.begin(), args.end());
    CommandOptions options;
    options.cwd = dir_.path();
    return run_pipeline(full, options);
  }
  std::string yaml(const std::string& text) { return dir_.write("p.yaml", text).string(); }

  ScratchDir dir_;
};

// ---------------------------------------------------------------- --version, help, usage

TEST_F(Cli, Version) {
  const auto r = run_pipeline({"--version"});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "reportlens 0.1.0 (plugin ABI 1.3, build key ");
  EXPECT_CONTAINS(r.out, ";c++2020");
}

TEST_F(Cli, HelpListsTheSubcommandsAndTheExitCodes) {
  const auto r = run_pipeline({"--help"});
  EXPECT_EXIT_CODE(r, 0);
  for (const char* word : {"run", "check", "plugins", "--plugin-path", "Exit codes: 0 success",
                           "4 plugin load error", "5 a stage failed"})
    EXPECT_CONTAINS(r.out, word);
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EXIT_CODE(run_pipeline({}), 2);
  EXPECT_EXIT_CODE(run_pipeline({"frobnicate"}), 2);
  EXPECT_EXIT_CODE(run_pipeline({"run"}), 2);
  EXPECT_EXIT_CODE(run_pipeline({"run", "p.yaml", "--no-such-option"}), 2);
  EXPECT_EXIT_CODE(run_pipeline({"run", "p.yaml", "-j", "many"}), 2);
  const auto missing = pipeline({"run", "nowhere.yaml"});
  EXPECT_EXIT_CODE(missing, 2);
  EXPECT_EQ(missing.err, "nowhere.yaml: cannot open the pipeline file\n");
}

// ---------------------------------------------------------------- plugins, plugins info

TEST_F(Cli, PluginsListsWhatIsOnThePluginPath) {
  const auto r = pipeline({"plugins"});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "testkit 3.2.1  (" + (test_plugins("testkit") / "libreportlens-testkit.so").string() + ")");
  EXPECT_CONTAINS(r.out, "  core test plugin: predictable stages\n");
  EXPECT_CONTAINS(r.out, "  - tag-digits [document] Tags runs of ASCII digits\n");
  EXPECT_CONTAINS(r.out, "  - count-corpus [corpus] One comparison counting digits per document\n");
  EXPECT_CONTAINS(r.out, "\nsegment ");
  EXPECT_EQ(r.err, "");
}

TEST_F(Cli, PluginsFromTheEnvironmentVariable) {
  CommandOptions options;
  options.env["REPORTLENS_PLUGIN_PATH"] = "/does/not/exist:" + test_plugins("testkit").string();
  const auto r = run_pipeline({"plugins"}, options);
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "testkit 3.2.1");
  EXPECT_NOT_CONTAINS(r.out, "segment");
}

TEST_F(Cli, NoPluginsAtAll) {
  const auto r = run_pipeline({"plugins"});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_EQ(r.out, "no plugins found\n");
}

TEST_F(Cli, DefaultDiscoveryFindsTheBuildTreePlugins) {
  CommandOptions options;
  options.default_plugins = true;
  const auto r = run_pipeline({"plugins"}, options);
  EXPECT_EQ(r.signal, 0);
  EXPECT_CONTAINS(r.out, "segment ");
  EXPECT_CONTAINS(r.out, segment_plugin().string());
  EXPECT_NOT_CONTAINS(r.out, "testkit");  // test plugins live apart from the real ones
}

TEST_F(Cli, PluginPathComesBeforeTheEnvironmentVariable) {
  CommandOptions options;
  options.env["REPORTLENS_PLUGIN_PATH"] = test_plugins("shadow-second").string();
  auto r = run_pipeline({"--plugin-path", test_plugins("shadow-first").string(), "plugins", "info", "shadow"}, options);
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "plugin:      shadow 1.0.0-first\n");
  options.env["REPORTLENS_PLUGIN_PATH"] = test_plugins("shadow-first").string();
  r = run_pipeline({"--plugin-path", test_plugins("shadow-second").string(), "plugins", "info", "shadow"}, options);
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "plugin:      shadow 2.0.0-second\n");
}

TEST_F(Cli, PluginsInfoShowsDescriptorStagesAndSettings) {
  const auto r = pipeline({"plugins", "info", "testkit"});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "plugin:      testkit 3.2.1\n");
  EXPECT_CONTAINS(r.out, "description: core test plugin: predictable stages\n");
  EXPECT_CONTAINS(r.out, "abi:         1.3\n");
  EXPECT_CONTAINS(r.out, "  sum-digits [document]: Sums the tagged digit runs\n"
                         "    consumes: digits\n"
                         "    produces: digit_sum\n"
                         "    settings: none\n");
  EXPECT_CONTAINS(r.out, "      min_length (integer) = 1\n          Shortest run tagged\n");
  EXPECT_CONTAINS(r.out, R"(      mode (string) = "all" one of ["all","first"])");
  EXPECT_CONTAINS(r.out, "  count-corpus [corpus]: ");
}

// Declared meta keys and table projections are what a pipeline author checks before writing a
// stage that reads another's meta, and what a store user queries: both shown, text and JSON.
TEST_F(Cli, PluginsInfoShowsMetaKeysAndTables) {
  const auto r = pipeline({"plugins", "info", "testkit"});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "    table year_mentions <- year_mention: year, label, surface\n");
  EXPECT_CONTAINS(r.out, "  stamp-year [document]: Sets meta.report_year\n");
  EXPECT_CONTAINS(r.out, "    meta sets:  report_year\n");
  EXPECT_CONTAINS(r.out, "    meta reads: report_year\n");
  EXPECT_NOT_CONTAINS(r.out, "  sum-digits [document]: Sums the tagged digit runs\n"
                             "    consumes: digits\n"
                             "    produces: digit_sum\n"
                             "    settings: none\n"
                             "    meta");

  const auto j = Json::parse(pipeline({"plugins", "info", "testkit", "--json"}).out);
  bool seen_table = false, seen_reader = false;
  for (const Json& stage : j["stages"]) {
    if (stage["name"] == "tag-years") {
      ASSERT_EQ(stage["projections"].size(), 1u);
      EXPECT_EQ(stage["projections"][0]["table"], "year_mentions");
      EXPECT_EQ(stage["projections"][0]["columns"], Json::parse(R"(["year","label","surface"])"));
      seen_table = true;
    }
    if (stage["name"] == "read-year") {
      EXPECT_EQ(stage["meta_consumes"], Json::parse(R"(["report_year"])"));
      EXPECT_EQ(stage["meta_produces"], Json::array());
      seen_reader = true;
    }
  }
  EXPECT_TRUE(seen_table);
  EXPECT_TRUE(seen_reader);
}

TEST_F(Cli, PluginsInfoByStageNameAndAsJson) {
  const auto by_stage = pipeline({"plugins", "info", "sum-digits"});
  EXPECT_EXIT_CODE(by_stage, 0);
  EXPECT_CONTAINS(by_stage.out, "plugin:      testkit 3.2.1\n");

  const auto r = pipeline({"plugins", "info", "testkit", "--json"});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j["name"], "testkit");
  EXPECT_EQ(j["version"], "3.2.1");
  EXPECT_EQ(j["abi"], "1.3");
  ASSERT_EQ(j["stages"].size(), 8u);
  EXPECT_EQ(j["stages"][0]["name"], "tag-digits");
  EXPECT_EQ(j["stages"][0]["produces"], Json::parse(R"(["digits"])"));
  EXPECT_EQ(j["stages"][0]["settings"]["properties"]["min_length"]["default"], 1);
  EXPECT_EQ(j["stages"][3]["kind"], "corpus");
  const auto version = run_pipeline({"--version"});
  EXPECT_CONTAINS(version.out, j["build_key"].get<std::string>());
}

TEST_F(Cli, PluginsInfoNeverCreatesAStage) {
  // throw-in-create throws from its constructor: reading its descriptor must still work.
  const auto r = pipeline({"plugins", "info", "throwing"}, {test_plugins("throwing").string()});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.out, "  throw-in-create [document]: throws from its constructor\n");
}

TEST_F(Cli, PluginsInfoUnknownName) {
  const auto r = pipeline({"plugins", "info", "nope"});
  EXPECT_EXIT_CODE(r, 4);
  EXPECT_EQ(r.err, "pipeline: no plugin or stage named 'nope'; run `pipeline plugins`\n");
}

// ---------------------------------------------------------------- run

TEST_F(Cli, RunWritesTheContractResultWithProvenance) {
  const std::string input = "2021年增长5%，2022年增长12%。";
  dir_.write("in/a.txt", input);
  const std::string p = yaml(kDigitsYaml);
  fs::create_directories(dir_.path() / "elsewhere");
  CommandOptions options;
  options.cwd = dir_.path() / "elsewhere";  // paths in the YAML are relative to the YAML
  const auto r = run_pipeline({"--plugin-path", test_plugins("testkit").string(), "run", p}, options);
  EXPECT_EXIT_CODE(r, 0);
  const fs::path out = dir_.path() / "out" / "digits.json";
  EXPECT_CONTAINS(r.out, "result: " + out.string() + "\n");
  const Json j = parse_json(out);
  EXPECT_EQ(j["pipeline"], "digits");
  ASSERT_EQ(j["documents"].size(), 1u);
  const Json& d = j["documents"][0];
  EXPECT_EQ(d["id"], "in/a.txt");
  EXPECT_EQ(d["sha256"], sha256_hex(input));
  EXPECT_EQ(d["meta"]["encoding"], "UTF-8");
  EXPECT_EQ(d["meta"]["format"], "text");
  const Json expected_annotations = Json::parse(R"([
    {"type":"digit_sum","begin":0,"end":21,"text":"2021年增长5%，2022年增长12%。","attrs":{"sum":4055}},
    {"type":"digits","begin":0,"end":4,"text":"2021","attrs":{"value":"2021","label":"digits"}},
    {"type":"digits","begin":10,"end":14,"text":"2022","attrs":{"value":"2022","label":"digits"}},
    {"type":"digits","begin":17,"end":19,"text":"12","attrs":{"value":"12","label":"digits"}}])");
  EXPECT_EQ(d["annotations"], expected_annotations) << d["annotations"].dump(1);
  EXPECT_EQ(j["comparisons"], Json::array());
  EXPECT_EQ(j["errors"], Json::array());

  const Json& prov = j["provenance"];
  EXPECT_EQ(prov["tool"], "reportlens");
  EXPECT_EQ(prov["version"], "0.1.0");
  EXPECT_EQ(prov["pipeline_sha256"], sha256_hex(read_file(p)));
  ASSERT_EQ(prov["plugins"].size(), 1u);
  EXPECT_EQ(prov["plugins"][0]["name"], "testkit");
  EXPECT_EQ(prov["plugins"][0]["version"], "3.2.1");
  ASSERT_EQ(prov["stages"].size(), 2u);
  EXPECT_EQ(prov["stages"][0]["settings"]["min_length"], 2);
  EXPECT_EQ(prov["stages"][0]["settings"]["mode"], "all");  // defaults recorded too
}

TEST_F(Cli, SegmentOnTheSeedReportOffsetsAreCodePointsIntoTheOriginal) {
  const fs::path seed = source_dir() / "corpus" / "tiexi" / "2022-plan-report.txt";
  ASSERT_TRUE(fs::exists(seed));
  const std::string p = yaml("name: seed\ninputs: [" + seed.string() + "]\nstages: [segment]\n");
  const auto r = pipeline({"run", p, "--output", "seed.json"});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "seed.json");
  ASSERT_EQ(j["documents"].size(), 1u);
  const Json& d = j["documents"][0];
  EXPECT_EQ(d["id"], "tiexi/2022-plan-report.txt");
  const std::u32string text = to_u32(read_file(seed));
  std::size_t sentences = 0;
  for (const auto& a : d["annotations"]) {
    const std::size_t b = a["begin"], e = a["end"];
    ASSERT_LE(b, e);
    ASSERT_LE(e, text.size());
    if (a["type"] == "sentence") {
      ++sentences;
      EXPECT_EQ(a["text"].get<std::string>(), to_utf8(text.substr(b, e - b)));
    }
  }
  EXPECT_GT(sentences, 50u);
}

// The runner builds every Document with the line-break rules its stages supply (segment's
// from segment.yaml and extra_rules): a heading word added only in a rules file (编 of 第一编)
// keeps its line, so the heading is found though no blank line follows it; without the file
// the line is joined to the prose after it.
TEST_F(Cli, SegmentRulesFilesReachTheNormaliserOfARun) {
  dir_.write("in/a.txt", "各位代表：\n\n第一编 总体要求\n现在报告工作。\n");
  dir_.write("bian.yaml", "heading:\n  ordinal_units:\n    编: part\n");
  const auto sections = [&](const std::string& with) {
    const std::string p =
        yaml("name: bian\ninputs: [in/a.txt]\nstages:\n  - use: segment\n" + with + "output: out/b.json\n");
    const auto r = pipeline({"run", p});
    EXPECT_EXIT_CODE(r, 0);
    std::vector<std::string> titles;
    const Json result = parse_json(dir_.path() / "out" / "b.json");  // kept: the loop reads into it
    for (const auto& a : result["documents"][0]["annotations"])
      if (a["type"] == "section") titles.push_back(a["attrs"]["number"].get<std::string>() + " " +
                                                   a["attrs"]["title"].get<std::string>());
    return titles;
  };
  EXPECT_TRUE(sections("").empty());
  EXPECT_EQ(sections("    with: {extra_rules: [bian.yaml]}\n"), std::vector<std::string>{"第一编 总体要求"});
}

TEST_F(Cli, HtmlInputIsReducedToText) {
  dir_.write("in/page.html", "<html><body><p>2022年增长<b>12</b>%。</p><script>var x = 99999;</script></body></html>");
  const auto r = pipeline({"run", yaml(kDigitsYaml), "--input", "in/page.html"});
  EXPECT_EXIT_CODE(r, 0);
  const Json d = parse_json(dir_.path() / "out" / "digits.json")["documents"][0];
  EXPECT_EQ(d["meta"]["format"], "html");
  std::vector<std::string> values;
  for (const auto& a : d["annotations"])
    if (a["type"] == "digits") values.push_back(a["text"]);
  EXPECT_EQ(values, (std::vector<std::string>{"2022", "12"}));  // not the script's number
}

// ---------------------------------------------------------------- check

TEST_F(Cli, CheckValidatesWithoutReadingInputsOrCreatingStages) {
  dir_.write("in/a.txt", "\xFF\xFE\xFD not text at all \x80");
  const std::string p = yaml(
      "name: c\ninputs: [in/a.txt]\nstages:\n  - tag-digits\n  - throw-in-create\n");
  const auto r = pipeline({"check", p}, {test_plugins("throwing").string()});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_EQ(r.out, p + ": ok\n");
  EXPECT_FALSE(fs::exists(dir_.path() / "out"));
}

TEST_F(Cli, CheckReportsEveryProblemAsFileLineColumn) {
  const std::string p = yaml(
      "name: c\n"
      "inputs: [in/missing.txt]\n"
      "stages:\n"
      "  - use: tag-digits\n"
      "    with: {min_length: zero, mode: last}\n"
      "  - use: no-such-stage\n");
  const auto r = pipeline({"check", p});
  EXPECT_EXIT_CODE(r, 2);
  EXPECT_EQ(r.out, "");
  const auto lines = r.err_lines();
  ASSERT_EQ(lines.size(), 4u) << r.err;
  for (const auto& line : lines) EXPECT_EQ(line.rfind(p + ":", 0), 0u) << line;
  EXPECT_CONTAINS(r.err, p + ":5:24: stage 'tag-digits' with.min_length: expected an integer, got 'zero'\n");
  EXPECT_CONTAINS(r.err, p + ":5:36: stage 'tag-digits' with.mode: expected one of [\"all\",\"first\"]\n");
  EXPECT_CONTAINS(r.err, p + ":6:5: unknown stage 'no-such-stage'; available stages: ");
  EXPECT_CONTAINS(r.err, p + ":2:10: input 'in/missing.txt': no such file or directory");
}

// ---------------------------------------------------------------- overrides

TEST_F(Cli, InputOverrideReplacesTheYamlInputs) {
  dir_.write("in/a.txt", "2021年");
  dir_.write("other/b.txt", "2022年");
  dir_.write("other/c.txt", "2023年");
  const std::string p = yaml("name: o\ninputs: [in/does-not-exist.txt]\nstages: [tag-digits]\n");
  const auto r = pipeline({"run", p, "--input", "other/c.txt", "-i", "other/b.txt", "-o", "o.json"});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "o.json");
  ASSERT_EQ(j["documents"].size(), 2u);
  EXPECT_EQ(j["documents"][0]["id"], "other/c.txt");  // in the order given
  EXPECT_EQ(j["documents"][1]["id"], "other/b.txt");
  EXPECT_EQ(j["documents"][0]["source"], "other/c.txt");
}

TEST_F(Cli, InputOverrideWithRoles) {
  dir_.write("y/2021.txt", "2021年12");
  dir_.write("y/2022.txt", "2022年");
  const std::string p = yaml("name: roles\nstages: [tag-digits, count-corpus]\n");
  const auto r = pipeline({"run", p, "--input", "base=y/2021.txt", "--input", "compare=y/2022.txt",
                           "--output", "r.json"});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "r.json");
  EXPECT_EQ(j["documents"][0]["meta"]["role"], "base");
  EXPECT_EQ(j["documents"][1]["meta"]["role"], "compare");
  ASSERT_EQ(j["comparisons"].size(), 1u);
  EXPECT_EQ(j["comparisons"][0]["roles"], Json::parse(R"({"base":"y/2021.txt","compare":"y/2022.txt"})"));
  EXPECT_EQ(j["comparisons"][0]["documents"][0]["digits"], 2);
  // The corpus stage's side output lands next to the result.
  EXPECT_EQ(read_file(dir_.path() / "r.counts.txt"), "2 documents\n");
}

// A stage reading a document meta key no earlier stage sets: refused before any document is
// read, in one line, with its own exit code (8), by check and run alike.
TEST_F(Cli, MetaKeyNoEarlierStageSetsExitsEight) {
  dir_.write("in/a.txt", "2021");
  const std::string p = yaml("name: m\ninputs: [in]\nstages: [read-year]\n");
  for (const std::string command : {"check", "run"}) {
    const auto r = pipeline({command, p});
    EXPECT_EXIT_CODE(r, 8);
    ASSERT_EQ(r.err_lines().size(), 1u) << r.err;
    EXPECT_CONTAINS(r.err, "p.yaml:3:10: stage 'read-year' reads document meta key 'report_year' but no earlier "
                           "stage sets it; add one of: stamp-year before it");
  }
  EXPECT_EXIT_CODE(pipeline({"check", yaml("name: m\ninputs: [in]\nstages: [stamp-year, read-year]\n")}), 0);
}

TEST_F(Cli, InputOverrideThatMatchesNothing) {
  const std::string p = yaml("name: o\nstages: [tag-digits]\n");
  const auto r = pipeline({"run", p, "--input", "nothing/*.txt", "--input", "gone.txt"});
  EXPECT_EXIT_CODE(r, 2);
  EXPECT_EQ(r.err,
            "--input: input 'nothing/*.txt': the pattern matches no file\n"
            "--input: input 'gone.txt': no such file or directory (" +
                (dir_.path() / "gone.txt").string() + ")\n");
}

TEST_F(Cli, OutputOverrideReplacesTheYamlOutput) {
  dir_.write("in/a.txt", "2021年");
  const auto r = pipeline({"run", yaml(kDigitsYaml), "--output", "deep/er/x.json"});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_TRUE(fs::exists(dir_.path() / "deep" / "er" / "x.json"));
  EXPECT_FALSE(fs::exists(dir_.path() / "out" / "digits.json"));
}

TEST_F(Cli, SetOverridesASetting) {
  dir_.write("in/a.txt", "1 22 333 4444 55555");
  const auto r = pipeline({"run", yaml(kDigitsYaml), "--set", "tag-digits.min_length=4", "--set",
                           "tag-digits.label=long"});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "out" / "digits.json");
  std::vector<std::string> values;
  for (const auto& a : j["documents"][0]["annotations"])
    if (a["type"] == "digits") {
      values.push_back(a["text"]);
      EXPECT_EQ(a["attrs"]["label"], "long");
    }
  EXPECT_EQ(values, (std::vector<std::string>{"4444", "55555"}));
  EXPECT_EQ(j["provenance"]["stages"][0]["settings"]["min_length"], 4);
}

TEST_F(Cli, BadSetOverrides) {
  dir_.write("in/a.txt", "1");
  const std::string p = yaml(kDigitsYaml);
  const auto r = pipeline({"run", p, "--set", "tag-digits.min_length=abc", "--set", "nostage.x=1",
                           "--set", "tag-digits.colour=red", "--set", "tag-digits.min_length=0",
                           "--set", "novalue"});
  EXPECT_EXIT_CODE(r, 2);
  EXPECT_EQ(r.err,
            "--set: 'tag-digits.min_length=abc': min_length: expected an integer, got 'abc'\n"
            "--set: 'nostage.x=1': no stage with id 'nostage' in the pipeline\n"
            "--set: 'tag-digits.colour=red': unknown setting 'colour'\n"
            "--set: 'tag-digits.min_length=0': min_length: expected a value >= 1\n"
            "--set: 'novalue': expected STAGE.KEY=VALUE\n");
  EXPECT_FALSE(fs::exists(dir_.path() / "out"));
}

// ---------------------------------------------------------------- exit codes

TEST_F(Cli, ExitCodes) {
  dir_.write("in/a.txt", "2021年增长5%。");
  dir_.write("bad/bad.txt", std::string("第一段文字。\xFF\xFF剩余"));
  dir_.write("fail/marked.txt", "FAIL here");
  fs::create_directories(dir_.path() / "out-is-a-dir.json");
  struct Case {
    std::string name;
    std::vector<std::string> args;
    std::vector<std::string> plugins;
    int code;
    std::string needle;
  };
  const std::string p = yaml(kDigitsYaml);
  const std::string failing = dir_.write("f.yaml", "name: f\ninputs: [fail/marked.txt]\nstages: [fail-on-marker]\n").string();
  const std::string broken = dir_.write("b.yaml", "name: b\nstages: [tag-digits]\nbogus: 1\n").string();
  const std::vector<Case> cases = {
      {"success", {"run", p}, {}, 0, ""},
      {"usage", {"run"}, {}, 2, "pipeline is required"},
      {"yaml", {"run", broken}, {}, 2, "unknown key 'bogus'"},
      {"input", {"run", p, "--input", "bad/bad.txt"}, {}, 3, "bad/bad.txt: byte 18: invalid UTF-8"},
      {"plugin load", {"run", dir_.write("ba.yaml", uses_stage("badabi")).string()}, {test_plugins("badabi").string()}, 4, "plugin ABI 99."},
      {"stage", {"run", failing}, {}, 5, "found the marker 'FAIL' at byte 0"},
      {"output", {"run", p, "--output", "out-is-a-dir.json"}, {}, 6, "out-is-a-dir.json: is a directory"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = pipeline(c.args, c.plugins);
    EXPECT_EXIT_CODE(r, c.code);
    EXPECT_CONTAINS(r.err, c.needle);
  }
  EXPECT_EQ(tmp_files(dir_.path()), std::vector<std::string>{});
}

TEST_F(Cli, InputErrorsWinOverStageErrorsAndTheOthersStillRun) {
  dir_.write("mix/a-good.txt", "2021年");
  dir_.write("mix/b-bad.txt", std::string("abc\xFF"));
  dir_.write("mix/c-marked.txt", "FAIL");
  const std::string p = yaml("name: mix\ninputs: [mix]\nstages: [tag-digits, fail-on-marker]\noutput: mix.json\n");
  const auto r = pipeline({"run", p});
  EXPECT_EXIT_CODE(r, 3);
  const Json j = parse_json(dir_.path() / "mix.json");
  ASSERT_EQ(j["documents"].size(), 1u);
  EXPECT_EQ(j["documents"][0]["id"], "a-good.txt");
  ASSERT_EQ(j["errors"].size(), 2u);
  EXPECT_EQ(j["errors"][0]["id"], "b-bad.txt");
  EXPECT_EQ(j["errors"][0]["exit_code"], 3);
  EXPECT_EQ(j["errors"][0]["stage"], "");
  EXPECT_EQ(j["errors"][1]["id"], "c-marked.txt");
  EXPECT_EQ(j["errors"][1]["exit_code"], 5);
  EXPECT_EQ(j["errors"][1]["stage"], "fail-on-marker");
}

// ---------------------------------------------------------------- broken plugins via the CLI

struct BrokenPlugin {
  std::string set;
  std::string stage;               // a stage whose first library is the broken one ("": none)
  std::vector<std::string> files;  // each must be named in the one-line error
  std::string needle;
};

TEST_F(Cli, EachBrokenPluginGivesOneLineAndExitFour) {
  dir_.write("in/a.txt", "2021年");
  const std::string p = yaml(kDigitsYaml);
  const std::vector<BrokenPlugin> cases = {
      {"noentry", "noentry", {"libreportlens-noentry.so"}, "not a reportlens plugin: entry point 'reportlens_plugin_info_v1' not found"},
      {"badabi", "badabi", {"libreportlens-badabi.so"}, "plugin ABI 99.3, host supports"},
      {"badkey", "badkey", {"libreportlens-badkey.so"}, ";icu-1', host is '"},
      {"duplicate", "", {"libreportlens-twin-a.so", "libreportlens-twin-b.so"}, "stage 'twin' is provided by both"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.set);
    // A pipeline that does not use the broken library never opens it.
    EXPECT_EXIT_CODE(pipeline({"check", p}, {test_plugins(c.set).string()}), 0);
    const std::string uses = dir_.write("uses.yaml", uses_stage(c.stage)).string();
    for (const char* command : {"run", "check"}) {
      if (c.stage.empty()) break;
      const auto r = pipeline({command, uses}, {test_plugins(c.set).string()});
      EXPECT_EXIT_CODE(r, 4);
      ASSERT_EQ(r.err_lines().size(), 1u) << r.err;
      EXPECT_CONTAINS(r.err, c.needle);
      for (const auto& f : c.files) EXPECT_CONTAINS(r.err, (test_plugins(c.set) / f).string());
    }
    // `plugins` still lists the good ones and reports the refusal.
    const auto list = pipeline({"plugins"}, {test_plugins(c.set).string()});
    EXPECT_EXIT_CODE(list, 4);
    EXPECT_CONTAINS(list.out, "testkit 3.2.1");
    EXPECT_CONTAINS(list.err, "refused: ");
    EXPECT_CONTAINS(list.err, c.needle);
  }
  EXPECT_FALSE(fs::exists(dir_.path() / "out"));
}

TEST_F(Cli, AStageThatThrowsInCreateStopsTheRunWithExitFive) {
  dir_.write("in/a.txt", "2021年");
  dir_.write("out/r.json", "previous result\n");
  const std::string p = yaml("name: t\ninputs: [in/a.txt]\nstages: [tag-digits, throw-in-create]\noutput: out/r.json\n");
  const auto r = pipeline({"run", p}, {test_plugins("throwing").string()});
  EXPECT_EXIT_CODE(r, 5);
  EXPECT_EQ(r.err, "pipeline: " + p + ": stage 'throw-in-create' could not be created: units.yaml:3: "
                   "deliberate failure while creating the stage\n");
  EXPECT_EQ(read_file(dir_.path() / "out" / "r.json"), "previous result\n");  // not clobbered
  EXPECT_EQ(list_files(dir_.path() / "out"), std::vector<std::string>{"r.json"});
}

TEST_F(Cli, StagesThatThrowInProcessFailTheirDocumentWithExitFive) {
  dir_.write("in/a.txt", "2021年增长");
  dir_.write("in/b.txt", "2022年");
  struct Case {
    std::string stage, needle;
  };
  for (const Case& c : {Case{"throw-in-process", "deliberate failure while processing"},
                        Case{"throw-unknown", "unknown exception"},
                        Case{"span-out-of-bounds", "annotation 'broken' span [0, 23) is outside the text (13 bytes)"},
                        Case{"span-mid-character", "annotation 'broken' span [4, 5) does not fall on UTF-8 character boundaries"}}) {
    SCOPED_TRACE(c.stage);
    const std::string p = yaml("name: t\ninputs: [in/a.txt]\nstages: [tag-digits, " + c.stage + "]\noutput: r.json\n");
    const auto r = pipeline({"run", p}, {test_plugins("throwing").string()});
    EXPECT_EXIT_CODE(r, 5);
    EXPECT_CONTAINS(r.err, "error: in/a.txt: stage '" + c.stage + "': " + c.needle + "\n");
    const Json j = parse_json(dir_.path() / "r.json");  // complete JSON listing the failure
    EXPECT_EQ(j["documents"], Json::array());
    ASSERT_EQ(j["errors"].size(), 1u);
    EXPECT_EQ(j["errors"][0]["id"], "in/a.txt");
    EXPECT_EQ(j["errors"][0]["stage"], c.stage);
    EXPECT_EQ(j["errors"][0]["exit_code"], 5);
  }
}

TEST_F(Cli, ACorpusStageFailure) {
  dir_.write("in/a.txt", "2021年");
  const std::string p = yaml("name: t\ninputs: [in/a.txt]\nstages:\n  - tag-digits\n  - use: count-corpus\n    with: {fail: true}\noutput: r.json\n");
  const auto r = pipeline({"run", p});
  EXPECT_EXIT_CODE(r, 5);
  EXPECT_CONTAINS(r.err, "stage 'count-corpus': deliberate corpus failure");
  const Json j = parse_json(dir_.path() / "r.json");
  EXPECT_EQ(j["documents"].size(), 1u);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["stage"], "count-corpus");
}

// ---------------------------------------------------------------- atomic output

TEST_F(Cli, FailedRunsLeaveNoFileAndNoTemporaryFile) {
  dir_.write("in/a.txt", "2021年");
  const std::string p = yaml(kDigitsYaml);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", p, "--set", "tag-digits.min_length=x"},   // config error
           {"run", p, "--input", "in/missing.txt"},           // missing input
       }) {
    const auto r = pipeline(args);
    EXPECT_EXIT_CODE(r, 2);
  }
  EXPECT_EXIT_CODE(pipeline({"run", dir_.write("bk.yaml", uses_stage("badkey")).string()}, {test_plugins("badkey").string()}), 4);
  EXPECT_FALSE(fs::exists(dir_.path() / "out"));
  EXPECT_EQ(tmp_files(dir_.path()), std::vector<std::string>{});
}

TEST_F(Cli, AnExistingOutputIsNotClobberedByAFailingRun) {
  dir_.write("in/a.txt", "2021年");
  const std::string previous = "{\"pipeline\": \"previous\"}\n";
  dir_.write("out/digits.json", previous);
  const std::string p = yaml(kDigitsYaml);
  EXPECT_EXIT_CODE(pipeline({"run", p, "--set", "nostage.x=1"}), 2);
  EXPECT_EXIT_CODE(pipeline({"run", dir_.write("ba.yaml", uses_stage("badabi")).string()}, {test_plugins("badabi").string()}), 4);
  EXPECT_EQ(read_file(dir_.path() / "out" / "digits.json"), previous);
  // A successful run replaces it whole.
  EXPECT_EXIT_CODE(pipeline({"run", p}), 0);
  EXPECT_EQ(parse_json(dir_.path() / "out" / "digits.json")["pipeline"], "digits");
  EXPECT_EQ(list_files(dir_.path() / "out"), std::vector<std::string>{"digits.json"});
}

// ---------------------------------------------------------------- determinism

TEST_F(Cli, RunsAreByteIdenticalAndIndependentOfParallelism) {
  dir_.write("many/seed.txt", read_file(source_dir() / "corpus" / "tiexi" / "2022-plan-report.txt"));
  const std::string p = yaml(
      "name: det\ninputs: [many]\nstages:\n  - segment\n  - tag-digits\n  - count-corpus\n");
  for (int i = 0; i < 7; ++i) {
    std::string text;
    for (int k = 0; k <= i * 40; ++k) text += "第" + std::to_string(k) + "项工作完成" + std::to_string(k * 7) + "亿元。\n";
    dir_.write("many/doc" + std::to_string(i) + ".txt", text);
  }
  dir_.write("many/gbk.txt", kGbk);
  const auto a = pipeline({"run", p, "-j", "1", "-o", "a.json"});
  const auto b = pipeline({"run", p, "-j", "2", "-o", "b.json"});
  const auto c = pipeline({"run", p, "-j", "2", "-o", "c.json"});
  const auto d = pipeline({"run", p, "-j", "8", "-o", "d.json"});
  for (const auto* r : {&a, &b, &c, &d}) EXPECT_EXIT_CODE(*r, 0);
  const std::string first = read_file(dir_.path() / "a.json");
  EXPECT_EQ(parse_json(dir_.path() / "a.json")["documents"].size(), 9u);
  EXPECT_EQ(first, read_file(dir_.path() / "b.json"));
  EXPECT_EQ(first, read_file(dir_.path() / "c.json"));
  EXPECT_EQ(first, read_file(dir_.path() / "d.json"));
}

// ---------------------------------------------------------------- inputs: encodings, bad bytes, ids

TEST_F(Cli, InvalidUtf8NamesTheFileAndTheByteOffset) {
  dir_.write("in/bad.txt", std::string("第一段文字。\xFF\xFF剩余"));
  const auto r = pipeline({"run", yaml(kDigitsYaml), "--input", "in/bad.txt"});
  EXPECT_EXIT_CODE(r, 3);
  EXPECT_CONTAINS(r.err, "in/bad.txt: byte 18: invalid UTF-8");
  EXPECT_CONTAINS(r.err, "`on_invalid: replace`");
}

TEST_F(Cli, EmptyWhitespaceAndBinaryInputs) {
  dir_.write("in/empty.txt", "");
  dir_.write("in/blank.txt", " \n\r\n\t ");
  dir_.write("in/nul.txt", std::string("abc\0def", 7));
  dir_.write("in/png.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  struct Case {
    std::string file, needle;
  };
  for (const Case& c : {Case{"in/empty.txt", "in/empty.txt: empty input (0 bytes)"},
                        Case{"in/blank.txt", "in/blank.txt: no text after decoding"},
                        Case{"in/nul.txt", "in/nul.txt: byte 3: NUL character; this looks like a binary file"},
                        Case{"in/png.txt", "in/png.txt: byte "}}) {
    SCOPED_TRACE(c.file);
    const auto r = pipeline({"run", yaml(kDigitsYaml), "--input", c.file});
    EXPECT_EXIT_CODE(r, 3);
    EXPECT_CONTAINS(r.err, c.needle);
  }
}

TEST_F(Cli, OnInvalidReplaceKeepsGoingWithAWarning) {
  dir_.write("in/bad.txt", std::string("第一段文字12。\xFF剩余"));
  const std::string p = yaml(
      "name: r\ninputs:\n  - {path: in/bad.txt, on_invalid: replace}\nstages: [tag-digits]\noutput: r.json\n");
  const auto r = pipeline({"run", p});
  EXPECT_EXIT_CODE(r, 0);
  EXPECT_CONTAINS(r.err, "in/bad.txt: replaced 1 invalid byte sequence(s) with U+FFFD");
  const Json d = parse_json(dir_.path() / "r.json")["documents"][0];
  EXPECT_EQ(d["annotations"][0]["text"], "12");
  EXPECT_EQ(d["annotations"][0]["begin"], 5);
}

TEST_F(Cli, GbkFileAmongUtf8FilesIsDetected) {
  dir_.write("mixed/a-utf8.txt", kGbkAsUtf8);
  dir_.write("mixed/b-gbk.txt", kGbk);
  dir_.write("mixed/c-utf8.txt", "2023年。");
  const std::string p = yaml("name: m\ninputs: [mixed]\nstages: [tag-digits]\noutput: m.json\n");
  const auto r = pipeline({"run", p});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "m.json");
  ASSERT_EQ(j["documents"].size(), 3u);
  EXPECT_EQ(j["documents"][0]["meta"]["encoding"], "UTF-8");
  EXPECT_EQ(j["documents"][1]["meta"]["encoding"], "GB18030");
  EXPECT_EQ(j["documents"][1]["sha256"], sha256_hex(kGbk));  // of the bytes as given
  // Same text, same annotations, same code point offsets.
  EXPECT_EQ(j["documents"][0]["annotations"], j["documents"][1]["annotations"]);
}

TEST_F(Cli, DeclaredEncodingAndByteOrderMarks) {
  dir_.write("in/gbk.txt", kGbk);
  dir_.write("in/bom.txt", "\xEF\xBB\xBF" "12年");
  dir_.write("in/utf16.txt", std::string("\xFF\xFE" "1\0" "2\0" "\x74\x5E", 8));  // "12年" UTF-16LE
  const std::string p = yaml(
      "name: e\ninputs:\n  - {path: in/gbk.txt, encoding: gb18030}\n  - in/bom.txt\n  - in/utf16.txt\n"
      "stages: [tag-digits]\noutput: e.json\n");
  const auto r = pipeline({"run", p});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "e.json");
  ASSERT_EQ(j["documents"].size(), 3u);
  EXPECT_EQ(j["documents"][0]["annotations"][0]["text"], "2022");
  EXPECT_EQ(j["documents"][1]["annotations"][0]["begin"], 0);  // the BOM is not text
  EXPECT_EQ(j["documents"][2]["meta"]["encoding"], "UTF-16LE");
  EXPECT_EQ(j["documents"][2]["annotations"][0]["text"], "12");
}

TEST_F(Cli, UnknownDeclaredEncoding) {
  dir_.write("in/a.txt", "12");
  const std::string p = yaml("name: e\ninputs:\n  - {path: in/a.txt, encoding: klingon}\nstages: [tag-digits]\n");
  const auto r = pipeline({"run", p, "-o", "e.json"});
  EXPECT_EXIT_CODE(r, 3);
  EXPECT_CONTAINS(r.err, "in/a.txt: unknown encoding 'klingon'");
}

TEST_F(Cli, DocumentIds) {
  dir_.write("reports/a.txt", "1");
  dir_.write("reports/sub/b.txt", "2");
  dir_.write("reports/c.html", "<p>3</p>");
  dir_.write("reports/notes.md", "4");
  dir_.write("more/d.txt", "5");
  dir_.write("more/e.text", "6");
  dir_.write("single/2022/report.txt", "7");
  const std::string p = yaml(
      "name: ids\ninputs:\n  - reports\n  - more/*.txt\n  - single/2022/report.txt\nstages: [tag-digits]\noutput: ids.json\n");
  const auto r = pipeline({"run", p});
  EXPECT_EXIT_CODE(r, 0);
  std::vector<std::string> ids, sources;
  const Json result = parse_json(dir_.path() / "ids.json");
  for (const auto& d : result["documents"]) {
    ids.push_back(d["id"]);
    sources.push_back(d["source"]);
  }
  // A directory: ids relative to it, sorted, only .txt/.text/.html/.htm; a glob or a file:
  // <parent directory>/<name>.
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "c.html", "sub/b.txt", "more/d.txt", "2022/report.txt"}));
  EXPECT_EQ(sources, (std::vector<std::string>{"reports/a.txt", "reports/c.html", "reports/sub/b.txt",
                                               "more/d.txt", "single/2022/report.txt"}));
}

TEST_F(Cli, TwoInputsWithOneDocumentIdAreRefused) {
  dir_.write("tiexi/2022.txt", "1");
  dir_.write("other/tiexi/2022.txt", "2");
  const std::string p = yaml(
      "name: dup\ninputs:\n  - tiexi/2022.txt\n  - tiexi/2022.txt\n  - other/tiexi/2022.txt\nstages: [tag-digits]\n");
  const auto r = pipeline({"check", p});
  EXPECT_EXIT_CODE(r, 2);
  ASSERT_EQ(r.err_lines().size(), 2u) << r.err;
  EXPECT_EQ(r.err_lines()[0], p + ":4:5: input 'tiexi/2022.txt' has the document id 'tiexi/2022.txt' of "
                              "input 'tiexi/2022.txt'; list each file once, give the files distinct "
                              "parent directories, or set ids in a manifest");
  EXPECT_CONTAINS(r.err_lines()[1], p + ":5:5: input 'other/tiexi/2022.txt' has the document id 'tiexi/2022.txt'");
  const auto cli = pipeline({"run", p, "--input", "tiexi/2022.txt", "--input", "base=tiexi/2022.txt"});
  EXPECT_EXIT_CODE(cli, 2);
  EXPECT_CONTAINS(cli.err, "--input: input 'tiexi/2022.txt' has the document id 'tiexi/2022.txt'");
}

// ---------------------------------------------------------------- robustness

TEST_F(Cli, AHugeSingleLineInput) {
  std::string line;
  line.reserve(4 << 20);
  while (line.size() < (4u << 20)) line += "地区生产总值完成1200.2亿元，增长1.5%，";  // no line break, no 。
  dir_.write("in/huge.txt", line);
  const std::string p = yaml("name: h\ninputs: [in/huge.txt]\nstages: [segment, tag-digits]\noutput: h.json\n");
  const auto r = pipeline({"run", p, "--set", "tag-digits.min_length=4"});
  EXPECT_EXIT_CODE(r, 0);
  const Json j = parse_json(dir_.path() / "h.json");
  ASSERT_EQ(j["documents"].size(), 1u);
  EXPECT_GT(j["documents"][0]["annotations"].size(), 50000u);
}

TEST_F(Cli, LogLevelFlags) {
  dir_.write("in/a.txt", "1");
  const std::string p = yaml(kDigitsYaml);
  const auto quiet = pipeline({"-q", "run", p});
  EXPECT_EXIT_CODE(quiet, 0);
  EXPECT_EQ(quiet.err, "");
  const auto verbose = pipeline({"-v", "run", p}, {"/no/such/plugin/dir"});
  EXPECT_EXIT_CODE(verbose, 0);
  EXPECT_CONTAINS(verbose.err, "debug: ");
}

}  // namespace
}  // namespace reportlens::test
