// Hand-made documents for the diff tests: annotate by substring so the tests read like
// the reports they model.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "diff_stage.h"
#include "reportlens/document.h"

namespace reportlens::diff::fixtures {

inline std::unique_ptr<Document> make_doc(const std::string& id, const std::string& text,
                                          Json meta = Json::object()) {
  return std::make_unique<Document>(id, id, text, std::move(meta));
}

// Byte span of the n-th occurrence of `what` in the document.
inline std::pair<std::size_t, std::size_t> find_span(const Document& d, const std::string& what,
                                                     int occurrence = 0) {
  std::size_t at = d.text().find(what);
  for (int k = 0; k < occurrence && at != std::string::npos; ++k) at = d.text().find(what, at + 1);
  if (at == std::string::npos) throw std::runtime_error("test text lacks: " + what);
  return {at, at + what.size()};
}

// A heading line: section annotation from the heading to the end of its line.
inline void add_section(Document& d, const std::string& heading, int level,
                        const std::string& number, const std::string& title) {
  auto [b, e] = find_span(d, heading);
  d.add("section", b, e, {{"level", level}, {"number", number}, {"title", title}});
}

inline void add_indicator(Document& d, const std::string& evidence, Json attrs, int occurrence = 0) {
  auto [b, e] = find_span(d, evidence, occurrence);
  d.add("indicator", b, e, std::move(attrs));
}

inline Json growth(double v) { return {{"value", v}, {"unit", "percent"}}; }
inline Json level(double v, const char* unit) { return {{"value", v}, {"unit", unit}}; }

inline Json indicator(const std::string& metric, int period, const std::string& status, Json lvl,
                      Json grw, Json qualifier = nullptr) {
  return {{"metric", metric}, {"period", period}, {"status", status}, {"level", lvl},
          {"growth", grw}, {"qualifier", qualifier}};
}

inline MetricCatalog shipped_catalog() {
  MetricCatalog c;
  c.load(REPORTLENS_DIFF_DATA_DIR "/directions.yaml");
  return c;
}

inline QualitativeRules shipped_qualitative() {
  QualitativeRules r;
  r.load(REPORTLENS_DIFF_DATA_DIR "/qualitative_targets.yaml");
  return r;
}

// The shipped words.yaml and labels.yaml, read once.
inline const DiffWords& shipped_words() {
  static const DiffWords words = DiffWords::from_data_dir(REPORTLENS_DIFF_DATA_DIR);
  return words;
}

// As the shipped stage builds it: all data files.
inline DiffEngine engine() {
  return DiffEngine(shipped_catalog(), shipped_words(), DiffOptions{}, shipped_qualitative());
}

}  // namespace reportlens::diff::fixtures
