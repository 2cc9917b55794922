// `pipeline merge OUT IN...`: combines the stores of shard runs (SQLite or JSON Lines, in
// any mix) into one, in input order, refusing stores written by different pipeline versions.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reportlens {

struct MergeReport {
  std::filesystem::path output;
  std::size_t documents = 0, failed = 0, duplicates = 0;
  std::vector<std::string> gaps;  // what made the shard set incomplete (merged anyway: allow_partial)
};

// Throws HostError: kUsage for mixed pipeline versions or an unknown format, kInput for
// an unreadable input, kOutput when OUT cannot be written (it is replaced atomically),
// kIncomplete when the inputs are shards ("I/N" in their last run) and an index of 1..N is
// missing, or an input's last run was interrupted, stopped early or never finished (killed) —
// unless `allow_partial`, which merges what there is and records the merge as `partial`;
// Interrupted on SIGINT/SIGTERM/SIGHUP (OUT left as it was, no temporary file).
MergeReport merge_outputs(const std::filesystem::path& output,
                          const std::vector<std::filesystem::path>& inputs, bool csv_bom = false,
                          bool allow_partial = false);

}  // namespace reportlens
