// Which metrics are the same metric, and which way is "better" for each: the standard
// indicator catalogue (data/catalogue.yaml, the vocabulary the indicators and panel stages
// read too) for names and directions, data/directions.yaml for how names are stripped and
// compared, plus files of either shape named in the stage settings.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indicator_catalogue.h"

namespace reportlens::diff {

struct MetricInfo {
  std::string canonical;
  std::string direction;   // higher_is_better | lower_is_better | ceiling | band
  std::string bounded;     // direction used when the target itself is a bound (以内, 低于); "" = same
};

struct Tolerance {
  double percent_points = 0.1;  // 左右 band for targets in percent / percentage points
  double relative = 0.01;       // 左右 band for other units, as a fraction of the target
};

class MetricCatalog {
 public:
  // Reads one directions file or catalogue file (one with `indicators:`); later files
  // extend and override earlier ones. Throws StageError("file:line: ...") on malformed input.
  void load(const std::filesystem::path& file);
  // The shipped files of a data folder: catalogue.yaml, then directions.yaml (each if present).
  void load_shipped(const std::filesystem::path& data_dir);

  // The standard indicators and unit conversions (catalogue files loaded so far).
  const catalogue::Catalogue& vocabulary() const { return vocabulary_; }

  // The canonical key of a metric as written: scope words (全国, 全年 ...) and trailing
  // change words (涨幅, 增长 ...) are stripped, then aliases resolved. Unknown metrics
  // keep their stripped name, so identical wording still matches across years.
  std::string canonical(const std::string& metric) const;

  // A looser key for a metric no exact name matched: the canonical key without a leading
  // action verb (新建, 新增, 完成 …) or a trailing 工程/总量 (`loose_words` in the data).
  // 新建5G基站 (plan) and 5G基站 (execution) share it; the caller must still check units,
  // period and that the key is not a bare generic noun.
  std::string loose(const std::string& canonical) const;

  // A metric written as a rate of decline (能耗下降率, 降幅): the metric it is the decline of
  // (能耗), else nullopt. See `decline_rates` in the data file.
  std::optional<std::string> decline_rate_of(const std::string& metric) const;

  // The known entry for a canonical key, if any.
  const MetricInfo* find(const std::string& canonical) const;

  // Names (canonical and aliases) that denote `canonical`, longest first; used to find a
  // metric mentioned without a figure ("进出口总额出现下降").
  std::vector<std::string> names_of(const std::string& canonical) const;

  const Tolerance& tolerance() const { return tolerance_; }
  const std::vector<std::string>& decline_words() const { return decline_words_; }
  const std::vector<std::string>& not_met_words() const { return not_met_words_; }
  // Around a metric's name, words that make it part of another measure (占国内生产总值比重).
  const std::vector<std::string>& share_before() const { return share_before_; }
  const std::vector<std::string>& share_after() const { return share_after_; }
  // Words that make an unlisted metric one where less is better (能耗, 排放, 浓度 …).
  const std::vector<std::string>& lower_is_better_words() const { return lower_words_; }
  // Words that make a metric an amount removed (减少, 压减): more of it is better.
  const std::vector<std::string>& reduction_words() const { return reduction_words_; }

 private:
  void add_vocabulary(const std::filesystem::path& file);
  std::string strip(const std::string& metric) const;
  std::string apply_synonyms(std::string s) const;

  std::map<std::string, MetricInfo> metrics_;        // by canonical
  std::map<std::string, std::string> alias_to_canonical_;
  std::vector<std::string> scope_prefixes_;
  std::vector<std::string> change_suffixes_;
  std::vector<std::string> decline_words_;
  std::vector<std::string> not_met_words_;
  std::vector<std::string> lower_words_, reduction_words_;
  std::vector<std::string> share_before_, share_after_;
  std::vector<std::string> loose_prefixes_, loose_suffixes_;
  std::vector<std::string> decline_rate_words_, decline_rate_trailing_;
  // Word-level synonyms, longest first: 规上 → 规模以上, 播种面积 → 种植面积.
  std::vector<std::pair<std::string, std::string>> synonyms_;
  Tolerance tolerance_;
  catalogue::Catalogue vocabulary_;
};

}  // namespace reportlens::diff
