#include "panel_stage.h"
#include "reportlens/plugin.h"

namespace {

constexpr const char* kSettings = R"json({"type":"object","additionalProperties":false,
 "properties":{
  "formats":{"type":"array","items":{"type":"string","enum":["csv","jsonl","sqlite"]},
    "default":["csv","jsonl","sqlite"],
    "description":"Panel files written beside the output: <output>.panel.csv (UTF-8 BOM), .panel.jsonl, .panel.sqlite (table panel)"},
  "catalogue":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra indicator catalogue files (relative to the pipeline), after data/catalogue.yaml"},
  "directions":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra directions files, as for the diff stage"},
  "charts":{"type":"string","default":"",
    "description":"Folder for the chart pages (index.html, a page per region and per indicator), relative to the pipeline; written as one set and swapped in at the end. Empty: no charts"},
  "qualitative_targets":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra qualitative-target rule files, as for the diff stage"},
  "panel_data":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra region-level and unit-label files, after data/panel.yaml"}}})json";

}  // namespace

REPORTLENS_PLUGIN("panel", "0.1.0", "Region x year x standard indicator panel: target, estimate, actual, verdict",
                  reportlens::corpus_stage<reportlens::panel::PanelStage>(
                      "panel", "One row per region, year, standard indicator and measure over a collection",
                      "indicator", "", kSettings)
                      .meta(/*consumes=*/"region,report_year,plan_year,kind", /*produces=*/""));
