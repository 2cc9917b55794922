#include "plugins/plugin_registry.h"

#include <elf.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fstream>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include <dlfcn.h>

#include "run/errors.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// Libraries stay loaded until the process exits: objects, exceptions and type info from a
// plugin may outlive any handle we hold (see docs/architecture.md, "Lifetime").
std::vector<boost::dll::shared_library>& keep_loaded() {
  static auto* libraries = new std::vector<boost::dll::shared_library>();
  return *libraries;
}

std::vector<std::string> split_list(const char* text) {
  std::vector<std::string> out;
  std::string item;
  for (const char* p = text ? text : ""; ; ++p) {
    if (*p == ',' || *p == '\0') {
      const auto b = item.find_first_not_of(' ');
      const auto e = item.find_last_not_of(' ');
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      item.clear();
      if (*p == '\0') break;
    } else {
      item += *p;
    }
  }
  return out;
}

bool is_plugin_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.rfind("libreportlens-", 0) == 0 && p.extension() == ".so" &&
         name != "libreportlens-core.so";
}

}  // namespace

const char* host_build_key() { return REPORTLENS_BUILD_KEY; }

namespace {

bool& allow_writable_flag() {
  static bool allow = std::getenv("REPORTLENS_ALLOW_WRITABLE_PLUGINS") != nullptr;
  return allow;
}

// True when `exe` lies inside the build tree the plugin folder was built in (the folder's
// nearest ancestor holding CMakeCache.txt).
bool runs_from_build_tree(const fs::path& exe) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(REPORTLENS_BUILD_PLUGIN_DIR, ec);
  while (!root.empty() && root != root.root_path() && !fs::exists(root / "CMakeCache.txt", ec))
    root = root.parent_path();
  if (root.empty() || root == root.root_path()) return false;
  const fs::path self = fs::weakly_canonical(exe, ec);
  const auto rel = self.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

// Why a plugin file must not be loaded ("" if it may): writable by others (anyone who can
// change it runs code in every pipeline), or not a complete 64-bit ELF shared object.
std::string unsafe_to_load(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::string("cannot stat: ") + std::strerror(errno);
  struct stat dir {};
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (!allow_writable_flag()) {
    if (st.st_mode & (S_IWGRP | S_IWOTH))
      return "the file is writable by group or others (chmod go-w " + file.string() +
             ", or --allow-writable-plugins)";
    if (::stat(folder.c_str(), &dir) == 0 && (dir.st_mode & (S_IWGRP | S_IWOTH)))
      return "its folder " + folder.string() + " is writable by group or others (chmod go-w " + folder.string() +
             ", or --allow-writable-plugins)";
  }
  Elf64_Ehdr eh {};
  std::ifstream in(file, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(&eh), sizeof eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_DYN)
    return "not a 64-bit ELF shared library";
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff + std::uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr) > size)
    return "truncated or damaged ELF file (program headers past its end, " + std::to_string(size) + " bytes)";
  in.seekg(static_cast<std::streamoff>(eh.e_phoff));
  for (int i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph {};
    if (!in.read(reinterpret_cast<char*>(&ph), sizeof ph)) return "truncated ELF file";
    if (ph.p_type == PT_LOAD && ph.p_offset + ph.p_filesz > size)
      return "truncated ELF file (a segment ends past its " + std::to_string(size) + " bytes); reinstall or rebuild it";
  }
  return "";
}

}  // namespace

std::vector<fs::path> PluginRegistry::search_path(const std::vector<std::string>& extra) {
  std::vector<fs::path> places;
  const auto add_list = [&](const std::string& list) {
    std::string item;
    for (char ch : list + ":") {
      if (ch == ':') {
        if (!item.empty()) places.emplace_back(item);
        item.clear();
      } else {
        item += ch;
      }
    }
  };
  for (const auto& e : extra) add_list(e);
  if (const char* env = std::getenv("REPORTLENS_PLUGIN_PATH")) add_list(env);
  if (std::getenv("REPORTLENS_DISABLE_DEFAULT_PLUGINS") == nullptr) {
    boost::system::error_code ec;
    const fs::path exe = boost::dll::program_location(ec).string();
    if (!ec) places.push_back(exe.parent_path().parent_path() / REPORTLENS_INSTALL_PLUGIN_SUBDIR);
    // The build tree's plugins only for executables of that build tree: an installed binary
    // must not load what is dropped into a developer's (or a deleted) build folder.
    if (!ec && runs_from_build_tree(exe)) places.emplace_back(REPORTLENS_BUILD_PLUGIN_DIR);
  }
  // The same directory named twice is searched once.
  std::vector<fs::path> unique;
  std::set<fs::path> seen;
  for (const auto& p : places) {
    std::error_code ec;
    const fs::path canon = fs::weakly_canonical(p, ec);
    if (seen.insert(ec ? p : canon).second) unique.push_back(ec ? p : canon);
  }
  return unique;
}

std::vector<fs::path> PluginRegistry::plugin_files(const std::vector<fs::path>& places) {
  std::vector<fs::path> all;
  for (const auto& place : places) {
    std::error_code ec;
    if (fs::is_regular_file(place, ec)) {
      all.push_back(place);
      continue;
    }
    if (!fs::is_directory(place, ec)) {
      spdlog::debug("plugin path entry {} does not exist", place.string());
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(place, ec))
      if (entry.is_regular_file() && is_plugin_file(entry.path())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    all.insert(all.end(), files.begin(), files.end());
  }
  return all;
}

void PluginRegistry::discover(const std::vector<fs::path>& places) {
  for (const auto& f : plugin_files(places)) load_file(f);
}

void PluginRegistry::discover_stages(const std::vector<fs::path>& places, const std::vector<std::string>& stages) {
  const std::vector<fs::path> files = plugin_files(places);
  std::vector<bool> opened(files.size(), false);
  const auto open = [&](std::size_t i) {
    if (!opened[i]) load_file(files[i]);
    opened[i] = true;
  };
  const auto all_found = [&] {
    return std::all_of(stages.begin(), stages.end(), [&](const std::string& s) { return find_stage(s) != nullptr; });
  };
  for (const auto& stage : stages) {
    if (find_stage(stage) != nullptr) continue;
    const std::string wanted = "libreportlens-" + stage + ".so";
    for (std::size_t i = 0; i < files.size(); ++i)
      if (files[i].filename() == wanted) {
        open(i);
        break;
      }
  }
  for (std::size_t i = 0; i < files.size() && !all_found(); ++i) open(i);
}

void PluginRegistry::allow_writable(bool allow) { allow_writable_flag() = allow; }

void PluginRegistry::load_file(const fs::path& file) {
  const std::string where = file.string();
  const auto reject = [&](std::string reason) {
    spdlog::debug("refused plugin {}: {}", where, reason);
    rejections_.push_back({file, std::move(reason)});
  };
  // Checked before dlopen: loading runs the library's constructors, and mapping a truncated
  // file crashes the process (SIGBUS) instead of failing.
  if (std::string why = unsafe_to_load(file); !why.empty()) {
    reject(where + ": " + why);
    return;
  }
  boost::dll::shared_library lib;
  boost::system::error_code ec;
  lib.load(boost::dll::fs::path(where), boost::dll::load_mode::default_mode, ec);
  if (ec) {
    const char* why = ::dlerror();
    reject(where + ": cannot load the library: " + (why ? why : ec.message()) +
           "; check that its dependencies are installed (ldd " + where + ")");
    return;
  }
  if (!lib.has(REPORTLENS_ENTRY_POINT)) {
    reject(where + ": not a reportlens plugin: entry point '" REPORTLENS_ENTRY_POINT
           "' not found; build it with reportlens_add_plugin() and declare it with "
           "REPORTLENS_PLUGIN(...)");
    return;
  }
  using EntryFn = const reportlens_plugin_info*();
  const reportlens_plugin_info* info = nullptr;
  try {
    info = lib.get_alias<EntryFn>(REPORTLENS_ENTRY_POINT)();
  } catch (const std::exception& e) {
    reject(where + ": entry point '" REPORTLENS_ENTRY_POINT "' failed: " + e.what());
    return;
  }
  keep_loaded().push_back(lib);
  if (info == nullptr || info->struct_size < sizeof(reportlens_plugin_info)) {
    reject(where + ": the plugin descriptor is missing or truncated; rebuild against this SDK");
    return;
  }
  const std::string abi = std::to_string(info->abi_major) + "." + std::to_string(info->abi_minor);
  const std::string host_abi = std::to_string(REPORTLENS_ABI_MAJOR) + ".0-" +
                               std::to_string(REPORTLENS_ABI_MAJOR) + "." +
                               std::to_string(REPORTLENS_ABI_MINOR);
  if (info->abi_major != REPORTLENS_ABI_MAJOR || info->abi_minor > REPORTLENS_ABI_MINOR) {
    reject(where + ": plugin ABI " + abi + ", host supports " + host_abi +
           "; rebuild the plugin against this reportlens SDK");
    return;
  }
  const std::string key = info->build_key ? info->build_key : "";
  if (key != host_build_key()) {
    reject(where + ": built as '" + key + "', host is '" + host_build_key() +
           "'; rebuild the plugin with the same compiler, standard library, build type, "
           "Boost and ICU as the host");
    return;
  }
  const std::string name = info->name ? info->name : "";
  if (name.empty() || info->stages == nullptr) {
    reject(where + ": the plugin descriptor has no name or no stages");
    return;
  }
  if (const LoadedPlugin* same = find_plugin(name)) {
    spdlog::debug("plugin '{}' at {} is shadowed by {}", name, where, same->file.string());
    return;
  }

  auto plugin = std::make_unique<LoadedPlugin>();
  plugin->file = file;
  plugin->name = name;
  plugin->version = info->version ? info->version : "";
  plugin->description = info->description ? info->description : "";
  plugin->license = info->license ? info->license : "";
  plugin->build_key = key;
  plugin->abi_major = info->abi_major;
  plugin->abi_minor = info->abi_minor;
  plugin->data_dir = file.parent_path() / "data" / name;
  // The stages array of an older plugin has elements of its own (smaller) size: step by the
  // size its first element gives, and read no field past struct_size.
  const std::size_t stride = info->stage_count > 0 ? info->stages[0].struct_size : 0;
  for (uint32_t i = 0; i < info->stage_count; ++i) {
    const auto& s = *reinterpret_cast<const reportlens_stage_info*>(
        reinterpret_cast<const char*>(info->stages) + std::size_t{i} * stride);
    const auto has = [&](std::size_t offset, std::size_t size) { return s.struct_size >= offset + size; };
    // Minor 0 descriptors end before `grouped`: they are complete without it.
    if (stride < offsetof(reportlens_stage_info, grouped) || s.struct_size != stride || !s.name || !s.create ||
        !s.run || !s.destroy) {
      reject(where + ": stage " + std::to_string(i) + " has an incomplete descriptor");
      return;
    }
    StageHandle h;
    h.info = &s;
    h.plugin = plugin.get();
    h.name = s.name;
    h.corpus = s.kind == REPORTLENS_CORPUS_STAGE;
    h.grouped = h.corpus && has(offsetof(reportlens_stage_info, grouped), sizeof s.grouped) &&
                s.grouped != nullptr;
    h.consumes = split_list(s.consumes);
    h.produces = split_list(s.produces);
    // Minor 2: meta keys and table projections (absent before: nothing declared).
    if (has(offsetof(reportlens_stage_info, meta_produces), sizeof s.meta_produces)) {
      h.meta_consumes = split_list(s.meta_consumes);
      h.meta_produces = split_list(s.meta_produces);
      try {
        h.projections = parse_projections(h.name, s.projections);
      } catch (const std::exception& e) {
        reject(where + ": " + e.what());
        return;
      }
      for (const auto& p : h.projections)
        if (std::find(h.produces.begin(), h.produces.end(), p.type) == h.produces.end()) {
          reject(where + ": stage '" + h.name + "' projects annotation type '" + p.type + "', which it does not produce");
          return;
        }
    }
    // Minor 3: the line-break rules it supplies (absent before: none).
    h.line_break_rules = has(offsetof(reportlens_stage_info, line_break_rules), sizeof s.line_break_rules) &&
                         s.line_break_rules != nullptr;
    try {
      h.schema = Json::parse(s.settings_schema && *s.settings_schema ? s.settings_schema : "{}");
    } catch (const std::exception& e) {
      reject(where + ": stage '" + h.name + "' has an invalid settings schema: " + e.what());
      return;
    }
    if (const StageHandle* other = find_stage(h.name)) {
      reject("stage '" + h.name + "' is provided by both " + other->plugin->file.string() +
             " and " + where + "; remove one of them from the plugin path");
      return;
    }
    plugin->stages.push_back(std::move(h));
  }
  plugins_.push_back(std::move(plugin));
}

const StageHandle* PluginRegistry::find_stage(const std::string& name) const {
  for (const auto& p : plugins_)
    for (const auto& s : p->stages)
      if (s.name == name) return &s;
  return nullptr;
}

const LoadedPlugin* PluginRegistry::find_plugin(const std::string& name) const {
  for (const auto& p : plugins_)
    if (p->name == name) return p.get();
  return nullptr;
}

void PluginRegistry::throw_if_rejected() const {
  if (rejections_.empty()) return;
  std::string message;
  for (const auto& r : rejections_) message += (message.empty() ? "" : "\n") + r.reason;
  throw HostError(ExitCode::kPluginLoad, message);
}

StageInstance::StageInstance(const StageHandle& handle, const StageContext& context)
    : handle_(handle) {
  char error[2048] = {0};
  stage_ = handle.info->create(&context, error, sizeof error);
  if (stage_ == nullptr)
    throw StageError("stage '" + handle.name + "' could not be created: " +
                     (error[0] ? error : "no reason given"));
}

StageInstance::~StageInstance() {
  if (stage_ != nullptr) handle_.info->destroy(stage_);
}

void StageInstance::run(Document& document) const {
  char error[2048] = {0};
  if (handle_.info->run(stage_, &document, error, sizeof error) != 0)
    throw StageError(error[0] ? error : "failed without a message");
}

void StageInstance::run(Corpus& corpus) const {
  char error[2048] = {0};
  if (handle_.info->run(stage_, &corpus, error, sizeof error) != 0)
    throw StageError(error[0] ? error : "failed without a message");
}

void StageInstance::grouped(int op, void* target) const {
  if (!handle_.grouped) throw StageError("stage '" + handle_.name + "' is not a grouped corpus stage");
  char error[2048] = {0};
  if (handle_.info->grouped(stage_, op, target, error, sizeof error) != 0)
    throw StageError(error[0] ? error : "failed without a message");
}

Grouping StageInstance::grouping() const {
  Grouping g;
  grouped(REPORTLENS_GROUPED_GROUPING, &g);
  return g;
}

GroupPlace StageInstance::place(const Document& document) const {
  detail::PlaceCall call{&document, {}};
  grouped(REPORTLENS_GROUPED_PLACE, &call);
  return call.place;
}

void StageInstance::begin(Corpus& corpus) const { grouped(REPORTLENS_GROUPED_BEGIN, &corpus); }

void StageInstance::run(const CorpusGroup& group, Corpus& corpus) const {
  detail::GroupCall call{&group, &corpus};
  grouped(REPORTLENS_GROUPED_GROUP, &call);
}

void StageInstance::finish(Corpus& corpus) const { grouped(REPORTLENS_GROUPED_FINISH, &corpus); }

LineBreakRules StageInstance::line_break_rules() const {
  LineBreakRules rules;
  if (!handle_.line_break_rules) return rules;
  char error[2048] = {0};
  if (handle_.info->line_break_rules(stage_, &rules, error, sizeof error) != 0)
    throw StageError("stage '" + handle_.name + "' could not give its line-break rules: " +
                     (error[0] ? error : "no reason given"));
  return rules;
}

LineBreakRules collect_line_break_rules(const std::vector<std::unique_ptr<StageInstance>>& document_stages,
                                        const std::vector<std::unique_ptr<StageInstance>>& corpus_stages) {
  LineBreakRules rules;
  for (const auto* stages : {&document_stages, &corpus_stages})
    for (const auto& stage : *stages) rules.merge(stage->line_break_rules());
  return rules;
}

}  // namespace reportlens
