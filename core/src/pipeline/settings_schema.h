// Stage settings: a small JSON-schema subset that plugins declare and the host enforces.
//
// Supported keywords: type (object, array, string, integer, number, boolean), properties,
// items, enum, minimum, maximum, default, description. Objects never accept unknown keys.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "pipeline/config_issue.h"
#include "reportlens/document.h"

namespace reportlens {

// Converts and checks `node` (a stage's `with:`; may be null) against `schema`, filling in
// defaults. Problems are appended to `issues` with the node's line and column.
Json settings_from_yaml(const YAML::Node& node, const Json& schema, const std::string& file,
                        const std::string& path, std::vector<ConfigIssue>& issues);

// Parses `value` (from --set stage.key=value) by the type the schema gives for `key`.
// Returns false and sets `error` if the key is unknown or the value does not fit.
bool apply_setting_override(Json& settings, const Json& schema, const std::string& key,
                            const std::string& value, std::string& error);

// The defaults of every property, as the settings a stage gets without `with:`.
Json schema_defaults(const Json& schema);

}  // namespace reportlens
