#include "region.h"

#include <gtest/gtest.h>

using namespace reportlens::entities;

TEST(Region, ParsesLevels) {
  const Region r = parse_region("辽宁省沈阳市铁西区");
  EXPECT_EQ(r.province, "辽宁");
  EXPECT_EQ(r.city, "沈阳");
  EXPECT_EQ(r.district, "铁西");
  EXPECT_EQ(parse_region("鞍山市").city, "鞍山");
  EXPECT_EQ(parse_region("铁西区").district, "铁西");
  EXPECT_EQ(parse_region("沈阳").city, "沈阳");  // a bare name is a city
  EXPECT_TRUE(parse_region("").empty());
  EXPECT_TRUE(parse_region("全国").empty());
  EXPECT_TRUE(parse_region("全国").national);
  EXPECT_EQ(parse_region("内蒙古自治区").province, "内蒙古");
}

TEST(Region, SameDistrictNameInDifferentCitiesDoesNotFit) {
  const Region shenyang_tiexi = parse_region("沈阳市铁西区");
  EXPECT_EQ(region_fit(shenyang_tiexi, parse_region("沈阳市铁西区")), RegionFit::kYes);
  EXPECT_EQ(region_fit(shenyang_tiexi, parse_region("鞍山市铁西区")), RegionFit::kNo);
  EXPECT_EQ(region_fit(shenyang_tiexi, parse_region("四平市铁西区")), RegionFit::kNo);
  EXPECT_EQ(region_fit(shenyang_tiexi, parse_region("铁西区")), RegionFit::kUnknown);
  EXPECT_EQ(region_fit(parse_region("沈阳市"), parse_region("沈阳市铁西区")), RegionFit::kYes);
  EXPECT_EQ(region_fit(Region{}, parse_region("鞍山市")), RegionFit::kYes);  // no limit
  EXPECT_EQ(region_fit(Region{}, parse_region("全国")), RegionFit::kYes);
  // A national report: entries limited to a place never apply.
  EXPECT_EQ(region_fit(parse_region("沈阳市"), parse_region("全国")), RegionFit::kNo);
  EXPECT_EQ(region_fit(parse_region("全国"), parse_region("沈阳市")), RegionFit::kYes);
}

TEST(Region, MergeFillsMissingLevels) {
  const Region r = merge_regions(parse_region("铁西区"), parse_region("辽宁省沈阳市"));
  EXPECT_EQ(r.city, "沈阳");
  EXPECT_EQ(r.district, "铁西");
  EXPECT_EQ(r.province, "辽宁");
}
