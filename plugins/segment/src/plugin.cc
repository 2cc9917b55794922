#include "reportlens/plugin.h"

#include "segmenter.h"

namespace {

constexpr const char* kSettings = R"json({"type":"object","properties":{
  "words":{"type":"boolean","default":false,
           "description":"Also add word annotations (ICU dictionary word break; numbers kept whole)"},
  "extra_rules":{"type":"array","items":{"type":"string"},"default":[],
           "description":"More rule files (same keys as data/segment.yaml); lists are appended"}},
  "additionalProperties":false})json";

reportlens::segment::SegmentRules load_rules(const reportlens::StageContext& context) {
  reportlens::segment::SegmentRules rules;
  rules.load(context.data_dir / "segment.yaml");
  for (const auto& path : context.settings.value("extra_rules", reportlens::Json::array()))
    rules.load(context.resolve(path.get<std::string>()));
  return rules;
}

class SegmentStage : public reportlens::DocumentStage {
 public:
  explicit SegmentStage(const reportlens::StageContext& context)
      : segmenter_(load_rules(context), {context.settings.value("words", false)}) {}
  void process(reportlens::Document& doc) const override { segmenter_.run(doc); }
  // The heading and paragraph words of its rules files (segment.yaml and extra_rules): the
  // runner normalises every document with them, so the breaks at this stage's headings stay.
  reportlens::LineBreakRules line_break_rules() const { return segmenter_.rules().line_break_rules(); }

 private:
  reportlens::segment::Segmenter segmenter_;
};

}  // namespace

REPORTLENS_PLUGIN("segment", "0.3.0",
                  "Title block, sections, boxed columns, paragraphs, sentences, clauses, words, metadata",
                  reportlens::document_stage<SegmentStage>(
                      "segment",
                      "Split a report into its title block, sections (level, number, title, scope), "
                      "boxed columns (zhuanlan), paragraphs, sentences, semicolon clauses, "
                      "enumerations (yi shi, er shi ...) and "
                      "(with words: true) words; fill meta title/region/report_year/plan_year/kind",
                      "", "title_block,section,box,box_item,paragraph,sentence,clause,enumeration,word",
                      kSettings)
                      .meta(/*consumes=*/"", /*produces=*/
                            "title,region,city,report_year,plan_year,delivery_year,kind,meeting_date"));
