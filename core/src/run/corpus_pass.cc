#include "run/corpus_pass.h"

#include <utility>

#include "run/batch_signals.h"

namespace reportlens {
namespace fs = std::filesystem;

void CorpusPass::run() {
  bool roles = false;
  for (const SpilledDocument& d : spill_.documents()) roles = roles || !d.role.empty();
  std::size_t slot = 0;  // the grouped stages' places, in pipeline order
  for (std::size_t k = 0; k < stages_.size(); ++k) {
    throw_if_interrupted();
    const StageInstance& stage = *stages_[k];
    const bool grouped = stage.handle().grouped;
    try {
      if (grouped && !roles) run_grouped(stage, slot);
      else run_whole(stage);
    } catch (const Interrupted&) {
      throw;
    } catch (const std::exception& e) {
      const std::string& id = p_.plan.corpus_stages[k].id;
      failures_.push_back({"(corpus)", "", id, "stage '" + id + "': " + e.what(), ExitCode::kStage});
    }
    if (grouped) ++slot;
    drain();
  }
}

void CorpusPass::run_whole(const StageInstance& stage) {
  if (whole_.empty() && !spill_.documents().empty()) {
    for (std::size_t i = 0; i < spill_.documents().size(); ++i) {
      throw_if_interrupted();
      whole_.push_back(spill_.load(i));
      corpus_.documents.push_back(whole_.back().get());
      const std::string& role = spill_.documents()[i].role;
      if (!role.empty()) corpus_.roles[role] = whole_.back().get();
    }
  }
  stage.run(corpus_);
}

void CorpusPass::run_grouped(const StageInstance& stage, std::size_t slot) {
  const Grouping how = stage.grouping();
  std::vector<GroupMember> members;
  const auto& docs = spill_.documents();
  members.reserve(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) members.push_back({docs[i].places.at(slot), docs[i].id, i});
  // A grouped stage sees its hand-overs only, not documents a whole-corpus stage had loaded.
  struct Hide {
    Corpus& corpus;
    std::vector<Document*> held = std::exchange(corpus.documents, {});
    ~Hide() { corpus.documents = std::move(held); }
  } hide{corpus_};
  stage.begin(corpus_);
  drain();
  for (const auto& [key, list] : arrange_groups(members, how.unknown_joins_single)) {
    std::map<std::size_t, std::unique_ptr<Document>> loaded;  // of this group, for the next hand-over
    for (const auto& [first, count] : handovers(how, list.size())) {
      throw_if_interrupted();
      std::map<std::size_t, std::unique_ptr<Document>> keep;
      CorpusGroup group{key, {}, first, list.size()};
      for (std::size_t k = first; k < first + count; ++k) {
        auto it = loaded.find(list[k]);
        auto& slot_doc = keep[list[k]];
        slot_doc = it != loaded.end() ? std::move(it->second) : spill_.load(list[k]);
        group.documents.push_back(slot_doc.get());
      }
      loaded = std::move(keep);  // frees the documents this hand-over no longer needs
      stage.run(group, corpus_);
      drain();
    }
  }
  stage.finish(corpus_);
}

void CorpusPass::drain() {
  for (const Json& c : corpus_.comparisons) {
    const std::string line = c.dump();
    comparison_lines_.emplace_back(comparisons_file_.append(line), line.size());
  }
  corpus_.comparisons = Json::array();
  for (auto& [suffix, content] : corpus_.side_outputs) {
    if (suffix == "summary") {
      summary_ += content;
    } else {
      auto& file = side_[suffix];
      if (!file) {
        fs::path path = p_.output;
        path.replace_extension("." + suffix);
        file = std::make_unique<AtomicFileWriter>(path);
      }
      file->append(content);
    }
    content.clear();
  }
}

void CorpusPass::for_each_comparison(const std::function<void(const Json&)>& use) const {
  for (const auto& [offset, size] : comparison_lines_) use(Json::parse(comparisons_file_.read(offset, size)));
}

std::vector<fs::path> CorpusPass::commit() {
  std::vector<fs::path> paths;
  for (auto& [suffix, file] : side_) {
    file->commit();
    fs::path path = p_.output;
    path.replace_extension("." + suffix);
    paths.push_back(path);
  }
  return paths;
}

}  // namespace reportlens
