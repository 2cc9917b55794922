#include "gazetteer_command.h"

#include <CLI/CLI.hpp>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "output/output_sqlite_sqlar.h"
#include "reportlens/document.h"
#include "run/errors.h"
#include "run/runner.h"

namespace reportlens::cli {

namespace fs = std::filesystem;

namespace {

// The stages run over report files: the entities stage needs the segment stage's metadata.
constexpr const char* kPipeline =
    "name: gazetteer-build\n"
    "description: segment and entities, for pipeline gazetteer build\n"
    "stages:\n"
    "  - use: segment\n"
    "  - use: entities\n";

// One entity as the stage wrote it, with what the gazetteer needs of its document.
struct Mention {
  std::string text, kind, canonical, source, rule;
  double confidence = 0.0;
};

struct Report {
  std::string id, region;
  int year = 0;  // delivery year (else the reviewed year + 1; 0: unknown)
  std::vector<Mention> mentions;
};

// What the collection says about one name of one region.
struct Name {
  std::set<std::string> reports;
  std::set<std::string> surfaces;
  int first_year = 0;
};
using NameKey = std::tuple<std::string, std::string, std::string>;  // region, kind, canonical

std::string string_of(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The region path of a document's metadata (province + region as the segment stage wrote it).
std::string region_of(const Json& meta) {
  std::string region = string_of(meta, "region");
  const std::string province = string_of(meta, "province");
  if (!province.empty() && region.rfind(province, 0) != 0) region = province + region;
  return region;
}

int year_of(const Json& meta) {
  if (meta.contains("delivery_year") && meta["delivery_year"].is_number_integer()) return meta["delivery_year"].get<int>();
  if (meta.contains("report_year") && meta["report_year"].is_number_integer()) return meta["report_year"].get<int>() + 1;
  return 0;
}

Mention mention_of(const std::string& text, const Json& attrs) {
  Mention m;
  m.text = text;
  m.kind = string_of(attrs, "kind");
  m.canonical = string_of(attrs, "canonical");
  m.source = string_of(attrs, "source");
  m.rule = string_of(attrs, "rule");
  if (attrs.contains("confidence") && attrs["confidence"].is_number()) m.confidence = attrs["confidence"].get<double>();
  return m;
}

// A document object of the JSON contract (a result's `documents` item or a store line).
Report report_of(const Json& doc) {
  Report r;
  r.id = string_of(doc, "id");
  const Json meta = doc.value("meta", Json::object());
  r.region = region_of(meta);
  r.year = year_of(meta);
  if (doc.contains("annotations"))
    for (const Json& a : doc["annotations"])
      if (string_of(a, "type") == "entity") r.mentions.push_back(mention_of(string_of(a, "text"), a.value("attrs", Json::object())));
  return r;
}

std::ifstream open_or_throw(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HostError(ExitCode::kInput, path.string() + ": cannot read");
  return in;
}

// A JSON Lines store: one document per line (other records are skipped).
void read_jsonl(const fs::path& path, std::vector<Report>& out) {
  std::ifstream in = open_or_throw(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const Json doc = Json::parse(line, nullptr, false);
    if (doc.is_object() && doc.contains("annotations") && string_of(doc, "status") != "failed") out.push_back(report_of(doc));
  }
}

void read_json_result(const fs::path& path, std::vector<Report>& out) {
  std::ifstream in = open_or_throw(path);
  const Json result = Json::parse(in, nullptr, false);
  if (!result.is_object() || !result.contains("documents"))
    throw HostError(ExitCode::kInput, path.string() + ": not a pipeline result (no documents)");
  for (const Json& doc : result["documents"]) out.push_back(report_of(doc));
}

// A SQLite store (docs/sqlite-schema.md): the entity annotations of every document done.
void read_sqlite(const fs::path& path, std::vector<Report>& out) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw HostError(ExitCode::kInput, path.string() + ": cannot open the store");
  }
  reportlens::sqlite::register_sqlar_functions(db);  // the view annotation_texts inflates document texts
  const char* sql =
      // The view: a store keeps spans' texts as offsets into the document text.
      "SELECT d.id, d.meta, a.text, a.attrs FROM documents d LEFT JOIN annotation_texts a "
      "ON a.doc_id = d.doc_id AND a.type = 'entity' WHERE d.status = 'ok' ORDER BY d.seq, a.begin";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw HostError(ExitCode::kInput, path.string() + ": not a reportlens store (" + message + ")");
  }
  const auto column = [&](int i) {
    const unsigned char* s = sqlite3_column_text(stmt, i);
    return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
  };
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const std::string id = column(0);
    if (out.empty() || out.back().id != id) {
      const Json meta = Json::parse(column(1), nullptr, false);
      out.push_back({id, meta.is_object() ? region_of(meta) : std::string(), meta.is_object() ? year_of(meta) : 0, {}});
    }
    if (sqlite3_column_type(stmt, 2) == SQLITE_NULL) continue;
    const Json attrs = Json::parse(column(3), nullptr, false);
    out.back().mentions.push_back(mention_of(column(2), attrs.is_object() ? attrs : Json::object()));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

// Is `path` a store or result this command reads rather than an input to run over?
bool is_result(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".sqlite" || ext == ".db" || ext == ".json") return fs::is_regular_file(path);
  if (ext != ".jsonl" && ext != ".ndjson") return false;
  std::ifstream in(path, std::ios::binary);
  std::string first;
  std::getline(in, first);
  const Json doc = Json::parse(first, nullptr, false);
  return doc.is_object() && doc.contains("annotations");  // else a batch manifest
}

// Runs segment + entities over report files and folders into a scratch JSON Lines store.
void read_reports(const std::vector<std::string>& inputs, const GazetteerArgs& args,
                  const std::vector<std::string>& plugin_paths, std::vector<Report>& out) {
  std::string pattern = (fs::temp_directory_path() / "reportlens-gazetteer-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw HostError(ExitCode::kOutput, "cannot create a temporary folder");
  const fs::path scratch = pattern;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{scratch};
  RunOptions options;
  options.plugin_paths = plugin_paths;
  options.pipeline_file = scratch / "gazetteer.yaml";
  std::ofstream(options.pipeline_file, std::ios::binary) << kPipeline;
  options.inputs = inputs;
  options.output = (scratch / "entities.jsonl").string();
  options.settings = args.settings;
  options.progress = false;
  const RunReport report = run_pipeline(options);
  if (report.code != ExitCode::kOk && report.documents == report.failed)
    throw HostError(report.code, "no report could be read");
  read_jsonl(report.output, out);
}

// Which names the reports confirm, per region.
std::map<NameKey, Name> confirmed_names(const std::vector<Report>& reports, const GazetteerArgs& args) {
  std::map<NameKey, Name> names;
  const auto counted = [&](const Report& r) {
    return !(args.region.empty() ? r.region : args.region).empty() &&
           (args.before == 0 || (r.year != 0 && r.year < args.before));
  };
  // 1. Full forms: a pattern name by its ending (the surface ends with the ending that fired,
  //    attrs.rule; not a short form, a brand or a list item the document implied), sure enough.
  //    Gazetteer names are listed already.
  const auto full_form = [&](const Mention& m) {
    return m.source == "pattern" && m.confidence >= args.min_confidence && !m.canonical.empty() && !m.kind.empty() &&
           !m.rule.empty() && m.text.size() > m.rule.size() && m.text.ends_with(m.rule);
  };
  for (const Report& r : reports) {
    if (!counted(r)) continue;
    const std::string& region = args.region.empty() ? r.region : args.region;
    for (const Mention& m : r.mentions) {
      if (!full_form(m)) continue;
      Name& name = names[{region, m.kind, m.canonical}];
      name.reports.insert(r.id);
      name.surfaces.insert(m.text);
      if (name.first_year == 0 || (r.year != 0 && r.year < name.first_year)) name.first_year = r.year;
    }
  }
  // 2. With --short-forms, their other surfaces in the region (沈鼓 of 沈鼓集团: a short form
  //    the stage gave the full form's canonical name), when as sure. Off by default: away from
  //    the report that defined it a short form is often a common word (燃气 of 燃气集团).
  for (const Report& r : reports) {
    if (!args.short_forms) break;
    if (!counted(r)) continue;
    const std::string& region = args.region.empty() ? r.region : args.region;
    for (const Mention& m : r.mentions)
      if (m.source == "pattern" && m.confidence >= args.min_confidence)
        if (const auto it = names.find({region, m.kind, m.canonical}); it != names.end()) it->second.surfaces.insert(m.text);
  }
  std::erase_if(names, [&](const auto& kv) { return static_cast<int>(kv.second.reports.size()) < args.min_reports; });
  return names;
}

// A surface names one entity per region (the loader would report the others as duplicates):
// the name confirmed by more reports keeps it; a name whose canonical form went elsewhere goes.
void one_entity_per_surface(std::map<NameKey, Name>& names) {
  std::map<std::pair<std::string, std::string>, NameKey> owner;  // (region, surface) -> name
  for (const auto& [key, name] : names) {
    std::set<std::string> all = name.surfaces;
    all.insert(std::get<2>(key));
    for (const std::string& s : all) {
      const auto [it, added] = owner.emplace(std::make_pair(std::get<0>(key), s), key);
      if (!added && names.at(it->second).reports.size() < name.reports.size()) it->second = key;
    }
  }
  const auto owns = [&](const NameKey& key, const std::string& surface) {
    const auto it = owner.find({std::get<0>(key), surface});
    return it != owner.end() && it->second == key;
  };
  std::erase_if(names, [&](const auto& kv) { return !owns(kv.first, std::get<2>(kv.first)); });
  // Not a structured binding: clang 14 (the sanitizer build's compiler) cannot capture one
  // in a lambda.
  for (auto& entry : names) {
    const NameKey& key = entry.first;
    std::erase_if(entry.second.surfaces,
                  [&](const std::string& s) { return s == std::get<2>(key) || !owns(key, s); });
  }
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void write_gazetteer(const std::map<NameKey, Name>& names, const GazetteerArgs& args, std::size_t reports) {
  std::ofstream out(args.output, std::ios::binary);
  out << "# Built by `pipeline gazetteer build` from " << reports << " report(s): names found by the entities\n"
      << "# stage's patterns and scored at least " << args.min_confidence << " in at least " << args.min_reports
      << " report(s) of their region";
  if (args.before > 0) out << ", delivered before " << args.before;
  out << ".\nname: " << quoted(args.name) << "\nentries:\n";
  std::string region;
  for (const auto& [key, name] : names) {
    const auto& [entry_region, kind, canonical] = key;
    if (entry_region != region) out << "  # " << (region = entry_region) << "\n";
    out << "  - {canonical: " << quoted(canonical) << ", kind: " << kind << ", region: " << quoted(entry_region);
    if (!name.surfaces.empty()) {
      out << ", aliases: [";
      const char* sep = "";
      for (const std::string& s : name.surfaces) out << std::exchange(sep, ", ") << quoted(s);
      out << "]";
    }
    out << "}\n";
  }
  if (!out) throw HostError(ExitCode::kOutput, args.output + ": cannot write");
}

}  // namespace

CLI::App* add_gazetteer_command(CLI::App& app, GazetteerArgs& args) {
  CLI::App* gazetteer = app.add_subcommand("gazetteer", "Corpus-level gazetteers for the entities stage");
  CLI::App* build = gazetteer->add_subcommand(
      "build", "Gazetteer of the names a collection confirms, per region (plugins/entities/README.md)");
  build->add_option("-i,--input", args.inputs,
                    "Report file or folder (run through segment + entities), or a result store: .sqlite, .jsonl, .json "
                    "(repeatable)")
      ->required();
  build->add_option("-o,--output", args.output, "Gazetteer YAML to write (use it with the entities setting gazetteers:)")
      ->required();
  build->add_option("--name", args.name, "Gazetteer name (default corpus)");
  build->add_option("--min-confidence", args.min_confidence,
                    "A name counts when the stage scored it at least this in a report (default 0.7)")
      ->check(CLI::Range(0.0, 1.0));
  build->add_option("--min-reports", args.min_reports, "... in at least this many reports of its region (default 1)")
      ->check(CLI::PositiveNumber);
  build->add_option("--before", args.before, "Only reports delivered before this year (a region's earlier reports)");
  build->add_option("--region", args.region,
                    "Limit every entry to this region (default: each report's metadata region, as precise as it is)");
  build->add_flag("--short-forms", args.short_forms,
                  "Also list the short forms reports gave a confirmed name as its aliases (off: a short form is often a common word elsewhere)");
  build->add_option("--set", args.settings, "Setting for the run over report files: STAGE.KEY=VALUE (repeatable)");
  gazetteer->require_subcommand(1);
  return gazetteer;
}

int run_gazetteer_build(const GazetteerArgs& args, const std::vector<std::string>& plugin_paths, bool quiet) {
  std::vector<Report> reports;
  std::vector<std::string> to_run;
  for (const std::string& input : args.inputs) {
    const fs::path path(input);
    if (!is_result(path)) {
      to_run.push_back(input);
    } else if (path.extension() == ".json") {
      read_json_result(path, reports);
    } else if (path.extension() == ".jsonl" || path.extension() == ".ndjson") {
      read_jsonl(path, reports);
    } else {
      read_sqlite(path, reports);
    }
  }
  if (!to_run.empty()) read_reports(to_run, args, plugin_paths, reports);
  std::map<NameKey, Name> names = confirmed_names(reports, args);
  one_entity_per_surface(names);
  write_gazetteer(names, args, reports.size());
  std::set<std::string> regions;
  for (const auto& kv : names) regions.insert(std::get<0>(kv.first));
  if (!quiet)
    std::cerr << "gazetteer: " << names.size() << " name(s) of " << regions.size() << " region(s) from "
              << reports.size() << " report(s)\n";
  std::cout << "gazetteer: " << args.output << "\n";
  return 0;
}

}  // namespace reportlens::cli
