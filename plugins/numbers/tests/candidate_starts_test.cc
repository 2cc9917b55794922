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
#include "reportlens/stage.h"
#include "reportlens/text.h"
#include "shared_corpus.h"

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
  const fs::path national = reportlens::test::shared_corpus_path("national");
  if (!national.empty())
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
  // The seed alone has about 420 mentions; the national reports, when present, add thousands.
  EXPECT_GT(mentions, 400u);
}

// The hand matcher against the candidate regex, span for span: shapes chosen to exercise
// each alternative and its preferences, then the seed and the national reports.
TEST(CandidateMatcher, FindsTheRegexSpans) {
  const fs::path data = NUMBERS_SOURCE_DIR "/plugins/numbers/data";
  const auto lexicon = NumberLexicon::load({data / "units.yaml", data / "lexicon.yaml"});
  const QuantityScanner scanner(*lexicon);
  ASSERT_TRUE(scanner.matches_by_hand());
  std::vector<std::string> texts = {
      "投资1,100.9亿元，1 200套，12,345,67件，1234,567吨，1,2345，123 4567，7.5%，3.",
      "二〇二二年，一万五千亿，七点五，十几万，三点，第十九届，第一时间，第三方，第x",
      "III类水质，IV类，V类，VI类，IIII类，VIII类，IVI类，XIII类，Vx，I类",
      "一刻钟，半小时，翻一番，统一，进一步，新一轮，十分重要，十分钟，两位数，张三家子村",
      "一户一策，两学一做，两至三年，三到五个，四大基地，党的十九大，5G，PM2.5，1:3，1/3",
      "百分之七点五，5月下旬，2024-12-27，1-10月，近5年，三四环，25号路，一是，（一）"};
  texts.push_back(read_file(fs::path(NUMBERS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt"));
  const fs::path national = reportlens::test::shared_corpus_path("national");
  if (!national.empty())
    for (const auto& entry : fs::directory_iterator(national)) texts.push_back(read_file(entry.path()));
  std::size_t spans = 0;
  for (const auto& raw : texts) {
    const std::string text = normalize_text(raw).text;
    const auto by_hand = scanner.candidate_spans(text, false);
    const auto by_regex = scanner.candidate_spans(text, true);
    ASSERT_EQ(by_hand.size(), by_regex.size()) << text.substr(0, 200);
    for (std::size_t i = 0; i < by_hand.size(); ++i)
      ASSERT_EQ(by_hand[i], by_regex[i]) << text.substr(by_regex[i].first, 60);
    spans += by_hand.size();
  }
  EXPECT_GT(spans, 100u);
}

// The scanner's grammar words come from lexicon.yaml: a file may replace one (here the
// ordinal prefix), a lexicon without them or with an unknown one is refused with the file.
TEST(NumberGrammar, ComesFromTheLexiconFiles) {
  const fs::path data = NUMBERS_SOURCE_DIR "/plugins/numbers/data";
  const auto shipped = NumberLexicon::load({data / "units.yaml", data / "lexicon.yaml"});
  EXPECT_EQ(shipped->grammar().day.size(), 2u);
  const fs::path other = fs::temp_directory_path() / "numbers_grammar_prefix.yaml";
  std::ofstream(other) << "grammar:\n  ordinal_prefix: No.\n";
  const auto replaced = NumberLexicon::load({data / "units.yaml", data / "lexicon.yaml", other});
  EXPECT_EQ(replaced->grammar().ordinal_prefix, "No.");
  EXPECT_EQ(replaced->grammar().quarter, shipped->grammar().quarter);

  try {
    NumberLexicon::load({data / "units.yaml"});
    ADD_FAILURE() << "a lexicon without grammar words was accepted";
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find("grammar.ordinal_prefix is missing"), std::string::npos) << e.what();
  }
  const fs::path unknown = fs::temp_directory_path() / "numbers_grammar_unknown.yaml";
  std::ofstream(unknown) << "grammar:\n  ordinal_suffix: x\n";
  try {
    NumberLexicon::load({data / "units.yaml", data / "lexicon.yaml", unknown});
    ADD_FAILURE() << "an unknown grammar word was accepted";
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find("numbers_grammar_unknown.yaml:2"), std::string::npos) << e.what();
  }
  fs::remove(other);
  fs::remove(unknown);
}

}  // namespace
}  // namespace reportlens::numbers
