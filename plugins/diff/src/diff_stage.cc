#include "diff_stage.h"

#include <map>

#include "entity_diff.h"
#include "html_report.h"
#include "indicator_diff.h"
#include "qualitative_targets.h"
#include "target_check.h"
#include "text_summary.h"

namespace reportlens::diff {

Comparison DiffEngine::compare(const DocView& base, const DocView& compare) const {
  Comparison c;
  c.base = &base;
  c.compare = &compare;
  c.sections = align_sections(base, compare, options_.align);
  Json& j = c.json;
  j = Json::object();
  j["base"] = base.doc->id();
  j["compare"] = compare.doc->id();
  j["base_year"] = base.year;
  j["compare_year"] = compare.year;
  j["region"] = base.region == compare.region ? Json(base.region)
                                              : Json::array({base.region, compare.region});
  j["indicators"] = diff_indicators(base, compare, catalog_);
  j["targets"] = check_targets(base, compare, catalog_);
  j["qualitative_targets"] = check_qualitative_targets(base, compare, catalog_, qualitative_);
  j["entities"] = diff_entities(base, compare);
  j["sections"] = sections_json(base, compare, c.sections);
  return c;
}

void DiffEngine::compare_pairs(const std::vector<std::pair<const Document*, const Document*>>& pairs,
                               Corpus& corpus) const {
  std::map<const Document*, std::unique_ptr<DocView>> views;
  const auto view = [&](const Document* d) -> const DocView& {
    auto& slot = views[d];
    if (!slot) slot = std::make_unique<DocView>(*d, catalog_, words_);
    return *slot;
  };
  std::vector<Comparison> comparisons;
  for (const auto& [a, b] : pairs) {
    comparisons.push_back(compare(view(a), view(b)));
    corpus.comparisons.push_back(comparisons.back().json);
  }
  if (comparisons.empty()) return;
  // Each part is appended: the host writes side outputs as they grow (stage.h). The head
  // waits for the first comparisons: its labels come from their words.
  if (options_.html && made_ == 0) corpus.side_outputs["html"] += render_html_head(comparisons);
  made_ += comparisons.size();
  if (options_.html) corpus.side_outputs["html"] += render_html_comparisons(comparisons);
  if (options_.summary) corpus.side_outputs["summary"] += render_summary(comparisons);
}

void DiffEngine::run(Corpus& corpus) const {
  begin(corpus);
  compare_pairs(pair_documents(corpus, options_.pairing), corpus);
  finish(corpus);
}

Grouping DiffEngine::grouping() const {
  Grouping g;
  // Chain pairs need only the report before; `base` needs the earliest with every later one.
  g.handover = options_.pairing.mode == "base" ? Grouping::Handover::kGroup : Grouping::Handover::kPairs;
  // A report whose title block was not recognised is still compared within the only region
  // present; with several regions it stays apart (pairing.h).
  g.unknown_joins_single = true;
  return g;
}

GroupPlace DiffEngine::place(const Document& document) const {
  return {options_.pairing.cross_region ? std::string() : region_of(document), report_year_of(document)};
}

void DiffEngine::begin(Corpus& corpus) const {
  made_ = 0;
  (void)corpus;
}

void DiffEngine::run_group(const CorpusGroup& group, Corpus& corpus) const {
  std::vector<std::pair<const Document*, const Document*>> pairs;
  const auto& docs = group.documents;
  for (std::size_t i = 1; i < docs.size(); ++i)
    pairs.emplace_back(options_.pairing.mode == "base" ? docs.front() : docs[i - 1], docs[i]);
  compare_pairs(pairs, corpus);
}

void DiffEngine::finish(Corpus& corpus) const {
  const bool none = made_ == 0;
  if (options_.html) corpus.side_outputs["html"] += (none ? render_html_head({}) : std::string()) + render_html_tail(none);
  if (options_.summary && none) corpus.side_outputs["summary"] += render_summary({});
}

DiffEngine make_engine(const StageContext& context) {
  const Json& s = context.settings;
  MetricCatalog catalog;
  catalog.load_shipped(context.data_dir);
  for (const auto& extra : s.value("directions", Json::array()))
    catalog.load(context.resolve(extra.get<std::string>()));
  QualitativeRules qualitative;
  const auto shipped_q = context.data_dir / "qualitative_targets.yaml";
  if (std::filesystem::exists(shipped_q)) qualitative.load(shipped_q);
  for (const auto& extra : s.value("qualitative_targets", Json::array()))
    qualitative.load(context.resolve(extra.get<std::string>()));
  DiffOptions options;
  options.pairing.mode = s.value("pairs", std::string("chain"));
  options.pairing.cross_region = s.value("cross_region", false);
  options.align.min_section_score = s.value("min_section_score", 0.3);
  options.align.min_sentence_similarity = s.value("min_sentence_similarity", 0.5);
  options.html = s.value("html", true);
  options.summary = s.value("summary", true);
  return DiffEngine(std::move(catalog), DiffWords::from_data_dir(context.data_dir), std::move(options),
                    std::move(qualitative));
}

}  // namespace reportlens::diff
