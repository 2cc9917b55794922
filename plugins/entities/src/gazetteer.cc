#include "gazetteer.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

#include "reportlens/stage.h"
#include "reportlens/text.h"

namespace reportlens::entities {

namespace {

std::string where(const std::string& file, int line) { return file + ":" + std::to_string(line); }

// yaml-cpp marks are 0-based.
int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

[[noreturn]] void malformed(const std::string& file, int line, const std::string& message) {
  throw StageError(where(file, line) + ": " + message);
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// Scalars only: a list or map where a name is expected is an entry error.
bool scalar_string(const YAML::Node& node, std::string& out) {
  if (!node.IsScalar()) return false;
  out = node.Scalar();
  return true;
}

}  // namespace

std::vector<std::string> surface_variants(std::string_view alias) {
  std::string base = normalize_text(alias).text;
  // Trim spaces the normaliser keeps at the ends.
  while (!base.empty() && (base.back() == ' ' || base.back() == '\n')) base.pop_back();
  std::size_t lead = 0;
  while (lead < base.size() && (base[lead] == ' ' || base[lead] == '\n')) ++lead;
  base.erase(0, lead);
  std::vector<std::string> out;
  if (base.empty()) return out;
  out.push_back(base);
  std::string full = base;
  replace_all(full, "(", "（");
  replace_all(full, ")", "）");
  std::string ascii = base;
  replace_all(ascii, "（", "(");
  replace_all(ascii, "）", ")");
  for (auto* v : {&full, &ascii})
    if (std::find(out.begin(), out.end(), *v) == out.end()) out.push_back(*v);
  return out;
}

std::string LoadReport::summary() const {
  std::ostringstream out;
  out << "entities: " << files << " gazetteer file(s), " << entries << " entries, " << surfaces
      << " surface forms, " << rejected.size() << " rejected, " << duplicates.size()
      << " duplicate(s)";
  for (const auto& issue : rejected) out << "\n  rejected " << issue.where << ": " << issue.message;
  for (const auto& issue : duplicates) out << "\n  duplicate " << issue.where << ": " << issue.message;
  return out.str();
}

void Gazetteer::load_file(const std::filesystem::path& path, LoadReport& report) {
  const std::string file = path.string();
  if (!std::filesystem::is_regular_file(path)) malformed(file, 0, "gazetteer file not found");
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    malformed(file, e.mark.line + 1, "invalid YAML: " + e.msg);
  }
  ++report.files;
  const std::string stem = path.stem().string();
  Region file_region;
  YAML::Node list;
  if (root.IsMap()) {
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key != "entries" && key != "region" && key != "name" && key != "description")
        malformed(file, line_of(kv.first), "unknown key '" + key +
                                               "' (expected name, description, region, entries)");
    }
    if (root["region"]) {
      std::string r;
      if (!scalar_string(root["region"], r)) malformed(file, line_of(root["region"]), "region: expected a string");
      file_region = parse_region(r);
    }
    list = root["entries"];
    if (!list) malformed(file, 1, "missing 'entries' list");
  } else if (root.IsSequence()) {
    list = root;
  } else if (root.IsNull()) {
    return;  // an empty file adds nothing
  } else {
    malformed(file, line_of(root), "expected a mapping with 'entries' or a list of entries");
  }
  if (list.IsNull()) return;
  if (!list.IsSequence()) malformed(file, line_of(list), "entries: expected a list");

  for (const auto& node : list) {
    const int line = line_of(node);
    if (!node.IsMap()) malformed(file, line, "an entry must be a mapping (canonical, kind, aliases, region)");
    GazetteerEntry entry;
    entry.file = file;
    entry.line = line;
    entry.gazetteer = stem;
    entry.region = file_region;
    std::string problem;
    std::string kind_text;
    std::vector<std::string> aliases;
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      const YAML::Node& value = kv.second;
      if (key == "canonical") {
        if (!scalar_string(value, entry.canonical)) problem = "canonical: expected a string";
      } else if (key == "kind") {
        if (!scalar_string(value, kind_text)) problem = "kind: expected a string";
      } else if (key == "id") {
        if (!scalar_string(value, entry.id)) problem = "id: expected a string";
      } else if (key == "region") {
        std::string r;
        if (!scalar_string(value, r)) problem = "region: expected a string";
        else entry.region = parse_region(r);
      } else if (key == "aliases") {
        if (value.IsScalar()) {
          aliases.push_back(value.Scalar());
        } else if (value.IsSequence()) {
          for (const auto& a : value) {
            if (!a.IsScalar()) {
              problem = "aliases: every alias must be a string";
              break;
            }
            aliases.push_back(a.Scalar());
          }
        } else if (!value.IsNull()) {
          problem = "aliases: expected a list of strings";
        }
      } else {
        problem = "unknown key '" + key + "'";
      }
      if (!problem.empty()) break;
    }
    if (problem.empty() && entry.canonical.empty()) problem = "missing canonical name";
    if (problem.empty()) {
      if (kind_text.empty()) {
        problem = "missing kind";
      } else if (auto kind = parse_kind(kind_text)) {
        entry.kind = *kind;
      } else {
        problem = "unknown kind '" + kind_text +
                  "' (expected company, industrial_park, public_park or zone)";
      }
    }
    if (!problem.empty()) {
      report.rejected.push_back({where(file, line), problem});
      continue;
    }
    if (entry.id.empty()) entry.id = stem + ":" + std::to_string(line);
    entry.surfaces.push_back(entry.canonical);
    for (auto& a : aliases) entry.surfaces.push_back(std::move(a));
    add(std::move(entry), report);
  }
}

bool Gazetteer::add(GazetteerEntry entry, LoadReport& report) {
  const std::string at = where(entry.file, entry.line);
  if (entry.canonical.empty()) {
    report.rejected.push_back({at, "missing canonical name"});
    return false;
  }
  // Normalise and expand surfaces; drop repeats within the entry silently.
  std::vector<std::string> surfaces;
  for (const auto& raw : entry.surfaces)
    for (auto& v : surface_variants(raw))
      if (std::find(surfaces.begin(), surfaces.end(), v) == surfaces.end()) surfaces.push_back(std::move(v));
  if (surfaces.empty()) {
    report.rejected.push_back({at, "no usable surface form"});
    return false;
  }
  const auto index = static_cast<std::uint32_t>(entries_.size());
  const std::string region_key = entry.region.to_string();
  std::vector<std::string> kept;
  for (auto& s : surfaces) {
    // Same surface and same region already indexed: a duplicate (same canonical) or a
    // conflict (another entity). Either way the first one loaded wins.
    const std::uint32_t key = automaton_.add(s);
    bool clash = false;
    if (key >= key_index_.size()) key_index_.resize(key + 1);
    for (const std::uint32_t other : key_index_[key]) {
      const GazetteerEntry& o = entries_[other];
      if (o.region.to_string() != region_key) continue;
      clash = true;
      report.duplicates.push_back(
          {at, "'" + s + "' already " +
                   (o.canonical == entry.canonical && o.kind == entry.kind
                        ? std::string("listed")
                        : "names " + o.canonical + " (" + std::string(kind_name(o.kind)) + ")") +
                   " at " + where(o.file, o.line)});
      break;
    }
    if (clash) continue;
    key_index_[key].push_back(index);
    kept.push_back(std::move(s));
  }
  if (kept.empty()) return false;  // every surface was a duplicate: nothing new
  entry.surfaces = std::move(kept);
  report.surfaces += entry.surfaces.size();
  ++report.entries;
  entries_.push_back(std::move(entry));
  return true;
}

void Gazetteer::build() {
  automaton_.build();
  const std::size_t keys = automaton_.key_count();
  key_index_.resize(keys);
  key_entries_begin_.assign(keys + 1, 0);
  key_entries_.clear();
  for (std::size_t k = 0; k < keys; ++k) {
    key_entries_.insert(key_entries_.end(), key_index_[k].begin(), key_index_[k].end());
    key_entries_begin_[k + 1] = static_cast<std::uint32_t>(key_entries_.size());
  }
  std::vector<std::vector<std::uint32_t>>().swap(key_index_);
}

}  // namespace reportlens::entities
