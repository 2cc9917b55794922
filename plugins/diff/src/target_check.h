// Targets against actuals: a target for year N stated in an earlier report, checked against
// the figure for year N in a later one, with a qualifier-aware verdict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc_view.h"
#include "metric_catalog.h"

namespace reportlens::diff {

// A figure as an interval of possible values: 5.2 is [5.2, 5.2], "超过4万亿" is (4e12, ∞),
// "6.5%－7%" is [6.5, 7].
struct Interval {
  double low, high;
  bool low_open = false, high_open = false;
};

// The value a target or actual states: the growth when it has one (targets are mostly
// growth rates), else the level.
struct Figure {
  Json value;  // number or [lo, hi]
  std::string unit;
  Json qualifier;  // string or null
  bool is_growth = false;
};
std::optional<Figure> figure_of(const IndicatorView& v, std::optional<bool> prefer_growth = {});

// What an actual says: the interval of values it allows.
Interval actual_interval(const Figure& actual);

// Values that satisfy a target, given its direction and the tolerance for 左右.
Interval satisfying_interval(const Figure& target, const std::string& direction,
                             const Tolerance& tolerance);

// met when every value the actual allows satisfies the target, missed when none does,
// unclear otherwise.
std::string verdict_of(const Interval& actual, const Interval& satisfying);

// Direction for a target: the catalog's, its `bounded` override for 以内/低于 targets; for
// unknown metrics lower_is_better when the target is a planned decline (negative growth) or
// the name has a lower_is_better word (能耗, 排放 …), else higher_is_better, or ceiling when
// the target is an upper bound.
std::string direction_for(const MetricCatalog& catalog, const std::string& canonical,
                          const Json& qualifier, const Figure* target = nullptr);

// Whether a level actual can be the same measure as its target: within 3 times of it either
// way (a five-year total against a one-year target is not). Growth and rates always are.
bool plausible_pair(const Figure& target, const Figure& actual);

// All target entries for targets in `base` checked against `compare`.
Json check_targets(const DocView& base, const DocView& compare, const MetricCatalog& catalog);

}  // namespace reportlens::diff
