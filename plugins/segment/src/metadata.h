// Document metadata from the title block, the headings and the file name:
// title, region (+ city), report_year (the year reviewed), plan_year, delivery_year, kind,
// meeting_date. Keys already in doc.meta() (set by the user per input) are never replaced.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "outline.h"
#include "reportlens/document.h"
#include "rules.h"
#include "title_block.h"

namespace reportlens::segment {

struct ReportYears {
  std::optional<int> report_year, plan_year, delivery_year;
};

// Derives the metadata and writes the keys that are still missing. Returns the years in
// effect afterwards (user-given values win), for section scopes.
ReportYears fill_metadata(Document& doc, const std::optional<TitleBlock>& block,
                          const std::vector<Heading>& headings, const SegmentRules& rules);

// "review", "plan" or "other" from a heading's words and years.
std::string heading_scope(const std::string& title, const ReportYears& years,
                          const SegmentRules& rules);

// Four-digit years (1949–2100) written in `text`, in order (ASCII digits; the normalised
// view has folded full-width ones).
std::vector<int> years_in(std::string_view text);

}  // namespace reportlens::segment
