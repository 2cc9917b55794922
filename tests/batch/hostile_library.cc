// A library on the plugin path that is no plugin and acts as soon as it is loaded: its
// constructor leaves a mark (REPORTLENS_HOSTILE_MARK names the file) and, when asked
// (REPORTLENS_HOSTILE_ABORT), aborts the process. Tests that `run` never opens it.
#include <cstdio>
#include <cstdlib>

namespace {

__attribute__((constructor)) void act_on_load() {
  if (const char* mark = std::getenv("REPORTLENS_HOSTILE_MARK")) {
    if (std::FILE* f = std::fopen(mark, "w")) std::fclose(f);
  }
  if (std::getenv("REPORTLENS_HOSTILE_ABORT") != nullptr) std::abort();
}

}  // namespace
