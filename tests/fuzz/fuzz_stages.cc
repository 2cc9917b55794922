// A chain of plugin stages on any text (FUZZ_STAGES, e.g. "segment,numbers,indicators"),
// through the real loader: numbers, indicators and entities each have a target.
#include <sstream>

#include "fuzz_support.h"

namespace {
std::vector<std::string> stage_list() {
  std::vector<std::string> names;
  std::stringstream list(FUZZ_STAGES);
  for (std::string name; std::getline(list, name, ',');) names.push_back(name);
  return names;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const reportlens::fuzz::StageChain chain(stage_list());
  std::string text;
  if (!reportlens::fuzz::to_text(data, size, text)) return 0;
  chain.run(text);
  return 0;
}
