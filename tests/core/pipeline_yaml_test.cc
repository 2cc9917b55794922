// Pipeline YAML validation: one test per error class, each checking the message and the
// file:line:column it points at. Stages come from the testkit test plugin only.
#include <gtest/gtest.h>

#include <cstdlib>

#include "pipeline/config_issue.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/pipeline_plan.h"
#include "plugins/plugin_registry.h"
#include "run/runner.h"
#include "test_support.h"

namespace reportlens {
namespace {

using test::ScratchDir;
using test::test_plugins;

const PluginRegistry& testkit_registry() {
  static const PluginRegistry* registry = [] {
    auto* r = new PluginRegistry();
    r->discover({test_plugins("testkit")});
    return r;
  }();
  return *registry;
}

// Loads and plans `yaml` the way `pipeline check` does (without resolving inputs) and
// returns every issue.
std::vector<ConfigIssue> validate(const ScratchDir& dir, const std::string& yaml,
                                  const std::vector<std::string>& overrides = {}) {
  const auto file = dir.write("p.yaml", yaml);
  std::vector<ConfigIssue> issues;
  try {
    const PipelineConfig config = load_pipeline_config(file, issues);
    make_plan(config, testkit_registry(), overrides);
  } catch (const ConfigError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
  }
  return issues;
}

// Runs the full check (plugins, stages, settings, inputs) through the runner.
std::vector<ConfigIssue> check(const ScratchDir& dir, const std::string& yaml,
                               const std::vector<std::string>& inputs = {}) {
  ::setenv("REPORTLENS_DISABLE_DEFAULT_PLUGINS", "1", 1);
  ::unsetenv("REPORTLENS_PLUGIN_PATH");
  RunOptions options;
  options.pipeline_file = dir.write("p.yaml", yaml);
  options.plugin_paths = {test_plugins("testkit").string()};
  options.inputs = inputs;
  try {
    check_pipeline(options);
  } catch (const ConfigError& e) {
    return e.issues();
  }
  return {};
}

std::string where(const ConfigIssue& i) {
  return std::to_string(i.line) + ":" + std::to_string(i.column);
}

std::string all(const std::vector<ConfigIssue>& issues) {
  std::string s;
  for (const auto& i : issues) s += i.to_string() + "\n";
  return s;
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

TEST(PipelineYaml, ValidPipelineHasNoIssues) {
  ScratchDir dir;
  dir.write("in/a.txt", "2022年增长5%。");
  const std::string yaml =
      "name: ok\n"
      "description: digits\n"
      "inputs:\n"
      "  - in/a.txt\n"
      "stages:\n"
      "  - use: tag-digits\n"
      "    with: {min_length: 2, mode: first, label: year, weights: [1, 2.5], verbose: yes}\n"
      "  - sum-digits\n"
      "  - use: count-corpus\n"
      "output: out/ok.json\n";
  EXPECT_EQ(all(validate(dir, yaml)), "");
  EXPECT_EQ(all(check(dir, yaml)), "");
  const PipelineConfig config = load_pipeline_config(dir.path() / "p.yaml");
  EXPECT_EQ(config.name, "ok");
  EXPECT_EQ(config.description, "digits");
  ASSERT_EQ(config.stages.size(), 3u);
  EXPECT_EQ(config.stages[1].use, "sum-digits");
  EXPECT_EQ(config.stages[1].id, "sum-digits");
  EXPECT_EQ(config.output.path, "out/ok.json");
  EXPECT_EQ(config.output.formats, std::vector<std::string>{"json"});
  const PipelinePlan plan = make_plan(config, testkit_registry(), {});
  ASSERT_EQ(plan.document_stages.size(), 2u);
  ASSERT_EQ(plan.corpus_stages.size(), 1u);
  const Json& s = plan.document_stages[0].context.settings;
  EXPECT_EQ(s["min_length"], 2);
  EXPECT_EQ(s["mode"], "first");
  EXPECT_EQ(s["weights"], Json::parse("[1.0, 2.5]"));
  EXPECT_EQ(s["verbose"], true);
  // Defaults are filled in for a stage given without `with:`.
  EXPECT_EQ(plan.corpus_stages[0].context.settings, Json::parse(R"({"fail":false})"));
  EXPECT_EQ(plan.document_stages[0].context.pipeline_dir, std::filesystem::absolute(dir.path()));
}

TEST(PipelineYaml, MalformedYaml) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: broken\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "    with: {min_length: 2\n"
                               "output: x.json\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_CONTAINS(issues[0].message, "malformed YAML");
  EXPECT_EQ(issues[0].file, (dir.path() / "p.yaml").string());
  EXPECT_GE(issues[0].line, 4) << where(issues[0]);
  EXPECT_GT(issues[0].column, 0);
  EXPECT_CONTAINS(issues[0].to_string(), "p.yaml:" + where(issues[0]) + ": malformed YAML");
}

TEST(PipelineYaml, MalformedYamlTabIndentationPointsAtTheLine) {
  ScratchDir dir;
  const auto issues = validate(dir, "name: x\nstages:\n  - use: a\n  bad: [\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_CONTAINS(issues[0].message, "malformed YAML");
  EXPECT_GT(issues[0].line, 0);
}

TEST(PipelineYaml, NotAMapping) {
  ScratchDir dir;
  const auto issues = validate(dir, "- just\n- a list\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_CONTAINS(issues[0].message, "expected a mapping with keys name, inputs, stages, output");
  EXPECT_EQ(where(issues[0]), "1:1");
}

TEST(PipelineYaml, UnknownTopLevelKey) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages: [tag-digits]\n"
                               "outptu: a.json\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:1");
  EXPECT_EQ(issues[0].message,
            "unknown key 'outptu' in the pipeline; expected one of: description, inputs, name, "
            "output, stages");
}

TEST(PipelineYaml, UnknownKeyInAStageAnInputAndTheOutput) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "inputs:\n"
                               "  - {path: a.txt, encodng: gbk}\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "    width: {}\n"
                               "output: {path: a.json, format: [json]}\n");
  ASSERT_EQ(issues.size(), 3u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:19");
  EXPECT_CONTAINS(issues[0].message, "unknown key 'encodng' in an input; expected one of:");
  EXPECT_EQ(where(issues[1]), "6:5");
  EXPECT_CONTAINS(issues[1].message, "unknown key 'width' in a stage; expected one of: id, use, with");
  EXPECT_EQ(where(issues[2]), "7:24");
  EXPECT_CONTAINS(issues[2].message, "unknown key 'format' in output; expected one of: ");
  EXPECT_CONTAINS(issues[2].message, "formats, path");
}

TEST(PipelineYaml, WrongTypes) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: [a, b]\n"
                               "inputs: 5\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "    with: [min_length]\n"
                               "output: {path: a.json, formats: json}\n");
  ASSERT_EQ(issues.size(), 4u) << all(issues);
  EXPECT_EQ(where(issues[0]), "1:7");
  EXPECT_EQ(issues[0].message, "name: expected a string");
  EXPECT_EQ(where(issues[1]), "2:9");
  EXPECT_CONTAINS(issues[1].message, "inputs: expected a list of paths or a mapping of roles to paths");
  EXPECT_EQ(where(issues[2]), "5:11");
  EXPECT_EQ(issues[2].message, "with: expected a mapping of settings");
  EXPECT_EQ(where(issues[3]), "6:33");
  EXPECT_CONTAINS(issues[3].message, "formats: expected a list such as [json, html]");
}

TEST(PipelineYaml, StagesMustBeAList) {
  ScratchDir dir;
  const auto issues = validate(dir, "name: x\nstages:\n  use: tag-digits\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:3");
  EXPECT_CONTAINS(issues[0].message, "stages: expected a list of {use: STAGE, with: {...}}");
}

TEST(PipelineYaml, MissingStages) {
  ScratchDir dir;
  const auto issues = validate(dir, "name: x\ninputs: [a.txt]\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "1:1");
  EXPECT_EQ(issues[0].message, "missing required key 'stages'");
}

TEST(PipelineYaml, MissingNameAndMissingUse) {
  ScratchDir dir;
  const auto issues = validate(dir, "stages:\n  - with: {}\n");
  ASSERT_EQ(issues.size(), 2u) << all(issues);
  EXPECT_EQ(issues[0].message, "missing required key 'name'");
  EXPECT_EQ(where(issues[1]), "2:5");
  EXPECT_EQ(issues[1].message, "stage: missing 'use: STAGE-NAME'");
}

TEST(PipelineYaml, UnknownStageListsTheAvailableOnes) {
  ScratchDir dir;
  const auto issues = validate(dir, "name: x\nstages:\n  - use: tag-digitz\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:5");
  EXPECT_EQ(issues[0].message,
            "unknown stage 'tag-digitz'; available stages: tag-digits, sum-digits, "
            "fail-on-marker, count-corpus, group-corpus, tag-years, stamp-year, read-year");
}

TEST(PipelineYaml, UnknownSetting) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "    with:\n"
                               "      min_length: 2\n"
                               "      min_lenght: 3\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "6:7");
  EXPECT_EQ(issues[0].message,
            "stage 'tag-digits' with: unknown setting 'min_lenght'; expected one of: "
            "min_length, mode, label, weights, verbose");
}

TEST(PipelineYaml, WrongSettingType) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "    with:\n"
                               "      min_length: two\n"
                               "      label: [a]\n"
                               "      weights: [1, x]\n"
                               "      verbose: maybe\n");
  ASSERT_EQ(issues.size(), 4u) << all(issues);
  EXPECT_EQ(where(issues[0]), "5:19");
  EXPECT_EQ(issues[0].message, "stage 'tag-digits' with.min_length: expected an integer, got 'two'");
  EXPECT_EQ(where(issues[1]), "6:14");
  EXPECT_EQ(issues[1].message, "stage 'tag-digits' with.label: expected a string");
  EXPECT_EQ(where(issues[2]), "7:20");
  EXPECT_EQ(issues[2].message, "stage 'tag-digits' with.weights[1]: expected a number, got 'x'");
  EXPECT_EQ(where(issues[3]), "8:16");
  EXPECT_EQ(issues[3].message, "stage 'tag-digits' with.verbose: expected a boolean, got 'maybe'");
}

TEST(PipelineYaml, EnumAndMinimumViolations) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "    with: {mode: last, min_length: 0}\n");
  ASSERT_EQ(issues.size(), 2u) << all(issues);
  EXPECT_EQ(where(issues[0]), "4:18");
  EXPECT_EQ(issues[0].message, R"(stage 'tag-digits' with.mode: expected one of ["all","first"])");
  EXPECT_EQ(where(issues[1]), "4:36");
  EXPECT_EQ(issues[1].message, "stage 'tag-digits' with.min_length: expected a value >= 1");
}

TEST(PipelineYaml, StageConsumesWhatNoEarlierStageProduces) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - use: sum-digits\n"
                               "  - use: tag-digits\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:5");
  EXPECT_EQ(issues[0].message,
            "stage 'sum-digits' consumes 'digits' but no earlier stage produces it; add one of: "
            "tag-digits before it");
}

// Document meta keys are checked as annotation types are: a stage that reads one needs an
// earlier stage that sets it (or the inputs' meta:), and the problem has its own exit code.
TEST(PipelineYaml, StageReadsAMetaKeyNoEarlierStageSets) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - use: read-year\n"
                               "  - use: stamp-year\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:5");
  EXPECT_EQ(issues[0].message,
            "stage 'read-year' reads document meta key 'report_year' but no earlier stage sets it; add one of: "
            "stamp-year before it (or give it in the inputs' meta:)");
  EXPECT_EQ(issues[0].code, ExitCode::kMetaKey);
  EXPECT_EQ(ConfigError(issues).code(), ExitCode::kMetaKey);
  // Mixed with another kind of problem, it is a plain usage error.
  EXPECT_EQ(ConfigError({issues[0], ConfigIssue{"f", 1, 1, "other"}}).code(), ExitCode::kUsage);

  EXPECT_EQ(all(validate(dir, "name: x\nstages:\n  - use: stamp-year\n  - use: read-year\n")), "");
  EXPECT_EQ(all(validate(dir,
                         "name: x\ninputs:\n  - path: a.txt\n    meta: {report_year: 2020}\n"
                         "stages:\n  - use: read-year\n")),
            "");
}

TEST(PipelineYaml, DocumentStageAfterACorpusStage) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - tag-digits\n"
                               "  - count-corpus\n"
                               "  - sum-digits\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "5:5");
  EXPECT_CONTAINS(issues[0].message, "document stage 'sum-digits' comes after a corpus stage");
}

TEST(PipelineYaml, DuplicateStageId) {
  ScratchDir dir;
  const auto issues = validate(dir,
                               "name: x\n"
                               "stages:\n"
                               "  - use: tag-digits\n"
                               "  - use: tag-digits\n"
                               "    with: {mode: first}\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(where(issues[0]), "4:5");
  EXPECT_EQ(issues[0].message, "stage id 'tag-digits' is used twice; give one of them an 'id:'");
  // An id makes the second one legal.
  EXPECT_EQ(all(validate(dir,
                         "name: x\n"
                         "stages:\n"
                         "  - use: tag-digits\n"
                         "  - {use: tag-digits, id: first-only, with: {mode: first}}\n")),
            "");
}

TEST(PipelineYaml, MissingInputs) {
  ScratchDir dir;
  dir.write("empty-dir/notes.md", "not an input");
  const auto issues = check(dir,
                            "name: x\n"
                            "inputs:\n"
                            "  - missing.txt\n"
                            "  - path: reports/*.txt\n"
                            "  - empty-dir\n"
                            "stages: [tag-digits]\n");
  ASSERT_EQ(issues.size(), 3u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:5");
  EXPECT_CONTAINS(issues[0].message, "input 'missing.txt': no such file or directory (");
  EXPECT_EQ(where(issues[1]), "4:5");
  EXPECT_EQ(issues[1].message, "input 'reports/*.txt': the pattern matches no file");
  EXPECT_EQ(where(issues[2]), "5:5");
  EXPECT_EQ(issues[2].message, "input 'empty-dir': the directory holds no document (.txt, .html, .pdf, .docx, or Markdown with front matter)");
}

TEST(PipelineYaml, NoInputsAtAll) {
  ScratchDir dir;
  const auto issues = check(dir, "name: x\nstages: [tag-digits]\n");
  ASSERT_EQ(issues.size(), 1u) << all(issues);
  EXPECT_EQ(issues[0].message, "no inputs: add 'inputs:' or pass --input");
}

TEST(PipelineYaml, BadInputOptions) {
  ScratchDir dir;
  dir.write("a.txt", "1");
  const auto issues = validate(dir,
                               "name: x\n"
                               "inputs:\n"
                               "  - {path: a.txt, on_invalid: ignore, meta: 2022}\n"
                               "  - {role: base}\n"
                               "stages: [tag-digits]\n");
  ASSERT_EQ(issues.size(), 3u) << all(issues);
  EXPECT_EQ(where(issues[0]), "3:31");
  EXPECT_EQ(issues[0].message, "on_invalid: expected 'error' or 'replace', got 'ignore'");
  EXPECT_EQ(where(issues[1]), "3:45");
  EXPECT_EQ(issues[1].message, "input meta: expected a mapping");
  EXPECT_EQ(where(issues[2]), "4:5");
  EXPECT_EQ(issues[2].message.rfind("input: missing 'path'", 0), 0u) << issues[2].message;
}

TEST(PipelineYaml, AllErrorsAreReportedAtOnce) {
  ScratchDir dir;
  const std::string yaml =
      "name: x\n"
      "colour: blue\n"                        // unknown key            2:1
      "inputs: [nowhere.txt]\n"               // missing input          3:10
      "stages:\n"
      "  - use: tag-digitz\n"                 // unknown stage          5:5
      "  - use: tag-digits\n"
      "    with: {mode: every, size: 3}\n"    // enum 7:18, unknown setting 7:25
      "  - use: sum-digits\n"
      "  - use: sum-digits\n";                // duplicate id           9:5
  const auto issues = check(dir, yaml);
  std::vector<std::string> got;
  for (const auto& i : issues) got.push_back(where(i));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"2:1", "3:10", "5:5", "7:18", "7:25", "9:5"}))
      << all(issues);
  // And the exception's text is one line per issue, each starting with the file.
  RunOptions options;
  options.pipeline_file = dir.path() / "p.yaml";
  options.plugin_paths = {test_plugins("testkit").string()};
  try {
    check_pipeline(options);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage);
    const std::string text = e.what();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n') + 1, 6) << text;
    std::stringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      EXPECT_EQ(line.rfind(options.pipeline_file.string() + ":", 0), 0u) << line;
  }
}

TEST(PipelineYaml, SettingOverrides) {
  ScratchDir dir;
  const std::string yaml = "name: x\nstages:\n  - tag-digits\n  - {use: tag-digits, id: t2}\n";
  const auto config = load_pipeline_config(dir.write("p.yaml", yaml));
  const auto plan = make_plan(config, testkit_registry(),
                              {"tag-digits.min_length=4", "t2.mode=first", "t2.weights=[1, 2]",
                               "t2.label=a=b"});
  EXPECT_EQ(plan.document_stages[0].context.settings["min_length"], 4);
  EXPECT_EQ(plan.document_stages[1].context.settings["mode"], "first");
  EXPECT_EQ(plan.document_stages[1].context.settings["weights"], Json::parse("[1.0, 2.0]"));
  EXPECT_EQ(plan.document_stages[1].context.settings["label"], "a=b");

  const auto issues = validate(dir, yaml,
                               {"tag-digits.min_length=abc", "nostage.x=1", "t2.colour=red",
                                "t2.mode=last", "no-dot-or-equals"});
  ASSERT_EQ(issues.size(), 5u) << all(issues);
  EXPECT_EQ(issues[0].to_string(),
            "--set: 'tag-digits.min_length=abc': min_length: expected an integer, got 'abc'");
  EXPECT_EQ(issues[1].to_string(), "--set: 'nostage.x=1': no stage with id 'nostage' in the pipeline");
  EXPECT_EQ(issues[2].to_string(), "--set: 't2.colour=red': unknown setting 'colour'");
  EXPECT_EQ(issues[3].to_string(), R"(--set: 't2.mode=last': mode: expected one of ["all","first"])");
  EXPECT_EQ(issues[4].to_string(), "--set: 'no-dot-or-equals': expected STAGE.KEY=VALUE");
}

TEST(PipelineYaml, InputArguments) {
  EXPECT_EQ(parse_input_argument("a/b.txt").path, "a/b.txt");
  EXPECT_EQ(parse_input_argument("a/b.txt").role, "");
  EXPECT_EQ(parse_input_argument("base=2021.txt").role, "base");
  EXPECT_EQ(parse_input_argument("base=2021.txt").path, "2021.txt");
  // Not a bare word before '=': the whole argument is a path.
  EXPECT_EQ(parse_input_argument("dir/x=y.txt").path, "dir/x=y.txt");
  EXPECT_EQ(parse_input_argument("dir/x=y.txt").role, "");
  EXPECT_EQ(parse_input_argument("=y.txt").path, "=y.txt");
}

TEST(PipelineYaml, InputsAsRolesWithMetaEncodingAndOnInvalid) {
  ScratchDir dir;
  const auto config = load_pipeline_config(dir.write("p.yaml",
                                                     "name: diff\n"
                                                     "inputs:\n"
                                                     "  base: 2021.txt\n"
                                                     "  compare:\n"
                                                     "    - path: 2022.txt\n"
                                                     "      encoding: gb18030\n"
                                                     "      on_invalid: replace\n"
                                                     "      meta: {region: 铁西区, report_year: 2022}\n"
                                                     "stages: [tag-digits]\n"));
  ASSERT_EQ(config.inputs.size(), 2u);
  EXPECT_EQ(config.inputs[0].role, "base");
  EXPECT_EQ(config.inputs[0].path, "2021.txt");
  EXPECT_EQ(config.inputs[1].role, "compare");
  EXPECT_EQ(config.inputs[1].encoding, "gb18030");
  EXPECT_TRUE(config.inputs[1].replace_invalid);
  EXPECT_EQ(config.inputs[1].meta["region"], "铁西区");
  EXPECT_EQ(config.inputs[1].meta["report_year"], 2022);  // numbers keep their type
}

}  // namespace
}  // namespace reportlens
