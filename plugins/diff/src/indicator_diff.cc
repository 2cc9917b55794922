#include "indicator_diff.h"

#include <cmath>
#include <map>

namespace reportlens::diff {
namespace {

using Key = std::pair<std::string, std::string>;  // canonical metric, region

// Per metric, the figure for the latest year the report states (its headline figure);
// the first such mention wins, so the review paragraph beats a repeat in a 专栏.
std::map<Key, const IndicatorView*> headline_figures(const DocView& v) {
  std::map<Key, const IndicatorView*> out;
  for (const auto& ind : v.indicators) {
    if (ind.status != "actual" && ind.status != "estimate") continue;
    if (ind.level.is_null() && ind.growth.is_null()) continue;
    auto& slot = out[{ind.canonical, ind.region}];
    if (!slot || ind.period > slot->period) slot = &ind;
  }
  return out;
}

Json attrs_json(const DocView& v, const IndicatorView& ind) {
  Json j = Json::object();
  j["metric"] = ind.metric;
  j["period"] = ind.period;
  j["status"] = ind.status;
  j["level"] = ind.level;
  j["growth"] = ind.growth;
  j["qualifier"] = ind.qualifier;
  j["evidence"] = v.evidence(ind.begin, ind.end);
  return j;
}

double round_to(double x, double step) { return std::round(x / step) * step; }

bool numeric_part(const Json& part) {
  return part.is_object() && part.contains("value") && part["value"].is_number();
}

}  // namespace

Json diff_indicators(const DocView& base, const DocView& compare) {
  // Regions only restrict matching when the two reports are from the same region; a
  // cross-region comparison the user asked for matches by metric alone.
  // An unknown document region (title block not recognised) does not make it "another region".
  const bool same_region =
      base.region == compare.region || base.region.empty() || compare.region.empty();
  auto a = headline_figures(base);
  auto b = headline_figures(compare);
  std::map<std::string, const IndicatorView*> b_by_metric;
  for (const auto& [k, v] : b) b_by_metric.emplace(k.first, v);

  Json out = Json::array();
  for (const auto& [key, x] : a) {
    const IndicatorView* y = nullptr;
    if (same_region) {
      auto it = b.find(key);
      if (it != b.end()) y = it->second;
    } else if (auto it = b_by_metric.find(key.first); it != b_by_metric.end()) {
      y = it->second;
    }
    if (!y) continue;
    Json delta = Json::object();
    if (numeric_part(x->level) && numeric_part(y->level) &&
        x->level.value("unit", "") == y->level.value("unit", "")) {
      const double lb = x->level["value"].get<double>(), lc = y->level["value"].get<double>();
      Json d = {{"value", lc - lb}, {"unit", x->level.value("unit", "")}};
      const std::string unit = x->level.value("unit", "");
      if (unit == "percent") d = {{"value", round_to(lc - lb, 1e-6)}, {"unit", "percentage_point"}};
      d["percent"] = lb != 0 && unit != "percent" ? Json(round_to((lc - lb) / std::fabs(lb) * 100, 0.1))
                                                  : Json(nullptr);
      delta["level"] = std::move(d);
    }
    if (numeric_part(x->growth) && numeric_part(y->growth) &&
        x->growth.value("unit", "") == y->growth.value("unit", "")) {
      const double gb = x->growth["value"].get<double>(), gc = y->growth["value"].get<double>();
      const std::string unit = x->growth.value("unit", "");
      delta["growth"] = {{"value", round_to(gc - gb, 1e-6)},
                         {"unit", unit == "percent" ? "percentage_point" : unit}};
    }
    Json entry = Json::object();
    entry["metric"] = key.first;
    entry["region"] = key.second;
    entry["base"] = attrs_json(base, *x);
    entry["compare"] = attrs_json(compare, *y);
    entry["delta"] = std::move(delta);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace reportlens::diff
