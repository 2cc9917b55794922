#include "overlap_resolver.h"

#include <gtest/gtest.h>

#include "gazetteer.h"

using namespace reportlens::entities;

namespace {

Candidate make(std::size_t b, std::size_t e, EntityKind kind, Source source, std::string canonical,
               const GazetteerEntry* entry = nullptr) {
  Candidate c;
  c.begin = b;
  c.end = e;
  c.kind = kind;
  c.source = source;
  c.canonical = std::move(canonical);
  c.entry = entry;
  return c;
}

}  // namespace

TEST(OverlapResolver, LongestMatchWinsAndTheNestedSameKindIsKeptInOverlaps) {
  // 华晨宝马里达工厂: 华晨宝马 [0,12) and 宝马 [6,12) inside the factory [0,24).
  auto out = resolve_overlaps({make(0, 12, EntityKind::kCompany, Source::kGazetteer, "华晨宝马汽车有限公司"),
                               make(6, 12, EntityKind::kCompany, Source::kGazetteer, "宝马集团"),
                               make(0, 24, EntityKind::kCompany, Source::kGazetteer, "华晨宝马汽车有限公司里达工厂")});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entity.canonical, "华晨宝马汽车有限公司里达工厂");
  ASSERT_EQ(out[0].overlaps.size(), 2u);
  EXPECT_FALSE(out[0].overlaps[0].kept);
  EXPECT_EQ(out[0].overlaps[0].candidate.canonical, "华晨宝马汽车有限公司");
}

TEST(OverlapResolver, GazetteerBeatsPatternOnATie) {
  auto out = resolve_overlaps({make(0, 12, EntityKind::kCompany, Source::kPattern, "沈鼓集团"),
                               make(0, 12, EntityKind::kCompany, Source::kGazetteer, "沈阳鼓风机集团")});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entity.source, Source::kGazetteer);
  EXPECT_EQ(out[0].entity.canonical, "沈阳鼓风机集团");
  ASSERT_EQ(out[0].overlaps.size(), 1u);
  EXPECT_EQ(out[0].overlaps[0].candidate.source, Source::kPattern);
}

TEST(OverlapResolver, RegionLimitedEntryBeatsNationalOneOnATie) {
  GazetteerEntry national, local;
  local.region = parse_region("沈阳市");
  auto out = resolve_overlaps({make(0, 6, EntityKind::kCompany, Source::kGazetteer, "宝马集团", &national),
                               make(0, 6, EntityKind::kCompany, Source::kGazetteer, "华晨宝马汽车有限公司", &local)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entity.canonical, "华晨宝马汽车有限公司");
}

TEST(OverlapResolver, ANestedEntityOfAnotherKindIsKeptAsItsOwnEntity) {
  // 腾讯 (company) inside 腾讯数字产业基地 (industrial park).
  auto out = resolve_overlaps({make(0, 6, EntityKind::kCompany, Source::kGazetteer, "腾讯控股有限公司"),
                               make(0, 24, EntityKind::kIndustrialPark, Source::kPattern, "腾讯数字产业基地")});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].entity.kind, EntityKind::kIndustrialPark);  // same begin: longer first
  ASSERT_EQ(out[0].overlaps.size(), 1u);
  EXPECT_TRUE(out[0].overlaps[0].kept);
  EXPECT_EQ(out[1].entity.canonical, "腾讯控股有限公司");
}

TEST(OverlapResolver, CrossingCandidatesLoseToTheLongerOne) {
  auto out = resolve_overlaps({make(0, 9, EntityKind::kCompany, Source::kPattern, "甲乙丙"),
                               make(6, 18, EntityKind::kIndustrialPark, Source::kPattern, "丙丁戊己")});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].entity.canonical, "丙丁戊己");
  ASSERT_EQ(out[0].overlaps.size(), 1u);
  EXPECT_FALSE(out[0].overlaps[0].kept);
}

TEST(OverlapResolver, DisjointCandidatesAreAllKeptInTextOrder) {
  auto out = resolve_overlaps({make(30, 36, EntityKind::kZone, Source::kGazetteer, "b"),
                               make(0, 6, EntityKind::kCompany, Source::kGazetteer, "a")});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].entity.canonical, "a");
  EXPECT_TRUE(out[0].overlaps.empty());
}
