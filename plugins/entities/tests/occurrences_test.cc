// find_all_occurrences answers what repeated string search from p + 1 answers, whether it
// searches the surfaces one by one (a few of them) or runs one automaton (many).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "occurrences.h"
#include "reportlens/text.h"

using namespace reportlens::entities;
namespace fs = std::filesystem;

namespace {

// The other-cities fixtures (in the repository), one after the other.
std::string fixture_text() {
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(fs::path(ENTITIES_TESTS_DIR) / "data" / "other_cities"))
    if (f.path().extension() == ".txt") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  std::string text;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    text += s.str();
  }
  return text;
}

// Byte offsets of the characters of `text`.
std::vector<std::size_t> char_starts(std::string_view text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size();) {
    out.push_back(i);
    reportlens::next_code_point(text, i);
  }
  out.push_back(text.size());
  return out;
}

// `count` distinct surfaces of 1 to 4 characters taken from the text, spread over it.
std::vector<std::string> surfaces_of(std::string_view text, std::size_t count) {
  const std::vector<std::size_t> at = char_starts(text);
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (std::size_t k = 0; out.size() < count && k + 5 < at.size(); k += 53) {
    const std::size_t chars = 1 + k % 4;
    std::string s(text.substr(at[k], at[k + chars] - at[k]));
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}

std::vector<std::size_t> searched(std::string_view text, std::string_view s) {
  std::vector<std::size_t> out;
  if (s.empty()) return out;
  for (std::size_t p = text.find(s); p != std::string_view::npos; p = text.find(s, p + 1)) out.push_back(p);
  return out;
}

void expect_as_searched(std::string_view text, const std::vector<std::string>& surfaces) {
  const std::vector<std::string_view> views(surfaces.begin(), surfaces.end());
  const auto got = find_all_occurrences(text, views);
  ASSERT_EQ(got.size(), surfaces.size());
  std::size_t hits = 0;
  for (std::size_t i = 0; i < surfaces.size(); ++i) {
    EXPECT_EQ(got[i], searched(text, surfaces[i])) << surfaces[i];
    hits += got[i].size();
  }
  EXPECT_GT(hits, surfaces.size());  // the surfaces come from the text: each occurs
}

}  // namespace

TEST(Occurrences, AFewSurfacesAreFoundAsRepeatedSearchFindsThem) {
  const std::string text = fixture_text();
  ASSERT_GT(text.size(), 10000u) << "fixtures missing in " << ENTITIES_TESTS_DIR;
  std::vector<std::string> surfaces = surfaces_of(text, 8);
  ASSERT_EQ(surfaces.size(), 8u);
  surfaces.push_back(surfaces[2]);  // given twice
  surfaces.push_back("");           // none
  surfaces.push_back("园园园园");    // absent
  expect_as_searched(text, surfaces);
}

TEST(Occurrences, ManySurfacesGiveTheSameOffsetsThroughTheAutomaton) {
  const std::string text = fixture_text();
  ASSERT_GT(text.size(), 10000u) << "fixtures missing in " << ENTITIES_TESTS_DIR;
  std::vector<std::string> surfaces = surfaces_of(text, 60);
  ASSERT_EQ(surfaces.size(), 60u);
  surfaces.push_back(surfaces[7]);
  surfaces.push_back("");
  expect_as_searched(text, surfaces);
}

TEST(Occurrences, OverlappingOccurrencesAreAllFound) {
  const std::string text = "甲乙甲乙甲乙甲，乙甲乙";
  const std::vector<std::string_view> surfaces = {"甲乙甲", "乙甲"};
  const auto got = find_all_occurrences(text, surfaces);
  EXPECT_EQ(got[0], (std::vector<std::size_t>{0, 6, 12}));
  EXPECT_EQ(got[1], (std::vector<std::size_t>{3, 9, 15, 24}));
}
