// Skipping to the next numeral must never change what the scanner finds: the triggers and
// look-back it derives from the lexicon, and the whole scanner with skipping on and off.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "candidate_starts.h"
#include "number_lexicon.h"
#include "quantity_scanner.h"
#include "reportlens/text.h"

namespace reportlens::numbers {
namespace {

namespace fs = std::filesystem;

constexpr std::u32string_view kNumerals = U"0123456789一二三十第";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CandidateStarts, StartsAtTheNextNumeral) {
  const CandidateStarts starts(kNumerals, {}, {});
  const std::string text = "经济运行平稳，增长3%。";
  EXPECT_EQ(starts.search_from(text, 0), text.find('3'));
  EXPECT_EQ(starts.search_from(text, text.find('3') + 1), text.size());  // nothing after
  EXPECT_EQ(starts.search_from("全面推进", 0), std::string("全面推进").size());
}

TEST(CandidateStarts, LooksBackOverTheCharactersBeforeAWordsNumeral) {
  // 进一步 holds its numeral one character in: the search starts one character earlier.
  const CandidateStarts starts(kNumerals, {"进一步", "统一"}, {});
  EXPECT_EQ(starts.lookback(), std::string("进").size());
  const std::string text = "我们要进一步扩大";
  EXPECT_EQ(starts.search_from(text, 0), text.find("进"));
  // Never before pos, and never inside a character.
  EXPECT_EQ(starts.search_from(text, text.find("一")), text.find("一"));
  const std::string ascii = "ab一";
  EXPECT_EQ(starts.search_from(ascii, 0), 0u);  // 3 bytes back from 一 is the start
}

TEST(CandidateStarts, WordsWithoutANearNumeralStartAtTheirFirstCharacter) {
  const CandidateStarts starts(kNumerals, {"半小时", "中华人民共和国一"}, {});
  EXPECT_EQ(starts.lookback(), 0u);
  const std::string text = "用时半小时";
  EXPECT_EQ(starts.search_from(text, 0), text.find("半"));
  EXPECT_EQ(starts.search_from("在中华", 0), std::string("在").size());
}

TEST(CandidateStarts, PatternsCountWhenTheirFirstCharacterIsKnown) {
  EXPECT_TRUE(CandidateStarts(kNumerals, {}, {"十分[^钟]", "[0-9一二]+位数", "[甲乙丙丁]家子"}).enabled());
  const CandidateStarts classes(kNumerals, {}, {"[甲乙丙丁]家子"});
  const std::string text = "张乙家子村";
  EXPECT_EQ(classes.search_from(text, 0), text.find("乙"));
  // Anything else turns skipping off: the search then starts where it was asked to.
  for (const char* unknown : {"(?i)abc", "a|b", "[^一]x", "\\d+年", "x?一", "x*", "x{0,2}一", ".一"}) {
    const CandidateStarts starts(kNumerals, {}, {unknown});
    EXPECT_FALSE(starts.enabled()) << unknown;
    EXPECT_EQ(starts.search_from("无数字", 3), 3u) << unknown;
  }
}

// The real lexicon on real reports: the scanner finds the same mentions whether it skips
// (shipped lexicon) or walks every byte (a pattern it cannot analyse turns skipping off).
TEST(CandidateStarts, SkippingFindsExactlyWhatTheFullSearchFinds) {
  const fs::path data = NUMBERS_SOURCE_DIR "/plugins/numbers/data";
  const fs::path off_file = fs::temp_directory_path() / "numbers_skip_off.yaml";
  std::ofstream(off_file) << "stop_patterns: ['(?:qqqq)']\n";
  const auto skipping = NumberLexicon::load({data / "units.yaml", data / "lexicon.yaml"});
  const auto walking = NumberLexicon::load({data / "units.yaml", data / "lexicon.yaml", off_file});
  const QuantityScanner fast(*skipping), full(*walking);

  std::vector<fs::path> reports = {fs::path(NUMBERS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt"};
  const fs::path national = fs::path(NUMBERS_SHARED_DIR) / "corpus/national";
  if (fs::exists(national))
    for (const auto& entry : fs::directory_iterator(national)) reports.push_back(entry.path());
  std::size_t mentions = 0;
  for (const auto& report : reports) {
    const NormalizedText norm = normalize_text(read_file(report));
    const auto a = fast.scan(norm.text, 2022), b = full.scan(norm.text, 2022);
    ASSERT_EQ(a.size(), b.size()) << report;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].begin, b[i].begin) << report;
      EXPECT_EQ(a[i].end, b[i].end) << report;
      EXPECT_EQ(a[i].exact, b[i].exact) << report;
      EXPECT_EQ(a[i].unit, b[i].unit) << report;
    }
    mentions += a.size();
  }
  EXPECT_GT(mentions, 500u);
}

}  // namespace
}  // namespace reportlens::numbers
