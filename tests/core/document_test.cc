// The document model: bounds and UTF-8 boundary checks, annotations by type, the UTF-8
// helpers and the normalised view with its offset map back to the original bytes.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "reportlens/document.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

// "增长1.5%。" : 增 [0,3) 长 [3,6) 1.5% [6,10) 。[10,13)
const std::string kText = "增长1.5%。";

TEST(Document, KeepsIdSourceTextAndMeta) {
  Document doc("tiexi/a.txt", "corpus/tiexi/a.txt", kText, {{"region", "铁西区"}});
  EXPECT_EQ(doc.id(), "tiexi/a.txt");
  EXPECT_EQ(doc.source(), "corpus/tiexi/a.txt");
  EXPECT_EQ(doc.text(), kText);
  EXPECT_EQ(doc.meta()["region"], "铁西区");
  doc.meta()["report_year"] = 2022;
  EXPECT_EQ(doc.meta()["report_year"], 2022);
}

TEST(Document, MetaThatIsNotAnObjectBecomesEmptyObject) {
  Document doc("a", "a", kText, Json::array({1, 2}));
  EXPECT_TRUE(doc.meta().is_object());
  EXPECT_TRUE(doc.meta().empty());
}

TEST(Document, SliceChecksBounds) {
  Document doc("a", "a", kText);
  EXPECT_EQ(doc.slice(6, 10), "1.5%");
  EXPECT_EQ(doc.slice(13, 13), "");
  EXPECT_THROW(doc.slice(6, 14), std::out_of_range);
  EXPECT_THROW(doc.slice(7, 6), std::out_of_range);
}

TEST(Document, AddAcceptsSpansOnCharacterBoundaries) {
  Document doc("a", "a", kText);
  doc.add("quantity", 6, 10, {{"value", 1.5}});
  doc.add("sentence", 0, 13);
  doc.add("empty", 13, 13);  // an empty span at the very end is allowed
  ASSERT_EQ(doc.annotations("quantity").size(), 1u);
  EXPECT_EQ(doc.annotations("quantity")[0].attrs["value"], 1.5);
  EXPECT_EQ(doc.slice(doc.annotations("quantity")[0].begin, doc.annotations("quantity")[0].end), "1.5%");
}

TEST(Document, AddRefusesSpansOutsideTheText) {
  Document doc("a", "a", kText);
  try {
    doc.add("quantity", 6, 14);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'quantity' span [6, 14) is outside the text (13 bytes)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(doc.add("quantity", 10, 6), std::invalid_argument);  // begin after end
  EXPECT_TRUE(doc.annotations("quantity").empty());
}

TEST(Document, AddRefusesSpansInsideAMultiByteCharacter) {
  Document doc("a", "a", kText);
  for (std::size_t cut : {1u, 2u, 4u, 5u, 11u, 12u}) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    try {
      doc.add("x", 0, cut);
      FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("does not fall on UTF-8 character boundaries"),
                std::string::npos);
    }
    EXPECT_THROW(doc.add("x", cut, 13), std::invalid_argument);
  }
  EXPECT_TRUE(doc.annotation_types().empty());
}

TEST(Document, AddRefusesAnEmptyType) {
  Document doc("a", "a", kText);
  EXPECT_THROW(doc.add("", 0, 3), std::invalid_argument);
}

TEST(Document, AnnotationsAreGroupedByTypeInInsertionOrder) {
  Document doc("a", "a", kText);
  doc.add("word", 3, 6);
  doc.add("quantity", 6, 10);
  doc.add("word", 0, 3);  // added out of text order: kept in insertion order
  const auto& words = doc.annotations("word");
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[0].begin, 3u);
  EXPECT_EQ(words[1].begin, 0u);
  EXPECT_TRUE(doc.annotations("entity").empty());
  EXPECT_EQ(doc.annotation_types(), (std::vector<std::string>{"quantity", "word"}));
}

TEST(Document, MutableAnnotationsLetAStageRefineAndEmptyTypesAreNotListed) {
  Document doc("a", "a", kText);
  doc.add("quantity", 6, 10, {{"unit", "percent"}});
  doc.mutable_annotations("quantity")[0].attrs["qualifier"] = nullptr;
  EXPECT_TRUE(doc.annotations("quantity")[0].attrs.contains("qualifier"));
  doc.mutable_annotations("indicator");  // creates an empty list
  EXPECT_EQ(doc.annotation_types(), std::vector<std::string>{"quantity"});
  doc.mutable_annotations("quantity").clear();
  EXPECT_TRUE(doc.annotation_types().empty());
}

TEST(Utf8, NextCodePointDecodesOneToFourBytes) {
  const std::string s = "a\xC3\xA9\xE5\xA2\x9E\xF0\x9F\x98\x80";  // a é 增 😀
  std::size_t i = 0;
  EXPECT_EQ(next_code_point(s, i), U'a');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(next_code_point(s, i), U'é');
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(next_code_point(s, i), U'增');
  EXPECT_EQ(i, 6u);
  EXPECT_EQ(next_code_point(s, i), U'\U0001F600');
  EXPECT_EQ(i, 10u);
}

TEST(Utf8, NextCodePointTurnsInvalidBytesIntoReplacementAndAdvancesOne) {
  const std::string s = "\xFF" "a" "\xE5\xA2";  // stray byte, then a truncated sequence
  std::size_t i = 0;
  EXPECT_EQ(next_code_point(s, i), U'\uFFFD');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(next_code_point(s, i), U'a');
  EXPECT_EQ(next_code_point(s, i), U'\uFFFD');
  EXPECT_EQ(i, 3u);
}

TEST(Utf8, AppendRoundTrips) {
  std::string out;
  for (char32_t cp : {U'a', U'é', U'增', U'\U0001F600'}) append_utf8(out, cp);
  EXPECT_EQ(out, "a\xC3\xA9\xE5\xA2\x9E\xF0\x9F\x98\x80");
  EXPECT_EQ(code_point_count(out), 4u);
}

TEST(Utf8, FindInvalidReportsTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("增长1.5%"), std::string::npos);
  EXPECT_EQ(find_invalid_utf8(""), std::string::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);               // never valid
  EXPECT_EQ(find_invalid_utf8("增\xE5\xA2"), 3u);            // truncated at the end
  EXPECT_EQ(find_invalid_utf8("x\xC0\x80"), 1u);             // overlong NUL
  EXPECT_EQ(find_invalid_utf8("x\xE0\x80\x80"), 1u);         // overlong 3-byte
  EXPECT_EQ(find_invalid_utf8("x\xED\xA0\x80"), 1u);         // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("x\xF4\x90\x80\x80"), 1u);     // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("x\xE5\x41\x41"), 1u);         // missing continuation
  EXPECT_EQ(find_invalid_utf8("\x80"), 0u);                  // lone continuation
  // Past the eight-bytes-at-a-time ASCII skip, and a 4-byte character cut at the end.
  EXPECT_EQ(find_invalid_utf8("abcdefghijklmnop\xFFq"), 16u);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\xF0\x9F\x98\x80ijklmnop"), std::string::npos);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\xF0\x9F\x98"), 8u);
}

TEST(Utf8, CharBoundaries) {
  EXPECT_TRUE(is_char_boundary(kText, 0));
  EXPECT_FALSE(is_char_boundary(kText, 1));
  EXPECT_FALSE(is_char_boundary(kText, 2));
  EXPECT_TRUE(is_char_boundary(kText, 3));
  EXPECT_TRUE(is_char_boundary(kText, 13));   // the end
  EXPECT_FALSE(is_char_boundary(kText, 14));  // past the end
}

TEST(Utf8, CharacterClasses) {
  EXPECT_TRUE(is_cjk_ideograph(U'增'));
  EXPECT_TRUE(is_cjk_ideograph(U'〇'));
  EXPECT_FALSE(is_cjk_ideograph(U'，'));
  EXPECT_FALSE(is_cjk_ideograph(U'a'));
  EXPECT_TRUE(is_zero_width(U'\u200B'));
  EXPECT_TRUE(is_zero_width(U'\uFEFF'));
  EXPECT_FALSE(is_zero_width(U' '));
}

// The original bytes behind normalised bytes [b, e).
std::string original_of(const Document& doc, std::size_t b, std::size_t e) {
  const NormalizedText& n = doc.normalized();
  return std::string(doc.slice(n.original_begin(b), n.original_end(e)));
}

TEST(NormalizedView, FoldsFullWidthDigitsAndPercentAndMapsBack) {
  Document doc("a", "a", "增长１２．５％，");
  const NormalizedText& n = doc.normalized();
  EXPECT_EQ(n.text, "增长12.5%，");
  const std::size_t b = n.text.find("12.5%");
  ASSERT_NE(b, std::string::npos);
  EXPECT_EQ(original_of(doc, b, b + 5), "１２．５％");
  EXPECT_EQ(n.original_size, doc.text().size());
}

TEST(NormalizedView, KeepsChinesePunctuationAndFoldsSpaces) {
  Document doc("a", "a", "一、总体\t情况\u3000（一）；：。");
  EXPECT_EQ(doc.normalized().text, "一、总体 情况 （一）；：。");
}

TEST(NormalizedView, DropsZeroWidthCharactersButOffsetsStillPointIntoTheOriginal) {
  Document doc("a", "a", "地区\u200B生产\uFEFF总值");
  const NormalizedText& n = doc.normalized();
  EXPECT_EQ(n.text, "地区生产总值");
  const std::size_t b = n.text.find("生产总值");
  EXPECT_EQ(original_of(doc, b, b + std::string("生产总值").size()), "生产\uFEFF总值");
  EXPECT_EQ(original_of(doc, 0, n.text.size()), doc.text());
}

TEST(NormalizedView, JoinsALineBreakInsideASentence) {
  Document doc("a", "a", "地区生产总值\n完成1200.2亿元。\n增长1.5%。");
  const NormalizedText& n = doc.normalized();
  EXPECT_EQ(n.text, "地区生产总值完成1200.2亿元。\n增长1.5%。");
  const std::size_t b = n.text.find("总值完成");
  EXPECT_EQ(original_of(doc, b, b + std::string("总值完成").size()), "总值\n完成");
}

TEST(NormalizedView, KeepsBreaksAfterTerminalPunctuationAndAroundHeadings) {
  // The heading words as the segment stage supplies them from segment.yaml.
  auto rules = std::make_shared<LineBreakRules>();
  rules->numerals = U"〇零一二两三四五六七八九十百";
  rules->ordinal_prefixes = {"第"};
  rules->ordinal_headings = {"章", "节", "篇", "部分"};
  rules->box_labels = {"专栏"};
  const std::string text = "一、总体情况\n经济运行平稳\n（一）工业\n工业增长。\n第二章 附则\n专栏1\n内容";
  Document doc("a", "a", text, Json::object(), rules);
  EXPECT_EQ(doc.normalized().text, text);
  EXPECT_EQ(&doc.line_break_rules(), rules.get());
  // Without them only the script-level rules apply: the terminal 。 keeps its break, the
  // Chinese-numbered headings are joined like any line cut by a copy.
  Document plain("a", "a", text);
  EXPECT_EQ(plain.normalized().text, "一、总体情况经济运行平稳（一）工业工业增长。\n第二章 附则专栏1内容");
  EXPECT_TRUE(plain.line_break_rules().empty());
}

TEST(NormalizedView, UnifiesLineEndings) {
  Document doc("a", "a", "完成。\r\n增长。\r下降。");
  const NormalizedText& n = doc.normalized();
  EXPECT_EQ(n.text, "完成。\n增长。\n下降。");
  const std::size_t b = n.text.find("增长");
  EXPECT_EQ(original_of(doc, b, b + 6), "增长");
  EXPECT_EQ(n.original_begin(b), std::string("完成。\r\n").size());
}

TEST(NormalizedView, OffsetMapIsMonotonicOnTheSeedLikeText) {
  const std::string text = "（一）综合实力\n稳步提升。地区生产总值完成１２００．２亿元，\n增长1.5%。\u200B\n\n二、2023年\n目标";
  Document doc("a", "a", text);
  const NormalizedText& n = doc.normalized();
  ASSERT_EQ(n.orig_begin.size(), n.text.size());
  ASSERT_EQ(n.orig_end.size(), n.text.size());
  for (std::size_t i = 0; i < n.text.size(); ++i) {
    EXPECT_LT(n.orig_begin[i], n.orig_end[i]);
    EXPECT_LE(n.orig_end[i], text.size());
    EXPECT_TRUE(is_char_boundary(text, n.orig_begin[i]));
    EXPECT_TRUE(is_char_boundary(text, n.orig_end[i]));
    if (i > 0) EXPECT_LE(n.orig_begin[i - 1], n.orig_begin[i]);
  }
  EXPECT_EQ(n.original_begin(n.text.size()), text.size());
  EXPECT_EQ(n.original_end(0), 0u);
}

TEST(NormalizedView, EmptyText) {
  Document doc("a", "a", "");
  EXPECT_EQ(doc.normalized().text, "");
  EXPECT_EQ(doc.normalized().original_begin(0), 0u);
  EXPECT_EQ(doc.normalized().original_end(0), 0u);
}

}  // namespace
}  // namespace reportlens
