// Checks a pipeline file's YAML before it is loaded, on the parser's events: what yaml-cpp
// accepts silently but a pipeline must not have.
//  - bytes that are not UTF-8 (else `check` passes and `run` fails on them);
//  - a second document (`---`), which would be ignored;
//  - a key twice in one mapping, whose first value would be ignored;
//  - aliases that expand to more than kMaxYamlNodes nodes (a few hundred bytes of nested
//    aliases otherwise hang `check` and `run`).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pipeline/config_issue.h"

namespace reportlens {

constexpr std::size_t kMaxYamlNodes = 100000;

// Appends one issue per problem (file:line:column) to `issues`. Malformed YAML is left to
// the loader, which reports it.
void check_pipeline_yaml(const std::string& bytes, const std::string& file, std::vector<ConfigIssue>& issues);

}  // namespace reportlens
