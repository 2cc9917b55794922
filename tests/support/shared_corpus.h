// The optional material that lives outside the repository: ../shared beside the checkout
// (corpus/national, corpus/lawtext, eval/gold). A fresh clone has none of it, so every test
// that reads it asks here and skips with a message when it is absent.
//
// $REPORTLENS_SHARED_CORPUS, when set, names the corpus folder and overrides the default;
// CI sets it to a missing path once to prove that the suite passes without ../shared.
#pragma once

#include <cstdlib>
#include <filesystem>

namespace reportlens::test {

// The corpus folder (…/shared/corpus), or an empty path when it does not exist.
inline std::filesystem::path shared_corpus_dir() {
  std::filesystem::path dir = std::filesystem::path(REPORTLENS_DEFAULT_SHARED) / "corpus";
  if (const char* env = std::getenv("REPORTLENS_SHARED_CORPUS"); env != nullptr && *env != '\0')
    dir = env;
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : std::filesystem::path();
}

// A folder or file under the corpus (e.g. "national", "lawtext/沈阳市/2024.txt"); empty when
// the corpus or that entry is absent.
inline std::filesystem::path shared_corpus_path(const std::filesystem::path& relative) {
  const auto dir = shared_corpus_dir();
  if (dir.empty()) return {};
  std::error_code ec;
  const auto path = dir / relative;
  return std::filesystem::exists(path, ec) ? path : std::filesystem::path();
}

// The gold folder (…/shared/eval/gold, beside the corpus folder), or empty when absent.
inline std::filesystem::path shared_gold_dir() {
  const auto corpus = shared_corpus_dir();
  if (corpus.empty()) return {};
  std::error_code ec;
  const auto gold = corpus.parent_path() / "eval" / "gold";
  return std::filesystem::is_directory(gold, ec) ? gold : std::filesystem::path();
}

}  // namespace reportlens::test

// Binds `var` to shared_corpus_path(relative), or skips the test when it is absent.
#define REPORTLENS_SHARED_OR_SKIP(var, relative)                                        \
  const std::filesystem::path var = ::reportlens::test::shared_corpus_path(relative);  \
  if (var.empty())                                                                       \
  GTEST_SKIP() << "shared corpus entry '" << (relative)                                 \
               << "' not found (../shared beside the checkout, or $REPORTLENS_SHARED_CORPUS)"
