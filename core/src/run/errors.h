// Errors the host raises, each with the exit code the CLI returns for it.
#pragma once

#include <stdexcept>
#include <string>

namespace reportlens {

// Documented in docs/architecture.md and `pipeline --help`.
enum class ExitCode : int {
  kOk = 0,
  kInternal = 1,      // a bug: please report it
  kUsage = 2,         // bad command line or pipeline YAML (validation errors)
  kInput = 3,         // an input could not be read or decoded (the others still ran)
  kPluginLoad = 4,    // a plugin could not be found, loaded or was refused
  kStage = 5,         // a stage failed on a document (the others still ran)
  kOutput = 6,        // the result could not be written
  kIncomplete = 7,    // merge: shards missing or not run to completion (see --allow-partial)
  kMetaKey = 8,       // a stage reads a document meta key no earlier stage sets (pipeline plan)
};

class HostError : public std::runtime_error {
 public:
  HostError(ExitCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace reportlens
