// `pipeline check` passes on every pipelines/*.yaml in the source tree. The directory is read
// when the test runs, so pipelines added later are covered without touching this file.
#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.h"

namespace reportlens::test {
namespace {

TEST(ShippedPipelines, EveryPipelinePassesCheck) {
  const fs::path dir = source_dir() / "pipelines";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no pipelines in " << dir;
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    CommandOptions options;
    options.default_plugins = true;  // the real plugins of this build tree
    options.cwd = source_dir();
    const CommandResult r = run_pipeline({"check", file.string()}, options);
    EXPECT_EQ(r.signal, 0);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, file.string() + ": ok\n");
  }
}

}  // namespace
}  // namespace reportlens::test
