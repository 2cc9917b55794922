// What the diff needs from one document, extracted once: its year and region, sentences
// with their comparison keys, the section tree with each section's own sentences, the
// indicator facts with canonical metric names, and entity mentions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "code_points.h"
#include "diff_words.h"
#include "metric_catalog.h"
#include "number_text.h"
#include "reportlens/document.h"
#include "similarity.h"

namespace reportlens::diff {

struct SentenceView {
  std::size_t begin = 0, end = 0;  // bytes in the original text
  std::string normalized;          // normalised text of the sentence
  SentenceKey key;
  int section = -1;                // index into DocView::sections, -1: before any section
};

struct SectionView {
  std::string title;        // as annotated (number removed)
  std::string number;       // "一", "（三）"
  int level = 1;
  std::size_t begin = 0;    // heading start (bytes)
  std::size_t heading_end = 0;
  std::size_t body_end = 0; // up to the next heading of the same or a higher level
  int parent = -1;
  std::vector<std::size_t> sentences;  // own sentences (not in a subsection), in order
  std::string title_key;    // title with numbers masked (years relative), for similarity
  BigramSet title_grams;
  BigramSet content_grams;  // of the own sentences' skeletons
};

struct IndicatorView {
  std::string metric;       // as written
  std::string canonical;    // MetricCatalog::canonical
  std::string region;       // attrs.region when the fact names one, else ""
  int period = 0;
  std::string status;       // actual | estimate | target
  Json level;               // {value, unit} or null
  Json growth;
  Json qualifier;           // string or null
  std::size_t begin = 0, end = 0;
};

struct EntityView {
  std::string canonical, kind;
  std::size_t begin = 0, end = 0;
};

struct DocView {
  const Document* doc = nullptr;
  const DiffWords* words = nullptr;  // the engine's words (outlive the view)
  int year = 0;             // year reviewed: meta.report_year (0 unknown)
  int plan_year = 0;        // year the report plans (meta.plan_year, else year + 1)
  std::string region;
  CodePointIndex code_points;
  std::vector<SentenceView> sentences;
  std::vector<SectionView> sections;  // in document order
  std::vector<IndicatorView> indicators;
  std::vector<EntityView> entities;
  std::size_t skipped_indicators = 0;  // indicator facts without a single-year period

  DocView(const Document& document, const MetricCatalog& catalog, const DiffWords& words);
  Json evidence(std::size_t begin, std::size_t end) const {
    return evidence_json(*doc, code_points, begin, end);
  }
};

// Year a document reviews: meta.report_year, which the segment stage's metadata infers (the
// only owner of the report year, see reportlens/report_meta.h) or the pipeline sets; 0 unknown.
int report_year_of(const Document& doc);
// Year a document plans for: meta.plan_year, else report_year_of + 1.
int plan_year_of(const Document& doc);
// Region: meta.region, else "" (documents without one pair with each other).
std::string region_of(const Document& doc);

}  // namespace reportlens::diff
