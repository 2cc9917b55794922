// Entities are linear in the document's length (issue 22): the document-level passes find
// every occurrence of every derived name in one scan and look candidates up by position
// instead of asking all of them. A 4 MB report on one line must give exactly what the same
// report with a line break after every sentence gives (no timing here: the benchmark
// prints both times, entities_bench).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "entity_tagger.h"
#include "gazetteer.h"
#include "pattern_finder.h"
#include "pattern_rules.h"
#include "region.h"

using namespace reportlens::entities;
namespace fs = std::filesystem;

namespace {

// The other-cities fixtures (in the repository) without their line breaks, repeated to
// about `bytes`.
std::string one_line_text(std::size_t bytes) {
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(fs::path(ENTITIES_TESTS_DIR) / "data" / "other_cities"))
    if (f.path().extension() == ".txt") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  std::string once;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    for (const char c : s.str())
      if (c != '\n' && c != '\r') once.push_back(c);
  }
  std::string text;
  if (once.empty()) return text;
  while (text.size() < bytes) text += once;
  return text;
}

struct Tagged {
  std::size_t begin;  // offset in the one-line text
  std::string text, kind, canonical, rule;
  bool operator==(const Tagged&) const = default;
};

std::vector<Tagged> tag(const EntityTagger& tagger, const std::string& text, const std::vector<std::size_t>& to_one_line) {
  std::vector<Tagged> out;
  for (const ResolvedEntity& r : tagger.tag(text, parse_region("广东省佛山市"))) {
    const Candidate& c = r.entity;
    out.push_back({to_one_line[c.begin], text.substr(c.begin, c.length()), std::string(kind_name(c.kind)), c.canonical, c.rule});
  }
  return out;
}

}  // namespace

TEST(LongText, OneLineOfFourMegabytesGivesWhatTheSameTextWithLineBreaksGives) {
  const std::string one_line = one_line_text(4u << 20);
  ASSERT_GE(one_line.size(), 4u << 20) << "fixtures missing in " << ENTITIES_TESTS_DIR;
  // A line break after every full stop; `back` maps its offsets to the one-line text.
  constexpr std::string_view kStop = "。";
  std::string lines;
  std::vector<std::size_t> back, identity(one_line.size() + 1);
  for (std::size_t i = 0; i <= one_line.size(); ++i) identity[i] = i;
  for (std::size_t i = 0; i < one_line.size(); ++i) {
    lines.push_back(one_line[i]);
    back.push_back(i);
    if (i + 1 >= kStop.size() && one_line.compare(i + 1 - kStop.size(), kStop.size(), kStop) == 0) {
      lines.push_back('\n');
      back.push_back(i + 1);
    }
  }
  back.push_back(one_line.size());
  ASSERT_GT(lines.size(), one_line.size() + 10000);

  PatternRules rules;
  rules.load_file(fs::path(ENTITIES_DATA_DIR) / "patterns.yaml");
  const auto patterns = std::make_shared<PatternFinder>(rules);
  auto gazetteer = std::make_shared<Gazetteer>();
  LoadReport report;
  gazetteer->load_file(fs::path(ENTITIES_DATA_DIR) / "gazetteers" / "national.yaml", report);
  gazetteer->build(patterns->ending_texts());
  const EntityTagger tagger(gazetteer, patterns, {}, 0.5);

  const std::vector<Tagged> a = tag(tagger, one_line, identity);
  const std::vector<Tagged> b = tag(tagger, lines, back);
  EXPECT_GT(a.size(), 1000u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "entity " << i << ": " << a[i].text << " / " << b[i].text;
}
