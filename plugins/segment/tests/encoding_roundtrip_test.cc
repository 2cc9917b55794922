// The seed in other encodings (made here with ICU) and wrapped in HTML gives the same
// segmentation as the UTF-8 original.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

#include "input/decode.h"
#include "input/html_text.h"
#include "reportlens/testing.h"
#include "test_support.h"

namespace {

std::string convert_from_utf8(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

reportlens::Json segmented(const std::string& text) {
  auto doc = reportlens::testing::run_stages({{"segment"}}, text, {}, {}, "tiexi/2022-plan-report.txt");
  return reportlens::testing::to_json(*doc);
}

const std::string& seed_utf8() {
  static const std::string s = segment_test::read_file(segment_test::seed_path());
  return s;
}

void expect_same_as_utf8(const std::string& bytes, const std::string& expected_encoding) {
  const reportlens::DecodedText decoded = reportlens::decode_bytes(bytes, {}, "seed");
  EXPECT_EQ(decoded.encoding, expected_encoding);
  const reportlens::Json original = segmented(seed_utf8());
  const reportlens::Json copy = segmented(decoded.text);
  ASSERT_GT(original["annotations"].size(), 500u);
  EXPECT_EQ(copy["annotations"], original["annotations"]);
  EXPECT_EQ(copy["meta"], original["meta"]);
}

TEST(EncodingRoundTrip, Gb18030CopyGivesIdenticalAnnotations) {
  const std::string gb = convert_from_utf8(seed_utf8(), "GB18030");
  ASSERT_NE(gb, seed_utf8());
  expect_same_as_utf8(gb, "GB18030");
}

TEST(EncodingRoundTrip, Utf16LeCopyWithBomGivesIdenticalAnnotations) {
  expect_same_as_utf8(std::string("\xFF\xFE") + convert_from_utf8(seed_utf8(), "UTF-16LE"), "UTF-16LE");
}

TEST(EncodingRoundTrip, Utf16BeCopyWithBomGivesIdenticalAnnotations) {
  expect_same_as_utf8(std::string("\xFE\xFF") + convert_from_utf8(seed_utf8(), "UTF-16BE"), "UTF-16BE");
}

TEST(EncodingRoundTrip, Utf16CopiesWithoutBomGiveIdenticalAnnotations) {
  expect_same_as_utf8(convert_from_utf8(seed_utf8(), "UTF-16LE"), "UTF-16LE");
  expect_same_as_utf8(convert_from_utf8(seed_utf8(), "UTF-16BE"), "UTF-16BE");
}

TEST(EncodingRoundTrip, Utf8BomCopyGivesIdenticalAnnotations) {
  expect_same_as_utf8("\xEF\xBB\xBF" + seed_utf8(), "UTF-8");
}

std::string html_escape(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (line.compare(i, 3, "“") == 0) out += "&ldquo;", i += 2;
    else if (line.compare(i, 3, "”") == 0) out += "&#8221;", i += 2;
    else out += c;
  }
  return out;
}

TEST(EncodingRoundTrip, HtmlWrappedCopyGivesTheSameSections) {
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>铁西区 计划报告</title>"
      "<style>p { margin: 0 }</style><script>var a = '<p>一、假标题</p>';</script></head>\n<body>\n"
      "<div class=\"article\">\n";
  std::size_t pos = 0;
  while (pos < seed_utf8().size()) {
    std::size_t eol = seed_utf8().find('\n', pos);
    if (eol == std::string::npos) eol = seed_utf8().size();
    const std::string line = seed_utf8().substr(pos, eol - pos);
    html += line.find_first_not_of(" \t") == std::string::npos ? "<br>\n"
                                                                : "<p>" + html_escape(line) + "</p>\n";
    pos = eol + 1;
  }
  html += "</div><!-- footer --></body></html>\n";
  ASSERT_TRUE(reportlens::looks_like_html("seed.html", html));
  const std::string text = reportlens::html_to_text(html);
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find("&ldquo;"), std::string::npos);
  EXPECT_EQ(text.find("假标题"), std::string::npos);

  auto from_html = reportlens::testing::run_stages({{"segment"}}, text);
  auto original = reportlens::testing::run_stages({{"segment"}}, seed_utf8());
  const auto& a = from_html->annotations("section");
  const auto& b = original->annotations("section");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].attrs, b[i].attrs) << i;
  ASSERT_EQ(from_html->annotations("box").size(), original->annotations("box").size());
  for (std::size_t i = 0; i < b.size(); ++i)
    EXPECT_EQ(from_html->slice(a[i].begin, a[i].end).substr(0, 30),
              original->slice(b[i].begin, b[i].end).substr(0, 30));
  EXPECT_EQ(from_html->meta()["title"], original->meta()["title"]);
  EXPECT_EQ(from_html->annotations("sentence").size(), original->annotations("sentence").size());
}

}  // namespace
