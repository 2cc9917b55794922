#include <gtest/gtest.h>

#include "doc_view.h"
#include "pairing.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;

namespace {
std::vector<std::string> names(const std::vector<std::pair<const Document*, const Document*>>& pairs) {
  std::vector<std::string> out;
  for (const auto& [a, b] : pairs) out.push_back(a->id() + ">" + b->id());
  return out;
}
}  // namespace

TEST(Pairing, ChainAndBaseOrderedByReportYear) {
  // The years come from the metadata (the segment stage infers them); the ids do not count.
  auto d2019 = make_doc("r/2019.txt", "x", {{"report_year", 2019}});
  auto d2017 = make_doc("r/2017.txt", "x", {{"report_year", "2017"}});
  auto d2018 = make_doc("r/latest.txt", "x", {{"report_year", 2018}});
  Corpus corpus;
  corpus.documents = {d2019.get(), d2017.get(), d2018.get()};
  EXPECT_EQ(names(pair_documents(corpus, {"chain", false})),
            (std::vector<std::string>{"r/2017.txt>r/latest.txt", "r/latest.txt>r/2019.txt"}));
  EXPECT_EQ(names(pair_documents(corpus, {"base", false})),
            (std::vector<std::string>{"r/2017.txt>r/latest.txt", "r/2017.txt>r/2019.txt"}));
}

// The diff works out no year of its own: without meta.report_year a document has year 0,
// whatever its id says (segment's metadata is the one owner of the report year).
TEST(Pairing, NoYearFromTheId) {
  auto d = make_doc("r/2019.txt", "x");
  EXPECT_EQ(report_year_of(*d), 0);
  EXPECT_EQ(plan_year_of(*d), 0);
  auto e = make_doc("r/x.txt", "x", {{"report_year", 2021}});
  EXPECT_EQ(report_year_of(*e), 2021);
  EXPECT_EQ(plan_year_of(*e), 2022);
}

TEST(Pairing, RegionsArePairedOnlyWhenAsked) {
  auto a = make_doc("a/2022.txt", "x", {{"region", "铁西区"}});
  auto b = make_doc("b/2023.txt", "x", {{"region", "和平区"}});
  Corpus corpus;
  corpus.documents = {a.get(), b.get()};
  EXPECT_TRUE(pair_documents(corpus, {"chain", false}).empty());
  EXPECT_EQ(pair_documents(corpus, {"chain", true}).size(), 1u);
}

TEST(Pairing, ExplicitRolesWin) {
  auto a = make_doc("x/2020.txt", "x");
  auto b = make_doc("x/2018.txt", "x");
  Corpus corpus;
  corpus.documents = {a.get(), b.get()};
  corpus.roles["base"] = a.get();
  corpus.roles["compare"] = b.get();
  EXPECT_EQ(names(pair_documents(corpus, {})), (std::vector<std::string>{"x/2020.txt>x/2018.txt"}));
}

TEST(Pairing, UnknownRegionJoinsTheOnlyRegion) {
  auto a = make_doc("t/2022.txt", "x", {{"region", "铁西区"}});
  auto b = make_doc("t/2023.txt", "x");
  Corpus corpus;
  corpus.documents = {a.get(), b.get()};
  EXPECT_EQ(names(pair_documents(corpus, {})), (std::vector<std::string>{"t/2022.txt>t/2023.txt"}));
  auto c = make_doc("h/2023.txt", "x", {{"region", "和平区"}});
  corpus.documents.push_back(c.get());
  EXPECT_TRUE(pair_documents(corpus, {}).empty());
}
