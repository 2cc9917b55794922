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
