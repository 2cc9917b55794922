// An entity annotated in one report only is "dropped" or "new" only when the other report's
// text does not name it at all.
#include <gtest/gtest.h>

#include "entity_diff.h"
#include "test_docs.h"

using namespace reportlens;
using namespace reportlens::diff;
using namespace reportlens::diff::fixtures;

namespace {

void add_entity(Document& d, const std::string& surface, const std::string& canonical,
                const std::string& kind) {
  auto [b, e] = find_span(d, surface);
  d.add("entity", b, e, {{"kind", kind}, {"canonical", canonical}});
}

const Json* by_name(const Json& list, const std::string& canonical) {
  for (const auto& x : list)
    if (x["canonical"] == canonical) return &x;
  return nullptr;
}

}  // namespace

TEST(EntityText, NamedButNotAnnotatedIsKept) {
  auto base = make_doc("d/2022.txt", "宝马铁西工厂投产。红梅文创园开园。紫光签约。", {{"report_year", 2022}});
  add_entity(*base, "宝马铁西工厂", "华晨宝马汽车有限公司铁西工厂", "company");
  add_entity(*base, "红梅文创园", "红梅文创园", "industrial_park");
  add_entity(*base, "紫光", "紫光集团有限公司", "company");
  // The later report names the plant and mentions 紫光 inside another word, but the entity
  // stage found neither; it adds a park the earlier report mentions without annotation.
  auto later = make_doc("d/2023.txt", "宝马铁西工厂扩产。紫光灯照明改造。仙女湖公园建成，红梅路整修。",
                        {{"report_year", 2023}});
  add_entity(*later, "仙女湖公园", "仙女湖公园", "public_park");
  auto base2 = make_doc("d/2022b.txt", std::string(base->text()) + "仙女湖公园开工。", {{"report_year", 2022}});
  for (const auto& a : base->annotations("entity")) base2->add(a);

  const MetricCatalog catalog = shipped_catalog();
  const DocView a(*base2, catalog, shipped_words()), b(*later, catalog, shipped_words());
  const Json e = diff_entities(a, b);

  const Json* plant = by_name(e["kept"], "华晨宝马汽车有限公司铁西工厂");
  ASSERT_TRUE(plant);
  EXPECT_EQ((*plant)["matched_by"], "text");
  EXPECT_EQ((*plant)["compare_count"], 0);
  EXPECT_EQ((*plant)["compare_evidence"]["text"], "宝马铁西工厂");
  // Really gone: 红梅文创园 is not in the later text (红梅路 is another thing).
  EXPECT_TRUE(by_name(e["removed"], "红梅文创园"));
  // Two-character names are not searched: 紫光灯 is not 紫光.
  EXPECT_TRUE(by_name(e["removed"], "紫光集团有限公司"));
  // The park annotated only in the later report is named in the earlier one: kept, not new.
  const Json* park = by_name(e["kept"], "仙女湖公园");
  ASSERT_TRUE(park);
  EXPECT_EQ((*park)["base_count"], 0);
  EXPECT_EQ((*park)["base_evidence"]["text"], "仙女湖公园");
  EXPECT_TRUE(e["added"].empty());
}
