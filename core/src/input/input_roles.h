// Roles given to inputs (base=…, the role form of `inputs:`, an input's `role:`) checked
// against the roles the pipeline's stages read. A stage declares them in its settings
// schema as `"roles": ["base", "compare"]`; a role no stage reads would be ignored
// silently (a misspelt `basee=` falls back to another pairing), so it is refused.
#pragma once

#include <string>
#include <vector>

#include "pipeline/config_issue.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/pipeline_plan.h"

namespace reportlens {

// The roles the planned stages read, in the order they declare them, each once.
std::vector<std::string> accepted_roles(const PipelinePlan& plan);

// Appends an issue (at the input's line in `origin`) for each spec whose role is not
// accepted, listing the accepted ones.
void check_input_roles(const std::vector<InputSpec>& specs, const std::string& origin,
                       const PipelinePlan& plan, std::vector<ConfigIssue>& issues);

}  // namespace reportlens
