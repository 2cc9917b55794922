// One row of the panel: a (region, year, standard indicator, measure) with the target an
// earlier report set for that year, the later report's actual (and the earlier report's own
// estimate, so revisions show) and the diff's verdict.
//
// The rows of one (earlier, later) document pair are a pure function of the two documents
// (panel_rows below), so a streaming runner can compute them pair by pair; the corpus stage
// only groups documents by region and orders them by year.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::panel {

struct PanelRow {
  std::string region;        // meta.region: 沈阳市, 辽宁省, 全国
  std::string region_level;  // national | province | city | district (from the region's suffix)
  int year = 0;              // the year the target and the actual refer to
  std::string indicator;     // the catalogue's standard name (地区生产总值 for 国内生产总值 too)
  std::string measure;       // growth | level | rate
  std::string unit;          // display unit: % for growth and rate, else the family's (亿元, 万人, 万吨)

  // The target, in `unit`: a range target is [target_value, target_high], else target_high
  // is empty. Qualitative targets have no value and a target_text.
  std::optional<double> target_value;
  std::optional<double> target_high;
  std::string target_qualifier;  // >=, >, ~, <=, <, range or ""
  std::string target_text;       // the target as written (the target sentence's figure)

  std::optional<double> estimate_value;  // the earlier report's own 预计 figure for the year, if any
  std::optional<double> actual_value;    // the later report's figure for the year, in `unit`
  std::string actual_qualifier;

  std::string verdict;    // met | missed | unclear (the diff's, direction-aware); "" when no target
  std::string direction;  // higher_is_better | lower_is_better | ceiling | band

  std::string target_doc, actual_doc;            // document ids ("" when absent)
  std::string target_evidence, actual_evidence;  // the sentences the figures come from
};

// Column names in output order (CSV header, SQLite columns, JSONL keys).
const std::vector<std::string>& panel_columns();

// The row as one JSON object with the keys of panel_columns() (absent numbers are null).
Json to_json(const PanelRow& row);

class PanelContext;  // the loaded catalogue and diff rules (panel_context.h)

// Rows for the targets `earlier` sets for the year `later` reviews, checked against `later`,
// restricted to catalogue indicators; a one-year row never holds a five-year total.
// Pure: reads only the two documents (their meta and indicator annotations) and `context`.
std::vector<PanelRow> panel_rows(const Document& earlier, const Document& later,
                                 const PanelContext& context);

}  // namespace reportlens::panel
