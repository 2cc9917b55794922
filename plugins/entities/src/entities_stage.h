// Builds the tagger from a stage's settings: shipped gazetteers (data/gazetteers/*.yaml, or
// the subset named in `shipped_gazetteers`), the user's `gazetteers`, the shipped pattern
// rules plus `pattern_rules`, and the `region` override.
#pragma once

#include <memory>

#include "entity_tagger.h"
#include "gazetteer.h"
#include "reportlens/stage.h"

namespace reportlens::entities {

struct BuiltTagger {
  std::unique_ptr<EntityTagger> tagger;
  LoadReport report;
};

// Throws StageError for malformed files, unknown shipped gazetteer names, and (with
// `strict: true`) for any rejected or duplicate entry.
BuiltTagger build_tagger(const StageContext& context);

}  // namespace reportlens::entities
