#pragma once

#include <string>
#include <vector>

#include "run/errors.h"

namespace reportlens {

// One problem found while validating a pipeline, with its place in the YAML file.
struct ConfigIssue {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based
  std::string message;
  ExitCode code = ExitCode::kUsage;  // what the CLI exits with when this is the only kind of issue

  std::string to_string() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line) + ":" + std::to_string(column);
    return s + ": " + message;
  }
};

// All the issues of one validation, thrown together so the user sees every one at once.
class ConfigError : public HostError {
 public:
  explicit ConfigError(std::vector<ConfigIssue> issues)
      : HostError(code_of(issues), join(issues)), issues_(std::move(issues)) {}
  const std::vector<ConfigIssue>& issues() const { return issues_; }

 private:
  // A distinct code (e.g. kMetaKey) when every issue has it, else kUsage.
  static ExitCode code_of(const std::vector<ConfigIssue>& issues) {
    if (issues.empty()) return ExitCode::kUsage;
    for (const auto& i : issues)
      if (i.code != issues.front().code) return ExitCode::kUsage;
    return issues.front().code;
  }
  static std::string join(const std::vector<ConfigIssue>& issues) {
    std::string s;
    for (const auto& i : issues) s += (s.empty() ? "" : "\n") + i.to_string();
    return s;
  }
  std::vector<ConfigIssue> issues_;
};

}  // namespace reportlens
