// The data files: canonical names, user extensions, and errors that name file and line.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "reportlens/stage.h"
#include "test_support.h"

namespace reportlens::indicators::testing {
namespace {

std::filesystem::path write_temp(const std::string& name, const std::string& body) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << body;
  return path;
}

TEST(Lexicon, ShippedSynonymsShareCanonicalNames) {
  const Lexicon& l = shipped_lexicon();
  EXPECT_EQ(l.canonical("规上工业增加值"), "规模以上工业增加值");
  EXPECT_EQ(l.canonical("规模以上工业增加值"), "规模以上工业增加值");
  EXPECT_EQ(l.canonical("GDP"), l.canonical("地区生产总值"));
  EXPECT_EQ(l.canonical("国内生产总值"), l.canonical("地区生产总值"));
  EXPECT_EQ(l.canonical("社零"), "社会消费品零售总额");
  EXPECT_EQ(l.canonical("全区地区生产总值"), "地区生产总值");  // scope word in front
  EXPECT_EQ(l.canonical("口袋公园"), "口袋公园");              // unknown: itself
}

TEST(Lexicon, BracketedAbbreviationsAndTrailingNotesAreIgnoredForTheCanonical) {
  const Lexicon& l = shipped_lexicon();
  EXPECT_EQ(l.canonical("地区生产总值（GDP）"), l.canonical("地区生产总值"));
  EXPECT_EQ(l.canonical("全县生产总值(GDP)"), l.canonical("地区生产总值"));
  EXPECT_EQ(l.canonical("单位GDP（PPP）能耗"), "单位地区生产总值能耗");  // an abbreviation inside
  EXPECT_EQ(l.canonical("规模以上工业增加值（不含电力）"), "规模以上工业增加值");
  // Unknown without the brackets: the metric as written.
  EXPECT_EQ(l.canonical("化肥（折纯）"), "化肥（折纯）");
  EXPECT_EQ(l.canonical("细颗粒物（PM2.5）浓度"), "细颗粒物（PM2.5）浓度");
  // A note in the middle is part of the name.
  EXPECT_EQ(l.canonical("县（市）生产总值"), "县（市）生产总值");
}

TEST(Lexicon, UserSynonymsExtendTheTable) {
  Lexicon l = shipped_lexicon();
  l.load_synonyms(write_temp("ind_syn_test.yaml", "科技型企业: [科技型中小企业, 科技企业]\n"
                                                  "地区生产总值: [经济总产出]\n"));
  EXPECT_EQ(l.canonical("科技企业"), "科技型企业");
  EXPECT_EQ(l.canonical("经济总产出"), "地区生产总值");
  EXPECT_EQ(l.canonical("GDP"), "地区生产总值");
}

TEST(Lexicon, TheCatalogueNamesStandardIndicators) {
  Lexicon l = shipped_lexicon();
  EXPECT_EQ(l.standard_indicator(l.canonical("国内生产总值")), "地区生产总值");
  EXPECT_EQ(l.standard_indicator(l.canonical("口袋公园")), "");
  // Words the reader left around the name (name_noise in the catalogue).
  EXPECT_EQ(l.canonical("生产总值有望"), "地区生产总值");
  EXPECT_EQ(l.canonical("——预计全市地区生产总值"), "地区生产总值");
  EXPECT_EQ(l.canonical("地区生产总值突破4000亿元大关"), "地区生产总值");
  EXPECT_EQ(l.canonical("东莞成为地区生产总值过"), "东莞成为地区生产总值过");  // not a catalogue name
  // A user catalogue adds an indicator.
  l.load_catalogue(write_temp("ind_cat_test.yaml",
                              "indicators:\n  - name: 高新技术企业数\n    variants: [高企数量]\n"));
  EXPECT_EQ(l.canonical("高企数量"), "高新技术企业数");
  EXPECT_EQ(l.standard_indicator("高新技术企业数"), "高新技术企业数");
}

TEST(Lexicon, UserWordsExtendTheGrammar) {
  Lexicon l = shipped_lexicon();
  EXPECT_FALSE(l.predicate_verbs.contains("摸排"));
  l.load_words(write_temp("ind_words_test.yaml", "predicate_verbs: [摸排]\ngrowth_verbs: {攀升: 1}\n"));
  EXPECT_TRUE(l.predicate_verbs.contains("摸排"));
  int sign = 0;
  EXPECT_GT(l.growth_verbs.suffix_match("价格攀升", &sign), 0u);
  EXPECT_EQ(sign, 1);
}

TEST(Lexicon, CoordinatedPrefixesLoadAndExtend) {
  Lexicon l = shipped_lexicon();
  ASSERT_FALSE(l.coordinated_prefixes.empty());
  l.load_words(write_temp("ind_coord_test.yaml", "coordinated_prefixes: {南北: [南区, 北区]}\n"));
  auto it = std::find_if(l.coordinated_prefixes.begin(), l.coordinated_prefixes.end(),
                         [](const auto& p) { return p.first == "南北"; });
  ASSERT_NE(it, l.coordinated_prefixes.end());
  EXPECT_EQ(it->second, (std::vector<std::string>{"南区", "北区"}));
  EXPECT_THROW(l.load_words(write_temp("ind_coord_bad.yaml", "coordinated_prefixes: {南北: [南区]}\n")),
               StageError);
}

// find_first answers what trying every character start in turn answers, for lists whose
// words start with a few characters (searched by their last byte) and for lists that start
// otherwise or with many (scanned), on every clause and every tail of the shipped reports.
TEST(Lexicon, FindFirstIsTheEarliestLongestMatchOnRealText) {
  const auto plain = [](const WordList& list, std::string_view text, std::size_t* length) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // not a character start
      if (const std::size_t n = list.prefix_match(text.substr(i)); n > 0) {
        *length = n;
        return i;
      }
    }
    *length = 0;
    return std::string_view::npos;
  };
  WordList few, scanned, many;
  for (const char* w : {"目标是", "目标为", "全年", "全年度", "一季度", "上半年", "预计数"}) few.add(w);
  for (const char* w : {"，", "GDP", "目标是", "%"}) scanned.add(w);
  for (const char* w : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}) many.add(w);
  std::size_t found = 0, asked = 0;
  for (const char* name : {"2022-plan-report.txt", "2023-plan-report.txt"}) {
    const std::string text = read_file(std::filesystem::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi" / name);
    ASSERT_GT(text.size(), 4000u) << name;
    const std::string_view all(text);
    for (std::size_t b = 0; b < all.size(); b += 97) {
      while (b < all.size() && (static_cast<unsigned char>(all[b]) & 0xC0) == 0x80) ++b;
      for (const std::size_t span : {std::size_t{30}, std::size_t{400}, all.size()}) {
        std::size_t e = std::min(all.size(), b + span);
        while (e < all.size() && (static_cast<unsigned char>(all[e]) & 0xC0) == 0x80) ++e;
        const std::string_view piece = all.substr(b, e - b);
        for (const WordList* list : {&few, &scanned, &many}) {
          std::size_t want_length = 0, got_length = 99;
          const std::size_t want = plain(*list, piece, &want_length);
          ASSERT_EQ(list->find_first(piece, &got_length), want) << name << " at " << b;
          ASSERT_EQ(got_length, want_length) << name << " at " << b;
          found += want != std::string_view::npos;
          ++asked;
        }
      }
    }
  }
  EXPECT_GT(found, asked / 3);  // the words occur: most questions have an answer
}

// ClauseWordSearch, asked with growing ends as the rules ask it figure after figure, answers
// what find_first answers on the whole prefix, for a search kept from question to question and
// for clauses of the shipped reports that hold a word, or not, before each end.
TEST(Lexicon, ClauseWordSearchAnswersAsFindFirstOnThePrefix) {
  WordList few, scanned;
  for (const char* w : {"目标是", "全年", "预计", "上半年", "力争"}) few.add(w);
  for (const char* w : {"，", "GDP", "增长", "%"}) scanned.add(w);
  std::size_t yes = 0, no = 0;
  for (const char* name : {"2022-plan-report.txt", "2023-plan-report.txt"}) {
    const std::string text = read_file(std::filesystem::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi" / name);
    const std::string_view all(text);
    for (const WordList* list : {&few, &scanned}) {
      ClauseWordSearch search;
      // clauses of up to 300 bytes opened every 151 bytes, ends growing by 1 to 12 bytes
      for (std::size_t clause = 0; clause < all.size(); clause += 151) {
        while (clause < all.size() && (static_cast<unsigned char>(all[clause]) & 0xC0) == 0x80) ++clause;
        const std::size_t last = std::min(all.size(), clause + 300);
        for (std::size_t end = clause, step = 1; end <= last; end += step, step = step % 12 + 1) {
          const bool want = list->find_first(all.substr(clause, end - clause)) != std::string_view::npos;
          ASSERT_EQ(search.occurs(*list, all, clause, end), want) << name << " clause " << clause << " end " << end;
          (want ? yes : no) += 1;
        }
      }
    }
  }
  EXPECT_GT(yes, 1000u);
  EXPECT_GT(no, 1000u);
}

TEST(Lexicon, ErrorsNameFileAndLine) {
  Lexicon l;
  auto bad = write_temp("ind_bad_test.yaml", "predicate_verbs: [完成]\ngrowth_verbs:\n  增长: 2\n");
  try {
    l.load_words(bad);
    FAIL() << "expected a StageError";
  } catch (const StageError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("ind_bad_test.yaml:3"), std::string::npos) << what;
  }
  auto unknown = write_temp("ind_unknown_test.yaml", "\nverbz: [完成]\n");
  try {
    l.load_words(unknown);
    FAIL() << "expected a StageError";
  } catch (const StageError& e) {
    EXPECT_NE(std::string(e.what()).find("ind_unknown_test.yaml:2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace reportlens::indicators::testing
