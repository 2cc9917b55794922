#include "gazetteer.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "gazetteer_source.h"
#include "reportlens/stage.h"
#include "reportlens/text.h"

namespace reportlens::entities {

namespace {

std::string where(const std::string& file, int line) { return file + ":" + std::to_string(line); }

[[noreturn]] void malformed(const std::string& file, int line, const std::string& message) {
  throw StageError(where(file, line) + ": " + message);
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

}  // namespace

namespace {

// True when normalisation cannot change `s` (ideographs, ASCII letters and digits and a few
// name punctuation marks): most names, so large gazetteers skip the normaliser.
bool already_normal(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    const bool ascii_ok = (cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z') ||
                          cp == U'-' || cp == U'.' || cp == U'&';
    if (!ascii_ok && !is_cjk_ideograph(cp) && cp != U'·') return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> surface_variants(std::string_view alias) {
  std::vector<std::string> out;
  if (already_normal(alias)) {
    if (!alias.empty()) out.emplace_back(alias);
    return out;
  }
  std::string base = normalize_text(alias).text;
  // Trim spaces the normaliser keeps at the ends.
  while (!base.empty() && (base.back() == ' ' || base.back() == '\n')) base.pop_back();
  std::size_t lead = 0;
  while (lead < base.size() && (base[lead] == ' ' || base[lead] == '\n')) ++lead;
  base.erase(0, lead);
  if (base.empty()) return out;
  out.push_back(base);
  if (base.find('(') == std::string::npos && base.find(")") == std::string::npos &&
      base.find("（") == std::string::npos && base.find("）") == std::string::npos)
    return out;
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
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    content = buffer.str();
  }
  std::optional<RawGazetteer> raw = read_gazetteer_fast(content);
  if (!raw) raw = read_gazetteer_yaml(path);
  ++report.files;
  const std::string stem = path.stem().string();
  const Region file_region = raw->region ? parse_region(*raw->region) : Region{};

  for (RawEntry& r : raw->entries) {
    GazetteerEntry entry;
    entry.file = file;
    entry.line = r.line;
    entry.gazetteer = stem;
    entry.region = r.region ? parse_region(*r.region) : file_region;
    std::string problem = std::move(r.problem);
    if (problem.empty() && (!r.canonical || r.canonical->empty())) problem = "missing canonical name";
    if (problem.empty()) {
      if (!r.kind || r.kind->empty()) {
        problem = "missing kind";
      } else if (auto kind = parse_kind(*r.kind)) {
        entry.kind = *kind;
      } else {
        problem = "unknown kind '" + *r.kind + "' (expected company, industrial_park, public_park or zone)";
      }
    }
    if (!problem.empty()) {
      report.rejected.push_back({where(file, r.line), problem});
      continue;
    }
    entry.canonical = std::move(*r.canonical);
    entry.id = r.id ? std::move(*r.id) : stem + ":" + std::to_string(r.line);
    entry.surfaces.reserve(1 + r.aliases.size());
    entry.surfaces.push_back(entry.canonical);
    for (auto& a : r.aliases) entry.surfaces.push_back(std::move(a));
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

void Gazetteer::build(const std::vector<std::string>& extra_keys) {
  const std::size_t surface_keys = automaton_.key_count();
  extra_keys_ = extra_keys;
  for (std::size_t i = 0; i < extra_keys_.size(); ++i) {
    const std::uint32_t key = automaton_.add(extra_keys_[i]);
    if (key >= extra_of_key_.size()) extra_of_key_.resize(key + 1, kNoExtra);
    if (extra_of_key_[key] == kNoExtra) extra_of_key_[key] = static_cast<std::uint32_t>(i);  // first listed wins
  }
  extra_only_keys_ = automaton_.key_count() - surface_keys;
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
