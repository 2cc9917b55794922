#include "entities_stage.h"

#include <algorithm>

namespace reportlens::entities {

namespace {

std::vector<std::string> strings(const Json& settings, const char* key) {
  std::vector<std::string> out;
  if (settings.contains(key) && settings[key].is_array())
    for (const auto& v : settings[key]) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

BuiltTagger build_tagger(const StageContext& context) {
  BuiltTagger built;
  const Json& settings = context.settings;
  auto gazetteer = std::make_shared<Gazetteer>();

  // Shipped gazetteers, in name order so loading (and tie-breaking) is deterministic.
  const std::filesystem::path shipped_dir = context.data_dir / "gazetteers";
  std::vector<std::filesystem::path> shipped;
  if (std::filesystem::is_directory(shipped_dir))
    for (const auto& f : std::filesystem::directory_iterator(shipped_dir))
      if (f.path().extension() == ".yaml") shipped.push_back(f.path());
  std::sort(shipped.begin(), shipped.end());
  std::vector<std::string> wanted = strings(settings, "shipped_gazetteers");
  const bool all = std::find(wanted.begin(), wanted.end(), "*") != wanted.end();
  for (const auto& name : wanted) {
    if (name == "*") continue;
    const bool known = std::any_of(shipped.begin(), shipped.end(), [&](const auto& p) {
      return p.stem().string() == name || p.filename().string() == name;
    });
    if (!known) throw StageError("shipped_gazetteers: no shipped gazetteer named '" + name + "' in " + shipped_dir.string());
  }
  for (const auto& path : shipped) {
    const bool chosen = all || std::any_of(wanted.begin(), wanted.end(), [&](const std::string& n) {
                          return path.stem().string() == n || path.filename().string() == n;
                        });
    if (chosen) gazetteer->load_file(path, built.report);
  }
  for (const auto& user : strings(settings, "gazetteers")) gazetteer->load_file(context.resolve(user), built.report);
  if (settings.value("strict", false) && (!built.report.rejected.empty() || !built.report.duplicates.empty()))
    throw StageError(built.report.summary());

  std::shared_ptr<const PatternFinder> patterns;
  if (settings.value("patterns", true)) {
    PatternRules rules;
    rules.load_file(context.data_dir / "patterns.yaml");
    for (const auto& extra : strings(settings, "pattern_rules")) rules.load_file(context.resolve(extra));
    patterns = std::make_shared<PatternFinder>(std::move(rules));
  }
  // The name endings go into the gazetteer's automaton: tagging scans the text once.
  gazetteer->build(patterns ? patterns->ending_texts() : std::vector<std::string>{});
  const double min_confidence = settings.value("min_confidence", 0.5);
  if (min_confidence < 0.0 || min_confidence > 1.0) throw StageError("min_confidence: expected a number from 0 to 1");
  built.tagger = std::make_unique<EntityTagger>(gazetteer, patterns, parse_region(settings.value("region", std::string())),
                                                min_confidence);
  return built;
}

}  // namespace reportlens::entities
