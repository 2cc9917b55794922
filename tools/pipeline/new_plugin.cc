#include "new_plugin.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>

#include "run/errors.h"
#include "plugins/plugin_registry.h"
#include "reportlens/abi.h"

namespace reportlens::cli {
namespace fs = std::filesystem;

namespace {

// Names that would not compile as the generated namespace, or that clash with the SDK's own
// library file (libreportlens-core.so is never loaded as a plugin).
bool is_reserved(const std::string& ident) {
  static const std::set<std::string> kReserved = {
      "core", "std", "reportlens", "alignas", "alignof", "and", "asm", "auto", "bool", "break",
      "case", "catch", "char", "class", "concept", "const", "consteval", "constexpr",
      "constinit", "continue", "default", "delete", "do", "double", "else", "enum", "explicit",
      "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
      "long", "mutable", "namespace", "new", "not", "nullptr", "operator", "or", "private",
      "protected", "public", "register", "requires", "return", "short", "signed", "sizeof",
      "static", "struct", "switch", "template", "this", "throw", "true", "try", "typedef",
      "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while", "xor"};
  return kReserved.count(ident) > 0;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string abi_version() {
  return std::to_string(REPORTLENS_ABI_MAJOR) + "." + std::to_string(REPORTLENS_ABI_MINOR);
}

}  // namespace

PluginNames plugin_names(const std::string& name) {
  PluginNames n;
  n.name = name;
  static const std::regex kValid("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  if (name.size() > 40 || !std::regex_match(name, kValid)) {
    n.error = "plugin name '" + name + "' must be lower-case letters and digits, words joined by "
              "'-', at most 40 characters (e.g. policy-terms)";
    return n;
  }
  n.ident = name;
  std::replace(n.ident.begin(), n.ident.end(), '-', '_');
  if (is_reserved(n.ident)) {
    n.error = "plugin name '" + name + "' is reserved; choose another (e.g. " + name + "-stage)";
    return n;
  }
  bool upper = true;
  for (char ch : name) {
    if (ch == '-') {
      upper = true;
      continue;
    }
    const bool lower = ch >= 'a' && ch <= 'z';
    n.class_name += upper && lower ? static_cast<char>(ch - 'a' + 'A') : ch;
    upper = false;
  }
  return n;
}

std::string render_template(std::string text, const PluginNames& names) {
  replace_all(text, "@PLUGIN_NAME@", names.name);
  replace_all(text, "@PLUGIN_IDENT@", names.ident);
  replace_all(text, "@PLUGIN_CLASS@", names.class_name);
  replace_all(text, "@SDK_VERSION@", REPORTLENS_VERSION);
  replace_all(text, "@ABI_VERSION@", abi_version());
#ifdef NDEBUG
  replace_all(text, "@BUILD_TYPE@", "Release");
#else
  replace_all(text, "@BUILD_TYPE@", "Debug");
#endif
  return text;
}

namespace {

bool name_taken(const std::string& name, const std::vector<std::string>& plugin_paths) {
  PluginRegistry registry;
  registry.discover(PluginRegistry::search_path(plugin_paths));
  const LoadedPlugin* taken = registry.find_plugin(name);
  if (const StageHandle* stage = registry.find_stage(name); taken == nullptr && stage != nullptr)
    taken = stage->plugin;
  if (taken == nullptr) return false;
  std::cerr << "pipeline: a plugin or stage named '" << name << "' is already installed ("
            << taken->file.string() << "); choose another name\n";
  return true;
}

int write_scaffold(const std::vector<ScaffoldFile>& files, const fs::path& root, const PluginNames& names) {
  for (const ScaffoldFile& file : files) {
    std::error_code ec;
    const fs::path path = root / render_template(file.path, names);
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << render_template(file.text, names);
    out.close();
    if (ec || !out) {
      std::cerr << "pipeline: cannot write " << path.string()
                << (ec ? ": " + ec.message() : std::string()) << "\n";
      return static_cast<int>(ExitCode::kOutput);
    }
    std::cout << "  created " << path.string() << "\n";
  }
  return 0;
}

void print_next_steps(const std::string& name, const std::string& r) {
  std::cout << "\nPlugin project '" << name << "' is ready (stage '" << name
            << "', SDK " REPORTLENS_VERSION ", plugin ABI " << abi_version() << "). Next:\n"
            << "  cmake -S " << r << " -B " << r << "/build\n"
            << "  cmake --build " << r << "/build -j2\n"
            << "  ctest --test-dir " << r << "/build --output-on-failure\n"
            << "  pipeline --plugin-path " << r << "/build/plugins plugins info " << name << "\n"
            << "  pipeline --plugin-path " << r << "/build/plugins run " << r
            << "/pipeline.yaml --input REPORT.txt --output " << r << "/out/result.json\n"
            << "Guide: docs/writing-plugins.md in the reportlens sources.\n";
}

void print_python_next_steps(const std::string& name, const std::string& r) {
  std::cout << "\nPython stage '" << name << "' is ready (run by the `python` stage; nothing to build). Next:\n"
            << "  pipeline run " << r << "/pipeline.yaml --output " << r << "/out/result.json\n"
            << "  cd " << r << " && python3 -m pytest\n"
            << "Guide: docs/python.md in the reportlens sources.\n";
}

}  // namespace

int new_plugin(const std::string& name, const std::string& dir,
               const std::vector<std::string>& plugin_paths, bool python) {
  const PluginNames names = plugin_names(name);
  if (!names.error.empty()) {
    std::cerr << "pipeline: " << names.error << "\n";
    return static_cast<int>(ExitCode::kUsage);
  }

  // Two plugins providing one stage name are refused at load time: catch it now. (A Python
  // stage runs as the `python` stage under its own id: no clash possible.)
  if (!python && name_taken(name, plugin_paths)) return static_cast<int>(ExitCode::kUsage);
  const fs::path root = dir.empty() ? fs::path(name) : fs::path(dir);
  std::error_code ec;
  if (fs::exists(root, ec) && (!fs::is_directory(root, ec) || !fs::is_empty(root, ec))) {
    std::cerr << "pipeline: " << root.string()
              << " already exists and is not an empty directory; pass --dir NEW-DIR\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  if (const int code = write_scaffold(python ? python_scaffold_templates() : scaffold_templates(), root, names))
    return code;
  if (python) print_python_next_steps(name, root.string());
  else print_next_steps(name, root.string());
  return 0;
}

}  // namespace reportlens::cli
