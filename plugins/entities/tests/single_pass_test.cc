// The tagger scans gazetteer surfaces and pattern endings in one pass when the gazetteer
// automaton was built with the endings; that must give exactly what two separate scans give.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "entity_tagger.h"
#include "gazetteer.h"
#include "pattern_finder.h"
#include "pattern_rules.h"
#include "reportlens/text.h"

using namespace reportlens::entities;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<Gazetteer> shipped_gazetteer(const std::vector<std::string>& endings) {
  auto g = std::make_shared<Gazetteer>();
  LoadReport report;
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(fs::path(ENTITIES_DATA_DIR) / "gazetteers")) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) g->load_file(f, report);
  g->build(endings);
  return g;
}

std::string describe(const std::vector<ResolvedEntity>& entities, std::string_view text) {
  std::ostringstream out;
  for (const auto& r : entities) {
    out << r.entity.begin << "-" << r.entity.end << " " << text.substr(r.entity.begin, r.entity.length()) << " "
        << kind_name(r.entity.kind) << " " << r.entity.canonical << " " << r.entity.rule << " [";
    for (const auto& o : r.overlaps) out << o.candidate.canonical << (o.kept ? "+" : "-") << ",";
    out << "]\n";
  }
  return out.str();
}

}  // namespace

TEST(SinglePass, EndingsScannedWithTheSurfacesGiveWhatTwoScansGive) {
  PatternRules rules;
  rules.load_file(fs::path(ENTITIES_DATA_DIR) / "patterns.yaml");
  const auto patterns = std::make_shared<PatternFinder>(rules);
  const auto combined = shipped_gazetteer(patterns->ending_texts());
  const auto alone = shipped_gazetteer({});
  // The endings that are no surface do not count as surfaces.
  EXPECT_EQ(combined->surface_count(), alone->surface_count());
  EXPECT_EQ(combined->extra_keys(), patterns->ending_texts());

  const EntityTagger one_pass(combined, patterns), two_passes(alone, patterns);
  ASSERT_TRUE(one_pass.single_pass());
  ASSERT_FALSE(two_passes.single_pass());
  std::vector<std::string> texts = {
      "推进华晨宝马里达工厂、中德园新能源汽车产业园和云溪湖公园建设，引进大连恒力石化（大连）有限公司。",
      "支持鞍山经济开发区、红旗科技园等园区扩区，宁波杭州湾新区和舟山自贸区加快发展。",
  };
  const fs::path seed = fs::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi" / "2022-plan-report.txt";
  if (fs::exists(seed)) {
    std::ifstream in(seed, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts.push_back(s.str());
  }
  const Region region = parse_region("辽宁省沈阳市铁西区");
  for (const auto& t : texts) {
    const std::string norm = reportlens::normalize_text(t).text;
    const auto a = one_pass.tag(norm, region), b = two_passes.tag(norm, region);
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(describe(a, norm), describe(b, norm));
  }
}

TEST(PatternCanonical, AGazetteerEntryNamedByTheDerivedNameGivesTheCanonical) {
  PatternRules rules;
  rules.load_file(fs::path(ENTITIES_DATA_DIR) / "patterns.yaml");
  const auto patterns = std::make_shared<PatternFinder>(rules);
  const EntityTagger tagger(shipped_gazetteer(patterns->ending_texts()), patterns);
  const std::string text =
      reportlens::normalize_text("推进沈鼓集团有限公司、铁西区三威有限公司、三生制药有限公司改革").text;
  std::map<std::string, std::string> canonical;
  for (const auto& r : tagger.tag(text, parse_region("辽宁省沈阳市铁西区")))
    canonical[std::string(text.substr(r.entity.begin, r.entity.length()))] = r.entity.canonical;
  // 沈鼓集团有限公司 -> 沈鼓集团, an alias of the Shenyang entry.
  EXPECT_EQ(canonical["沈鼓集团有限公司"], "沈阳鼓风机集团");
  // 三生制药有限公司 -> 三生制药公司 -> 三生制药 (the entry's alias, without 公司).
  EXPECT_EQ(canonical["三生制药有限公司"], "沈阳三生制药有限责任公司");
  // No entry: the derived name (district and legal form dropped).
  EXPECT_EQ(canonical["铁西区三威有限公司"], "三威公司");
  // Outside Shenyang the Shenyang entry does not apply.
  const auto elsewhere = tagger.tag(text, parse_region("辽宁省鞍山市铁西区"));
  for (const auto& r : elsewhere)
    if (text.substr(r.entity.begin, r.entity.length()) == "沈鼓集团有限公司") EXPECT_EQ(r.entity.canonical, "沈鼓集团");
}
