#include "batch_test_support.h"

#include "output/output_sqlite_sqlar.h"
#include "plugins/plugin_registry.h"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace batchtest {

ScratchDir::ScratchDir(const std::string& name) {
  path_ = fs::temp_directory_path() / ("reportlens-batch-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  if (!std::getenv("BATCH_TEST_KEEP")) fs::remove_all(path_, ec);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> make_corpus(const fs::path& dir, int count, int per_document) {
  const std::string seed = read_text(fs::path(BATCH_TEST_SOURCE_DIR) / "corpus/tiexi/2022-plan-report.txt");
  std::vector<std::string> paragraphs;
  std::istringstream lines(seed);
  for (std::string line; std::getline(lines, line);)
    if (line.size() > 30) paragraphs.push_back(line);
  if (paragraphs.empty()) throw std::runtime_error("seed report not found");
  std::vector<fs::path> files;
  std::uint64_t state = 42;
  const auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33);
  };
  for (int i = 0; i < count; ++i) {
    const fs::path file = dir / ("group" + std::to_string(i % 4)) / ("doc" + std::to_string(1000 + i) + ".txt");
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << "第" << i << "号报告\n";
    for (int k = 0; k < per_document; ++k) out << paragraphs[next() % paragraphs.size()] << "\n";
    files.push_back(file);
  }
  std::sort(files.begin(), files.end());
  return files;
}

fs::path write_pipeline(const fs::path& dir, const std::string& stages) {
  const fs::path file = dir / "batch.yaml";
  std::ofstream(file) << "name: batch-test\nstages:\n" << stages;
  return file;
}

namespace {
std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}
}  // namespace

pid_t start_pipeline(const std::vector<std::string>& args, const fs::path& stderr_file) {
  std::vector<std::string> all{BATCH_TEST_PIPELINE_EXE};
  all.insert(all.end(), args.begin(), args.end());
  auto argv = argv_of(all);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const std::string err = stderr_file.empty() ? std::string("/dev/null") : stderr_file.string();
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, all[0].c_str(), &actions, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start " + all[0]);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

Result run_pipeline(const std::vector<std::string>& args) {
  static int counter = 0;
  const fs::path base = fs::temp_directory_path() /
                        ("reportlens-batch-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string out = base.string() + ".out", err = base.string() + ".err";
  std::vector<std::string> all{BATCH_TEST_PIPELINE_EXE};
  all.insert(all.end(), args.begin(), args.end());
  auto argv = argv_of(all);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, all[0].c_str(), &actions, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start " + all[0]);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  ::waitpid(pid, &status, 0);
  Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_text(out);
  r.err = read_text(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

std::vector<std::string> query(const fs::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + database.string());
  }
  sqlite3_busy_timeout(db, 5000);
  reportlens::sqlite::register_sqlar_functions(db);  // the views over the compressed texts need it
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    const std::string e = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(e + " in " + sql);
  }
  std::vector<std::string> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      if (c) row += '\t';
      const auto* t = sqlite3_column_text(stmt, c);
      row += t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

std::vector<std::string> dump_results(const fs::path& database) {
  std::vector<std::string> all;
  std::vector<std::string> sqls{
      "SELECT doc_id, id, seq, source, sha256, pipeline_hash, result_key, status, region, report_year, kind, "
      "meta FROM documents ORDER BY doc_id",
      "SELECT * FROM annotations ORDER BY annotation_id"};
  // Every table the stages' projections made (indicators, entities ...), in schema order.
  for (const auto& table : query(database, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                                           "('runs', 'documents', 'annotation_shapes', 'annotation_sets', 'document_blobs', "
                                           "'comparisons', 'targets', 'errors') ORDER BY rowid"))
    sqls.push_back("SELECT * FROM \"" + table + "\" ORDER BY annotation_id");
  sqls.push_back("SELECT * FROM errors ORDER BY error_id");
  sqls.push_back("SELECT * FROM document_texts ORDER BY doc_id");
  for (const auto& sql : sqls) {
    for (auto& row : query(database, sql)) all.push_back(std::move(row));
    all.push_back("--");
  }
  return all;
}

reportlens::ProjectionsPtr fact_projections() {
  static const reportlens::ProjectionsPtr loaded = [] {
    reportlens::PluginRegistry registry;
    registry.discover_stages(reportlens::PluginRegistry::search_path({}), {"indicators", "entities"});
    std::vector<reportlens::Projection> all;
    for (const char* stage : {"indicators", "entities"})
      if (const auto* h = registry.find_stage(stage)) all.insert(all.end(), h->projections.begin(), h->projections.end());
    return std::make_shared<const reportlens::Projections>(std::move(all));
  }();
  return loaded;
}

}  // namespace batchtest
