// Manifests (CSV and JSONL lists of inputs, run/batch_manifest.cc): every problem is an
// issue naming manifest:line, never a crash or another exception.
#include <unistd.h>

#include <fstream>

#include "pipeline/config_issue.h"
#include "run/batch_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string base = "/tmp/reportlens-fuzz-manifest-" + std::to_string(::getpid());
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const char* ext : {".csv", ".jsonl"}) {
    const std::string file = base + ext;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    std::vector<reportlens::ConfigIssue> issues;
    try {
      (void)reportlens::read_manifest(file, issues);
    } catch (const reportlens::HostError&) {
    }
  }
  return 0;
}
