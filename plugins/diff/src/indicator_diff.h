// Indicators matched across two reports by canonical metric (and region): each report's
// latest actual (or estimate) figure, with level and growth deltas. A metric the catalog
// does not name is matched only between statements in comparable units, and a short one
// only when the words around the two figures agree (see required_context_agreement).
#pragma once

#include "doc_view.h"
#include "metric_catalog.h"

namespace reportlens::diff {

Json diff_indicators(const DocView& base, const DocView& compare, const MetricCatalog& catalog);

// Least context agreement (fact_context.h) two statements of `canonical` need to be taken as
// the same fact in two years: 0 for a metric of the catalog or a long, specific name; more
// for the shorter, vaguer names (居民, 项目) that different facts share.
double required_context_agreement(const MetricCatalog& catalog, const std::string& canonical);

}  // namespace reportlens::diff
