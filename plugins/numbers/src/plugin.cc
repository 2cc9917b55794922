// The `numbers` stage: every number mention of a report as a `quantity` annotation.
#include <filesystem>
#include <memory>
#include <vector>

#include "reportlens/plugin.h"
#include "reportlens/report_meta.h"

#include "number_lexicon.h"
#include "quantity_scanner.h"

namespace {

using reportlens::Json;

constexpr const char* kSettings = R"json({
  "type": "object",
  "properties": {
    "extra_units": {"type": "array", "items": {"type": "string"}, "default": [],
      "description": "More unit files (units.yaml format), relative to the pipeline"},
    "extra_lexicon": {"type": "array", "items": {"type": "string"}, "default": [],
      "description": "More lexicon files (lexicon.yaml format: stop words, qualifiers...)"},
    "report_year": {"type": "integer", "default": 0,
      "description": "Year completing partial dates; 0 = the segment stage's meta.delivery_year, else meta.report_year"}
  },
  "additionalProperties": false
})json";

class NumbersStage : public reportlens::DocumentStage {
 public:
  explicit NumbersStage(const reportlens::StageContext& context) {
    std::vector<std::filesystem::path> files = {context.data_dir / "units.yaml",
                                                context.data_dir / "lexicon.yaml"};
    for (const auto& f : context.settings.value("extra_units", Json::array()))
      files.push_back(context.resolve(f.get<std::string>()));
    for (const auto& f : context.settings.value("extra_lexicon", Json::array()))
      files.push_back(context.resolve(f.get<std::string>()));
    lexicon_ = reportlens::numbers::NumberLexicon::load(files);
    scanner_ = std::make_unique<reportlens::numbers::QuantityScanner>(*lexicon_);
    fixed_year_ = context.settings.value("report_year", 0);
  }

  // The calendar year "今年" means, from the segment stage's metadata (its only owner): the
  // delivery year (a national report delivered in March 2022 reviews 2021, but its 6月底 is
  // June 2022), else the year reviewed; 0 when segment did not run or found neither.
  static int speaking_year(const reportlens::Document& doc) {
    const reportlens::ReportMeta meta = reportlens::read_report_meta(doc);
    return meta.delivery_year != 0 ? meta.delivery_year : meta.report_year;
  }

  void process(reportlens::Document& doc) const override {
    const auto& normalized = doc.normalized();
    const int year = fixed_year_ > 0 ? fixed_year_ : speaking_year(doc);
    for (auto& m : scanner_->scan(normalized.text, year)) {
      // The attribute object is built in its final key order, moving the mention's
      // strings in: no key lookups, no copies (thousands of mentions per report).
      Json::object_t attrs;
      attrs.reserve(9);
      attrs.emplace_back("kind", std::move(m.kind));
      attrs.emplace_back("value", std::move(m.value));
      attrs.emplace_back("unit", std::move(m.unit));
      attrs.emplace_back("qualifier", m.qualifier ? Json(std::move(*m.qualifier)) : Json(nullptr));
      attrs.emplace_back("surface_unit", std::move(m.surface_unit));
      attrs.emplace_back("number", std::move(m.number));
      attrs.emplace_back("exact", std::move(m.exact));
      if (m.negated_context) attrs.emplace_back("negated_context", true);
      doc.add("quantity", normalized.original_begin(m.begin), normalized.original_end(m.end),
              Json(std::move(attrs)));
    }
  }

 private:
  std::unique_ptr<reportlens::numbers::NumberLexicon> lexicon_;
  std::unique_ptr<reportlens::numbers::QuantityScanner> scanner_;
  int fixed_year_ = 0;
};

}  // namespace

REPORTLENS_PLUGIN("numbers", "0.1.0",
                  "Number mentions: exact values, base units, qualifiers, years, dates, ordinals",
                  reportlens::document_stage<NumbersStage>(
                      "numbers", "Every number mention as a quantity annotation", "",
                      "quantity", kSettings));
