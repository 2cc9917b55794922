#include "reportlens/plugin.h"

#include "sentence_splitter.h"

namespace {

constexpr const char* kSettings = R"json({"type":"object","properties":{"words":{"type":"boolean",
  "default":false,"description":"Also add word annotations (ICU dictionary break)"}}})json";

class SegmentStage : public reportlens::DocumentStage {
 public:
  explicit SegmentStage(const reportlens::StageContext& context) : settings_(context.settings) {}
  void process(reportlens::Document& doc) const override {
    reportlens::segment::split_paragraphs_and_sentences(doc);
  }

 private:
  reportlens::Json settings_;
};

}  // namespace

REPORTLENS_PLUGIN("segment", "0.1.0", "Sections, 专栏 boxes, paragraphs, sentences and words",
                  reportlens::document_stage<SegmentStage>(
                      "segment", "Split a report into sections, boxes, paragraphs, sentences",
                      "", "section,box,paragraph,sentence,word",
                      kSettings));
