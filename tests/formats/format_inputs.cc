#include "format_inputs.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace reportlens::test {
namespace fs = std::filesystem;

namespace {

// Removes the generated files when the test program ends.
struct GeneratedDir {
  fs::path path;
  GeneratedDir() {
    path = fs::temp_directory_path() / ("reportlens-formats-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~GeneratedDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

fs::path seed_report() { return fs::path(REPORTLENS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt"; }

fs::path generated_inputs(const std::string& kind, std::string& why) {
  static GeneratedDir dir;
  static std::map<std::string, std::string> made;  // kind -> "" (made) or why not
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (!made.count(kind)) {
    // Debian's interpreter, where python3-reportlab and python3-docx install their modules
    // (a python3 earlier on PATH may be another installation without them).
    if (kind == "pdf" && !fs::exists("/usr/share/poppler/cMap/Adobe-GB1")) {
      // The generated PDF uses a CID font without a ToUnicode map, as many Chinese PDFs do.
      made[kind] = "poppler-data is missing (/usr/share/poppler/cMap/Adobe-GB1): install poppler-data";
    } else if (!fs::exists("/usr/bin/python3")) {
      made[kind] = "/usr/bin/python3 is missing (install python3, python3-reportlab, python3-docx)";
    } else {
      const fs::path err = dir.path / (kind + ".err");
      const std::string command = "/usr/bin/python3 '" + std::string(REPORTLENS_FORMAT_INPUTS_SCRIPT) + "' '" +
                                  seed_report().string() + "' '" + dir.path.string() + "' " + kind + " 2>'" +
                                  err.string() + "'";
      const int status = std::system(command.c_str());
      std::ifstream in(err);
      std::stringstream message;
      message << in.rdbuf();
      if (status != 0) {
        made[kind] = WIFEXITED(status) && WEXITSTATUS(status) == 2
                         ? message.str() + "(install python3-reportlab and python3-docx)"
                         : "make_inputs.py " + kind + " failed: " + message.str();
      } else {
        made[kind] = "";
      }
    }
  }
  why = made[kind];
  return why.empty() ? dir.path : fs::path();
}

}  // namespace reportlens::test
