// The typed fields the tabular stores (SQLite, CSV, series) take out of annotations and
// document metadata. Missing or oddly typed attrs become empty values, never errors: the
// stores must accept whatever the plugins of the day produce.
#pragma once

#include <optional>
#include <string>

#include "reportlens/document.h"

namespace reportlens {

struct IndicatorFact {
  std::string metric;            // as written
  std::string canonical_metric;  // attrs.canonical_metric, else attrs.canonical, else metric
  std::optional<long long> period;
  std::string status;            // actual | estimate | target
  std::optional<double> level_value, growth_value;
  std::string level_unit, growth_unit;
  std::string qualifier;         // >=, >, ~, <=, <, range or ""
  std::optional<double> level_high, growth_high;  // upper end when the value is a range
};

struct EntityFact {
  std::string kind, canonical;
};

struct DocumentFacts {
  std::string region, kind, title;
  std::optional<long long> report_year, plan_year;
};

IndicatorFact indicator_fact(const Json& attrs);
EntityFact entity_fact(const Json& attrs, const std::string& surface);
DocumentFacts document_facts(const Json& meta);

// A number from a JSON number or numeric string ("2023"); nullopt otherwise.
std::optional<double> json_number(const Json& value);
std::optional<long long> json_integer(const Json& value);
std::string json_string(const Json& value);

}  // namespace reportlens
