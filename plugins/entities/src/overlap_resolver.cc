#include "overlap_resolver.h"

#include <algorithm>
#include <tuple>

#include "gazetteer.h"
#include "span_index.h"

namespace reportlens::entities {

namespace {

// Lower rank = stronger claim on the same span.
int source_rank(const Candidate& c) {
  if (c.source == Source::kPattern) return 2;
  return c.entry != nullptr && !c.entry->region.empty() ? 0 : 1;
}

bool overlaps(const Candidate& a, const Candidate& b) { return a.begin < b.end && b.begin < a.end; }
bool strictly_inside(const Candidate& inner, const Candidate& outer) {
  return outer.begin <= inner.begin && inner.end <= outer.end && inner.length() < outer.length();
}

}  // namespace

std::vector<ResolvedEntity> resolve_overlaps(std::vector<Candidate> candidates) {
  // stable_sort keeps load order as the last tie-break.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::make_tuple(b.length(), source_rank(a), a.begin) <
           std::make_tuple(a.length(), source_rank(b), b.begin);
  });
  std::vector<ResolvedEntity> accepted;
  // The accepted names near a candidate, by begin offset: a pass over all accepted names per
  // candidate was quadratic in the document's length. They are visited in the order they
  // were accepted, as before.
  SpanIndex index;
  std::vector<std::size_t> near;
  for (auto& c : candidates) {
    ResolvedEntity* blocker = nullptr;
    ResolvedEntity* container = nullptr;
    near.clear();
    index.near(c.begin, c.end, [&](std::size_t i) { near.push_back(i); });
    std::sort(near.begin(), near.end());
    for (const std::size_t i : near) {
      ResolvedEntity& a = accepted[i];
      if (!overlaps(a.entity, c)) continue;
      if (a.entity.kind != c.kind && strictly_inside(c, a.entity)) {
        if (container == nullptr) container = &a;
        continue;
      }
      blocker = &a;
      break;
    }
    if (blocker != nullptr) {
      // Same text as an already-recorded overlap (another entry for the same surface) is
      // not worth repeating.
      const bool seen = std::any_of(blocker->overlaps.begin(), blocker->overlaps.end(), [&](const Overlap& o) {
        return o.candidate.begin == c.begin && o.candidate.end == c.end && o.candidate.kind == c.kind &&
               o.candidate.canonical == c.canonical;
      });
      if (!seen && !(blocker->entity.begin == c.begin && blocker->entity.end == c.end &&
                     blocker->entity.kind == c.kind && blocker->entity.canonical == c.canonical))
        blocker->overlaps.push_back({c, false});
      continue;
    }
    if (container != nullptr) container->overlaps.push_back({c, true});
    index.add(accepted.size(), c);
    accepted.push_back({std::move(c), {}});
  }
  std::sort(accepted.begin(), accepted.end(), [](const ResolvedEntity& a, const ResolvedEntity& b) {
    return std::make_tuple(a.entity.begin, b.entity.end) < std::make_tuple(b.entity.begin, a.entity.end);
  });
  return accepted;
}

}  // namespace reportlens::entities
