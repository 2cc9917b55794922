// Builds documents for the extractor tests: the text, the quantity annotations the numbers
// stage would add (written by the test), optional sections, then runs the extractor.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lexicon.h"
#include "reportlens/document.h"

namespace reportlens::indicators::testing {

struct Q {
  std::string surface;     // exact text of the mention (first occurrence after the previous one)
  double value;
  std::string unit;
  std::string qualifier = "";
  std::string kind = "";   // default: percent for percent units, else quantity
};

struct Sec {
  std::string heading;     // the section runs from this heading to the next one
  std::string scope;       // review | plan | other
};

const Lexicon& shipped_lexicon();

// Runs the extractor on `text` with the given mentions and returns the document.
std::unique_ptr<Document> extract(const std::string& text, const std::vector<Q>& quantities,
                                  Json meta = Json::object(), const std::vector<Sec>& sections = {});

// The indicator annotations' attrs, in order.
std::vector<Json> facts(const Document& doc);

// Runs the real segment + numbers + indicators plugins on `text` (document id `id`); null
// when the numbers plugin is not built, so such tests can skip.
// `meta` is what a pipeline's `meta:` would set (it wins over the segment stage's).
std::unique_ptr<Document> run_all(const std::string& text, const std::string& id, Json meta = Json::object());

// The bytes of a file (a report of the shipped or the shared corpus).
std::string read_file(const std::filesystem::path& path);

// The attrs of the first annotation of `type` whose evidence contains `surface`, or null json.
Json fact_with_evidence(const Document& doc, const std::string& surface,
                        const std::string& type = "indicator");

// The first fact with this metric and period, or null json.
Json find_fact(const Document& doc, const std::string& metric, int period);

}  // namespace reportlens::indicators::testing
