// `pipeline gazetteer build`: a corpus-level gazetteer of the names a collection of reports
// confirms, per region, in the YAML format the entities stage reads (`gazetteers:` setting).
//
// A report names a local firm or park in full once (…有限公司, …产业园) or shows it acting
// like a firm (投产, 签约 …), and later reports of the same place name it in short or in a
// list with no such context. The entities stage scores every name (attrs.confidence); names
// found by patterns and scored at least --min-confidence in some report become entries limited
// to that report's region, with every surface seen for them as aliases. Run before a year's
// reports with --before YEAR, a region's gazetteer grows from its own earlier reports only.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace reportlens::cli {

struct GazetteerArgs {
  std::vector<std::string> inputs;     // report files or folders, or result stores (.sqlite, .jsonl, .json)
  std::string output;                  // the gazetteer YAML to write
  std::string name = "corpus";         // the gazetteer's name (entry ids are name:line)
  double min_confidence = 0.7;         // a name counts when scored at least this in a report
  int min_reports = 1;                 // ... in at least this many reports of its region
  int before = 0;                      // only reports delivered before this year (0: all)
  std::string region;                  // limit every entry to this region (default: each report's)
  bool short_forms = false;            // also the short forms reports gave a confirmed name
  std::vector<std::string> settings;   // --set STAGE.KEY=VALUE for the run over report folders
};

// Adds `gazetteer build` to `app`; returns the `gazetteer` subcommand.
CLI::App* add_gazetteer_command(CLI::App& app, GazetteerArgs& args);

// Reads the entities of the inputs (running segment + entities over report files), writes the
// gazetteer, prints a one-line summary. Returns the exit code; throws HostError like `run`.
int run_gazetteer_build(const GazetteerArgs& args, const std::vector<std::string>& plugin_paths, bool quiet);

}  // namespace reportlens::cli
