#include "output/output_run_log.h"

#include <chrono>
#include <ctime>
#include <fstream>

#include "util/atomic_file.h"
#include "run/errors.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

void append_line(const fs::path& file, const Json& line) {
  std::ofstream out(file, std::ios::app | std::ios::binary);
  out << line.dump() << '\n';
  out.flush();
  if (!out) throw HostError(ExitCode::kOutput, file.string() + ": cannot write the run log");
}

}  // namespace

fs::path run_log_path(const fs::path& store) { return fs::path(store.string() + ".runs"); }

void RunLog::start(const RunIdentity& run) {
  line_ = {{"shard", run.shard}, {"status", "running"}, {"started_at", utc_now()},
           {"pipeline_hash", run.pipeline_hash}};
  if (!fresh_) append_line(run_log_path(store_), line_);
}

void RunLog::end(const Json& summary) {
  line_["status"] = summary.value("status", "complete");
  line_["not_run"] = summary.value("not_run", 0LL);
  line_["finished_at"] = utc_now();
  for (const char* key : {"documents", "failed", "skipped"}) line_[key] = summary.value(key, 0LL);
  if (fresh_) write_file_atomically(run_log_path(store_), line_.dump() + "\n");
  else append_line(run_log_path(store_), line_);
}

std::optional<RunState> read_last_run(const fs::path& store) {
  std::ifstream in(run_log_path(store), std::ios::binary);
  if (!in) return std::nullopt;
  std::optional<RunState> last;
  for (std::string text; std::getline(in, text);) {
    const Json line = Json::parse(text, nullptr, false);
    if (line.is_discarded() || !line.is_object()) continue;  // a torn line of a killed run
    last = RunState{line.value("shard", ""), line.value("status", "running"), line.value("not_run", 0LL),
                    line.value("started_at", "")};
  }
  return last;
}

}  // namespace reportlens
