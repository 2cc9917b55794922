#include "panel_chart_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include "reportlens/stage.h"

namespace reportlens::panel {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error = errno) {
  throw StageError("panel charts: " + what + " " + path.string() + ": " + std::strerror(error));
}

// Syncs the file system holding `dir` once: the pages are on disk before the rename
// publishes them.
void sync_once(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", dir);
  const int rc = ::syncfs(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) fail("cannot sync", dir, error);
}

// Puts `staged` at `dir`: an exchange when `dir` exists (the old set ends up at `staged`
// and is removed), else a rename. File systems without exchange get two renames.
void swap_in(const fs::path& staged, const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (std::rename(staged.c_str(), dir.c_str()) != 0) fail("cannot rename to", dir);
    return;
  }
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS) fail("cannot replace", dir);
    const fs::path old = staged.string() + ".old";
    if (std::rename(dir.c_str(), old.c_str()) != 0) fail("cannot move aside", dir);
    if (std::rename(staged.c_str(), dir.c_str()) != 0) fail("cannot rename to", dir);
    fs::remove_all(old, ec);
    return;
  }
  fs::remove_all(staged, ec);  // now the previous set
}

}  // namespace

void publish_chart_folder(const fs::path& given, const ChartFiles& files) {
  // out/charts/ names the folder out/charts: its temporary sibling must be beside it.
  const fs::path dir = given.has_filename() ? given : given.parent_path();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw StageError("panel charts: " + dir.string() + " exists and is not a folder");
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  const fs::path staged = parent / ("." + dir.filename().string() + ".tmp-" + std::to_string(::getpid()));
  fs::remove_all(staged, ec);
  if (!fs::create_directory(staged, ec)) fail("cannot create", staged, ec.value());
  try {
    for (const auto& [name, content] : files) {
      std::ofstream out(staged / name, std::ios::binary);
      out.write(content.data(), static_cast<std::streamsize>(content.size()));
      out.close();
      if (!out) fail("cannot write", staged / name);
    }
    sync_once(staged);
    swap_in(staged, dir);
  } catch (...) {
    fs::remove_all(staged, ec);
    throw;
  }
}

}  // namespace reportlens::panel
