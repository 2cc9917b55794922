#include "pipeline/pipeline_config.h"

#include <fstream>
#include <set>
#include <sstream>

#include "input/input_format.h"
#include "util/sha256.h"

namespace reportlens {
namespace {

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void issue(const YAML::Node& node, const std::string& message) {
    ConfigIssue i{file_, 0, 0, message};
    if (node.IsDefined() && !node.Mark().is_null()) {
      i.line = node.Mark().line + 1;
      i.column = node.Mark().column + 1;
    }
    issues_.push_back(std::move(i));
  }

  // Flags keys of `map` that are not in `allowed`.
  void only_keys(const YAML::Node& map, const std::string& where,
                 const std::set<std::string>& allowed) {
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        issue(kv.first, "unknown key '" + key + "' in " + where + "; expected one of: " + list);
      }
    }
  }

  bool string_at(const YAML::Node& node, const std::string& what, std::string& out) {
    if (!node.IsDefined() || node.IsNull()) return false;
    if (!node.IsScalar()) {
      issue(node, what + ": expected a string");
      return false;
    }
    out = node.Scalar();
    return true;
  }

  std::vector<ConfigIssue>& issues() { return issues_; }

 private:
  std::string file_;
  std::vector<ConfigIssue> issues_;
};

Json yaml_to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    Json out = Json::object();
    for (const auto& kv : node) out[kv.first.Scalar()] = yaml_to_json(kv.second);
    return out;
  }
  if (node.IsSequence()) {
    Json out = Json::array();
    for (const auto& n : node) out.push_back(yaml_to_json(n));
    return out;
  }
  if (!node.IsScalar()) return nullptr;
  const std::string& s = node.Scalar();
  if (node.Tag() != "!") {  // unquoted: numbers and booleans keep their type
    try {
      std::size_t used = 0;
      const long long v = std::stoll(s, &used);
      if (used == s.size()) return v;
    } catch (...) {
    }
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return s;
}

void read_input(Checker& c, const YAML::Node& node, const std::string& role,
                std::vector<InputSpec>& out) {
  InputSpec in;
  in.role = role;
  in.line = node.Mark().line + 1;
  in.column = node.Mark().column + 1;
  if (node.IsScalar()) {
    in.path = node.Scalar();
  } else if (node.IsMap()) {
    c.only_keys(node, "an input", {"path", "manifest", "role", "meta", "encoding", "on_invalid", "format"});
    if (c.string_at(node["manifest"], "input manifest", in.path)) in.manifest = true;
    else if (!c.string_at(node["path"], "input path", in.path))
      c.issue(node, "input: missing 'path' (or 'manifest')");
    c.string_at(node["role"], "input role", in.role);
    c.string_at(node["encoding"], "input encoding", in.encoding);
    if (c.string_at(node["format"], "input format", in.format) && !format_from_name(in.format))
      c.issue(node["format"], "format: unknown format '" + in.format + "'; expected one of " + format_names());
    std::string on_invalid;
    if (c.string_at(node["on_invalid"], "on_invalid", on_invalid)) {
      if (on_invalid == "replace") in.replace_invalid = true;
      else if (on_invalid != "error")
        c.issue(node["on_invalid"], "on_invalid: expected 'error' or 'replace', got '" + on_invalid + "'");
    }
    if (node["meta"].IsDefined()) {
      if (!node["meta"].IsMap()) c.issue(node["meta"], "input meta: expected a mapping");
      else in.meta = yaml_to_json(node["meta"]);
    }
  } else {
    c.issue(node, "input: expected a path or a mapping with 'path'");
    return;
  }
  if (in.path.empty()) return;
  out.push_back(std::move(in));
}

}  // namespace

PipelineConfig load_pipeline_config(const std::filesystem::path& file) {
  std::vector<ConfigIssue> issues;
  PipelineConfig cfg = load_pipeline_config(file, issues);
  if (!issues.empty()) throw ConfigError(std::move(issues));
  return cfg;
}

PipelineConfig load_pipeline_config(const std::filesystem::path& file,
                                    std::vector<ConfigIssue>& issues) {
  PipelineConfig cfg;
  cfg.file = file;
  cfg.dir = std::filesystem::absolute(file).parent_path();
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError({{name, 0, 0, "cannot open the pipeline file"}});
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  cfg.sha256 = sha256_hex(bytes);

  YAML::Node loaded;
  try {
    loaded = YAML::Load(bytes);
  } catch (const YAML::Exception& e) {
    throw ConfigError({{name, e.mark.is_null() ? 0 : e.mark.line + 1,
                        e.mark.is_null() ? 0 : e.mark.column + 1, "malformed YAML: " + e.msg}});
  }
  // const: operator[] on a non-const node would insert the keys it looks up.
  const YAML::Node root = loaded;
  Checker c(name);
  if (!root.IsMap()) {
    c.issue(root, "expected a mapping with keys name, inputs, stages, output");
    throw ConfigError(c.issues());
  }
  c.only_keys(root, "the pipeline", {"name", "description", "inputs", "stages", "output"});
  if (!root["name"].IsDefined() || root["name"].IsNull())
    c.issue(root, "missing required key 'name'");
  else
    c.string_at(root["name"], "name", cfg.name);
  c.string_at(root["description"], "description", cfg.description);

  const YAML::Node inputs = root["inputs"];
  if (inputs.IsDefined() && !inputs.IsNull()) {
    if (inputs.IsSequence()) {
      for (const auto& n : inputs) read_input(c, n, "", cfg.inputs);
    } else if (inputs.IsMap()) {  // roles: {base: a.txt, compare: [b.txt, c.txt]}
      for (const auto& kv : inputs) {
        if (kv.second.IsSequence())
          for (const auto& n : kv.second) read_input(c, n, kv.first.Scalar(), cfg.inputs);
        else
          read_input(c, kv.second, kv.first.Scalar(), cfg.inputs);
      }
    } else {
      c.issue(inputs, "inputs: expected a list of paths or a mapping of roles to paths");
    }
  }

  const YAML::Node stages = root["stages"];
  if (!stages.IsDefined() || stages.IsNull()) {
    c.issue(root, "missing required key 'stages'");
  } else if (!stages.IsSequence()) {
    c.issue(stages, "stages: expected a list of {use: STAGE, with: {...}}");
  } else {
    std::set<std::string> ids;
    for (const auto& n : stages) {
      StageSpec s;
      s.line = n.Mark().line + 1;
      s.column = n.Mark().column + 1;
      if (n.IsScalar()) {
        s.use = n.Scalar();
      } else if (n.IsMap()) {
        c.only_keys(n, "a stage", {"use", "id", "with"});
        if (!c.string_at(n["use"], "use", s.use)) {
          c.issue(n, "stage: missing 'use: STAGE-NAME'");
          continue;  // nothing to check it against: no second "unknown stage ''" message
        }
        c.string_at(n["id"], "id", s.id);
        if (n["with"]) s.with = n["with"];  // yaml-cpp refuses to assign an undefined node
        if (s.with.IsDefined() && !s.with.IsNull() && !s.with.IsMap()) {
          c.issue(s.with, "with: expected a mapping of settings");
          s.with.reset();  // reported once; the schema check then sees no settings
        }
      } else {
        c.issue(n, "stage: expected a stage name or {use: STAGE, with: {...}}");
        continue;
      }
      if (s.id.empty()) s.id = s.use;
      if (!s.id.empty() && !ids.insert(s.id).second)
        c.issue(n, "stage id '" + s.id + "' is used twice; give one of them an 'id:'");
      cfg.stages.push_back(std::move(s));
    }
  }

  const YAML::Node output = root["output"];
  if (output.IsDefined() && !output.IsNull()) {
    if (output.IsScalar()) {
      cfg.output.path = output.Scalar();
    } else if (output.IsMap()) {
      c.only_keys(output, "output", {"path", "formats", "csv_bom"});
      if (output["csv_bom"].IsDefined()) {
        const std::string v = output["csv_bom"].IsScalar() ? output["csv_bom"].Scalar() : "";
        if (v != "true" && v != "false") c.issue(output["csv_bom"], "csv_bom: expected true or false");
        cfg.output.csv_bom = v == "true";
      }
      c.string_at(output["path"], "output path", cfg.output.path);
      const YAML::Node formats = output["formats"];
      if (formats.IsDefined()) {
        if (!formats.IsSequence()) {
          c.issue(formats, "formats: expected a list such as [json, html]");
        } else {
          cfg.output.formats.clear();
          cfg.output.formats_given = true;
          for (const auto& f : formats) {
            const std::string v = f.IsScalar() ? f.Scalar() : "";
            if (v != "json" && v != "jsonl" && v != "html" && v != "sqlite" && v != "csv" && v != "series")
              c.issue(f, "formats: expected json, jsonl, sqlite, csv, series or html, got '" + v + "'");
            else
              cfg.output.formats.push_back(v);
          }
        }
      }
    } else {
      c.issue(output, "output: expected a path or {path: ..., formats: [...]}");
    }
  }
  issues.insert(issues.end(), c.issues().begin(), c.issues().end());
  return cfg;
}

InputSpec parse_input_argument(const std::string& argument) {
  InputSpec in;
  const auto eq = argument.find('=');
  bool role_form = eq != std::string::npos && eq > 0;
  for (std::size_t i = 0; role_form && i < eq; ++i) {
    const char ch = argument[i];
    role_form = std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  }
  if (role_form) {
    in.role = argument.substr(0, eq);
    in.path = argument.substr(eq + 1);
  } else {
    in.path = argument;
  }
  return in;
}

}  // namespace reportlens
