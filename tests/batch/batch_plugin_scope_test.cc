// `run` and `check` open only the plugins whose stages the pipeline uses: a library on the
// path that no stage needs (damaged, or one acting in its constructors) is never loaded and
// changes nothing, while `pipeline plugins` still opens and lists everything.
#include <gtest/gtest.h>

#include <cstdlib>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

const fs::path kMisbehaving = fs::path(BATCH_TEST_MISBEHAVING_DIR) / "libreportlens-misbehaving.so";

// A plugin folder holding a hostile library and a truncated plugin, none of them used.
fs::path bad_plugin_folder(const ScratchDir& dir) {
  const fs::path folder = dir / "bad-plugins";
  fs::create_directories(folder);
  fs::copy_file(BATCH_TEST_HOSTILE_LIBRARY, folder / "libreportlens-hostile.so");
  fs::copy_file(kMisbehaving, folder / "libreportlens-broken.so");
  fs::resize_file(folder / "libreportlens-broken.so", fs::file_size(kMisbehaving) / 2);
  return folder;
}

}  // namespace

TEST(PluginScope, UnusedLibrariesAreNeverOpenedByRun) {
  ScratchDir dir("plugin-scope");
  make_corpus(dir / "corpus", 3);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path folder = bad_plugin_folder(dir);
  const fs::path mark = dir / "loaded.mark";
  ::setenv("REPORTLENS_HOSTILE_MARK", mark.c_str(), 1);

  const Result plain = run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", dir / "plain.jsonl"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  ::setenv("REPORTLENS_HOSTILE_ABORT", "1", 1);
  const Result with_bad = run_pipeline(
      {"run", yaml, "--plugin-path", folder, "-i", dir / "corpus", "-o", dir / "with-bad.jsonl"});
  const Result check = run_pipeline({"check", yaml, "--plugin-path", folder, "-i", dir / "corpus"});
  ::unsetenv("REPORTLENS_HOSTILE_ABORT");
  EXPECT_EQ(with_bad.code, 0) << with_bad.err;
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_FALSE(fs::exists(mark)) << "run or check loaded a library no stage uses";
  EXPECT_EQ(read_text(dir / "with-bad.jsonl"), read_text(dir / "plain.jsonl"));

  // Listing opens every library: the hostile one runs, the truncated one is refused.
  const Result listed = run_pipeline({"plugins", "--plugin-path", folder});
  ::unsetenv("REPORTLENS_HOSTILE_MARK");
  EXPECT_TRUE(fs::exists(mark)) << "pipeline plugins did not open every library";
  EXPECT_EQ(listed.code, 4) << listed.err;
  EXPECT_NE(listed.out.find("segment"), std::string::npos) << listed.out;
  EXPECT_NE(listed.err.find("libreportlens-broken.so"), std::string::npos) << listed.err;
}

TEST(PluginScope, AStageOutsideItsNamesakeFileIsStillFound) {
  // The misbehaving plugin's stage is `misbehave` in libreportlens-misbehaving.so: no file
  // carries the stage's name, so the loader falls back to opening the path in order.
  ScratchDir dir("plugin-scope-fallback");
  make_corpus(dir / "corpus", 2);
  const fs::path yaml = write_pipeline(dir.path(), "  - use: segment\n  - use: misbehave\n");
  const Result r = run_pipeline({"run", yaml, "--plugin-path", BATCH_TEST_MISBEHAVING_DIR, "-i",
                                 dir / "corpus", "-o", dir / "out.jsonl"});
  EXPECT_EQ(r.code, 0) << r.err;
}
