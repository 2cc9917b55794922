// Streaming corpus stages (stage.h, GroupedCorpusStage) end to end: the runner arranges the
// documents by the places the stage gives them, hands over one group (or two consecutive
// documents) at a time, appends the side outputs call by call, and gives the whole-corpus
// form only when inputs carry roles. The stage is the test kit's `group-corpus`: groups are
// folders, the order is the number of digit runs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reportlens/stage.h"
#include "test_support.h"

namespace reportlens::test {
namespace {

using Json = nlohmann::ordered_json;

class GroupedCorpus : public ::testing::Test {
 protected:
  void SetUp() override {
    // Ids are relative to the input folder (a/p.txt). Digit runs decide the order inside a folder.
    dir_.write("in/b/x.txt", "1 2 3");
    dir_.write("in/b/y.txt", "1");
    dir_.write("in/a/p.txt", "1 2");
    dir_.write("in/a/q.txt", "1 2");
    dir_.write("in/a/r.txt", "x");
  }
  CommandResult run(const std::string& with, std::vector<std::string> more = {}) {
    dir_.write("p.yaml", "name: g\ninputs: [in]\nstages:\n  - tag-digits\n  - fail-on-marker\n  - use: group-corpus\n    with: " + with +
                             "\noutput: out/g.json\n");
    std::vector<std::string> args{"--plugin-path", test_plugins("testkit").string(), "run", "p.yaml", "--no-progress"};
    args.insert(args.end(), more.begin(), more.end());
    CommandOptions options;
    options.cwd = dir_.path();
    return run_pipeline(args, options);
  }
  Json result() const { return Json::parse(read_file(dir_.path() / "out/g.json")); }
  ScratchDir dir_;
};

std::vector<std::string> ids(const Json& comparison) {
  std::vector<std::string> out;
  for (const auto& id : comparison["documents"]) out.push_back(id.get<std::string>());
  return out;
}

TEST_F(GroupedCorpus, WholeGroupsInKeyOrderEachOrderedByPlaceThenId) {
  const auto r = run("{pairs: false}");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json c = result()["comparisons"];
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0]["group"], "a");
  EXPECT_EQ(ids(c[0]), (std::vector<std::string>{"a/r.txt", "a/p.txt", "a/q.txt"}));
  EXPECT_EQ(c[0]["size"], 3);
  EXPECT_EQ(c[1]["group"], "b");
  EXPECT_EQ(ids(c[1]), (std::vector<std::string>{"b/y.txt", "b/x.txt"}));
  // Streamed: the stage sees its hand-over, never the corpus.
  EXPECT_EQ(c[0]["corpus_documents"], 0);
  // Side outputs are appended call by call: begin, each group, finish.
  EXPECT_EQ(read_file(dir_.path() / "out/g.groups.txt"), "begin\na\nb\nend\n");
  EXPECT_EQ(result()["documents"].size(), 5u);
}

TEST_F(GroupedCorpus, PairsAreConsecutiveDocumentsOfOneGroup) {
  for (const std::string jobs : {"1", "2"}) {
    const auto r = run("{pairs: true}", {"-j", jobs});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Json c = result()["comparisons"];
    ASSERT_EQ(c.size(), 3u) << "-j " << jobs;
    EXPECT_EQ(ids(c[0]), (std::vector<std::string>{"a/r.txt", "a/p.txt"}));
    EXPECT_EQ(c[0]["first"], 0);
    EXPECT_EQ(ids(c[1]), (std::vector<std::string>{"a/p.txt", "a/q.txt"}));
    EXPECT_EQ(c[1]["first"], 1);
    EXPECT_EQ(ids(c[2]), (std::vector<std::string>{"b/y.txt", "b/x.txt"}));
    EXPECT_EQ(c[2]["size"], 2);
  }
}

TEST_F(GroupedCorpus, UnplacedDocumentsJoinTheOnlyGroupElseStayApart) {
  dir_.write("in/top.txt", "1 2 3 4");  // no folder: group ""
  std::filesystem::remove_all(dir_.path() / "in/b");
  ASSERT_EQ(run("{pairs: false}").exit_code, 0);
  Json c = result()["comparisons"];
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(ids(c[0]), (std::vector<std::string>{"a/r.txt", "a/p.txt", "a/q.txt", "top.txt"}));
  dir_.write("in/b/y.txt", "1");
  ASSERT_EQ(run("{pairs: false}").exit_code, 0);
  c = result()["comparisons"];
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0]["group"], "");
  EXPECT_EQ(ids(c[0]), std::vector<std::string>{"top.txt"});
}

TEST_F(GroupedCorpus, InputsWithRolesGetTheWholeCorpusFormWithTheSameGroups) {
  const auto r = run("{pairs: false}", {"--input", "base=in/b/x.txt", "--input", "compare=in/a/p.txt"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json c = result()["comparisons"];
  // Ids are relative to the inputs' common folder: groups a and b, one document each.
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0]["corpus_documents"], 2);  // process(Corpus&): the corpus is there
  EXPECT_EQ(ids(c[0]), std::vector<std::string>{"a/p.txt"});
  EXPECT_EQ(ids(c[1]), std::vector<std::string>{"b/x.txt"});
}

TEST_F(GroupedCorpus, AFailedDocumentIsLeftOutOfItsGroup) {
  dir_.write("in/a/bad.txt", "FAIL 1");
  const auto r = run("{pairs: false}");
  EXPECT_EQ(r.exit_code, 5) << r.err;
  const Json j = result();
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(ids(j["comparisons"][0]), (std::vector<std::string>{"a/r.txt", "a/p.txt", "a/q.txt"}));
}

TEST(GroupArrangement, HandOversOfAGroup) {
  Grouping pairs;
  pairs.handover = Grouping::Handover::kPairs;
  EXPECT_EQ(handovers(pairs, 1).size(), 0u);
  EXPECT_EQ(handovers(pairs, 3), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}, {1, 2}}));
  EXPECT_EQ(handovers(Grouping{}, 3), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 3}}));
  EXPECT_EQ(handovers(Grouping{}, 0).size(), 0u);
  std::vector<GroupMember> m{{{"", 0}, "u", 0}, {{"x", 2}, "b", 1}, {{"x", 1}, "c", 2}, {{"w", 0}, "a", 3}};
  auto g = arrange_groups(m, true);  // two groups: "u" stays apart as group ""
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].first, "");
  EXPECT_EQ(g[1].first, "w");
  EXPECT_EQ(g[2].second, (std::vector<std::size_t>{2, 1}));
  g = arrange_groups(m, false);
  EXPECT_EQ(g.size(), 3u);
  m.erase(m.begin() + 3);  // one group left: "u" joins it, by its order 0
  g = arrange_groups(m, true);
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].second, (std::vector<std::size_t>{0, 2, 1}));
}

}  // namespace
}  // namespace reportlens::test
