// What the per-pair computation needs, loaded once: the diff's metric catalogue (names,
// directions, tolerance, read from the indicator catalogue and directions.yaml), the diff's
// qualitative-target rules (qualitative_targets.yaml), region levels and unit labels
// (data/panel.yaml).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diff_words.h"
#include "indicator_catalogue.h"
#include "metric_catalog.h"
#include "qualitative_rules.h"

namespace reportlens::panel {

struct RegionLevel {
  std::string level;                  // national | province | city | district
  std::vector<std::string> names;     // exact region names
  std::vector<std::string> suffixes;  // name endings
};

class PanelContext {
 public:
  // The shipped data of `data_dir` (catalogue.yaml, directions.yaml, qualitative_targets.yaml,
  // panel.yaml).
  static PanelContext from_data_dir(const std::filesystem::path& data_dir);

  // Extra files: a catalogue or directions file (like the diff's `directions`), panel data.
  void load_catalogue(const std::filesystem::path& file) { catalog_.load(file); }
  void load_panel_data(const std::filesystem::path& file);
  // Qualitative-target rules (the diff's qualitative_targets.yaml shape); without any, the
  // panel has no qualitative rows.
  void load_qualitative(const std::filesystem::path& file) { qualitative_.load(file); }
  // The diff's words (words.yaml: reading numbers; labels.yaml: writing figures).
  void load_words(const std::filesystem::path& words, const std::filesystem::path& labels) {
    words_.load(words, labels);
  }

  const diff::MetricCatalog& catalog() const { return catalog_; }
  const diff::DiffWords& words() const { return words_; }
  const diff::QualitativeRules& qualitative() const { return qualitative_; }
  const catalogue::Catalogue& vocabulary() const { return catalog_.vocabulary(); }

  // national | province | city | district for a region name, "" when none fits.
  std::string region_level(const std::string& region) const;
  // How a base unit is shown (percent → %), the unit itself when unlisted.
  std::string unit_label(const std::string& unit) const;

 private:
  diff::MetricCatalog catalog_;
  diff::DiffWords words_;
  diff::QualitativeRules qualitative_;
  std::vector<RegionLevel> levels_;
  std::map<std::string, std::string, std::less<>> unit_labels_;
};

}  // namespace reportlens::panel
