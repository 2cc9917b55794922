// The `pipeline` CLI on PDF, DOCX and Markdown inputs (generated from the seed report) and on
// inputs it must refuse; role and output-extension checks.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>

#include "format_inputs.h"
#include "test_support.h"

namespace reportlens::test {
namespace {

using Json = nlohmann::ordered_json;

Json parse_json(const fs::path& p) { return Json::parse(read_file(p)); }

CommandResult run_real(const std::vector<std::string>& args, const fs::path& cwd) {
  CommandOptions options;
  options.default_plugins = true;  // the real plugins of this build tree
  options.cwd = cwd;
  return run_pipeline(args, options);
}

std::string extract_yaml() { return (source_dir() / "pipelines/extract.yaml").string(); }
std::string diff_yaml() { return (source_dir() / "pipelines/diff.yaml").string(); }

// The indicator facts of a result's first document: metric, period, status and values, as a
// multiset.
std::map<std::string, int> indicator_facts(const Json& result) {
  std::map<std::string, int> facts;
  for (const Json& a : result["documents"][0]["annotations"]) {
    if (a["type"] != "indicator") continue;
    const Json& x = a["attrs"];
    ++facts[x["metric"].dump() + "|" + x["period"].dump() + "|" + x["status"].dump() + "|" +
            x.value("level", Json()).dump() + "|" + x.value("growth", Json()).dump()];
  }
  return facts;
}

// Share of the plain text's facts that the other result also has.
double agreement(const std::map<std::string, int>& plain, const std::map<std::string, int>& other,
                 std::string& missing) {
  int total = 0, found = 0;
  for (const auto& [fact, n] : plain) {
    total += n;
    const auto it = other.find(fact);
    const int got = it == other.end() ? 0 : std::min(n, it->second);
    found += got;
    if (got < n) missing += "\n  " + fact;
  }
  return total == 0 ? 0.0 : static_cast<double>(found) / total;
}

class Formats : public ::testing::Test {
 protected:
  // The indicator facts of one input through pipelines/extract.yaml.
  Json extract(const fs::path& input, const std::string& name) {
    const fs::path out = dir_.path() / (name + ".json");
    const CommandResult r = run_real({"run", extract_yaml(), "--input", input.string(), "--output", out.string()},
                                     dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? parse_json(out) : Json();
  }

  void expect_same_facts(const fs::path& input, const std::string& format) {
    const Json plain = extract(seed_report(), "plain");
    const Json other = extract(input, format);
    ASSERT_FALSE(other.is_null());
    EXPECT_EQ(other["documents"][0]["meta"]["format"], format);
    const auto plain_facts = indicator_facts(plain);
    ASSERT_GE(plain_facts.size(), 30u);  // the seed report is rich in indicators
    std::string missing;
    const double share = agreement(plain_facts, indicator_facts(other), missing);
    std::cout << format << ": " << share * 100 << "% of the plain text's indicator facts\n";
    EXPECT_GE(share, 0.97) << "missing from " << format << ":" << missing;
  }

  ScratchDir dir_;
};

TEST_F(Formats, PdfGivesThePlainTextsIndicatorFacts) {
  REPORTLENS_REQUIRE_INPUTS("pdf", in);
  expect_same_facts(in / "report.pdf", "pdf");
  const Json meta = parse_json(dir_.path() / "pdf.json")["documents"][0]["meta"];
  EXPECT_GE(meta["pages"].get<int>(), 3);
  EXPECT_EQ(meta["page_starts"].size(), meta["pages"].get<std::size_t>());
  EXPECT_EQ(meta["region"], "铁西区");  // the title block found at the top of the text
}

TEST_F(Formats, DocxGivesThePlainTextsIndicatorFacts) {
  REPORTLENS_REQUIRE_INPUTS("docx", in);
  expect_same_facts(in / "report.docx", "docx");
  const Json meta = parse_json(dir_.path() / "docx.json")["documents"][0]["meta"];
  EXPECT_EQ(meta["headings"].size(), 13u);  // 2 一、 headings and 11 （一） headings
}

TEST_F(Formats, MarkdownGivesThePlainTextsIndicatorFactsAndItsFrontMatter) {
  REPORTLENS_REQUIRE_INPUTS("md", in);
  expect_same_facts(in / "report.md", "markdown");
  const Json doc = parse_json(dir_.path() / "markdown.json")["documents"][0];
  EXPECT_EQ(doc["meta"]["title"], "铁西区2022年经济和社会发展计划执行情况报告");
  EXPECT_EQ(doc["meta"]["source"], "https://example.org/tiexi/2022.html");
  EXPECT_EQ(doc["meta"]["date"], "2022-12-14");
  EXPECT_EQ(doc["meta"]["region"], "铁西区");
  EXPECT_EQ(doc["meta"]["collection"], "test");
  // Offsets point into the Markdown file itself.
  const std::string md = read_file(in / "report.md");
  std::u32string file;
  for (std::size_t i = 0; i < md.size();) {
    const unsigned char c = md[i];
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    file += static_cast<char32_t>(i);  // the byte where each code point starts
    i += n;
  }
  std::size_t checked = 0;
  for (const Json& a : doc["annotations"]) {
    if (a["type"] != "quantity") continue;
    const std::size_t b = file[a["begin"].get<std::size_t>()], e = a["end"] < file.size() ? file[a["end"].get<std::size_t>()] : md.size();
    EXPECT_EQ(md.substr(b, e - b), a["text"].get<std::string>());
    ++checked;
  }
  EXPECT_GT(checked, 50u);
}

// Every refusal is one line naming the file, exit code 3, and the good input still runs.
TEST_F(Formats, UnreadableInputsAreRefusedOneByOneAndTheBatchGoesOn) {
  REPORTLENS_REQUIRE_INPUTS("errors", in);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"scan.pdf", "PDF has no text layer"},
      {"corrupt.pdf", "damaged PDF"},
      {"encrypted.pdf", "encrypted PDF: it needs a password"},
      {"nodoc.docx", "damaged DOCX: the archive has no word/document.xml"},
      {"notdocx.zip", "a zip archive, not a Word document"},
      {"binary.bin", "byte 0: NUL character; this looks like a binary file, not text, HTML, Markdown, PDF or DOCX"}};
  std::vector<std::string> args = {"run", extract_yaml()};
  for (const auto& [file, why] : cases) args.insert(args.end(), {"--input", (in / file).string()});
  dir_.write("good/report.txt", "地区生产总值完成1200.2亿元，增长1.5%。\n");
  args.insert(args.end(), {"--input", "good/report.txt", "--output", "batch.json"});
  const CommandResult r = run_real(args, dir_.path());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  for (const auto& [file, why] : cases) {
    const auto lines = r.err_lines();
    // The expected line is built outside the lambda: clang 14 cannot capture a structured
    // binding.
    const std::string expected = std::string(file) + ": " + std::string(why);
    const auto it = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.find(expected) != std::string::npos;
    });
    EXPECT_NE(it, lines.end()) << file << " not refused with '" << why << "':\n" << r.err;
  }
  const Json result = parse_json(dir_.path() / "batch.json");
  ASSERT_EQ(result["documents"].size(), 1u);
  EXPECT_EQ(result["documents"][0]["id"], "good/report.txt");
  EXPECT_EQ(result["errors"].size(), cases.size());
}

TEST_F(Formats, FoldersGiveEveryDocumentAndNameWhatTheySkip) {
  REPORTLENS_REQUIRE_INPUTS("table", in);
  fs::create_directories(dir_.path() / "reports/sub");
  fs::copy_file(in / "table.docx", dir_.path() / "reports/b.docx");
  fs::copy_file(in / "table.docx", dir_.path() / "reports/sub/renamed.bin");  // a DOCX by content
  dir_.write("reports/a.txt", "规模以上工业增加值增长0.5%。\n");
  dir_.write("reports/c.md", "---\ntitle: 丙\n---\n# 一、总体\n\n投资增长8.5%。\n");
  dir_.write("reports/README.md", "# About these files\n");
  dir_.write("reports/notes.csv", "a,b\n");
  const CommandResult r = run_real({"run", extract_yaml(), "--input", "reports", "--output", "dir.json"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Json result = parse_json(dir_.path() / "dir.json");
  std::vector<std::string> ids, formats;
  for (const Json& d : result["documents"]) {
    ids.push_back(d["id"]);
    formats.push_back(d["meta"]["format"]);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "b.docx", "c.md", "sub/renamed.bin"}));
  EXPECT_EQ(formats, (std::vector<std::string>{"text", "docx", "markdown", "docx"}));
  EXPECT_NE(r.err.find("input 'reports': skipped 2 file(s) that are not documents (e.g. reports/README.md)"),
            std::string::npos) << r.err;
}

// Headings the format marks become sections even without a number (the segmenter reads
// meta.headings), at the format's level; the sections of the DOCX are those of the text.
TEST_F(Formats, MarkedHeadingsBecomeSections) {
  dir_.write("h.md", "---\ntitle: 测试\n---\n\n# 工作回顾\n\n全年地区生产总值增长5%。\n\n## 工业经济\n\n"
                     "规模以上工业增加值增长6%。\n\n**明年安排**\n\n地区生产总值增长6%左右。\n");
  const Json md = extract(dir_.path() / "h.md", "h");
  std::vector<std::string> sections;
  for (const Json& a : md["documents"][0]["annotations"])
    if (a["type"] == "section") sections.push_back(a["attrs"]["title"].get<std::string>() + "/" + a["attrs"]["level"].dump());
  EXPECT_EQ(sections, (std::vector<std::string>{"工作回顾/1", "工业经济/2", "明年安排/1"}));

  REPORTLENS_REQUIRE_INPUTS("docx", in);
  const auto titles = [](const Json& result) {
    std::vector<std::string> out;
    for (const Json& a : result["documents"][0]["annotations"])
      if (a["type"] == "section") out.push_back(a["attrs"]["title"].get<std::string>() + "/" + a["attrs"]["level"].dump());
    return out;
  };
  const std::vector<std::string> plain = titles(extract(seed_report(), "plain"));
  EXPECT_EQ(plain.size(), 13u);
  EXPECT_EQ(titles(extract(in / "report.docx", "docx")), plain);
}

TEST_F(Formats, FormatGivenForAnInputOverridesDetection) {
  dir_.write("r/plain.txt", "# 一、总体要求\n\n投资增长8.5%。\n");
  dir_.write("p.yaml", "name: f\ninputs:\n  - {path: r/plain.txt, format: markdown}\nstages: [segment]\noutput: f.json\n");
  CommandResult r = run_real({"run", "p.yaml"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json meta = parse_json(dir_.path() / "f.json")["documents"][0]["meta"];
  EXPECT_EQ(meta["format"], "markdown");
  EXPECT_EQ(meta["headings"][0]["title"], "一、总体要求");
  // The same from a manifest's `format` column, which is not kept as metadata.
  dir_.write("m.csv", "path,format,region\nr/plain.txt,markdown,铁西区\n");
  r = run_real({"run", "p.yaml", "--input", "m.csv", "-o", "m.json"}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json from_manifest = parse_json(dir_.path() / "m.json")["documents"][0]["meta"];
  EXPECT_EQ(from_manifest["format"], "markdown");
  EXPECT_EQ(from_manifest["region"], "铁西区");
  EXPECT_EQ(from_manifest["headings"][0]["title"], "一、总体要求");
  dir_.write("q.yaml", "name: f\ninputs:\n  - {path: r/plain.txt, format: parquet}\nstages: [segment]\n");
  r = run_real({"check", "q.yaml"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("q.yaml:3:33: format: unknown format 'parquet'; expected one of text, html, markdown, pdf, docx"),
            std::string::npos) << r.err;
}

TEST_F(Formats, AnUnknownOutputExtensionIsAUsageError) {
  dir_.write("a.txt", "投资增长8.5%。\n");
  const CommandResult r = run_real({"run", extract_yaml(), "--input", "a.txt", "-o", "results.parquet"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err_lines().at(0),
            "--output: output 'results.parquet': unknown extension '.parquet'; supported: .json, .jsonl (.ndjson), "
            ".sqlite (.sqlite3, .db), .csv (or no extension for .json)");
  EXPECT_FALSE(fs::exists(dir_.path() / "results.json"));
  EXPECT_FALSE(fs::exists(dir_.path() / "results.parquet"));
}

TEST_F(Formats, AnUnknownRoleIsRefusedWithTheRolesTheStagesAccept) {
  dir_.write("a.txt", "投资增长8.5%。\n");
  dir_.write("b.txt", "投资增长9%。\n");
  CommandResult r = run_real({"check", diff_yaml(), "--input", "basee=a.txt", "--input", "compare=b.txt"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--input: input 'a.txt': unknown role 'basee'; the stages of this pipeline accept: base, compare"),
            std::string::npos) << r.err;
  r = run_real({"check", extract_yaml(), "--input", "base=a.txt"}, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("role 'base' is read by no stage of this pipeline"), std::string::npos) << r.err;
  r = run_real({"check", diff_yaml(), "--input", "base=a.txt", "--input", "compare=b.txt"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(Formats, EachCompareInputIsComparedWithTheBaseInOrder) {
  const fs::path seed = source_dir() / "corpus/tiexi";
  fs::create_directories(dir_.path() / "copy");
  fs::copy_file(seed / "2023-plan-report.txt", dir_.path() / "copy/2023-plan-report.txt");
  const CommandResult r = run_real({"run", diff_yaml(), "--input", "base=" + (seed / "2022-plan-report.txt").string(),
                                    "--input", "compare=" + (seed / "2023-plan-report.txt").string(), "--input",
                                    "compare=copy/2023-plan-report.txt", "--output", "d.json"},
                                   dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json result = parse_json(dir_.path() / "d.json");
  ASSERT_EQ(result["comparisons"].size(), 2u);
  EXPECT_EQ(result["comparisons"][0]["base"], "tiexi/2022-plan-report.txt");
  EXPECT_EQ(result["comparisons"][0]["compare"], "tiexi/2023-plan-report.txt");
  EXPECT_EQ(result["comparisons"][1]["base"], "tiexi/2022-plan-report.txt");
  EXPECT_EQ(result["comparisons"][1]["compare"], "copy/2023-plan-report.txt");
}

}  // namespace
}  // namespace reportlens::test
