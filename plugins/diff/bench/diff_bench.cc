// Benchmark (not a test): the diff stage on two ~50 KB reports, from raw text to HTML.
// Usage: reportlens_diff_bench [BASE.txt COMPARE.txt] [repetitions]
// Without files it builds two 50 KB reports from the Tiexi seed and its follow-up.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "labels.h"
#include "reportlens/testing.h"

namespace fs = std::filesystem;

static std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Grows a report to about `bytes` by repeating its body with renumbered copies, so the
// sections stay distinct.
// The copies' headings ("2、新增") take their words from the plugin's labels.yaml.
static std::string grow(const std::string& text, std::size_t bytes) {
  reportlens::diff::Labels labels;
  labels.load(fs::path(REPORTLENS_SOURCE_DIR) / "plugins" / "diff" / "data" / "labels.yaml");
  const std::string heading = labels.text("sections", "number_mark") + labels.text("sections", "added");
  std::string out = text;
  int round = 2;
  while (out.size() < bytes) {
    out += "\n" + std::to_string(round++) + heading + "\n\n" +
           text.substr(0, std::min(text.size(), bytes - out.size()));
  }
  return out;
}

int main(int argc, char** argv) {
  const fs::path corpus = fs::path(REPORTLENS_SOURCE_DIR) / "corpus" / "tiexi";
  std::string a = argc > 2 ? read_file(argv[1]) : grow(read_file(corpus / "2022-plan-report.txt"), 50000);
  std::string b = argc > 2 ? read_file(argv[2]) : grow(read_file(corpus / "2023-plan-report.txt"), 50000);
  const int reps = argc > 3 ? std::atoi(argv[3]) : (argc == 2 ? std::atoi(argv[1]) : 10);
  std::vector<reportlens::testing::StageRun> stages = {{"segment"}, {"diff"}};
  if (const char* full = std::getenv("REPORTLENS_BENCH_FULL"); full && *full == '1')
    stages = {{"segment"}, {"numbers"}, {"indicators"}, {"entities"}, {"diff"}};
  double best = 1e9, total = 0;
  std::size_t html = 0;
  for (int i = 0; i < reps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = reportlens::testing::run_corpus(
        stages, {{"tiexi/2022.txt", a}, {"tiexi/2023.txt", b}},
        {reportlens::Json{{"report_year", 2022}}, reportlens::Json{{"report_year", 2023}}});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    html = r.side_outputs.count("html") ? r.side_outputs.at("html").size() : 0;
    best = std::min(best, ms);
    total += ms;
  }
  std::printf("inputs %zu + %zu bytes, %zu stages, html %zu bytes: best %.1f ms, mean %.1f ms over %d runs\n",
              a.size(), b.size(), stages.size(), html, best, total / reps, reps);
}
