// Administrative regions, as far as entity lookup needs them.
//
// Several districts share a name (沈阳市铁西区, 鞍山市铁西区, 四平市铁西区), so a gazetteer
// entry may be limited to a region, and the document's region (metadata, or the `region:`
// setting) decides whether the entry applies.
#pragma once

#include <string>
#include <string_view>

namespace reportlens::entities {

// Names are kept without their level suffix: "沈阳市铁西区" -> city 沈阳, district 铁西.
struct Region {
  std::string province;
  std::string city;
  std::string district;
  // "全国": a national document. As a limit it means "no limit" (empty()); as a document's
  // region it means that entries limited to a place never apply.
  bool national = false;
  bool empty() const { return province.empty() && city.empty() && district.empty(); }
  std::string to_string() const;  // "沈阳市铁西区" style, for attributes and messages
};

// Parses "辽宁省沈阳市铁西区", "沈阳市", "铁西区", "沈阳" (a bare name counts as a city).
// "" and "全国"/"national" give an empty region (no limit).
Region parse_region(std::string_view text);

// Fills in the levels `more` has and `base` lacks.
Region merge_regions(Region base, const Region& more);

enum class RegionFit { kYes, kNo, kUnknown };

// Does an entry limited to `limit` apply to a document of region `document`?
// kYes when `limit` is empty; kNo for a national document or when a level both name differs; kYes when every level of `limit` is named by the
// document and agrees; kUnknown when the document does not name some level of `limit`.
RegionFit region_fit(const Region& limit, const Region& document);

}  // namespace reportlens::entities
