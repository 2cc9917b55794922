#include "panel_row.h"

namespace reportlens::panel {
namespace {

Json number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

const std::vector<std::string>& panel_columns() {
  static const std::vector<std::string> columns = {
      "region",         "region_level",     "year",       "indicator",      "measure",
      "unit",           "target_value",     "target_high", "target_qualifier", "target_text",
      "estimate_value", "actual_value",     "actual_qualifier", "verdict",   "direction",
      "target_doc",     "actual_doc",       "target_evidence", "actual_evidence"};
  return columns;
}

Json to_json(const PanelRow& r) {
  Json j = Json::object();
  j["region"] = r.region;
  j["region_level"] = r.region_level;
  j["year"] = r.year;
  j["indicator"] = r.indicator;
  j["measure"] = r.measure;
  j["unit"] = r.unit;
  j["target_value"] = number(r.target_value);
  j["target_high"] = number(r.target_high);
  j["target_qualifier"] = r.target_qualifier;
  j["target_text"] = r.target_text;
  j["estimate_value"] = number(r.estimate_value);
  j["actual_value"] = number(r.actual_value);
  j["actual_qualifier"] = r.actual_qualifier;
  j["verdict"] = r.verdict;
  j["direction"] = r.direction;
  j["target_doc"] = r.target_doc;
  j["actual_doc"] = r.actual_doc;
  j["target_evidence"] = r.target_evidence;
  j["actual_evidence"] = r.actual_evidence;
  return j;
}

}  // namespace reportlens::panel
