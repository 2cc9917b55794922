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
  // Compiles the automaton; call once after loading.
  void build();

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  std::size_t surface_count() const { return automaton_.key_count(); }

  // Calls on_match(entry, begin, end) for every surface occurrence in `text` (normalised
  // text, byte offsets), for every entry having that surface.
  template <class OnMatch>
  void for_each_match(std::string_view text, OnMatch&& on_match) const {
    automaton_.for_each_match(text, [&](std::uint32_t key, std::size_t b, std::size_t e) {
      for (std::uint32_t i = key_entries_begin_[key]; i < key_entries_begin_[key + 1]; ++i)
        on_match(entries_[key_entries_[i]], b, e);
    });
  }

 private:
  std::vector<GazetteerEntry> entries_;
  AhoCorasick automaton_;
  // Entries per key id while loading (also used to spot duplicates); flattened by build().
  std::vector<std::vector<std::uint32_t>> key_index_;
  std::vector<std::uint32_t> key_entries_begin_;
  std::vector<std::uint32_t> key_entries_;
};

// Surface forms to index for one written alias: the normalised alias, plus its variant
// with ASCII parentheses swapped for full-width ones (and back), since reports use both.
std::vector<std::string> surface_variants(std::string_view alias);

}  // namespace reportlens::entities
