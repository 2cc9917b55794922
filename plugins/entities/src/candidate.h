// A possible entity mention before overlaps are resolved.
#pragma once

#include <cstddef>
#include <string>

#include "entity_kind.h"

namespace reportlens::entities {

struct GazetteerEntry;

enum class Source { kGazetteer, kPattern };

struct Candidate {
  std::size_t begin = 0;  // byte offsets into the NORMALISED text
  std::size_t end = 0;
  EntityKind kind = EntityKind::kCompany;
  Source source = Source::kPattern;
  std::string canonical;
  const GazetteerEntry* entry = nullptr;  // set for gazetteer matches
  std::string rule;                       // pattern: the name ending that fired (e.g. 产业园)
  double confidence = 1.0;                // set by score_confidence (confidence.h)

  std::size_t length() const { return end - begin; }
};

}  // namespace reportlens::entities
