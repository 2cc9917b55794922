// An input folder with a subfolder the user cannot list: a one-line error naming that folder
// and exit 3 before anything runs, instead of a batch that silently leaves its files out.
// Root reads every folder whatever its mode, so as root the runs drop to `nobody` (setpriv).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

// Runs the pipeline as an unprivileged user; stderr into `err`. Returns the exit code.
int run_unprivileged(const std::string& args, const fs::path& err) {
  std::string command;
  if (::geteuid() == 0) command = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  command += std::string(BATCH_TEST_PIPELINE_EXE) + " " + args + " >/dev/null 2>" + err.string();
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST(BatchInputs, UnreadableSubfolderIsAnErrorNamingIt) {
  if (::geteuid() == 0 && std::system("setpriv --version >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "running as root without setpriv: cannot make a folder unreadable";
  ScratchDir dir("unreadable");
  make_corpus(dir / "corpus", 6);  // group0/, group1/, group2/
  const fs::path yaml = write_pipeline(dir.path());
  fs::create_directories(dir / "out");
  fs::permissions(dir / "out", fs::perms::all);  // the unprivileged run writes here
  const fs::path err = dir / "out/err.txt";
  const std::string args = "run " + yaml.string() + " -i " + (dir / "corpus").string() + " -o " +
                           (dir / "out/result.jsonl").string();
  ASSERT_EQ(run_unprivileged(args, err), 0) << read_text(err);
  fs::remove(dir / "out/result.jsonl");

  fs::permissions(dir / "corpus/group1", fs::perms::none);
  const int code = run_unprivileged(args, err);
  fs::permissions(dir / "corpus/group1", fs::perms::owner_all);  // so that the scratch dir can go
  const std::string message = read_text(err);
  EXPECT_EQ(code, 3) << message;
  EXPECT_NE(message.find("corpus/group1"), std::string::npos) << message;
  EXPECT_NE(message.find("cannot be read"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), message.size() - 1) << "one line: " << message;
  EXPECT_FALSE(fs::exists(dir / "out/result.jsonl")) << "nothing ran";
}
