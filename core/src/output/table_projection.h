// How annotation types project into table columns, as the stages that produce them declare
// it (abi.h `projections`, docs/writing-plugins.md "Table projections"). The tabular outputs
// read these declarations and nothing else: the SQLite store makes one table per projection,
// the CSV store one column per projected column, the series report keys its cells on the
// roles a projection names. So a new annotation type needs a declaration, not a core edit.
//
// A declaration is a JSON object keyed by annotation type:
//   {"indicator": {"table": "indicators",
//                  "columns": [{"name": "metric", "from": "metric", "type": "text", "required": true},
//                              {"name": "level_value", "from": "level.value:low", "type": "real"}, ...],
//                  "indexes": [{"name": "indicators_metric_period", "on": ["canonical_metric", "period"]}],
//                  "series": {"name": "indicator", "period": "period", ...}}}
// A column's `from` is one source or a list tried in order (the first non-empty value wins):
// a dotted attribute path, "@text" (the annotation's text as shown), with an optional pick
// after a colon for a value that may be a [low, high] pair: ":low", ":high", ":range" (the
// word "range" when it is a pair).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reportlens/document.h"

namespace reportlens {

enum class ColumnType { kText, kInteger, kReal };

// One value a source yields: absent, text, integer or real.
struct ProjectedValue {
  enum Kind { kNull, kText, kInteger, kReal } kind = kNull;
  std::string text;
  long long integer = 0;
  double real = 0;
};

// Where a value comes from: an attribute path or the annotation's text, and what to pick.
struct AttributeSource {
  enum Pick { kWhole, kLow, kHigh, kRange };
  std::vector<std::string> path;  // empty: the annotation's text ("@text")
  Pick pick = kWhole;
};

// A typed value taken from the first source that has one.
struct ValueRule {
  std::vector<AttributeSource> sources;
  ColumnType type = ColumnType::kText;
  // The value for `attrs` (and `text`, the annotation's text as shown).
  ProjectedValue read(const Json& attrs, std::string_view text) const;
};

struct ProjectedColumn {
  std::string name;  // the SQLite column
  std::string csv;   // the CSV column ("" keeps it out of the CSV)
  bool required = false;  // NOT NULL: empty text is stored as '' instead of NULL
  ValueRule rule;
};

struct ProjectedIndex {
  std::string name;
  std::vector<std::string> columns;
};

// The roles of a series cell (output_series.h): which values name it, date it and fill it.
struct SeriesRoles {
  ValueRule name, period, status, qualifier, region;
  std::string target_status = "target";  // the status value that makes a statement a target
  struct Measure {
    std::string measure;  // its name in the report (growth, level ...)
    ValueRule value, high, unit;
  };
  std::vector<Measure> measures;
};

struct Projection {
  std::string stage;  // the stage that declared it
  std::string type;   // the annotation type it projects
  std::string table;
  std::vector<ProjectedColumn> columns;
  std::vector<ProjectedIndex> indexes;
  std::optional<SeriesRoles> series;

  // The values of every column, in order.
  std::vector<ProjectedValue> values(const Json& attrs, std::string_view text) const;
  // CREATE TABLE and CREATE INDEX statements (the index on doc_id added last).
  std::string schema_sql() const;
};

// The projections of one pipeline, in stage order.
class Projections {
 public:
  Projections() = default;
  explicit Projections(std::vector<Projection> list) : list_(std::move(list)) {}
  const std::vector<Projection>& list() const { return list_; }
  const Projection* find(std::string_view type) const;
  bool empty() const { return list_.empty(); }

 private:
  std::vector<Projection> list_;
};
using ProjectionsPtr = std::shared_ptr<const Projections>;

// Parses the declaration of `stage` (see above). Throws std::invalid_argument naming what is
// wrong (an unknown type, a table or column name that is not a plain identifier, a core table).
std::vector<Projection> parse_projections(const std::string& stage, const char* declaration);

// The SQLite store's own tables (and view), whose names no projection may take.
bool is_store_table(std::string_view name);

// Text of a value as a CSV cell prints it ("" for absent).
std::string cell_text(const ProjectedValue& v);

}  // namespace reportlens
