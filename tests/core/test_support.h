// Helpers shared by the core tests: scratch directories, files, and running the real
// `pipeline` executable as a subprocess.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reportlens::test {

namespace fs = std::filesystem;

// Paths baked in by tests/core/CMakeLists.txt.
fs::path pipeline_exe();
fs::path source_dir();
fs::path segment_plugin();
// Directory holding one test plugin set: testkit, throwing, noentry, badabi, badkey,
// duplicate, shadow-first, shadow-second.
fs::path test_plugins(const std::string& set);

// A fresh directory, removed when the object goes out of scope.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }
  // Writes `content` to path()/relative (creating parents) and returns the full path.
  fs::path write(const std::string& relative, const std::string& content) const;

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path);

// Files in `dir` (recursively), relative, sorted.
std::vector<std::string> list_files(const fs::path& dir);

struct CommandResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  int signal = 0;      // the signal that killed it, if any
  std::string out;
  std::string err;
  std::vector<std::string> err_lines() const;
};

struct CommandOptions {
  fs::path cwd;                                         // empty: the test's cwd
  std::map<std::string, std::optional<std::string>> env;  // nullopt: unset the variable
  // By default the default plugin locations are disabled and REPORTLENS_PLUGIN_PATH and
  // REPORTLENS_LOG_LEVEL are cleared, so only --plugin-path is searched.
  bool default_plugins = false;
};

// Runs `pipeline <args...>` and captures its exit status, stdout and stderr.
CommandResult run_pipeline(const std::vector<std::string>& args, const CommandOptions& options = {});

}  // namespace reportlens::test
