#include "pairing.h"

#include <algorithm>
#include <map>

#include "doc_view.h"

namespace reportlens::diff {

std::vector<std::pair<const Document*, const Document*>> pair_documents(
    const Corpus& corpus, const PairingOptions& options) {
  std::vector<std::pair<const Document*, const Document*>> out;
  const auto base_role = corpus.roles.find("base");
  const auto compare_role = corpus.roles.find("compare");
  if (base_role != corpus.roles.end() && compare_role != corpus.roles.end()) {
    // corpus.roles keeps one document per role: every `compare` input is found by its meta.
    for (const Document* d : corpus.documents)
      if (d != base_role->second && d->meta().value("role", "") == "compare") out.emplace_back(base_role->second, d);
    if (out.empty()) out.emplace_back(base_role->second, compare_role->second);
    return out;
  }
  if (base_role != corpus.roles.end()) {
    for (const Document* d : corpus.documents)
      if (d != base_role->second) out.emplace_back(base_role->second, d);
    return out;
  }

  // A document whose region is unknown joins the only region present (a report whose title
  // block was not recognised should still be compared with its predecessor); with several
  // regions it stays apart, since guessing could pair unrelated reports.
  std::map<std::string, std::vector<const Document*>> groups;
  std::vector<const Document*> unknown;
  for (const Document* d : corpus.documents) {
    const std::string region = options.cross_region ? std::string() : region_of(*d);
    if (region.empty() && !options.cross_region) unknown.push_back(d);
    else groups[region].push_back(d);
  }
  auto& joined = groups.size() == 1 ? groups.begin()->second : groups[std::string()];
  joined.insert(joined.end(), unknown.begin(), unknown.end());
  for (auto& [region, docs] : groups) {
    std::stable_sort(docs.begin(), docs.end(), [](const Document* a, const Document* b) {
      const int ya = report_year_of(*a), yb = report_year_of(*b);
      return ya != yb ? ya < yb : a->id() < b->id();
    });
    for (std::size_t i = 1; i < docs.size(); ++i)
      out.emplace_back(options.mode == "base" ? docs.front() : docs[i - 1], docs[i]);
  }
  return out;
}

}  // namespace reportlens::diff
