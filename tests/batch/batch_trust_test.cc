// Which plugin files the loader trusts: never a truncated library (it used to crash every
// command with SIGBUS), never one that group or others can write unless allowed, and the
// build tree's plugin folder only for executables of that build tree.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

const fs::path kPlugin = fs::path(BATCH_TEST_MISBEHAVING_DIR) / "libreportlens-misbehaving.so";

fs::path copy_plugin(const fs::path& dir) {
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  const fs::path to = dir / kPlugin.filename();
  fs::copy_file(kPlugin, to, fs::copy_options::overwrite_existing);
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  return to;
}

}  // namespace

TEST(PluginTrust, TruncatedLibraryIsRefusedNotACrash) {
  ScratchDir dir("trust-trunc");
  const fs::path so = copy_plugin(dir / "plugins");
  fs::resize_file(so, fs::file_size(so) / 2);
  const Result r = run_pipeline({"--plugin-path", (dir / "plugins").string(), "plugins"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(so.string()), std::string::npos) << r.err;
  std::ofstream(so, std::ios::trunc) << "not a library";
  const Result text = run_pipeline({"--plugin-path", (dir / "plugins").string(), "plugins"});
  EXPECT_EQ(text.code, 4) << text.err;
  EXPECT_NE(text.err.find("not a 64-bit ELF shared library"), std::string::npos) << text.err;
}

TEST(PluginTrust, WritableByOthersIsRefusedUnlessAllowed) {
  ScratchDir dir("trust-perm");
  const fs::path so = copy_plugin(dir / "plugins");
  fs::permissions(so, fs::perms::group_write, fs::perm_options::add);
  Result r = run_pipeline({"--plugin-path", (dir / "plugins").string(), "plugins"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("writable by group or others"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(so.string()), std::string::npos) << r.err;
  r = run_pipeline({"--allow-writable-plugins", "--plugin-path", (dir / "plugins").string(), "plugins"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("misbehaving"), std::string::npos) << r.out;

  fs::permissions(so, fs::perms::group_write, fs::perm_options::remove);
  fs::permissions(dir / "plugins", fs::perms::others_write, fs::perm_options::add);
  r = run_pipeline({"--plugin-path", (dir / "plugins").string(), "plugins"});
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_NE(r.err.find("its folder " + (dir / "plugins").string()), std::string::npos) << r.err;
}

TEST(PluginTrust, BuildTreePluginsOnlyForExecutablesOfThatTree) {
  ScratchDir dir("trust-tree");
  // The same executable outside the build tree (its libraries linked in beside it, no plugins).
  const fs::path exe = BATCH_TEST_PIPELINE_EXE;
  fs::create_directories(dir / "bin");
  fs::create_directories(dir / "lib");
  fs::copy_file(exe, dir / "bin/pipeline");
  for (const auto& e : fs::directory_iterator(exe.parent_path().parent_path() / "lib"))
    if (e.is_regular_file() || e.is_symlink()) fs::create_symlink(e.path(), dir / "lib" / e.path().filename());
  const Result inside = run_pipeline({"plugins"});
  ASSERT_EQ(inside.code, 0) << inside.err;
  ASSERT_NE(inside.out.find("segment"), std::string::npos) << inside.out;
  const std::string command = (dir / "bin/pipeline").string() + " plugins > " + (dir / "out.txt").string() + " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << read_text(dir / "out.txt");
  EXPECT_EQ(read_text(dir / "out.txt").find("libreportlens-segment"), std::string::npos) << read_text(dir / "out.txt");
}
