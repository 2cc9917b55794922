// Pipeline YAML: the guard (aliases, duplicate keys, documents, UTF-8) and the loader. Bad
// YAML must come back as ConfigError (file:line: message), never as anything else.
#include <unistd.h>

#include <fstream>

#include "pipeline/config_issue.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/yaml_guard.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string file = "/tmp/reportlens-fuzz-pipeline-" + std::to_string(::getpid()) + ".yaml";
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<reportlens::ConfigIssue> issues;
  reportlens::check_pipeline_yaml(bytes, file, issues);
  if (!issues.empty()) return 0;  // the runner stops here too
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  try {
    (void)reportlens::load_pipeline_config(file, issues);
  } catch (const reportlens::ConfigError&) {
  }
  return 0;
}
