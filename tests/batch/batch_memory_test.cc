// Memory per document (docs/batch.md, "Memory per document"): line-rich text, where every
// short line is a paragraph, a sentence and a quantity, is the worst case the stages know.
// The documented bound is checked on such a generated document (peak RSS of the run and its
// workers, from wait4, above the same run on a one-line document), and a document that
// outgrows --doc-memory fails alone with one line naming it and the limit.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "batch_test_support.h"

using namespace batchtest;

namespace {

// The bound docs/batch.md gives: a document's worker and the run's own process each grow by
// at most this many times the input's size (plus what the run holds without any document).
constexpr double kBytesPerInputByte = 160;

const std::string kExtractStages = "  - use: segment\n  - use: numbers\n  - use: indicators\n  - use: entities\n";

fs::path line_rich(const fs::path& dir, int lines) {
  fs::create_directories(dir);
  std::ofstream out(dir / "lines.txt", std::ios::binary);
  for (int i = 0; i < lines; ++i) out << "增长" << (i % 9) + 1 << "." << i % 10 << "%\n";
  return dir / "lines.txt";
}

struct Measured {
  int code = -1;
  long peak_kib = 0;  // the largest peak RSS of the run and of any worker it waited for
};

Measured run_measured(const std::vector<std::string>& args, const fs::path& err) {
  const pid_t pid = start_pipeline(args, err);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), usage.ru_maxrss};
}

}  // namespace

TEST(BatchMemory, LineRichDocumentStaysWithinTheDocumentedBound) {
  ScratchDir dir("mem-bound");
  const fs::path yaml = write_pipeline(dir.path(), kExtractStages);
  const fs::path small = line_rich(dir / "small", 1);
  const fs::path big = line_rich(dir / "big", 20000);
  const auto bytes = static_cast<double>(fs::file_size(big));
  for (const std::string isolation : {"--isolate", "--no-isolate"}) {
    const auto measure = [&](const fs::path& input, const std::string& name) {
      const fs::path out = dir / (name + isolation + ".jsonl");
      const Measured m = run_measured({"run", yaml.string(), "-i", input.string(), "-o", out.string(), "-j", "1",
                                       "--no-progress", isolation},
                                      dir / "err.txt");
      EXPECT_EQ(m.code, 0) << read_text(dir / "err.txt");
      return m.peak_kib;
    };
    const long base = measure(small, "small");
    const long peak = measure(big, "big");
    const double per_byte = static_cast<double>(peak - base) * 1024 / bytes;
    EXPECT_LE(per_byte, kBytesPerInputByte)
        << isolation << ": " << base << " KiB for one line, " << peak << " KiB for " << bytes << " bytes of lines";
    std::cerr << isolation << ": " << per_byte << " bytes per input byte (" << base << " -> " << peak << " KiB)\n";
  }
}

TEST(BatchMemory, DocumentOverDocMemoryFailsAloneNamingTheLimit) {
  ScratchDir dir("mem-refuse");
  // Without the indicators, whose time grows faster than the text (docs/batch.md), so that a
  // document can need well over the ~64 MB a worker's malloc arena has reserved before the
  // limit is set (the limit counts address space, which growing inside that reserve does not
  // take): ~150 MB here.
  const fs::path yaml = write_pipeline(dir.path(), "  - use: segment\n  - use: numbers\n  - use: entities\n");
  const fs::path big = line_rich(dir / "corpus", 60000);
  const fs::path out = dir / "out.jsonl";
  // 1 MiB is less than the worker inherits, so its first allocation of fresh address space fails.
  const Result r = run_pipeline({"run", yaml.string(), "-i", big.string(), "-o", out.string(), "--no-progress",
                                 "--doc-memory", "1M"});
  EXPECT_EQ(r.code, 5) << r.err;
  std::ifstream in(out);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  const auto record = nlohmann::json::parse(line);
  EXPECT_EQ(record.at("status"), "failed");
  const std::string message = record.at("error").at("message");
  EXPECT_NE(message.find("lines.txt"), std::string::npos) << message;
  EXPECT_NE(message.find("needs more memory than --doc-memory 1 MiB"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  // The same line on stderr.
  EXPECT_NE(r.err.find("--doc-memory 1 MiB"), std::string::npos) << r.err;
}
