#include "target_check.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "fact_context.h"

namespace reportlens::diff {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string q_of(const Json& q) { return q.is_string() ? q.get<std::string>() : std::string(); }

bool is_rate(const std::string& unit) { return unit == "percent" || unit == "percentage_point"; }

double tolerance_for(const Figure& f, double t, const Tolerance& tol) {
  return is_rate(f.unit) ? tol.percent_points : std::fabs(t) * tol.relative;
}

bool contains_word(const std::string& haystack, const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (haystack.find(w) != std::string::npos) return true;
  return false;
}

// "<metric name> + decline word" not followed by a figure, or a statement that the target
// was not achieved, in a sentence of the later report that is about year N. Used only when
// the later report gives no figure for the metric.
// How far after a metric's name (bytes: about 30 Chinese characters) a statement that the
// target was not achieved may stand.
constexpr std::size_t kNotMetReach = 90;

struct Qualitative {
  std::size_t sentence;
  bool declined = false;
  bool not_met = false;
};
std::optional<Qualitative> qualitative_actual(const DocView& compare, const MetricCatalog& catalog,
                                              const std::string& canonical, int period) {
  const auto names = catalog.names_of(canonical);
  const DiffWords& words = *compare.words;
  std::vector<std::string> year_words = words.last_year_words;
  year_words.push_back(std::to_string(period) + words.numbers.year_suffix);
  for (std::size_t i = 0; i < compare.sentences.size(); ++i) {
    const std::string& s = compare.sentences[i].normalized;
    for (const auto& name : names) {
      std::size_t at = s.find(name);
      if (at == std::string::npos) continue;
      const std::string before = s.substr(at >= 3 ? at - 3 : 0, at >= 3 ? 3 : at);
      bool share = false;
      for (const auto& w : catalog.share_before())
        share = share || (before.size() >= w.size() &&
                          before.compare(before.size() - w.size(), w.size(), w) == 0);
      for (const auto& w : catalog.share_after())
        share = share || s.compare(at + name.size(), w.size(), w) == 0;
      if (share) continue;
      // Look at the few characters after the metric name (e.g. 总额出现下降).
      const std::string after = s.substr(at + name.size(), 24);
      Qualitative q{i};
      for (const auto& w : catalog.decline_words()) {
        const auto d = after.find(w);
        if (d == std::string::npos) continue;
        const std::size_t next = at + name.size() + d + w.size();
        if (next < s.size() && std::isdigit(static_cast<unsigned char>(s[next]))) continue;
        q.declined = true;
      }
      // "Not achieved" must follow the name closely, in the same clause group (before any
      // ；): 进出口总额出现下降，预期增长目标未能实现 — not 经济增长的…约束强化，…；服务业增加值…没有完成.
      std::string tail = s.substr(at, kNotMetReach);
      for (const auto& end : words.clause_group_ends)
        if (const auto at = tail.find(end); at != std::string::npos) tail.resize(at);
      q.not_met = contains_word(tail, catalog.not_met_words());
      bool about_year = false;
      for (const auto& y : year_words) about_year = about_year || s.find(y) != std::string::npos;
      if ((q.declined || q.not_met) && (about_year || q.not_met)) return q;
    }
  }
  return std::nullopt;
}

Json figure_json(const DocView& view, const IndicatorView* ind, const Figure* f, int period) {
  Json j = Json::object();
  j["doc"] = view.doc->id();
  j["period"] = period;
  j["value"] = f ? f->value : Json(nullptr);
  j["unit"] = f ? Json(f->unit) : Json(nullptr);
  j["qualifier"] = f ? f->qualifier : Json(nullptr);
  if (ind) {
    j["status"] = ind->status;
    j["metric"] = ind->metric;
    j["measure"] = f && f->is_growth ? "growth" : "level";
    j["evidence"] = view.evidence(ind->begin, ind->end);
  } else {
    j["evidence"] = nullptr;
  }
  return j;
}

// Most a level actual may differ from its target (either way) and still be the same
// measure. Plans are missed or beaten by tens of percent, not by several times.
constexpr double kPlausibleRatio = 3.0;

bool plausible_pair(const Figure& target, const Figure& actual) {
  if (target.is_growth || is_rate(target.unit)) return true;  // rates: no ratio test
  if (!target.value.is_number() || !actual.value.is_number()) return true;
  const double t = std::fabs(target.value.get<double>()), a = std::fabs(actual.value.get<double>());
  if (t == 0 || a == 0) return true;
  return std::max(t, a) / std::min(t, a) <= kPlausibleRatio;
}

}  // namespace

std::optional<Figure> figure_of(const IndicatorView& v, std::optional<bool> prefer_growth) {
  const auto make = [&](const Json& part, bool growth) -> std::optional<Figure> {
    if (!part.is_object() || !part.contains("value") || part["value"].is_null()) return std::nullopt;
    Figure f;
    f.value = part["value"];
    f.unit = part.value("unit", std::string());
    f.qualifier = v.qualifier;
    f.is_growth = growth;
    return f;
  };
  const bool growth_first = prefer_growth.value_or(true);
  if (auto f = make(growth_first ? v.growth : v.level, growth_first)) return f;
  return make(growth_first ? v.level : v.growth, !growth_first);
}

Interval actual_interval(const Figure& a) {
  if (a.value.is_array() && a.value.size() == 2)
    return {a.value[0].get<double>(), a.value[1].get<double>()};
  const double x = a.value.get<double>();
  const std::string q = q_of(a.qualifier);
  if (q == ">") return {x, kInf, true, false};
  if (q == ">=") return {x, kInf};
  if (q == "<") return {-kInf, x, false, true};
  if (q == "<=") return {-kInf, x};
  return {x, x};  // null, "~" (used as a point value)
}

Interval satisfying_interval(const Figure& target, const std::string& direction,
                             const Tolerance& tolerance) {
  const std::string q = q_of(target.qualifier);
  if (target.value.is_array() && target.value.size() == 2) {
    const double lo = target.value[0].get<double>(), hi = target.value[1].get<double>();
    if (direction == "higher_is_better") return {lo, kInf};
    if (direction == "band") return {lo, hi};
    return {-kInf, hi};
  }
  const double t = target.value.get<double>();
  const double eps = tolerance_for(target, t, tolerance);
  // Explicit bounds say what they say, whatever the direction.
  if (q == ">=") return {t, kInf};
  if (q == ">") return {t, kInf, true, false};
  if (q == "<=") return {-kInf, t};
  if (q == "<") return {-kInf, t, false, true};
  const bool about = q == "~";
  if (direction == "higher_is_better") return {about ? t - eps : t, kInf};
  if (direction == "band") return {t - eps, t + eps};
  return {-kInf, about ? t + eps : t};  // ceiling, lower_is_better
}

std::string verdict_of(const Interval& a, const Interval& s) {
  // Compare with a little slack: 7.5 - 0.1 must accept 7.4 despite binary floating point.
  const auto cmp = [](double x, double y) {
    if (x == y) return 0;  // also ±infinity
    if (std::isinf(x) || std::isinf(y)) return x < y ? -1 : 1;
    if (std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(y))) return 0;
    return x < y ? -1 : 1;
  };
  const int lo = cmp(a.low, s.low), hi = cmp(a.high, s.high);
  const bool low_inside = lo > 0 || (lo == 0 && (!s.low_open || a.low_open));
  const bool high_inside = hi < 0 || (hi == 0 && (!s.high_open || a.high_open));
  if (low_inside && high_inside) return "met";
  // Disjoint: the actual lies entirely below or entirely above the satisfying values.
  const int below = cmp(a.high, s.low), above = cmp(a.low, s.high);
  if (below < 0 || (below == 0 && (a.high_open || s.low_open))) return "missed";
  if (above > 0 || (above == 0 && (a.low_open || s.high_open))) return "missed";
  return "unclear";
}

std::string direction_for(const MetricCatalog& catalog, const std::string& canonical,
                          const Json& qualifier, const Figure* target) {
  const std::string q = q_of(qualifier);
  const bool upper_bound = q == "<=" || q == "<";
  if (const MetricInfo* info = catalog.find(canonical)) {
    if (upper_bound && !info->bounded.empty()) return info->bounded;
    return info->direction;
  }
  // Unlisted metrics: a plan that asks for a decline (二氧化硫排放下降3%, growth −3) or
  // names a thing of which less is better (能耗, 排放, 浓度 …) wants less of it.
  const bool planned_decline = target && target->is_growth && target->value.is_number() &&
                               target->value.get<double>() < 0;
  if (planned_decline) return "lower_is_better";
  for (const auto& w : catalog.reduction_words())
    if (canonical.find(w) != std::string::npos) return upper_bound ? "ceiling" : "higher_is_better";
  for (const auto& w : catalog.lower_is_better_words())
    if (canonical.find(w) != std::string::npos) return upper_bound ? "ceiling" : "lower_is_better";
  return upper_bound ? "ceiling" : "higher_is_better";
}

Json check_targets(const DocView& base, const DocView& compare, const MetricCatalog& catalog) {
  Json out = Json::array();
  for (const IndicatorView& target : base.indicators) {
    if (target.status != "target" || target.period <= 0) continue;
    // Only targets for a year the later report can speak about.
    if (compare.year > 0 && target.period > compare.year) continue;
    const auto tf = figure_of(target);
    if (!tf) continue;
    const std::string direction = direction_for(catalog, target.canonical, target.qualifier, &*tf);

    // The figure for the same metric and year: an actual, else an estimate, same measure
    // (growth vs level) first, in document order.
    const IndicatorView* best = nullptr;
    std::optional<Figure> best_figure;
    int best_rank = 1000;
    const auto consider = [&](const IndicatorView& v, bool loose_match) {
      if (v.period != target.period) return;
      if (v.status != "actual" && v.status != "estimate") return;
      const auto f = figure_of(v, tf->is_growth);
      if (!f) return;
      // A looser name must be backed by the same unit and measure.
      if (loose_match && (f->unit != tf->unit || f->is_growth != tf->is_growth)) return;
      int rank = (v.status == "actual" ? 0 : 4) + (f->is_growth == tf->is_growth ? 0 : 2) +
                 (f->unit == tf->unit ? 0 : 8) + (f->qualifier.is_null() ? 0 : 1);
      if (rank < best_rank) best = &v, best_figure = f, best_rank = rank;
    };
    for (const IndicatorView& v : compare.indicators)
      if (v.canonical == target.canonical) consider(v, false);
    // No figure under the same name: the plan's wording without its action verb
    // (新建5G基站 → 5G基站, 老旧小区改造工程 → 老旧小区), unless that leaves a bare noun.
    bool loose = false;
    const std::string loose_key = catalog.loose(target.canonical);
    if (!best && code_point_count(loose_key) >= 3) {
      for (const IndicatorView& v : compare.indicators)
        if (v.canonical != target.canonical && catalog.loose(v.canonical) == loose_key)
          consider(v, true);
      loose = best != nullptr;
    }

    Json entry = Json::object();
    entry["metric"] = target.metric;
    entry["canonical"] = target.canonical;
    entry["target"] = figure_json(base, &target, &*tf, target.period);
    entry["direction"] = direction;
    entry["known_metric"] = catalog.find(target.canonical) != nullptr;
    if (loose) entry["matched_by"] = "loose_name";
    std::string verdict = "unclear";
    std::string reason;
    if (best && best_figure->unit == tf->unit && !plausible_pair(*tf, *best_figure)) {
      // 城镇新增就业 "比去年多100万人" against 1351万人, 农村公路 20万公里 a year against a
      // five-year 127万公里: figures this far apart are not the same measure.
      entry["actual"] = figure_json(compare, best, &*best_figure, target.period);
      reason = "the figures differ by more than 3 times: probably not the same measure";
    } else if (best && best_figure->unit == tf->unit) {
      entry["actual"] = figure_json(compare, best, &*best_figure, target.period);
      verdict = verdict_of(actual_interval(*best_figure),
                           satisfying_interval(*tf, direction, catalog.tolerance()));
      reason = verdict == "unclear" ? "the actual is only a bound that does not settle the target"
                                    : "";
      if (best->status == "estimate")
        reason = "actual is an estimate (" + compare.words->labels.text("figures", "estimate") + ")";
      if (loose) reason += std::string(reason.empty() ? "" : "; ") + "matched on the name without " +
                           "its action word (" + best->metric + ")";
    } else if (const auto q = qualitative_actual(compare, catalog, target.canonical, target.period)) {
      // No figure in the target's unit (none at all, or only a level in 亿美元 against a
      // growth target): what the later report says in words decides.
      best = nullptr;  // the figure in another unit is not the actual used
      const SentenceView& s = compare.sentences[q->sentence];
      Json a = Json::object();
      a["doc"] = compare.doc->id();
      a["period"] = target.period;
      // A decline is growth below zero; a bare "not achieved" has no figure.
      a["value"] = q->declined && tf->is_growth ? Json(0) : Json(nullptr);
      a["unit"] = tf->unit;
      a["qualifier"] = q->declined && tf->is_growth ? Json("<") : Json(nullptr);
      a["status"] = "actual";
      a["qualitative"] = true;
      a["evidence"] = compare.evidence(s.begin, s.end);
      entry["actual"] = std::move(a);
      if (q->not_met) {
        verdict = "missed";
        reason = "the later report states the target was not achieved";
      } else {
        Figure f{Json(0), tf->unit, Json("<"), true};
        verdict = verdict_of(actual_interval(f), satisfying_interval(*tf, direction, catalog.tolerance()));
        reason = "the later report states a decline without a figure";
      }
    } else if (best) {
      entry["actual"] = figure_json(compare, best, &*best_figure, target.period);
      reason = "actual in another unit (" + best_figure->unit + ")";
    } else {
      entry["actual"] = figure_json(compare, nullptr, nullptr, target.period);
      // A gap in the series (no 2020 report): the later report reviews a later year.
      reason = compare.year > target.period
                   ? "the later report reviews " + std::to_string(compare.year) + ", not " +
                         std::to_string(target.period) + " (a report is missing in between)"
                   : "no figure for this year in the later report";
    }
    entry["verdict"] = verdict;
    entry["estimate"] = best != nullptr && best->status == "estimate";
    if (!reason.empty()) entry["reason"] = reason;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace reportlens::diff
