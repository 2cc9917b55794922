#include "reportlens/testing.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "input/decode.h"
#include "input/html_text.h"
#include "plugins/plugin_registry.h"
#include "output/result_writer.h"

namespace reportlens::testing {
namespace {

// One registry per process: plugins stay loaded anyway.
const PluginRegistry& registry(const std::vector<std::string>& plugin_paths) {
  static std::map<std::vector<std::string>, std::unique_ptr<PluginRegistry>> cache;
  auto& slot = cache[plugin_paths];
  if (!slot) {
    slot = std::make_unique<PluginRegistry>();
    slot->discover(PluginRegistry::search_path(plugin_paths));
  }
  return *slot;
}

std::vector<std::unique_ptr<StageInstance>> make_stages(const std::vector<StageRun>& stages,
                                                        const std::vector<std::string>& paths,
                                                        std::vector<StageContext>& contexts) {
  const PluginRegistry& r = registry(paths);
  contexts.reserve(stages.size());
  std::vector<std::unique_ptr<StageInstance>> out;
  for (const auto& s : stages) {
    const StageHandle* h = r.find_stage(s.stage);
    if (h == nullptr) throw std::runtime_error("no stage named '" + s.stage + "' was found");
    StageContext ctx;
    const Json props = h->schema.value("properties", Json::object());
    for (const auto& [k, v] : props.items())
      if (v.contains("default")) ctx.settings[k] = v["default"];
    for (const auto& [k, v] : s.settings.items()) ctx.settings[k] = v;
    ctx.pipeline_dir = std::filesystem::current_path();
    ctx.data_dir = h->plugin->data_dir;
    contexts.push_back(ctx);
    out.push_back(std::make_unique<StageInstance>(*h, contexts.back()));
  }
  return out;
}

}  // namespace

std::unique_ptr<Document> run_stages(const std::vector<StageRun>& stages, const std::string& text,
                                     Json meta, const std::vector<std::string>& plugin_paths,
                                     const std::string& id) {
  std::vector<StageContext> contexts;
  auto instances = make_stages(stages, plugin_paths, contexts);
  // As the runner does: the stages' line-break rules shape the normalised view.
  auto rules = std::make_shared<const LineBreakRules>(collect_line_break_rules(instances));
  auto doc = std::make_unique<Document>(id, id, text, std::move(meta), rules);
  for (auto& st : instances) {
    if (st->handle().corpus) throw std::runtime_error(st->handle().name + " is a corpus stage");
    st->run(*doc);
  }
  return doc;
}

std::unique_ptr<Document> run_stages_on_file(const std::vector<StageRun>& stages,
                                             const std::string& path, Json meta,
                                             const std::vector<std::string>& plugin_paths) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open for reading");
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string raw = bytes.str();
  // The same steps as the runner: detect the encoding, strip HTML, then the user's meta.
  DecodedText decoded = decode_bytes(raw, DecodeOptions{}, path);
  Json file_meta = {{"encoding", decoded.encoding}, {"format", "text"}, {"bytes", raw.size()}};
  if (looks_like_html(path, decoded.text)) {
    decoded.text = html_to_text(decoded.text);
    file_meta["format"] = "html";
  }
  for (const auto& [k, v] : meta.items()) file_meta[k] = v;
  const std::string id = std::filesystem::path(path).filename().string();
  return run_stages(stages, decoded.text, std::move(file_meta), plugin_paths, id);
}

CorpusResult run_corpus(const std::vector<StageRun>& stages,
                        const std::vector<std::pair<std::string, std::string>>& documents,
                        const std::vector<Json>& metas, const std::vector<std::string>& plugin_paths) {
  std::vector<StageContext> contexts;
  auto instances = make_stages(stages, plugin_paths, contexts);
  auto rules = std::make_shared<const LineBreakRules>(collect_line_break_rules(instances));
  CorpusResult result;
  Corpus corpus;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    auto doc = std::make_unique<Document>(documents[i].first, documents[i].first, documents[i].second,
                                          i < metas.size() ? metas[i] : Json::object(), rules);
    for (auto& st : instances)
      if (!st->handle().corpus) st->run(*doc);
    if (doc->meta().contains("role")) corpus.roles[doc->meta()["role"].get<std::string>()] = doc.get();
    corpus.documents.push_back(doc.get());
    result.documents.push_back(std::move(doc));
  }
  for (auto& st : instances)
    if (st->handle().corpus) st->run(corpus);
  result.comparisons = corpus.comparisons;
  result.side_outputs = corpus.side_outputs;
  return result;
}

Json to_json(const Document& document) { return document_to_json(document); }

std::string compare_golden(const Json& actual, const std::string& path) {
  if (std::getenv("REPORTLENS_UPDATE_GOLDEN") != nullptr) {
    // A new golden file usually lives in a directory that does not exist yet.
    const std::filesystem::path file(path);
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary);
    out << actual.dump(1) << "\n";
    out.close();
    if (ec || !out) return "cannot write golden file " + path + (ec ? ": " + ec.message() : "");
    return "";
  }
  std::ifstream in(path);
  if (!in) return "golden file " + path + " is missing; run with REPORTLENS_UPDATE_GOLDEN=1";
  std::stringstream buf;
  buf << in.rdbuf();
  Json expected;
  try {
    expected = Json::parse(buf.str());
  } catch (const std::exception& e) {
    return path + ": " + e.what();
  }
  if (expected == actual) return "";
  const auto patch = nlohmann::json::diff(nlohmann::json::parse(expected.dump()),
                                          nlohmann::json::parse(actual.dump()));
  return path + " differs: " + patch.dump().substr(0, 400);
}

}  // namespace reportlens::testing
