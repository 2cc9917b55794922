// The format readers called directly: what text and metadata each gives.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "input/docx_text.h"
#include "run/errors.h"
#include "format_inputs.h"
#include "input/input_format.h"
#include "input/markdown_text.h"
#include "input/pdf_text.h"
#include "reportlens/text.h"

namespace reportlens::test {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::u32string u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += next_code_point(s, i);
  return out;
}

// The code points [begin, end) of `text` as UTF-8.
std::string cp_slice(std::string_view text, std::size_t begin, std::size_t end) {
  const std::u32string all = u32(text);
  std::string out;
  for (std::size_t k = begin; k < end && k < all.size(); ++k) append_utf8(out, all[k]);
  return out;
}

std::string thrown(const std::function<void()>& f) {
  try {
    f();
  } catch (const HostError& e) {
    EXPECT_EQ(e.code(), ExitCode::kInput);
    return e.what();
  }
  return "(nothing thrown)";
}

TEST(Markdown, FrontMatterBecomesMetadataAndOffsetsStayThoseOfTheFile) {
  const std::string md =
      "---\ntitle: 铁西区报告\nsource: https://example.org/a.html\nyear: 2022\nregion: 铁西区\ntags: [a, b]\n---\n"
      "# 一、总体要求\n\n地区生产总值完成**1200.2亿元**，增长1.5%。\n\n**二、主要任务**\n\n"
      "- 推进[项目建设](https://x.org/p)。\n> 引文`代码`\n\n| 指标 | 2022年 |\n|---|---|\n| 投资 | 405.8亿元 |\n";
  const ExtractedText out = markdown_to_text(md, "r.md");
  EXPECT_EQ(out.meta["title"], "铁西区报告");
  EXPECT_EQ(out.meta["source"], "https://example.org/a.html");
  EXPECT_EQ(out.meta["report_year"], 2022);
  EXPECT_EQ(out.meta["region"], "铁西区");
  EXPECT_EQ(out.meta["tags"], Json::parse(R"(["a","b"])"));
  // Same length in code points, every kept character where it was in the file.
  const std::u32string a = u32(md), b = u32(out.text);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k)
    if (b[k] != U' ' && b[k] != U'\t') EXPECT_EQ(a[k], b[k]) << "at " << k;
  for (const char* gone : {"---", "#", "**", "](", "https://x.org", "`", ">", "|"})
    EXPECT_EQ(out.text.find(gone), std::string::npos) << gone << " in:\n" << out.text;
  EXPECT_NE(out.text.find("地区生产总值完成  1200.2亿元  ，增长1.5%。"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("\n  投资 \t 405.8亿元  \n"), std::string::npos) << out.text;  // cells: tabs
  // Heading hints: the # heading (level 1) and the whole-line bold one (level 0).
  ASSERT_EQ(out.meta["headings"].size(), 2u) << out.meta.dump();
  const Json& h = out.meta["headings"];
  EXPECT_EQ(h[0]["level"], 1);
  EXPECT_EQ(h[0]["title"], "一、总体要求");
  EXPECT_EQ(cp_slice(md, h[0]["begin"], h[0]["end"]), "一、总体要求");
  EXPECT_EQ(h[1]["level"], 0);
  EXPECT_EQ(h[1]["title"], "二、主要任务");
  EXPECT_EQ(cp_slice(md, h[1]["begin"].get<std::size_t>() - 2, h[1]["end"].get<std::size_t>() + 2), "**二、主要任务**");
  EXPECT_EQ(cp_slice(out.text, h[1]["begin"], h[1]["end"]), "二、主要任务");
}

TEST(Markdown, WithoutFrontMatterAndSetextHeadings) {
  const ExtractedText out = markdown_to_text("报告\n===\n\n正文*强调*。\n\n---\n\n结束\n", "r.md");
  EXPECT_TRUE(out.meta.value("title", "").empty());
  ASSERT_EQ(out.meta["headings"].size(), 1u);
  EXPECT_EQ(out.meta["headings"][0]["title"], "报告");
  EXPECT_EQ(out.text, "报告\n   \n\n正文 强调 。\n\n   \n\n结束\n");
}

TEST(Markdown, BrokenFrontMatterIsAnErrorWithItsLine) {
  const std::string e = thrown([] { markdown_to_text("---\ntitle: [unclosed\n---\n正文\n", "bad.md"); });
  EXPECT_TRUE(e.starts_with("bad.md:")) << e;
  EXPECT_NE(e.find("front matter is not valid YAML"), std::string::npos) << e;
}

TEST(FormatDetection, ByContentThenExtension) {
  EXPECT_EQ(detect_binary_format("report.txt", "%PDF-1.4\n..."), InputFormat::kPdf);
  EXPECT_EQ(detect_binary_format("report", std::string("\x00\x01\r\n%PDF-1.7", 10)), InputFormat::kPdf);
  EXPECT_EQ(detect_binary_format("note.txt", "save it as %PDF-1.4"), InputFormat::kText);
  EXPECT_EQ(detect_binary_format("report", std::string("PK\x03\x04", 4) + "rest"), InputFormat::kDocx);
  EXPECT_EQ(detect_binary_format("a.MD", "# x"), InputFormat::kMarkdown);
  EXPECT_EQ(detect_binary_format("a.txt", "text"), InputFormat::kText);
  EXPECT_EQ(detect_text_format("a.txt", "---\ntitle: x\n---\n正文"), InputFormat::kMarkdown);
  EXPECT_EQ(detect_text_format("a.txt", "<!DOCTYPE html><p>x"), InputFormat::kHtml);
  EXPECT_EQ(detect_text_format("a.txt", "--- 正文 ---"), InputFormat::kText);
  EXPECT_EQ(format_from_name("md"), InputFormat::kMarkdown);
  EXPECT_FALSE(format_from_name("parquet"));
}

TEST(Pdf, SeedReportTextPagesAndRunningLines) {
  REPORTLENS_REQUIRE_INPUTS("pdf", dir);
  const ExtractedText out = pdf_to_text(slurp(dir / "report.pdf"), "report.pdf");
  const std::size_t pages = out.meta["pages"];
  ASSERT_GE(pages, 3u);
  ASSERT_EQ(out.meta["page_starts"].size(), pages);
  EXPECT_EQ(out.meta["page_starts"][0], 0);
  for (std::size_t p = 0; p < pages; ++p) {
    EXPECT_EQ(out.meta["page_labels"][p], std::to_string(p + 1));
    if (p > 0) EXPECT_GT(out.meta["page_starts"][p], out.meta["page_starts"][p - 1]);
  }
  EXPECT_EQ(out.meta["running_lines"], Json::parse(R"(["铁西区经济和社会发展计划报告", "-#-"])"));
  // Headers and page numbers are not in the text; each page starts with body text.
  EXPECT_EQ(out.text.find("铁西区经济和社会发展计划报告"), std::string::npos);
  EXPECT_FALSE(std::regex_search(out.text, std::regex("- [0-9]+ -")));
  EXPECT_EQ(cp_slice(out.text, 0, 8), "铁西区十九届人大");
  // The wrapped lines are there as the typesetter broke them (the normalised view joins them).
  EXPECT_TRUE(std::regex_search(out.text, std::regex("20[0-9][0-9]\n+年"))) << "no year broken before 年";
  EXPECT_TRUE(std::regex_search(out.text, std::regex("[0-9]+\\.\n+[0-9]"))) << "no number broken at its point";
  // The CID font's characters, full-width punctuation included, read as printed.
  EXPECT_NE(out.text.find("（草案）的报告（书面）"), std::string::npos);
  EXPECT_NE(out.text.find("铁西区发展和改革局局长 曲建华\n\n各位代表："), std::string::npos);
}

TEST(Pdf, RefusalsNameTheFileAndSayWhy) {
  REPORTLENS_REQUIRE_INPUTS("errors", dir);
  EXPECT_EQ(thrown([&] { pdf_to_text(slurp(dir / "scan.pdf"), "scan.pdf"); }),
            "scan.pdf: PDF has no text layer (1 page(s) of images only, e.g. a scan); this tool does no OCR: "
            "run OCR first or use a text version");
  EXPECT_EQ(thrown([&] { pdf_to_text(slurp(dir / "corrupt.pdf"), "corrupt.pdf"); }),
            "corrupt.pdf: damaged PDF: it cannot be parsed (truncated or corrupt file)");
  EXPECT_EQ(thrown([&] { pdf_to_text(slurp(dir / "encrypted.pdf"), "encrypted.pdf"); }),
            "encrypted.pdf: encrypted PDF: it needs a password to open; save an unprotected copy to read it");
}

TEST(Docx, ParagraphsHeadingsAndTables) {
  REPORTLENS_REQUIRE_INPUTS("table", dir);
  const ExtractedText out = docx_to_text(slurp(dir / "table.docx"), "table.docx");
  EXPECT_EQ(out.text,
            "一、主要指标\n\n全年主要指标如下。\n\n指标\t2022年\t增长\n地区生产总值\t1200.2亿元\t1.5%\n"
            "固定资产投资\t405.8亿元\t8.5%\n\n（一）工业\n\n规模以上工业增加值增长0.5%。");
  ASSERT_EQ(out.meta["headings"].size(), 2u);
  EXPECT_EQ(out.meta["headings"][0], Json::parse(R"({"begin":0,"end":6,"level":1,"title":"一、主要指标"})"));
  EXPECT_EQ(out.meta["headings"][1]["level"], 2);
  EXPECT_EQ(cp_slice(out.text, out.meta["headings"][1]["begin"], out.meta["headings"][1]["end"]), "（一）工业");
}

TEST(Docx, RefusalsNameTheFileAndSayWhy) {
  REPORTLENS_REQUIRE_INPUTS("errors", dir);
  EXPECT_EQ(thrown([&] { docx_to_text(slurp(dir / "nodoc.docx"), "nodoc.docx"); }),
            "nodoc.docx: damaged DOCX: the archive has no word/document.xml (its main document part)");
  EXPECT_EQ(thrown([&] { docx_to_text(slurp(dir / "notdocx.zip"), "notdocx.zip"); }),
            "notdocx.zip: a zip archive, not a Word document (no word/document.xml); only DOCX files are "
            "read from zip archives");
  const std::string truncated = slurp(dir / "notdocx.zip").substr(0, 60);
  EXPECT_TRUE(thrown([&] { docx_to_text(truncated, "cut.docx"); }).starts_with("cut.docx: damaged zip archive"));
}

}  // namespace
}  // namespace reportlens::test
