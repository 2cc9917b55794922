// Throughput of the number scanner, single thread (not a test: timings are not asserted).
//
//   numbers_bench [DIR_OF_REPORTS] [REPEAT]
//
// Reads every *.txt under DIR (default ../shared/corpus/national), then times, per pass
// over the whole set: (a) normalisation + scan, as the stage runs it, (b) scan alone.
// Prints MB/s of original input text.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "number_lexicon.h"
#include "quantity_scanner.h"
#include "reportlens/text.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path("../shared/corpus/national");
  const int repeat = argc > 2 ? std::stoi(argv[2]) : 20;
  std::vector<std::string> texts;
  std::size_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
    bytes += texts.back().size();
  }
  if (texts.empty()) {
    std::fprintf(stderr, "no .txt files under %s\n", dir.c_str());
    return 1;
  }
  const auto lexicon = reportlens::numbers::NumberLexicon::load(
      {fs::path(NUMBERS_DATA_DIR) / "units.yaml", fs::path(NUMBERS_DATA_DIR) / "lexicon.yaml"});
  const reportlens::numbers::QuantityScanner scanner(*lexicon);

  std::vector<reportlens::NormalizedText> normalized;
  for (const auto& t : texts) normalized.push_back(reportlens::normalize_text(t));

  using Clock = std::chrono::steady_clock;
  // CPU time of this thread too: on a shared machine wall time counts other people's work.
  const auto cpu_seconds = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  };
  std::size_t mentions = 0;
  auto t0 = Clock::now();
  double c0 = cpu_seconds();
  for (int r = 0; r < repeat; ++r)
    for (const auto& t : texts) {
      const auto n = reportlens::normalize_text(t);
      mentions += scanner.scan(n.text, 2020).size();
    }
  const double full = std::chrono::duration<double>(Clock::now() - t0).count();
  const double full_cpu = cpu_seconds() - c0;
  t0 = Clock::now();
  c0 = cpu_seconds();
  for (int r = 0; r < repeat; ++r)
    for (const auto& n : normalized) mentions += scanner.scan(n.text, 2020).size();
  const double scan_only = std::chrono::duration<double>(Clock::now() - t0).count();
  const double scan_cpu = cpu_seconds() - c0;

  const double mb = static_cast<double>(bytes) * repeat / 1e6;
  std::printf("%zu files, %.2f MB, %d passes, %zu mentions per pass\n", texts.size(),
              static_cast<double>(bytes) / 1e6, repeat, mentions / (2 * repeat));
  std::printf("normalise + scan: %.1f MB/s wall, %.1f MB/s of CPU time\n", mb / full, mb / full_cpu);
  std::printf("scan only:        %.1f MB/s wall, %.1f MB/s of CPU time\n", mb / scan_only,
              mb / scan_cpu);
  return 0;
}
