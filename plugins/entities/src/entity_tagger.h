// Puts the pieces together: gazetteer matches (region-checked) and pattern candidates over
// the document's normalised text, the overlap policy, and `entity` annotations with spans
// mapped back to the original text.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "gazetteer.h"
#include "overlap_resolver.h"
#include "pattern_finder.h"
#include "region.h"
#include "reportlens/document.h"

namespace reportlens::entities {

class EntityTagger {
 public:
  // `patterns` may be null (gazetteers only). `region_override`, when not empty, replaces
  // whatever region the document metadata gives.
  EntityTagger(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const PatternFinder> patterns,
               Region region_override = {}, double min_confidence = 0.0);

  // The entities of a normalised text for a document of region `region`. With `norm` and
  // the original text, pattern names never reach back over a paragraph break.
  std::vector<ResolvedEntity> tag(std::string_view text, const Region& region, const NormalizedText* norm = nullptr,
                                  std::string_view original = {}) const;

  // The region of a document: the override, else meta region/city/province/district.
  Region document_region(const Json& meta) const;

  // True when surfaces and pattern endings are found in one scan (see single_pass_).
  bool single_pass() const { return single_pass_; }

  // Adds `entity` annotations to `doc`.
  void annotate(Document& doc) const;

 private:
  // Does the text name a place at least twice? Asked per entry limited to a region, so the
  // answers are kept per place name for one document (`named_twice`): the text is searched
  // once per place, not once per entry.
  using PlaceCounts = std::map<std::string, bool, std::less<>>;
  bool entry_applies(const GazetteerEntry& entry, const Region& region, std::string_view text,
                     PlaceCounts& named_twice) const;

  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const PatternFinder> patterns_;
  Region region_override_;
  // Candidates scored below this (confidence.h) are dropped before overlaps are resolved.
  double min_confidence_ = 0.0;
  // The gazetteer automaton also holds the pattern endings (Gazetteer::build with
  // patterns->ending_texts()): one pass over the text finds both.
  bool single_pass_ = false;
};

}  // namespace reportlens::entities
