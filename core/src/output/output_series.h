// The series report: time series per (region, name, year) with the target and the actual side
// by side, as series.csv, one SVG chart per name (target band against actual line) and
// index.html linking them. Built from the records of a run (or of a store), keeping only the
// statements in memory. Which annotations make statements, and which of their values name,
// date and fill a cell, is what a stage's projection declares under `series`
// (table_projection.h): for the indicators stage, the catalogue's standard indicator name.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "output/table_projection.h"
#include "reportlens/document.h"

namespace reportlens {

class SeriesCollector {
 public:
  struct Entry;
  explicit SeriesCollector(ProjectionsPtr projections = nullptr) : projections_(std::move(projections)) {}
  // Takes the statements of one record (a contract DOCUMENT object).
  void add(const Json& record) { add(entries(record, projections_ ? *projections_ : Projections())); }
  // The same in two steps: entries() reads a record (on any thread), add() takes them in.
  static std::vector<Entry> entries(const Json& record, const Projections& projections);
  void add(const std::vector<Entry>& entries);
  // Writes series.csv, metric-NNN.svg and index.html into `directory` (created).
  // Returns the index.html path.
  std::filesystem::path write(const std::filesystem::path& directory, bool csv_bom) const;
  std::size_t size() const { return cells_.size(); }

  struct Statement {
    double value = 0;
    std::optional<double> high;  // for ranges
    std::string qualifier, status, doc;
    long long report_year = 0;   // of the document stating it (0 if unknown)
  };
  struct Cell {
    std::optional<Statement> target, actual;
  };
  // region, metric, measure (growth|level), unit, year
  using Key = std::tuple<std::string, std::string, std::string, std::string, long long>;
  // One statement of a record, for the cell at `key`.
  struct Entry {
    Key key;
    bool target = false;
    Statement statement;
  };

 private:
  ProjectionsPtr projections_;
  std::map<Key, Cell> cells_;
};

// "met", "missed" or "unclear" for a target against its actual (see docs/batch.md).
std::string target_verdict(const SeriesCollector::Statement& target, const SeriesCollector::Statement& actual);

}  // namespace reportlens
