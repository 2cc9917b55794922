// Reading a stored record's bookkeeping (id, status, keys) without parsing all of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace reportlens {

struct RecordKeys {
  std::string id, pipeline_hash, result_key, status;
  std::int64_t seq = -1;
  int exit_code = 0;  // failed records carry it before the id
  bool complete() const { return !id.empty() && !pipeline_hash.empty() && seq >= 0; }
};

// Reads the top-level bookkeeping keys of one JSON Lines record. The writer puts them
// first, so this stops after a few dozen bytes instead of parsing every annotation.
// Returns false when the line is not a JSON object holding them.
bool read_record_keys(std::string_view line, RecordKeys& keys);

}  // namespace reportlens
