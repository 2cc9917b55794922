// Reading a gazetteer file into raw entries, before validation (gazetteer.cc).
//
// Two readers give the same result: a fast line reader for the documented subset (block or
// one-line flow entries, plain or quoted scalars, flow or block alias lists) that makes a
// 100,000-entry file load in well under a second, and yaml-cpp for everything else. The
// fast reader never reports errors: on anything outside its subset it gives up and the
// file is read again by yaml-cpp, whose messages carry the file:line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reportlens::entities {

struct RawEntry {
  int line = 0;
  std::string problem;  // set when the entry is unusable (reported as rejected)
  std::optional<std::string> canonical, kind, id, region;
  std::vector<std::string> aliases;
};

struct RawGazetteer {
  std::optional<std::string> region;  // file-level default region
  std::vector<RawEntry> entries;
};

// The fast reader; nullopt when `content` uses YAML beyond the subset.
std::optional<RawGazetteer> read_gazetteer_fast(std::string_view content);

// The full YAML reader. Throws StageError "file:line: ..." for malformed files.
RawGazetteer read_gazetteer_yaml(const std::filesystem::path& file);

}  // namespace reportlens::entities
