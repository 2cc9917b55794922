#include "indicator_diff.h"

#include <cmath>
#include <algorithm>
#include <map>
#include <set>

#include "fact_context.h"

namespace reportlens::diff {
namespace {

using Key = std::pair<std::string, std::string>;  // canonical metric, region

// Per metric, the figures for the latest year the report states, in document order.
std::map<Key, std::vector<const IndicatorView*>> latest_figures(const DocView& v) {
  std::map<Key, std::vector<const IndicatorView*>> out;
  for (const auto& ind : v.indicators) {
    if (ind.status != "actual" && ind.status != "estimate") continue;
    if (ind.level.is_null() && ind.growth.is_null()) continue;
    auto& slot = out[{ind.canonical, ind.region}];
    if (!slot.empty() && ind.period < slot.front()->period) continue;
    if (!slot.empty() && ind.period > slot.front()->period) slot.clear();
    slot.push_back(&ind);
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

bool same_unit(const Json& a, const Json& b) {
  return numeric_part(a) && numeric_part(b) && a.value("unit", "") == b.value("unit", "");
}

// Two figures say something comparable: the same unit for the level or for the growth.
bool comparable(const IndicatorView& x, const IndicatorView& y) {
  return same_unit(x.level, y.level) || same_unit(x.growth, y.growth);
}

}  // namespace

double required_context_agreement(const MetricCatalog& catalog, const std::string& canonical) {
  if (catalog.find(canonical)) return 0;  // a named statistic: the name is enough
  const std::size_t n = code_point_count(canonical);
  if (n <= 2) return 0.5;   // 居民, 项目, 事项: only with the same words around the figure
  if (n <= 4) return 0.3;   // 老旧小区, 总投资: a third of the words (one bigram in three)
  return 0;                 // 新增社区养老服务设施: specific enough by itself
}

namespace {

}  // namespace

namespace {

// The statement writes the metric's name (not only a figure the extractor attached to it).
bool names_itself(const DocView& v, const IndicatorView& ind) {
  return !ind.metric.empty() &&
         v.doc->slice(ind.begin, ind.end).find(ind.metric) != std::string_view::npos;
}

struct Matched {
  const IndicatorView* x;
  const IndicatorView* y;
  double agreement;  // context agreement; -1 when matched by a catalog name alone
};

// Pairs of statements of one metric (not named by the catalog) in two reports: in comparable
// units, with surrounding words that agree at least `required`, best agreement first, each
// statement used once. A long specific name (required 0) yields its best pair only; a vague
// one (居民, 投资) may yield several disjoint pairs, one per fact that both years report
// (投资3.3亿元对…老旧小区 and 新签约项目…投资总额1000亿元).
std::vector<Matched> match_by_context(const DocView& base, const DocView& compare,
                                      const std::vector<const IndicatorView*>& xs,
                                      const std::vector<const IndicatorView*>& ys,
                                      double required) {
  std::vector<FactContext> cy;
  for (const IndicatorView* y : ys) cy.push_back(fact_context(compare.doc->text(), y->begin, y->end, *compare.words));
  std::vector<Matched> candidates;
  std::vector<bool> candidates_named;
  for (const IndicatorView* x : xs) {
    const FactContext cx = fact_context(base.doc->text(), x->begin, x->end, *base.words);
    for (std::size_t j = 0; j < ys.size(); ++j) {
      if (!comparable(*x, *ys[j])) continue;
      const double s = context_agreement(cx, cy[j]);
      if (s < required) continue;
      candidates.push_back({x, ys[j], s});
      candidates_named.push_back(names_itself(base, *x) && names_itself(compare, *ys[j]));
    }
  }
  // Statements that write the metric's name in both reports first (新开工保障性安居工程666万套,
  // not the distributed "基本建成544万套" the extractor gave the same metric), then the best
  // agreement; ties in document order of the base, then of the later report.
  std::vector<std::size_t> order(candidates.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (candidates_named[a] != candidates_named[b]) return static_cast<bool>(candidates_named[a]);
    return candidates[a].agreement > candidates[b].agreement;
  });
  std::vector<Matched> sorted;
  for (std::size_t i : order) sorted.push_back(candidates[i]);
  candidates = std::move(sorted);
  std::vector<Matched> out;
  std::set<const IndicatorView*> used;
  for (const Matched& m : candidates) {
    if (used.count(m.x) || used.count(m.y)) continue;
    used.insert(m.x);
    used.insert(m.y);
    out.push_back(m);
    if (required == 0) break;
  }
  std::sort(out.begin(), out.end(),
            [](const Matched& a, const Matched& b) { return a.x->begin < b.x->begin; });
  return out;
}

Json entry_json(const DocView& base, const DocView& compare, const Key& key, const Matched& m,
                double required) {
  const IndicatorView* x = m.x;
  const IndicatorView* y = m.y;
  Json delta = Json::object();
  if (same_unit(x->level, y->level)) {
    const double lb = x->level["value"].get<double>(), lc = y->level["value"].get<double>();
    Json d = {{"value", lc - lb}, {"unit", x->level.value("unit", "")}};
    const std::string unit = x->level.value("unit", "");
    if (unit == "percent") d = {{"value", round_to(lc - lb, 1e-6)}, {"unit", "percentage_point"}};
    d["percent"] = lb != 0 && unit != "percent" ? Json(round_to((lc - lb) / std::fabs(lb) * 100, 0.1))
                                                : Json(nullptr);
    delta["level"] = std::move(d);
  }
  if (same_unit(x->growth, y->growth)) {
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
  // How the match was made: by a catalog name, or by metric plus the words around the
  // figures (with their agreement), so that a reader can judge a match on a short metric.
  entry["matched_by"] = m.agreement < 0 ? "known_metric" : "metric_and_context";
  if (m.agreement >= 0) entry["context_agreement"] = round_to(m.agreement, 0.01);
  // A vague metric (居民, 项目) is shown with the words around its figure in the base report
  // (居民 (惠及), 项目 (…实现签约)), so that a reader sees which fact was compared.
  if (required > 0 && code_point_count(key.first) <= 2) {
    const FactContext c = fact_context(base.doc->text(), x->begin, x->end, *base.words);
    std::string words;
    // The words after the figure are usually its verb (实现签约); else those before (惠及).
    for (char ch : c.right.empty() ? c.left : c.right)
      if (ch != '#') words += ch;
    if (!words.empty()) entry["label"] = key.first + " (" + words + ")";
  }
  return entry;
}

}  // namespace

Json diff_indicators(const DocView& base, const DocView& compare, const MetricCatalog& catalog) {
  // Regions only restrict matching when the two reports are from the same region; a
  // cross-region comparison the user asked for matches by metric alone.
  // An unknown document region (title block not recognised) does not make it "another region".
  const bool same_region =
      base.region == compare.region || base.region.empty() || compare.region.empty();
  auto a = latest_figures(base);
  auto b = latest_figures(compare);
  std::map<std::string, const std::vector<const IndicatorView*>*> b_by_metric;
  for (const auto& [k, v] : b) b_by_metric.emplace(k.first, &v);

  Json out = Json::array();
  for (const auto& [key, xs] : a) {
    const std::vector<const IndicatorView*>* ys = nullptr;
    if (same_region) {
      if (auto it = b.find(key); it != b.end()) ys = &it->second;
    } else if (auto it = b_by_metric.find(key.first); it != b_by_metric.end()) {
      ys = it->second;
    }
    if (!ys) continue;
    const double required = required_context_agreement(catalog, key.first);
    std::vector<Matched> pairs;
    if (catalog.find(key.first)) {
      // A named statistic (GDP, 固定资产投资): each report's first statement of its latest
      // year, so the review paragraph beats a repeat in a 专栏.
      pairs.push_back({xs.front(), ys->front(), -1});
    } else {
      pairs = match_by_context(base, compare, xs, *ys, required);
    }
    for (const Matched& m : pairs) out.push_back(entry_json(base, compare, key, m, required));
  }
  return out;
}

}  // namespace reportlens::diff
