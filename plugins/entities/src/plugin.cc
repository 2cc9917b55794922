#include <iostream>

#include "entities_stage.h"
#include "reportlens/plugin.h"

namespace {

constexpr const char* kSettings = R"json({"type":"object","properties":{
  "gazetteers":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra gazetteer YAML files (relative to the pipeline YAML)"},
  "shipped_gazetteers":{"type":"array","items":{"type":"string"},"default":["*"],
    "description":"Which shipped gazetteers to load by name (national, shenyang_tiexi); * = all"},
  "patterns":{"type":"boolean","default":true,
    "description":"Find unlisted names from the name endings of data/patterns.yaml (industrial park, group, park ...)"},
  "pattern_rules":{"type":"array","items":{"type":"string"},"default":[],
    "description":"Extra pattern rule YAML files merged over data/patterns.yaml"},
  "region":{"type":"string","default":"",
    "description":"Document region override: province, city and district names as one path (default: document metadata)"},
  "min_confidence":{"type":"number","minimum":0,"maximum":1,"default":0.5,
    "description":"Drop entities scored below this confidence (0 keeps every candidate; see README)"},
  "strict":{"type":"boolean","default":false,
    "description":"Fail on rejected or duplicate gazetteer entries instead of reporting them"},
  "report":{"type":"boolean","default":false,
    "description":"Print the gazetteer load report to stderr even when it is clean"}
},"additionalProperties":false})json";

class EntitiesStage : public reportlens::DocumentStage {
 public:
  explicit EntitiesStage(const reportlens::StageContext& context) {
    auto built = reportlens::entities::build_tagger(context);
    tagger_ = std::move(built.tagger);
    // The load report goes to stderr when something was rejected or duplicated (or when
    // asked), so a typo in a user gazetteer does not pass silently.
    if (!built.report.rejected.empty() || !built.report.duplicates.empty() ||
        context.settings.value("report", false))
      std::cerr << built.report.summary() << "\n";
  }
  void process(reportlens::Document& doc) const override { tagger_->annotate(doc); }

 private:
  std::unique_ptr<reportlens::entities::EntityTagger> tagger_;
};

}  // namespace

// How an `entity` becomes table columns (SQLite table `entities`, the CSV's entity_kind and
// canonical): docs/writing-plugins.md, "Table projections". Its canonical name is its text
// when the gazetteers give none.
namespace {
constexpr const char* kProjections = R"json({"entity": {
  "table": "entities",
  "columns": [
    {"name": "kind", "from": "kind", "type": "text", "csv": "entity_kind"},
    {"name": "canonical", "from": ["canonical", "@text"], "type": "text", "required": true},
    {"name": "text", "from": "@text", "type": "text", "required": true, "csv": false}],
  "indexes": [{"name": "entities_canonical", "on": ["canonical"]}]}})json";
}  // namespace

REPORTLENS_PLUGIN("entities", "0.2.0",
                  "Companies, industrial parks, public parks and zones with canonical names",
                  reportlens::document_stage<EntitiesStage>(
                      "entities",
                      "Tag entity mentions from gazetteers (Aho–Corasick) and name-ending patterns",
                      "", "entity", kSettings)
                      .projects(kProjections));
