#include "numeral.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "number_lexicon.h"
#include "reportlens/stage.h"

namespace reportlens::numbers {
namespace {

namespace fs = std::filesystem;

const fs::path kData = NUMBERS_SOURCE_DIR "/plugins/numbers/data";

// The numeral characters of the shipped lexicon.
const NumeralChars& shipped() {
  static const auto lexicon = NumberLexicon::load({kData / "units.yaml", kData / "lexicon.yaml"});
  return lexicon->numerals();
}

std::string value_of(const char* run, const NumeralChars& script = shipped()) {
  const auto n = parse_numeral(run, script);
  if (!n) return "invalid";
  if (n->digit_sequence) return "seq:" + n->low.to_string();
  if (n->is_range) return n->low.to_string() + ".." + n->high.to_string();
  return n->low.to_string();
}

TEST(Numeral, ChineseComposition) {
  EXPECT_EQ(value_of("一千二百"), "1200");
  EXPECT_EQ(value_of("十九"), "19");
  EXPECT_EQ(value_of("两"), "2");
  EXPECT_EQ(value_of("零"), "0");
  EXPECT_EQ(value_of("一千零五"), "1005");
  EXPECT_EQ(value_of("二十万亿"), "20000000000000");
  EXPECT_EQ(value_of("一万五千亿"), "1500000000000");
  EXPECT_EQ(value_of("百亿"), "10000000000");
  EXPECT_EQ(value_of("万"), "10000");
  EXPECT_EQ(value_of("七点五"), "7.5");
  EXPECT_EQ(value_of("一亿五千万"), "150000000");
}

TEST(Numeral, MixedArabicAndChinese) {
  EXPECT_EQ(value_of("3万4000"), "34000");
  EXPECT_EQ(value_of("25万6千"), "256000");
  EXPECT_EQ(value_of("1.6万"), "16000");
  EXPECT_EQ(value_of("16.4亿"), "1640000000");
  EXPECT_EQ(value_of("1,100.9亿"), "110090000000");
  EXPECT_EQ(value_of("74.4万亿"), "74400000000000");
  EXPECT_EQ(value_of("1亿5000万"), "150000000");
}

TEST(Numeral, RangesSequencesAndJunk) {
  EXPECT_EQ(value_of("十几万"), "110000..190000");
  EXPECT_EQ(value_of("几十"), "20..90");
  EXPECT_EQ(value_of("二〇二二"), "seq:2022");
  EXPECT_EQ(value_of("三四"), "seq:34");
  EXPECT_EQ(value_of("三一"), "seq:31");
  EXPECT_EQ(value_of("十三五"), "invalid");
  EXPECT_EQ(value_of("三四百"), "invalid");
  EXPECT_EQ(value_of("3三"), "invalid");
  EXPECT_EQ(value_of("千千万万"), "invalid");
  EXPECT_EQ(value_of("十十"), "invalid");
  EXPECT_EQ(value_of("一百一十"), "110");
}

// The numeral characters are data: 壹 is no digit until a lexicon file makes it one, and a
// scale with a power of ten of 0 is refused with its file and line.
TEST(Numeral, CharactersComeFromTheLexicon) {
  EXPECT_EQ(value_of("壹万"), "invalid");
  const fs::path extra = fs::temp_directory_path() / "numbers_numerals_extra.yaml";
  std::ofstream(extra) << "numerals:\n  digits:\n    壹: 1\n";
  const auto lexicon = NumberLexicon::load({kData / "units.yaml", kData / "lexicon.yaml", extra});
  EXPECT_EQ(value_of("壹万", lexicon->numerals()), "10000");
  EXPECT_EQ(value_of("三万", lexicon->numerals()), "30000");

  const fs::path bad = fs::temp_directory_path() / "numbers_numerals_bad.yaml";
  std::ofstream(bad) << "numerals:\n  scales:\n    十: 0\n";
  try {
    NumberLexicon::load({kData / "units.yaml", kData / "lexicon.yaml", bad});
    ADD_FAILURE() << "a scale of 10^0 was accepted";
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find("numbers_numerals_bad.yaml:3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace reportlens::numbers
