// `pipeline new-plugin NAME [--dir DIR]`: scaffolds an out-of-tree plugin project (CMake
// project using find_package(reportlens), one document stage with a settings schema, a
// GoogleTest test on the SDK's harness, a golden file, a demo pipeline and a README) that
// builds and passes its tests unchanged.
// `pipeline new-plugin NAME --python`: a stage written in Python instead (a class run by the
// `python` stage, a pytest test, a demo pipeline with a sample text, a README); nothing to build.
#pragma once

#include <string>
#include <vector>

namespace reportlens::cli {

// One file of the scaffold: path relative to the project directory, template text with
// @PLUGIN_NAME@, @PLUGIN_IDENT@, @PLUGIN_CLASS@, @SDK_VERSION@, @ABI_VERSION@, @BUILD_TYPE@.
struct ScaffoldFile {
  const char* path;
  const char* text;
};

// Generated at build time from tools/pipeline/templates/plugin/ (embed_templates.cmake).
const std::vector<ScaffoldFile>& scaffold_templates();
// The same from tools/pipeline/templates/python/ (new-plugin --python).
const std::vector<ScaffoldFile>& python_scaffold_templates();

// The placeholders of a plugin name ("policy-terms" -> ident "policy_terms", class
// "PolicyTerms"); empty `error` when the name is usable.
struct PluginNames {
  std::string name, ident, class_name, error;
};
PluginNames plugin_names(const std::string& name);

// Fills a template's placeholders.
std::string render_template(std::string text, const PluginNames& names);

// Writes the project into `dir` (default ./NAME); refuses a non-empty directory and (for a
// C++ plugin) a name that an installed plugin or stage already uses. Returns the process exit
// code.
int new_plugin(const std::string& name, const std::string& dir,
               const std::vector<std::string>& plugin_paths, bool python = false);

}  // namespace reportlens::cli
