// Typed read access to the document facts the segment stage infers (doc.meta()).
//
// One owner per document fact: the segment stage's metadata (plugins/segment, README section
// "Metadata") is the only place that infers a report's region, the year it reviews, the year it
// plans, its delivery date and its kind. A later stage reads them here instead of working them
// out again from the title, the file name or the text:
//
//   const reportlens::ReportMeta m = reportlens::read_report_meta(doc);
//   if (m.plan_year != 0) ... m.plan_year ...
//
// A key a user set per input in the pipeline YAML (`meta:`) wins over the inferred one, and is
// read the same way. Integers may also arrive as strings of digits ("2023"); anything else
// reads as absent. Header-only: it uses nothing but Document and its Json.
#pragma once

#include <string>

#include "reportlens/document.h"

namespace reportlens {

struct ReportMeta {
  std::string title;          // meta.title: the report's own title, "" when it has none
  std::string region;         // meta.region: "沈阳市", "辽宁省", "内蒙古自治区", "全国"; "" unknown
  std::string city;           // meta.city: for a district or county report, its city
  int report_year = 0;        // meta.report_year: the year reviewed (0 = unknown)
  int plan_year = 0;          // meta.plan_year: the year whose targets the report sets (0 = unknown)
  int delivery_year = 0;      // meta.delivery_year: the year it was delivered (0 = unknown)
  std::string kind;           // meta.kind: work_report, plan_report, statistical_bulletin, other
  std::string delivery_date;  // meta.meeting_date: ISO "2022-12-14" (or "2022-12"); "" unknown

  bool has_region() const { return !region.empty(); }
  bool national() const { return region == "全国"; }
};

namespace report_meta_detail {

inline std::string text_of(const Json& meta, const char* key) {
  const auto it = meta.find(key);
  return it != meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

inline int year_of(const Json& meta, const char* key) {
  const auto it = meta.find(key);
  if (it == meta.end()) return 0;
  if (it->is_number_integer()) return it->get<int>();
  if (!it->is_string()) return 0;
  const std::string& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > 6) return 0;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace report_meta_detail

// The document facts of `doc` (absent keys read as "" / 0).
inline ReportMeta read_report_meta(const Document& doc) {
  const Json& meta = doc.meta();
  ReportMeta m;
  if (!meta.is_object()) return m;
  using report_meta_detail::text_of;
  using report_meta_detail::year_of;
  m.title = text_of(meta, "title");
  m.region = text_of(meta, "region");
  m.city = text_of(meta, "city");
  m.report_year = year_of(meta, "report_year");
  m.plan_year = year_of(meta, "plan_year");
  m.delivery_year = year_of(meta, "delivery_year");
  m.kind = text_of(meta, "kind");
  m.delivery_date = text_of(meta, "meeting_date");
  return m;
}

}  // namespace reportlens
