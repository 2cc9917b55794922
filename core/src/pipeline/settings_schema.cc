#include "pipeline/settings_schema.h"

#include <algorithm>

namespace reportlens {
namespace {

ConfigIssue issue_at(const YAML::Node& node, const std::string& file, std::string message) {
  ConfigIssue i{file, 0, 0, std::move(message)};
  if (node.IsDefined() && !node.Mark().is_null()) {
    i.line = node.Mark().line + 1;
    i.column = node.Mark().column + 1;
  }
  return i;
}

// "an integer", "a string": messages read as English.
std::string a_type(const std::string& type) {
  const bool vowel = !type.empty() && std::string("aeiou").find(type[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + type;
}

std::string type_of(const Json& schema) {
  return schema.contains("type") && schema["type"].is_string() ? schema["type"].get<std::string>()
                                                               : "";
}

// Reads a YAML scalar as the schema type; returns false if it does not fit.
bool scalar_as(const std::string& text, const std::string& type, Json& out) {
  try {
    if (type == "boolean") {
      if (text == "true" || text == "yes" || text == "on") return out = true, true;
      if (text == "false" || text == "no" || text == "off") return out = false, true;
      return false;
    }
    if (type == "integer") {
      std::size_t used = 0;
      const long long v = std::stoll(text, &used);
      if (used != text.size()) return false;
      return out = v, true;
    }
    if (type == "number") {
      std::size_t used = 0;
      const double v = std::stod(text, &used);
      if (used != text.size()) return false;
      return out = v, true;
    }
  } catch (...) {
    return false;
  }
  out = text;
  return true;
}

Json convert(const YAML::Node& node, const Json& schema, const std::string& file,
             const std::string& path, std::vector<ConfigIssue>& issues) {
  const std::string type = type_of(schema);
  const auto bad = [&](const std::string& expected) {
    issues.push_back(issue_at(node, file, path + ": expected " + expected));
    return Json();
  };
  if (type == "object" || (type.empty() && schema.contains("properties"))) {
    if (node.IsNull()) return schema_defaults(schema);
    if (!node.IsMap()) return bad("a mapping");
    Json out = schema_defaults(schema);
    const Json props = schema.value("properties", Json::object());
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      if (!props.contains(key)) {
        std::string known;
        for (const auto& [k, _] : props.items()) known += (known.empty() ? "" : ", ") + k;
        issues.push_back(issue_at(kv.first, file,
                                  path + ": unknown setting '" + key + "'; expected one of: " +
                                      (known.empty() ? "(none)" : known)));
        continue;
      }
      out[key] = convert(kv.second, props[key], file, path + "." + key, issues);
    }
    return out;
  }
  if (type == "array") {
    if (!node.IsSequence()) return bad("a list");
    Json out = Json::array();
    const Json items = schema.value("items", Json::object());
    for (std::size_t i = 0; i < node.size(); ++i)
      out.push_back(convert(node[i], items, file, path + "[" + std::to_string(i) + "]", issues));
    return out;
  }
  if (type.empty()) {  // untyped: keep YAML structure as JSON
    if (node.IsScalar()) return node.as<std::string>();
    if (node.IsSequence()) {
      Json out = Json::array();
      for (const auto& n : node) out.push_back(convert(n, schema, file, path, issues));
      return out;
    }
    if (node.IsMap()) {
      Json out = Json::object();
      for (const auto& kv : node)
        out[kv.first.as<std::string>()] = convert(kv.second, schema, file, path, issues);
      return out;
    }
    return Json();
  }
  if (!node.IsScalar()) return bad(a_type(type));
  Json value;
  if (!scalar_as(node.as<std::string>(), type, value)) return bad(a_type(type) + ", got '" + node.as<std::string>() + "'");
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) ==
                                     schema["enum"].end())
    return bad("one of " + schema["enum"].dump());
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>())
      return bad("a value >= " + schema["minimum"].dump());
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>())
      return bad("a value <= " + schema["maximum"].dump());
  }
  return value;
}

}  // namespace

Json schema_defaults(const Json& schema) {
  Json out = Json::object();
  const Json props = schema.value("properties", Json::object());
  for (const auto& [key, prop] : props.items())
    if (prop.contains("default")) out[key] = prop["default"];
  return out;
}

Json settings_from_yaml(const YAML::Node& node, const Json& schema, const std::string& file,
                        const std::string& path, std::vector<ConfigIssue>& issues) {
  Json object_schema = schema;
  if (!object_schema.contains("type")) object_schema["type"] = "object";
  if (!node.IsDefined() || node.IsNull()) return schema_defaults(object_schema);
  return convert(node, object_schema, file, path, issues);
}

bool apply_setting_override(Json& settings, const Json& schema, const std::string& key,
                            const std::string& value, std::string& error) {
  const Json props = schema.value("properties", Json::object());
  if (!props.contains(key)) {
    error = "unknown setting '" + key + "'";
    return false;
  }
  YAML::Node node;
  try {
    node = YAML::Load(value);
  } catch (const YAML::Exception& e) {
    node = YAML::Node(value);
  }
  std::vector<ConfigIssue> issues;
  Json converted = convert(node, props[key], "--set", key, issues);
  if (!issues.empty()) {
    error = issues.front().message;
    return false;
  }
  settings[key] = std::move(converted);
  return true;
}

}  // namespace reportlens
