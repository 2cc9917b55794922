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

REPORTLENS_PLUGIN("indicators", "0.2.0", "Indicator facts: metric, level, growth, status, period",
                  reportlens::document_stage<IndicatorStage>(
                      "indicators", "Indicator facts from sentences and quantities",
                      "sentence,quantity", "indicator,multi_year_indicator,trace", kSettings));
