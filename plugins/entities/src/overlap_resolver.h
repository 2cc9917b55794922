// The overlap policy (documented in plugins/entities/README.md):
//  1. Longest match wins.
//  2. On a tie (same span), a gazetteer entry beats a pattern; among gazetteer entries one
//     limited to a region beats an unlimited one, then the earlier-loaded one wins.
//  3. A shorter candidate of the SAME kind inside or across a winner is dropped
//     (华晨宝马 inside 华晨宝马里达工厂); a candidate of ANOTHER kind strictly inside a winner is
//     kept as its own entity (the company 腾讯 inside the park 腾讯数字产业基地), and one that
//     only crosses a winner's edge is dropped.
//  4. Nothing is lost: every dropped or nested candidate is listed in the winner's overlaps.
#pragma once

#include <vector>

#include "candidate.h"

namespace reportlens::entities {

struct Overlap {
  Candidate candidate;
  bool kept = false;  // true: nested entity of another kind, also emitted on its own
};

struct ResolvedEntity {
  Candidate entity;
  std::vector<Overlap> overlaps;
};

// Returns the entities to emit, ordered by begin offset (then longer first).
std::vector<ResolvedEntity> resolve_overlaps(std::vector<Candidate> candidates);

}  // namespace reportlens::entities
