// The `indicators` stage: indicator facts (metric, level, growth, status, period).
#include "reportlens/plugin.h"

#include "indicator_extractor.h"
#include "lexicon.h"
#include "sentence_reader.h"

namespace {

constexpr const char* kSettings = R"json({"type":"object","properties":{
  "catalogue":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra indicator catalogue files merged over data/catalogue.yaml (standard names, variants)"},
  "synonyms":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra synonym files (canonical: [aliases]), looked up before the catalogue"},
  "lexicon":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra word-list files merged over data/lexicon.yaml (verbs, scope words, cues)"},
  "trace":{"type":"boolean",
    "description":"Add a `trace` annotation per number read: the rule that kept or dropped it and why (off when absent)"}
  },"additionalProperties":false})json";

class IndicatorStage : public reportlens::DocumentStage {
 public:
  explicit IndicatorStage(const reportlens::StageContext& context) {
    lexicon_.load_words(context.data_dir / "lexicon.yaml");
    lexicon_.load_catalogue(context.data_dir / "catalogue.yaml");
    for (const auto& file : context.settings.value("lexicon", reportlens::Json::array()))
      lexicon_.load_words(context.resolve(file.get<std::string>()));
    for (const auto& file : context.settings.value("catalogue", reportlens::Json::array()))
      lexicon_.load_catalogue(context.resolve(file.get<std::string>()));
    for (const auto& file : context.settings.value("synonyms", reportlens::Json::array()))
      lexicon_.load_synonyms(context.resolve(file.get<std::string>()));
    trace_ = context.settings.value("trace", false);
    // Every rule names its reason in the data: a trace never shows a rule without one.
    for (const auto rule : reportlens::indicators::all_rules())
      if (!lexicon_.rule_reasons.contains(reportlens::indicators::rule_id(rule)))
        throw reportlens::StageError((context.data_dir / "lexicon.yaml").string() + ": rule_reasons: no reason for rule '" +
                                     std::string(reportlens::indicators::rule_id(rule)) + "'");
  }
  void process(reportlens::Document& doc) const override {
    reportlens::indicators::extract_indicators(doc, lexicon_, trace_);
  }

 private:
  reportlens::indicators::Lexicon lexicon_;
  bool trace_ = false;
};

}  // namespace

// How an `indicator` becomes table columns (SQLite table `indicators`, the CSV's columns, the
// series report): docs/writing-plugins.md, "Table projections". A value given as a [low, high]
// pair fills *_value and *_high; the qualifier is the fact's own, else "range" or the measure's.
namespace {
constexpr const char* kProjections = R"json({"indicator": {
  "table": "indicators",
  "columns": [
    {"name": "metric", "from": "metric", "type": "text", "required": true},
    {"name": "canonical_metric", "from": ["canonical_metric", "canonical", "metric"], "type": "text", "required": true},
    {"name": "period", "from": "period", "type": "integer"},
    {"name": "status", "from": "status", "type": "text"},
    {"name": "level_value", "from": "level.value:low", "type": "real"},
    {"name": "level_high", "from": "level.value:high", "type": "real"},
    {"name": "level_unit", "from": "level.unit", "type": "text"},
    {"name": "growth_value", "from": "growth.value:low", "type": "real"},
    {"name": "growth_high", "from": "growth.value:high", "type": "real"},
    {"name": "growth_unit", "from": "growth.unit", "type": "text"},
    {"name": "qualifier", "type": "text",
     "from": ["qualifier", "growth.value:range", "growth.qualifier", "level.value:range", "level.qualifier"]}],
  "indexes": [{"name": "indicators_metric_period", "on": ["canonical_metric", "period"]}],
  "series": {
    "name": "indicator", "period": "period", "status": "status", "target_status": "target", "region": "region",
    "qualifier": ["qualifier", "growth.value:range", "growth.qualifier", "level.value:range", "level.qualifier"],
    "measures": [
      {"measure": "growth", "value": "growth.value:low", "high": "growth.value:high", "unit": "growth.unit"},
      {"measure": "level", "value": "level.value:low", "high": "level.value:high", "unit": "level.unit"}]}}})json";
}  // namespace

REPORTLENS_PLUGIN("indicators", "0.2.0", "Indicator facts: metric, level, growth, status, period",
                  reportlens::document_stage<IndicatorStage>(
                      "indicators", "Indicator facts from sentences and quantities",
                      "sentence,quantity", "indicator,multi_year_indicator,trace", kSettings)
                      .meta(/*consumes=*/"report_year,plan_year,kind", /*produces=*/"")
                      .projects(kProjections));
