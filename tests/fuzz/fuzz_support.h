// Shared by the libFuzzer targets: bytes to document text the way the runner makes it, and a
// chain of plugin stages created once through the real loader (plugins of this build tree).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::fuzz {

// The bytes decoded as the runner decodes an input (detected encoding, invalid sequences
// replaced); false when the host refuses them (then the target returns: a refusal is the
// documented outcome, not a finding).
bool to_text(const std::uint8_t* data, std::size_t size, std::string& text);

// Runs `stages` (created once, default settings) on a document holding `text`.
class StageChain {
 public:
  explicit StageChain(const std::vector<std::string>& stages);
  ~StageChain();
  void run(const std::string& text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reportlens::fuzz
