// decode_bytes: encodings detected or given, invalid bytes reported with their offset.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "input/decode.h"
#include "run/errors.h"
#include "reportlens/text.h"
#include "shared_corpus.h"

namespace {

using reportlens::decode_bytes;
using reportlens::DecodedText;
using reportlens::HostError;

std::string seed() {
  std::ifstream in(std::string(REPORTLENS_SOURCE_DIR) + "/corpus/tiexi/2022-plan-report.txt",
                   std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string from_utf8(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string error_of(const std::string& bytes, reportlens::DecodeOptions options = {}) {
  try {
    decode_bytes(bytes, options, "in/report.txt");
  } catch (const HostError& e) {
    EXPECT_EQ(e.code(), reportlens::ExitCode::kInput);
    return e.what();
  }
  return "";
}

const std::string kSentence = "地区生产总值完成1200.2亿元，增长1.5%。";

TEST(Decode, Utf8IsKeptAsIs) {
  const DecodedText d = decode_bytes(seed(), {}, "seed.txt");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, seed());
}

TEST(Decode, Utf8BomIsRemoved) {
  const DecodedText d = decode_bytes("\xEF\xBB\xBF" + kSentence, {}, "a.txt");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, kSentence);
}

TEST(Decode, Utf16LittleAndBigEndianWithBom) {
  const DecodedText le = decode_bytes("\xFF\xFE" + from_utf8(kSentence, "UTF-16LE"), {}, "a.txt");
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.text, kSentence);
  const DecodedText be = decode_bytes("\xFE\xFF" + from_utf8(seed(), "UTF-16BE"), {}, "a.txt");
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.text, seed());
}

// UTF-16 without a BOM: copies made here with ICU, read back by detection alone.
TEST(Decode, Utf16WithoutBomIsDetectedBothWays) {
  for (const char* enc : {"UTF-16LE", "UTF-16BE"}) {
    for (const std::string& text :
         {seed(), kSentence, std::string("各位代表：现在我代表区人民政府向大会报告工作，请予审议。"),
          std::string("一、"), std::string("2022"), std::string("GDP grew 6.6%\n")}) {
      const std::string bytes = from_utf8(text, enc);
      const DecodedText d = decode_bytes(bytes, {}, "a.txt");
      EXPECT_EQ(d.encoding, enc) << text.substr(0, 40);
      EXPECT_EQ(d.text, text) << enc;
    }
  }
}

// Every line of the seed on its own, short ones included: GB18030 and UTF-8 copies are
// never taken for UTF-16, and UTF-16 copies of two characters or more are read right.
TEST(Decode, DetectionHoldsLineByLine) {
  std::istringstream lines(seed());
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++checked;
    EXPECT_EQ(decode_bytes(line, {}, "a.txt").encoding, "UTF-8") << line;
    const std::string gb = from_utf8(line, "GB18030");
    if (gb != line) {
      const DecodedText d = decode_bytes(gb, {}, "a.txt");
      EXPECT_EQ(d.encoding, "GB18030") << line;
      EXPECT_EQ(d.text, line);
    }
    for (const char* enc : {"UTF-16LE", "UTF-16BE"}) {
      const std::string bytes = from_utf8(line, enc);
      if (bytes.size() < 4) continue;
      const DecodedText d = decode_bytes(bytes, {}, "a.txt");
      EXPECT_EQ(d.encoding, enc) << line;
      EXPECT_EQ(d.text, line) << enc;
    }
  }
  EXPECT_GT(checked, 100);
}

// GB18030's four-byte sequences (zero-width space, bullets) paired up look like rare
// ideographs; lines of them must stay GB18030. Every line of the national reports too.
TEST(Decode, Gb18030LinesAreNeverTakenForUtf16) {
  std::vector<std::string> lines = {"\u200b", "\u200b\u200b", "•要点", "\u200b各位代表："};
  // The national reports when present (a fresh clone has only the lines above).
  const std::filesystem::path national = reportlens::test::shared_corpus_path("national");
  if (!national.empty())
    for (const auto& e : std::filesystem::directory_iterator(national)) {
      std::ifstream in(e.path(), std::ios::binary);
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    }
  int checked = 0;
  for (const std::string& line : lines) {
    const std::string gb = from_utf8(line, "GB18030");
    if (gb == line) continue;  // ASCII: the same bytes, read as UTF-8
    const DecodedText d = decode_bytes(gb, {}, "a.txt");
    EXPECT_EQ(d.encoding.find("UTF-16"), std::string::npos) << line;
    // A few short lines are valid UTF-8 as well (一要 is D2BB D2AA, Cyrillic һҪ): that
    // older ambiguity is not UTF-16's.
    if (reportlens::find_invalid_utf8(gb) == std::string_view::npos) continue;
    EXPECT_EQ(d.encoding, "GB18030") << line;
    EXPECT_EQ(d.text, line);
    ++checked;
  }
  EXPECT_GE(checked, 4);
}

TEST(Decode, BinaryWithZeroBytesIsNotTakenForUtf16) {
  std::string bytes;
  for (int i = 0; i < 512; ++i) bytes += static_cast<char>((i * 37) & 0xFF);
  EXPECT_NE(error_of(bytes), "");
}

TEST(Decode, GbkGb2312AndGb18030AreDetected) {
  for (const char* enc : {"GBK", "GB2312", "GB18030"}) {
    const std::string bytes = from_utf8(kSentence, enc);
    ASSERT_NE(bytes, kSentence);
    const DecodedText d = decode_bytes(bytes, {}, "a.txt");
    EXPECT_EQ(d.encoding, "GB18030") << enc;
    EXPECT_EQ(d.text, kSentence) << enc;
  }
  const DecodedText whole = decode_bytes(from_utf8(seed(), "GB18030"), {}, "seed.txt");
  EXPECT_EQ(whole.text, seed());
}

TEST(Decode, EncodingOverride) {
  const DecodedText d = decode_bytes(from_utf8(kSentence, "GBK"), {"GBK", false}, "a.txt");
  EXPECT_EQ(d.encoding, "GBK");
  EXPECT_EQ(d.text, kSentence);
}

TEST(Decode, WrongEncodingOverrideNamesFileAndOffset) {
  // GBK bytes declared as UTF-8: the first byte is already invalid.
  const std::string message = error_of("ab" + from_utf8(kSentence, "GBK"), {"UTF-8", false});
  EXPECT_NE(message.find("in/report.txt"), std::string::npos) << message;
  EXPECT_NE(message.find("byte 2"), std::string::npos) << message;
}

TEST(Decode, UnknownEncodingIsAClearError) {
  const std::string message = error_of(kSentence, {"no-such-encoding", false});
  EXPECT_NE(message.find("unknown encoding 'no-such-encoding'"), std::string::npos) << message;
}

TEST(Decode, InvalidByteInUtf8FileNamesItsOffset) {
  std::string bytes = seed();
  const std::size_t at = bytes.find("1200.2");
  ASSERT_NE(at, std::string::npos);
  bytes.insert(at, "\xFF");
  const std::string message = error_of(bytes);
  EXPECT_NE(message.find("in/report.txt: byte " + std::to_string(at) + ":"), std::string::npos)
      << message;
  EXPECT_NE(message.find("invalid UTF-8"), std::string::npos) << message;
}

TEST(Decode, TruncatedUtf8CharacterIsReported) {
  const std::string whole = seed();
  const std::size_t last = whole.rfind("！");
  ASSERT_NE(last, std::string::npos);
  const std::string bytes = whole.substr(0, last + 2);  // cut inside the last character
  const std::string message = error_of(bytes);
  EXPECT_NE(message.find("byte " + std::to_string(last) + ":"), std::string::npos) << message;
}

TEST(Decode, ReplaceModeSubstitutesAndCounts) {
  std::string bytes = seed();
  const std::size_t at = bytes.find("1200.2");
  bytes.insert(at, "\xFF\xFE");
  const DecodedText d = decode_bytes(bytes, {"", true}, "a.txt");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 2u);
  EXPECT_EQ(d.text.substr(at, 6), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(d.text.substr(at + 6, 6), "1200.2");
}

TEST(Decode, ReplaceModeWithExplicitEncoding) {
  const DecodedText d = decode_bytes("ab\xFF" "c", {"UTF-8", true}, "a.txt");
  EXPECT_EQ(d.text, "ab\xEF\xBF\xBD" "c");
  EXPECT_EQ(d.replaced, 1u);
}

TEST(Decode, EmptyInputIsAnError) {
  EXPECT_NE(error_of("").find("in/report.txt: empty input"), std::string::npos);
}

TEST(Decode, BinaryInputIsRefused) {
  const std::string message = error_of(std::string("PK\x03\x04\0\0", 6));
  EXPECT_NE(message.find("NUL"), std::string::npos) << message;
}

TEST(Decode, NeitherUtf8NorGb18030IsAnError) {
  // 0xFF never starts a GB18030 character, and this is no UTF-8.
  const std::string message = error_of("\xB5\xD8\xFF\xFF\xFF");
  EXPECT_NE(message.find("in/report.txt: byte"), std::string::npos) << message;
}

}  // namespace
