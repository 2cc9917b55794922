// Finding, loading and checking plugins, and creating their stages.
//
// Discovery order: --plugin-path entries, REPORTLENS_PLUGIN_PATH, the install prefix
// (<bin>/../lib/reportlens/plugins) and the build tree. A plugin name found twice is taken
// from the first place (like PATH); two different plugins claiming one stage name is an
// error naming both files. `run` and `check` open only the plugins their stages need
// (discover_stages); `pipeline plugins` opens all. Every refused file is recorded with its reason; nothing is
// skipped silently. Loaded libraries are never unloaded while the process lives.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "output/table_projection.h"
#include "reportlens/abi.h"
#include "reportlens/stage.h"

namespace reportlens {

struct LoadedPlugin;

struct StageHandle {
  const reportlens_stage_info* info = nullptr;
  const LoadedPlugin* plugin = nullptr;
  std::string name;
  bool corpus = false;
  bool grouped = false;  // a streaming corpus stage (GroupedCorpusStage): the grouped calls below work
  std::vector<std::string> consumes;
  std::vector<std::string> produces;
  std::vector<std::string> meta_consumes;  // document meta keys it reads (ABI minor 2)
  std::vector<std::string> meta_produces;  // and sets
  std::vector<Projection> projections;     // how its annotation types become table columns
  bool line_break_rules = false;           // supplies LineBreakRules (ABI minor 3)
  Json schema;
};

struct LoadedPlugin {
  std::filesystem::path file;
  std::string name, version, description, license, build_key;
  unsigned abi_major = 0, abi_minor = 0;
  std::filesystem::path data_dir;
  std::vector<StageHandle> stages;
};

struct PluginRejection {
  std::filesystem::path file;
  std::string reason;  // one line: what was found, what was expected, the fix
};

class PluginRegistry {
 public:
  // The directories (or .so files) to search, in order.
  static std::vector<std::filesystem::path> search_path(const std::vector<std::string>& extra);
  // Load plugin files (or plugins in folders) that group or others may write (refused by
  // default; also REPORTLENS_ALLOW_WRITABLE_PLUGINS=1).
  static void allow_writable(bool allow);

  // Loads every libreportlens-*.so in `places` (directories) or the files named.
  void discover(const std::vector<std::filesystem::path>& places);
  // Loads only what provides `stages` (a pipeline's `use:` names): for each name S the first
  // libreportlens-S.so along `places`; a stage still missing after that makes the other
  // plugin files load in path order until every stage is found. A library no stage needs is
  // never opened, so its constructors never run and its refusal does not stop the pipeline.
  void discover_stages(const std::vector<std::filesystem::path>& places, const std::vector<std::string>& stages);

  const std::vector<std::unique_ptr<LoadedPlugin>>& plugins() const { return plugins_; }
  const std::vector<PluginRejection>& rejections() const { return rejections_; }
  const StageHandle* find_stage(const std::string& name) const;
  const LoadedPlugin* find_plugin(const std::string& name) const;
  // Throws HostError(kPluginLoad) listing every rejection, one per line.
  void throw_if_rejected() const;

 private:
  static std::vector<std::filesystem::path> plugin_files(const std::vector<std::filesystem::path>& places);
  void load_file(const std::filesystem::path& file);
  std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
  std::vector<PluginRejection> rejections_;
};

// A created stage. Failures of create/run come back as StageError with the plugin's text.
class StageInstance {
 public:
  StageInstance(const StageHandle& handle, const StageContext& context);
  ~StageInstance();
  StageInstance(const StageInstance&) = delete;
  StageInstance& operator=(const StageInstance&) = delete;

  void run(Document& document) const;
  void run(Corpus& corpus) const;
  // A grouped corpus stage's calls (stage.h, GroupedCorpusStage), in the order the runner makes them.
  Grouping grouping() const;
  GroupPlace place(const Document& document) const;
  void begin(Corpus& corpus) const;
  void run(const CorpusGroup& group, Corpus& corpus) const;
  void finish(Corpus& corpus) const;
  // The words it wants the normaliser to keep line breaks at (text.h); empty if it supplies none.
  LineBreakRules line_break_rules() const;
  const StageHandle& handle() const { return handle_; }

 private:
  void grouped(int op, void* target) const;
  const StageHandle& handle_;
  void* stage_ = nullptr;
};

// The LineBreakRules of a run: what its stages supply, merged in pipeline order. Every Document of
// the run is built with them (before any stage runs, so a stage's data shapes the normalised
// view every stage reads).
LineBreakRules collect_line_break_rules(const std::vector<std::unique_ptr<StageInstance>>& document_stages,
                                        const std::vector<std::unique_ptr<StageInstance>>& corpus_stages = {});

// The build key of this host, for messages and `pipeline --version`.
const char* host_build_key();

}  // namespace reportlens
