// The host's side of libreportlens-readers.so (binary_readers.h): pdf_to_text, docx_to_text
// and zip_holds_word_document load the library on first use, from the folder of
// libreportlens-core.so (build/lib in the build tree, the library folder once installed).
#include <dlfcn.h>
#include <link.h>

#include <filesystem>
#include <mutex>
#include <new>

#include "input/binary_readers.h"
#include "input/docx_text.h"
#include "input/pdf_text.h"
#include "run/errors.h"

namespace reportlens {
namespace {

// The folder of the core library already loaded in this process.
std::filesystem::path core_library_folder() {
  void* core = ::dlopen(REPORTLENS_CORE_SONAME, RTLD_LAZY | RTLD_NOLOAD);
  if (core == nullptr) return {};
  const link_map* map = nullptr;
  const bool found = ::dlinfo(core, RTLD_DI_LINKMAP, &map) == 0 && map != nullptr && map->l_name != nullptr;
  std::filesystem::path folder = found ? std::filesystem::path(map->l_name).parent_path() : std::filesystem::path();
  ::dlclose(core);
  return folder;
}

// The table, or the reason it is missing; loaded once per process (and kept: a worker
// process forked after the load inherits it).
struct Loaded {
  const binary_readers::Table* table = nullptr;
  std::string error;
};

Loaded load() {
  const std::filesystem::path folder = core_library_folder();
  if (folder.empty()) return {nullptr, std::string("the folder of ") + REPORTLENS_CORE_SONAME + " was not found"};
  const std::filesystem::path library = folder / binary_readers::kLibrary;
  void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return {nullptr, ::dlerror()};
  using Entry = const binary_readers::Table* (*)();
  const auto entry = reinterpret_cast<Entry>(::dlsym(handle, binary_readers::kEntry));
  const binary_readers::Table* table = entry ? entry() : nullptr;
  if (table == nullptr || table->version != binary_readers::kVersion)
    return {nullptr, library.string() + " is from another build (no " + binary_readers::kEntry + " of version " +
                         std::to_string(binary_readers::kVersion) + "); rebuild or reinstall reportlens"};
  return {table, ""};
}

const binary_readers::Table& readers(const std::string& file) {
  static const Loaded loaded = load();
  if (loaded.table == nullptr)
    throw HostError(ExitCode::kInput, file + ": the PDF and DOCX reader library could not be loaded: " + loaded.error);
  return *loaded.table;
}

void raise(const binary_readers::Outcome& outcome) {
  if (outcome.code == 0) return;
  if (outcome.code == binary_readers::Outcome::kBadAlloc) throw std::bad_alloc();
  if (outcome.code == binary_readers::Outcome::kOther) throw std::runtime_error(outcome.message);
  throw HostError(static_cast<ExitCode>(outcome.code), outcome.message);
}

}  // namespace

ExtractedText pdf_to_text(const std::string& bytes, const std::string& file) {
  ExtractedText out;
  raise(readers(file).pdf_text(bytes, file, out));
  return out;
}

ExtractedText docx_to_text(const std::string& bytes, const std::string& file) {
  ExtractedText out;
  raise(readers(file).docx_text(bytes, file, out));
  return out;
}

bool zip_holds_word_document(const std::string& path) {
  bool holds = false;
  raise(readers(path).zip_holds_word_document(path, holds));
  return holds;
}

}  // namespace reportlens
