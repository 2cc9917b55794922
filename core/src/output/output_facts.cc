#include "output/output_facts.h"

#include <cmath>

namespace reportlens {

std::optional<double> json_number(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    try {
      std::size_t used = 0;
      const double d = std::stod(s, &used);
      if (used == s.size()) return d;
    } catch (...) {
    }
  }
  return std::nullopt;
}

std::optional<long long> json_integer(const Json& v) {
  const auto d = json_number(v);
  if (!d || std::floor(*d) != *d) return std::nullopt;
  return static_cast<long long>(*d);
}

std::string json_string(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

namespace {

// {value, unit, qualifier?}; value may be a number or [low, high].
void read_amount(const Json& amount, std::optional<double>& value, std::optional<double>& high,
                 std::string& unit, std::string& qualifier) {
  if (!amount.is_object()) return;
  unit = json_string(amount.value("unit", Json()));
  const Json& v = amount.contains("value") ? amount["value"] : Json();
  if (v.is_array() && v.size() == 2) {
    value = json_number(v[0]);
    high = json_number(v[1]);
    if (qualifier.empty()) qualifier = "range";
  } else {
    value = json_number(v);
  }
  if (qualifier.empty() && amount.contains("qualifier")) qualifier = json_string(amount["qualifier"]);
}

}  // namespace

IndicatorFact indicator_fact(const Json& attrs) {
  IndicatorFact f;
  if (!attrs.is_object()) return f;
  f.metric = json_string(attrs.value("metric", Json()));
  f.canonical_metric = json_string(attrs.value("canonical_metric", Json()));
  if (f.canonical_metric.empty()) f.canonical_metric = json_string(attrs.value("canonical", Json()));
  if (f.canonical_metric.empty()) f.canonical_metric = f.metric;
  f.period = json_integer(attrs.value("period", Json()));
  f.status = json_string(attrs.value("status", Json()));
  f.qualifier = json_string(attrs.value("qualifier", Json()));
  std::string level_q = f.qualifier, growth_q = f.qualifier;
  read_amount(attrs.value("level", Json()), f.level_value, f.level_high, f.level_unit, level_q);
  read_amount(attrs.value("growth", Json()), f.growth_value, f.growth_high, f.growth_unit, growth_q);
  if (f.qualifier.empty()) f.qualifier = !growth_q.empty() ? growth_q : level_q;
  return f;
}

EntityFact entity_fact(const Json& attrs, const std::string& surface) {
  EntityFact e;
  if (attrs.is_object()) {
    e.kind = json_string(attrs.value("kind", Json()));
    e.canonical = json_string(attrs.value("canonical", Json()));
  }
  if (e.canonical.empty()) e.canonical = surface;
  return e;
}

DocumentFacts document_facts(const Json& meta) {
  DocumentFacts d;
  if (!meta.is_object()) return d;
  d.region = json_string(meta.value("region", Json()));
  d.kind = json_string(meta.value("kind", Json()));
  d.title = json_string(meta.value("title", Json()));
  d.report_year = json_integer(meta.value("report_year", Json()));
  if (!d.report_year) d.report_year = json_integer(meta.value("year", Json()));
  d.plan_year = json_integer(meta.value("plan_year", Json()));
  return d;
}

}  // namespace reportlens
