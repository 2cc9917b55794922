// The pipeline YAML, parsed and structurally checked (keys, types, required fields).
// Stage names and settings are checked against the plugins in pipeline_plan.h.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/config_issue.h"
#include "reportlens/document.h"

namespace reportlens {

struct InputSpec {
  std::string path;       // a file, a directory (recursive) or a glob; relative to the YAML
  std::string role;       // optional: base, compare, ...
  Json meta = Json::object();  // metadata overrides (region, report_year, kind, ...)
  std::string encoding;   // empty: detect
  std::string format;     // empty: detect (input_format.h); else text, html, markdown, pdf, docx
  bool replace_invalid = false;
  bool manifest = false;  // `path` is a manifest file listing documents (batch_manifest.h)
  int line = 0, column = 0;
};

struct StageSpec {
  std::string id;         // defaults to `use`
  std::string use;        // stage name
  YAML::Node with;        // settings, validated later against the stage's schema
  int line = 0, column = 0;
};

struct OutputSpec {
  std::string path;       // relative to the YAML file
  std::vector<std::string> formats{"json"};
  bool formats_given = false;  // formats written in the YAML (else taken from the extension)
  bool csv_bom = false;        // start CSV outputs with a UTF-8 BOM (Excel)
};

struct PipelineConfig {
  std::filesystem::path file;
  std::filesystem::path dir;
  std::string sha256;     // of the YAML bytes (provenance)
  std::string name;
  std::string description;
  std::vector<InputSpec> inputs;
  std::vector<StageSpec> stages;
  OutputSpec output;
};

// Reads and checks `file`. Throws ConfigError listing every problem as file:line:column.
PipelineConfig load_pipeline_config(const std::filesystem::path& file);

// The same, but structural problems are appended to `issues` and the rest of the file is
// still returned, so that later checks (stages, settings, inputs) can report theirs in the
// same run. Throws ConfigError only when the file cannot be read or is not YAML at all.
PipelineConfig load_pipeline_config(const std::filesystem::path& file,
                                    std::vector<ConfigIssue>& issues);

// Parses one `--input` value: "PATH" or "ROLE=PATH" (role: a bare word).
InputSpec parse_input_argument(const std::string& argument);

}  // namespace reportlens
