// Gazetteers: lists of known entities (canonical name, kind, aliases, optional region limit)
// loaded from YAML and compiled into one Aho–Corasick automaton over all surface forms.
//
// File format (see data/gazetteers/*.yaml):
//   region: 沈阳市          # optional default limit for every entry of the file
//   entries:
//     - canonical: 沈阳鼓风机集团
//       kind: company       # company | industrial_park | public_park | zone
//       aliases: [沈鼓, 沈鼓集团]
//       region: 沈阳市      # optional; overrides the file default; "全国" lifts it
//       id: shengu          # optional; default <file stem>:<line>
//
// A malformed file (YAML syntax, wrong structure) is a StageError "file:line: ...". A bad
// entry (no canonical, unknown kind, ...) is rejected and listed in the LoadReport, as is a
// duplicate (the same surface naming another entity of the same region).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "aho_corasick.h"
#include "entity_kind.h"
#include "region.h"

namespace reportlens::entities {

struct GazetteerEntry {
  std::string id;
  std::string canonical;
  EntityKind kind = EntityKind::kCompany;
  std::vector<std::string> surfaces;  // normalised; the canonical name is one of them
  Region region;                      // empty: applies everywhere
  std::string gazetteer;              // file stem, e.g. "national"
  std::string file;
  int line = 0;
};

struct LoadIssue {
  std::string where;  // file:line
  std::string message;
};

struct LoadReport {
  std::size_t files = 0;
  std::size_t entries = 0;
  std::size_t surfaces = 0;
  std::vector<LoadIssue> rejected;
  std::vector<LoadIssue> duplicates;
  std::string summary() const;  // one line plus one line per issue
};

class Gazetteer {
 public:
  // Loads one YAML file. Throws StageError on malformed files.
  void load_file(const std::filesystem::path& file, LoadReport& report);
  // Adds an entry (surfaces raw; they are normalised here). Returns false when rejected.
  bool add(GazetteerEntry entry, LoadReport& report);
  // Compiles the automaton; call once after loading. `extra_keys` (the pattern finder's
  // name endings) are compiled into the same automaton so that one pass over a text finds
  // both surfaces and endings (see scan()).
  void build(const std::vector<std::string>& extra_keys = {});

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  std::size_t surface_count() const { return automaton_.key_count() - extra_only_keys_; }
  const std::vector<std::string>& extra_keys() const { return extra_keys_; }

  // Calls on_match(entry, begin, end) for every surface occurrence in `text` (normalised
  // text, byte offsets), for every entry having that surface.
  template <class OnMatch>
  void for_each_match(std::string_view text, OnMatch&& on_match) const {
    scan(text, on_match, [](std::size_t, std::size_t, std::size_t) {});
  }
  // Like for_each_match, and also calls on_extra(extra_index, begin, end) for every
  // occurrence of an extra key (the first listed when a key is given twice), in the same
  // order: by end offset, longer keys first at the same end.
  template <class OnMatch, class OnExtra>
  void scan(std::string_view text, OnMatch&& on_match, OnExtra&& on_extra) const {
    automaton_.for_each_match(text, [&](std::uint32_t key, std::size_t b, std::size_t e) {
      for (std::uint32_t i = key_entries_begin_[key]; i < key_entries_begin_[key + 1]; ++i)
        on_match(entries_[key_entries_[i]], b, e);
      if (key < extra_of_key_.size() && extra_of_key_[key] != kNoExtra) on_extra(extra_of_key_[key], b, e);
    });
  }

 private:
  std::vector<GazetteerEntry> entries_;
  AhoCorasick automaton_;
  // Entries per key id while loading (also used to spot duplicates); flattened by build().
  std::vector<std::vector<std::uint32_t>> key_index_;
  std::vector<std::uint32_t> key_entries_begin_;
  std::vector<std::uint32_t> key_entries_;
  static constexpr std::uint32_t kNoExtra = 0xFFFFFFFFu;
  std::vector<std::string> extra_keys_;
  std::vector<std::uint32_t> extra_of_key_;  // key id -> index into extra_keys_, or kNoExtra
  std::size_t extra_only_keys_ = 0;          // extra keys that are no surface
};

// Surface forms to index for one written alias: the normalised alias, plus its variant
// with ASCII parentheses swapped for full-width ones (and back), since reports use both.
std::vector<std::string> surface_variants(std::string_view alias);

}  // namespace reportlens::entities
