// The fast word path (HanDictionary on runs of ideographs, the BreakIterator between them)
// gives exactly the words of ICU's BreakIterator alone: on the seed, the national reports,
// every ideograph, every other BMP character next to ideographs, and mixed scripts.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <string>
#include <vector>

#include "test_support.h"
#include "word_breaker.h"

namespace {

using reportlens::segment::Word;
using reportlens::segment::WordBreaker;

const WordBreaker& fast() {
  static const WordBreaker breaker(WordBreaker::Engine::kFast);
  return breaker;
}

const WordBreaker& reference() {
  static const WordBreaker breaker(WordBreaker::Engine::kBreakIteratorOnly);
  return breaker;
}

std::vector<std::string> texts(const std::string& s, const std::vector<Word>& words) {
  std::vector<std::string> out;
  for (const Word& w : words) out.push_back(s.substr(w.begin, w.end - w.begin) + (w.number ? "#" : ""));
  return out;
}

// Same words, same number flags, paragraph by paragraph (the segment stage's unit).
void expect_same_words(const std::string& text, const std::string& what) {
  std::size_t begin = 0;
  int paragraphs = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const std::string para = text.substr(begin, end - begin);
    const auto expected = texts(para, reference().words(para));
    const auto got = texts(para, fast().words(para));
    if (got != expected) {
      ADD_FAILURE() << what << ", paragraph " << paragraphs << ": " << para.substr(0, 300);
      return;
    }
    ++paragraphs;
    begin = end + 1;
  }
}

std::string utf8(char32_t c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, static_cast<UChar32>(c), error);
  return std::string(buf, static_cast<std::size_t>(n));
}

TEST(WordBreaker, KeepsNumbersWholeAndSplitsChinese) {
  const std::string s = "地区生产总值完成1200.2亿元，增长1.5%，人口自然增长率3‰。";
  EXPECT_EQ(texts(s, fast().words(s)),
            (std::vector<std::string>{"地区", "生产", "总值", "完成", "1200.2#", "亿", "元", "增长",
                                      "1.5%#", "人口", "自然", "增长", "率", "3‰#"}));
}

TEST(WordBreaker, FastPathEqualsBreakIteratorOnTheSeed) {
  expect_same_words(segment_test::read_file(segment_test::seed_path()), "seed");
}

TEST(WordBreaker, FastPathEqualsBreakIteratorOnTheNationalReports) {
  const auto corpus = segment_test::shared_corpus();
  if (corpus.empty()) GTEST_SKIP() << "shared corpus not found";
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(corpus / "national")) {
    if (e.path().extension() != ".txt") continue;
    expect_same_words(segment_test::read_file(e.path()), e.path().filename().string());
    ++files;
  }
  EXPECT_GE(files, 10);
}

// Every BMP ideograph, in runs of varying length that cross dictionary words.
TEST(WordBreaker, FastPathEqualsBreakIteratorOnEveryIdeograph) {
  std::string para;
  int n = 0;
  for (char32_t c = 0x3000; c < 0x10000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    const std::string ch = utf8(c);
    para += ch;
    if (++n % 11 == 0) para += "，";
    if (para.size() > 3000) {
      expect_same_words(para, "ideographs");
      para.clear();
    }
  }
  expect_same_words(para, "ideographs");
}

// Every other BMP character between ideographs, and after a number: what the fast path
// skips, hands to the iterator or sends back whole must not change a boundary.
TEST(WordBreaker, FastPathEqualsBreakIteratorNextToEveryCharacter) {
  std::string para;
  for (char32_t c = 1; c < 0x10000; ++c) {
    if ((c >= 0xD800 && c < 0xE000) || c == '\n') continue;
    para += "中" + utf8(c) + "国" + utf8(c) + utf8(c) + "2.5" + utf8(c) + "发展";
    if (para.size() > 2000) {
      expect_same_words(para, "neighbours");
      para.clear();
    }
  }
  expect_same_words(para, "neighbours");
}

TEST(WordBreaker, FastPathEqualsBreakIteratorOnMixedScripts) {
  for (const std::string s : {
           "@链上沈阳受理企业诉求2500余件", "中国のカメラ", "⼀个⼈民代表", "中\u0301国发展",
           "中😀国", "中𠀀国家", "PM2.5平均浓度下降9.1%", "GDP grew 6.6%.Prices rose 2.1%。",
           "5G基站，1,200.5亿元，1/3，6.5%－7%", "한국어와 中文", "ภาษาไทย中文", "中_文 a_b",
           "“一网通办”“一网统管”", "中\u200d国", "各位代表：\u3000\u3000现在", "x", ""}) {
    SCOPED_TRACE(s);
    EXPECT_EQ(texts(s, fast().words(s)), texts(s, reference().words(s)));
  }
}

}  // namespace
