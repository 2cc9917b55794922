// A stage that misbehaves in the ways no exception handler can catch, for the worker-isolation
// tests (docs/batch.md). It does nothing to a document unless the text holds a marker
// "MISBEHAVE:<what>", so one batch can mix good documents with one that kills its worker:
//   segfault   writes through a null pointer          abort      calls std::abort()
//   exit0      calls std::exit(0)                      hang       sleeps forever
//   stack      unbounded recursion (stack overflow)    oom        allocates until refused
//   badutf8    adds an annotation attr that is not UTF-8
//   badmeta    replaces the document's meta with an array
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "reportlens/plugin.h"

namespace {

using reportlens::Document;

// Recursion the optimiser cannot turn into a loop: each frame keeps a buffer it reads after.
int recurse(int depth) {
  volatile char frame[4096];
  frame[0] = static_cast<char>(depth);
  return recurse(depth + 1) + frame[0];
}

class Misbehave : public reportlens::DocumentStage {
 public:
  explicit Misbehave(const reportlens::StageContext&) {}
  void process(Document& d) const override {
    const std::string& t = d.text();
    const auto at = t.find("MISBEHAVE:");
    if (at == std::string::npos) {
      d.meta()["misbehave"] = "none";
      return;
    }
    const std::string what = t.substr(at + 10, t.find_first_of(" \r\n", at + 10) - at - 10);
    if (what == "segfault") {
      volatile int* null = nullptr;
      *null = 1;
    } else if (what == "abort") {
      std::abort();
    } else if (what == "exit0") {
      std::exit(0);
    } else if (what == "hang") {
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
    } else if (what == "stack") {
      recurse(0);
    } else if (what == "oom") {
      std::vector<std::vector<char>> held;
      for (;;) held.emplace_back(std::size_t{64} << 20, 'x');  // touched: really resident
    } else if (what == "badutf8") {
      d.add("misbehave", 0, 0, {{"bytes", std::string("\xff\xfe not UTF-8")}});
    } else if (what == "badmeta") {
      d.meta() = reportlens::Json::array({1, 2, 3});
    }
  }
};

}  // namespace

REPORTLENS_PLUGIN(
    "misbehaving", "1.0.0", "core test plugin: a stage that crashes, hangs or exits on request",
    reportlens::document_stage<Misbehave>("misbehave", "misbehaves as a MISBEHAVE:<what> marker in the text asks",
                                          "", "misbehave", R"({"type":"object","properties":{}})"));
