#include "input/input_roles.h"

#include <algorithm>

namespace reportlens {

std::vector<std::string> accepted_roles(const PipelinePlan& plan) {
  std::vector<std::string> roles;
  const auto add = [&](const std::vector<PlannedStage>& stages) {
    for (const PlannedStage& s : stages) {
      const Json& schema = s.handle->schema;
      const auto it = schema.find("roles");
      if (it == schema.end() || !it->is_array()) continue;
      for (const Json& r : *it)
        if (r.is_string() && std::find(roles.begin(), roles.end(), r.get<std::string>()) == roles.end())
          roles.push_back(r.get<std::string>());
    }
  };
  add(plan.document_stages);
  add(plan.corpus_stages);
  return roles;
}

void check_input_roles(const std::vector<InputSpec>& specs, const std::string& origin,
                       const PipelinePlan& plan, std::vector<ConfigIssue>& issues) {
  const std::vector<std::string> roles = accepted_roles(plan);
  std::string listed;
  for (const std::string& r : roles) listed += (listed.empty() ? "" : ", ") + r;
  for (const InputSpec& spec : specs) {
    if (spec.role.empty() || std::find(roles.begin(), roles.end(), spec.role) != roles.end()) continue;
    const std::string message =
        roles.empty() ? "input '" + spec.path + "': role '" + spec.role +
                            "' is read by no stage of this pipeline (its stages accept no roles); give the input without a role"
                      : "input '" + spec.path + "': unknown role '" + spec.role +
                            "'; the stages of this pipeline accept: " + listed;
    issues.push_back({origin, spec.line, spec.column, message});
  }
}

}  // namespace reportlens
