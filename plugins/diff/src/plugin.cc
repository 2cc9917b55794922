#include "diff_stage.h"
#include "reportlens/plugin.h"

namespace {

// "roles": the input roles the stage reads (pairing.h); the host refuses any other.
constexpr const char* kSettings = R"json({"type":"object","additionalProperties":false,"roles":["base","compare"],
 "properties":{
  "pairs":{"type":"string","enum":["chain","base"],"default":"chain",
    "description":"chain: each report with the next one of its region; base: the earliest with every later one"},
  "cross_region":{"type":"boolean","default":false,"description":"Also pair reports of different regions"},
  "directions":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra directions/alias YAML files (relative to the pipeline), after data/directions.yaml"},
  "qualitative_targets":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra qualitative-target word lists (relative to the pipeline), after data/qualitative_targets.yaml"},
  "min_section_score":{"type":"number","default":0.3,"description":"Least title+content similarity to align two sections"},
  "min_sentence_similarity":{"type":"number","default":0.5,"description":"Least bigram similarity to call a sentence changed rather than removed+added"},
  "html":{"type":"boolean","default":true,"description":"Write <output>.html"},
  "summary":{"type":"boolean","default":true,"description":"Print the summary after the run"}}})json";

}  // namespace

REPORTLENS_PLUGIN("diff", "0.1.0", "Year-over-year comparison of reports: targets vs actuals, indicators, entities, sections",
                  reportlens::corpus_stage<reportlens::diff::DiffStage>(
                      "diff", "Compare reports of successive years (targets vs actuals, indicator deltas, entity and section changes)",
                      "section,sentence", "comparison", kSettings)
                      .meta(/*consumes=*/"region,report_year,plan_year", /*produces=*/""));
