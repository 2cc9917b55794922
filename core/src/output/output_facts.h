// The typed fields the tabular stores (SQLite, CSV, series) take out of document metadata (the
// keys report_meta.h names), and the conversions they and the projections (table_projection.h)
// apply to JSON values. Missing or oddly typed values become empty, never errors: the stores
// must accept whatever the plugins of the day produce.
#pragma once

#include <optional>
#include <string>

#include "reportlens/document.h"

namespace reportlens {

struct DocumentFacts {
  std::string region, kind, title;
  std::optional<long long> report_year, plan_year;
};

DocumentFacts document_facts(const Json& meta);

// A number from a JSON number or numeric string ("2023"); nullopt otherwise.
std::optional<double> json_number(const Json& value);
std::optional<long long> json_integer(const Json& value);
std::string json_string(const Json& value);

}  // namespace reportlens
