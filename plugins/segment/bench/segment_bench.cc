// Segmentation throughput on a corpus, single core: MB of input per second.
//
//   segment_bench [corpus_dir] [--rounds N] [--no-words]
//
// Times are CPU time of the one thread doing the work. Reports three figures: building the Document (the core's normalised view, which every
// pipeline pays once), segmentation without words, segmentation with words.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "segmenter.h"

namespace fs = std::filesystem;
// Thread CPU time: the machine is shared, and wall time would measure the neighbours.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec));
  }
};

int main(int argc, char** argv) {
  std::string dir = REPORTLENS_DEFAULT_CORPUS "/national";
  int rounds = 5;
  bool words = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) rounds = std::stoi(argv[++i]);
    else if (a == "--no-words") words = false;
    else dir = a;
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    files.emplace_back(e.path().filename().string(), buf.str());
    bytes += files.back().second.size();
  }
  if (files.empty()) {
    std::fprintf(stderr, "no .txt files under %s\n", dir.c_str());
    return 1;
  }
  reportlens::segment::SegmentRules rules;
  rules.load(fs::path(REPORTLENS_SEGMENT_DATA) / "segment.yaml");
  const reportlens::segment::Segmenter plain(rules, {false});
  const reportlens::segment::Segmenter with_words(rules, {true});

  auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
  double t_doc = 0, t_seg = 0, t_words = 0;
  std::size_t annotations = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& [name, text] : files) {
      auto t0 = Clock::now();
      reportlens::Document doc(name, name, text);
      auto t1 = Clock::now();
      plain.run(doc);
      auto t2 = Clock::now();
      reportlens::Document doc2(name, name, text);
      auto t3 = Clock::now();
      if (words) with_words.run(doc2);
      auto t4 = Clock::now();
      t_doc += seconds(t1 - t0);
      t_seg += seconds(t2 - t1);
      t_words += seconds(t4 - t3);
      if (r == 0) annotations += doc2.annotations("word").size();
    }
  }
  const double mb = static_cast<double>(bytes) * rounds / 1e6;
  std::printf("corpus: %s, %zu files, %.2f MB, %d rounds\n", dir.c_str(), files.size(),
              static_cast<double>(bytes) / 1e6, rounds);
  std::printf("document + normalised view : %8.1f MB/s\n", mb / t_doc);
  std::printf("segment (no words)         : %8.1f MB/s\n", mb / t_seg);
  std::printf("segment incl. view         : %8.1f MB/s\n", mb / (t_seg + t_doc));
  std::printf("segment with words         : %8.1f MB/s  (%zu words per pass)\n", mb / t_words,
              annotations);
  std::printf("segment with words incl. view: %6.1f MB/s\n", mb / (t_words + t_doc));
  return 0;
}
