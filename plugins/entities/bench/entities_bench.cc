// Throughput benchmark for the entities tagger (not a test; timings are printed, never
// asserted). Usage:
//   entities_bench [--once] DATA_DIR [TEXT_FILE ...]
// DATA_DIR is the plugin's data directory (plugins/entities/data). With no text files the
// seed report path relative to the source tree is tried.
//
// Measures: (1) load + build time of the shipped gazetteers and tagging throughput (MB/s of
// original text) with patterns on; (2) the same with a generated 100,000-entry gazetteer
// (written to a temporary YAML file and loaded through the normal loader).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <time.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string_view>

#include "entity_tagger.h"
#include "gazetteer.h"
#include "pattern_finder.h"
#include "pattern_rules.h"
#include "reportlens/text.h"

namespace fs = std::filesystem;
using namespace reportlens::entities;
using Clock = std::chrono::steady_clock;

namespace {

bool g_once = false;  // --once: one round of the shipped configuration (for callgrind)
std::string g_region;  // --region R: the documents' region (default: none given)

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
// CPU time of this thread: the machine may be shared, so wall time overstates the cost.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The ideographs of the shipped gazetteer files, in order of first appearance and without
// repeats: the characters of the generated names (the bench carries no word lists of its own).
std::vector<std::string> name_characters(const std::vector<fs::path>& files, std::size_t want) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    const std::string text = read_file(f);
    for (std::size_t i = 0; i < text.size() && out.size() < want;) {
      const std::size_t start = i;
      if (!reportlens::is_cjk_ideograph(reportlens::next_code_point(text, i))) continue;
      const std::string ch = text.substr(start, i - start);
      if (std::find(out.begin(), out.end(), ch) == out.end()) out.push_back(ch);
    }
  }
  return out;
}

// Distinct names (a running number spelled in name characters, with random characters
// around it) plus a name ending of the pattern rules (two per kind), written in the flow
// style of national.yaml.
void write_generated_gazetteer(const fs::path& path, std::size_t n, const std::vector<std::string>& chars,
                               const PatternRules& rules) {
  std::vector<const NameEnding*> endings;
  for (const EntityKind kind : {EntityKind::kCompany, EntityKind::kIndustrialPark, EntityKind::kPublicPark, EntityKind::kZone}) {
    int taken = 0;
    for (const NameEnding& e : rules.endings)
      if (e.kind == kind && taken < 2) {
        endings.push_back(&e);
        ++taken;
      }
  }
  const std::size_t count = chars.size();
  std::mt19937 rng(42);
  std::ofstream out(path);
  out << "entries:\n";
  for (std::size_t i = 0; i < n; ++i) {
    std::string name = chars[rng() % count];
    for (std::size_t v = i, k = 0; k < 4; ++k, v /= count) name += chars[v % count];
    if (rng() % 2) name += chars[rng() % count];
    const NameEnding& e = *endings[rng() % endings.size()];
    out << "  - {canonical: " << name << e.text << "0, kind: " << kind_name(e.kind) << ", aliases: [" << name << e.text
        << ", " << name << "]}\n";
  }
}

struct Loaded {
  std::shared_ptr<Gazetteer> gazetteer;
  LoadReport report;
  double seconds = 0;
  double cpu = 0;
};

// `endings`: the pattern endings compiled into the same automaton, as the stage does when
// patterns are on (one scan finds surfaces and endings).
Loaded load(const std::vector<fs::path>& files, const std::vector<std::string>& endings = {}) {
  Loaded l;
  const auto t = Clock::now();
  const double c = cpu_seconds();
  l.gazetteer = std::make_shared<Gazetteer>();
  for (const auto& f : files) l.gazetteer->load_file(f, l.report);
  l.gazetteer->build(endings);
  l.seconds = seconds_since(t);
  l.cpu = cpu_seconds() - c;
  return l;
}

void throughput(const char* label, const EntityTagger& tagger, const std::vector<std::string>& texts) {
  std::size_t bytes = 0, entities = 0;
  double normalise = 0, tag = 0;
  const Region region = parse_region(g_region);
  // Repeat until ~2 s of work so small inputs still give a stable rate (one round under
  // --once, for callgrind, whose instruction counts need no repetition).
  int rounds = 0;
  const double start = cpu_seconds();
  while (rounds == 0 || (!g_once && cpu_seconds() - start < 2.0)) {
    for (const auto& t : texts) {
      double t0 = cpu_seconds();
      const reportlens::NormalizedText norm = reportlens::normalize_text(t);
      normalise += cpu_seconds() - t0;
      t0 = cpu_seconds();
      entities += tagger.tag(norm.text, region).size();
      tag += cpu_seconds() - t0;
      bytes += t.size();
    }
    ++rounds;
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%-44s %6.2f MB/s tagging (%6.2f MB/s incl. normalisation; thread CPU time), %zu entities/round\n", label,
              mb / tag, mb / (tag + normalise), entities / static_cast<std::size_t>(rounds));
}

// Issue 22: one long document (the inputs concatenated, repeated to at least 4 MB) as
// written and with its line breaks removed; tagging time must grow linearly with length,
// with or without line breaks.
void long_document(const EntityTagger& tagger, const std::vector<std::string>& texts) {
  constexpr std::size_t kBytes = std::size_t{4} << 20;
  std::string lines;
  while (lines.size() < kBytes)
    for (const auto& t : texts) lines += t;
  std::string one_line;
  for (const char c : lines)
    if (c != '\n' && c != '\r') one_line.push_back(c);
  const Region region = parse_region(g_region);
  const auto time = [&](const std::string& text, std::size_t& entities) {
    const reportlens::NormalizedText norm = reportlens::normalize_text(text);
    const double t0 = cpu_seconds();
    entities = tagger.tag(norm.text, region).size();
    return cpu_seconds() - t0;
  };
  std::size_t n_lines = 0, n_one = 0;
  const double t_lines = time(lines, n_lines), t_one = time(one_line, n_one);
  std::printf("one long document, shipped + patterns: %.2f MB with line breaks %.2f s (%zu entities), "
              "on one line %.2f s (%zu entities); thread CPU time\n",
              static_cast<double>(lines.size()) / 1e6, t_lines, n_lines, t_one, n_one);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: entities_bench [--once] [--region R] DATA_DIR [TEXT_FILE ...]\n";
    return 2;
  }
  int first = 1;
  for (bool again = true; again && argc > first;) {
    again = false;
    if (std::string_view(argv[first]) == "--once") {
      g_once = true;
      ++first;
      again = true;
    } else if (std::string_view(argv[first]) == "--region" && argc > first + 1) {
      g_region = argv[first + 1];
      first += 2;
      again = true;
    }
  }
  if (argc <= first) {
    std::cerr << "usage: entities_bench [--once] [--region R] DATA_DIR [TEXT_FILE ...]\n";
    return 2;
  }
  const fs::path data = argv[first];
  std::vector<std::string> texts;
  for (int i = first + 1; i < argc; ++i) texts.push_back(read_file(argv[i]));
  if (texts.empty()) {
    std::cerr << "no text files given\n";
    return 2;
  }
  std::size_t total = 0;
  for (const auto& t : texts) total += t.size();
  std::printf("input: %zu file(s), %.2f MB\n", texts.size(), static_cast<double>(total) / 1e6);

  std::vector<fs::path> shipped;
  for (const auto& f : fs::directory_iterator(data / "gazetteers")) shipped.push_back(f.path());
  std::sort(shipped.begin(), shipped.end());
  PatternRules rules;
  rules.load_file(data / "patterns.yaml");
  auto patterns = std::make_shared<PatternFinder>(rules);

  const Loaded small = load(shipped, patterns->ending_texts());
  const Loaded small_alone = load(shipped);
  std::printf("shipped gazetteers: %zu entries, %zu surfaces, loaded+built in %.3f s wall, %.3f s CPU\n",
              small.report.entries, small.report.surfaces, small.seconds, small.cpu);
  throughput("shipped gazetteers + patterns", EntityTagger(small.gazetteer, patterns), texts);
  throughput("shipped gazetteers only", EntityTagger(small_alone.gazetteer, nullptr), texts);
  long_document(EntityTagger(small.gazetteer, patterns), texts);
  if (g_once) return 0;

  const fs::path generated = fs::temp_directory_path() / "entities_bench_100k.yaml";
  write_generated_gazetteer(generated, 100000, name_characters(shipped, 42), rules);
  std::vector<fs::path> big_files = shipped;
  big_files.push_back(generated);
  const Loaded big = load(big_files, patterns->ending_texts());
  const Loaded big_alone = load(big_files);
  std::printf("shipped + generated 100,000-entry gazetteer: %zu entries, %zu surfaces, %zu duplicates, "
              "loaded+built in %.3f s wall, %.3f s CPU (file %.1f MB)\n",
              big.report.entries, big.report.surfaces, big.report.duplicates.size(), big.seconds, big.cpu,
              static_cast<double>(fs::file_size(generated)) / 1e6);
  {
    const double c = cpu_seconds();
    Gazetteer g;
    LoadReport r;
    g.load_file(generated, r);
    const double parse = cpu_seconds() - c;
    const double c2 = cpu_seconds();
    g.build();
    std::printf("  generated file alone: read + index %.3f s CPU, automaton build %.3f s CPU\n", parse,
                cpu_seconds() - c2);
  }
  throughput("100k gazetteer + patterns", EntityTagger(big.gazetteer, patterns), texts);
  throughput("100k gazetteer only", EntityTagger(big_alone.gazetteer, nullptr), texts);
  fs::remove(generated);
  return 0;
}
