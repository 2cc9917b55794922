// Shared helpers for the segment tests: input files, the shared corpus, span texts.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reportlens/document.h"
#include "shared_corpus.h"

namespace segment_test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline std::filesystem::path seed_path() {
  return std::filesystem::path(REPORTLENS_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt";
}

// ../shared/corpus next to the checkout, or $REPORTLENS_SHARED_CORPUS; empty when absent.
inline std::filesystem::path shared_corpus() { return reportlens::test::shared_corpus_dir(); }

inline std::vector<std::string> texts(const reportlens::Document& doc, const std::string& type) {
  std::vector<std::string> out;
  for (const auto& a : doc.annotations(type)) out.emplace_back(doc.slice(a.begin, a.end));
  return out;
}

}  // namespace segment_test
