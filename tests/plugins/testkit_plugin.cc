// A well-behaved plugin for the core tests: stages whose output the tests can predict exactly,
// and settings schemas that exercise every validation rule (types, enum, minimum, defaults).
#include <string>

#include "reportlens/plugin.h"

namespace {

using reportlens::Corpus;
using reportlens::Document;
using reportlens::Json;
using reportlens::StageContext;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Tags each run of ASCII digits at least `min_length` long as "digits".
class TagDigits : public reportlens::DocumentStage {
 public:
  explicit TagDigits(const StageContext& context)
      : min_length_(context.settings.at("min_length").get<std::size_t>()),
        first_only_(context.settings.at("mode").get<std::string>() == "first"),
        label_(context.settings.at("label").get<std::string>()) {}

  void process(Document& doc) const override {
    const std::string& text = doc.text();
    for (std::size_t i = 0; i < text.size();) {
      if (!is_digit(text[i])) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text.size() && is_digit(text[end])) ++end;
      if (end - i >= min_length_) {
        doc.add("digits", i, end, {{"value", text.substr(i, end - i)}, {"label", label_}});
        if (first_only_) return;
      }
      i = end;
    }
  }

 private:
  std::size_t min_length_;
  bool first_only_;
  std::string label_;
};

constexpr const char* kTagDigitsSettings = R"json({"type":"object","properties":{
  "min_length":{"type":"integer","minimum":1,"default":1,"description":"Shortest run tagged"},
  "mode":{"type":"string","enum":["all","first"],"default":"all"},
  "label":{"type":"string","default":"digits"},
  "weights":{"type":"array","items":{"type":"number"},"default":[]},
  "verbose":{"type":"boolean","default":false}}})json";

// Consumes "digits": one "digit_sum" annotation over the whole text with their sum.
class SumDigits : public reportlens::DocumentStage {
 public:
  explicit SumDigits(const StageContext&) {}
  void process(Document& doc) const override {
    long long sum = 0;
    for (const auto& a : doc.annotations("digits")) sum += std::stoll(a.attrs.at("value").get<std::string>());
    doc.add("digit_sum", 0, doc.text().size(), {{"sum", sum}});
  }
};

// Fails on a document that contains `marker`: a per-document stage failure.
class FailOnMarker : public reportlens::DocumentStage {
 public:
  explicit FailOnMarker(const StageContext& context)
      : marker_(context.settings.at("marker").get<std::string>()) {}
  void process(Document& doc) const override {
    const auto at = doc.text().find(marker_);
    if (at != std::string::npos)
      throw reportlens::StageError("found the marker '" + marker_ + "' at byte " + std::to_string(at));
  }

 private:
  std::string marker_;
};

// Corpus stage: one comparison listing every document id, its role and its "digits" count.
class CountCorpus : public reportlens::CorpusStage {
 public:
  explicit CountCorpus(const StageContext& context) : fail_(context.settings.at("fail").get<bool>()) {}
  void process(Corpus& corpus) const override {
    if (fail_) throw reportlens::StageError("deliberate corpus failure");
    Json docs = Json::array();
    for (const Document* d : corpus.documents)
      docs.push_back({{"id", d->id()}, {"digits", d->annotations("digits").size()}});
    Json roles = Json::object();
    for (const auto& [role, d] : corpus.roles) roles[role] = d->id();
    corpus.comparisons.push_back({{"kind", "count"}, {"documents", docs}, {"roles", roles}});
    corpus.side_outputs["counts.txt"] = std::to_string(corpus.documents.size()) + " documents\n";
  }

 private:
  bool fail_;
};

// Grouped corpus stage (stage.h): documents grouped by folder (the id up to its last '/'; a
// document at the top is unplaced), ordered by their number of "digits" annotations. Every
// hand-over becomes one comparison, and groups.txt lists the calls in order.
class GroupCorpus : public reportlens::GroupedCorpusStage {
 public:
  explicit GroupCorpus(const StageContext& context) : pairs_(context.settings.at("pairs").get<bool>()) {}
  reportlens::Grouping grouping() const override {
    reportlens::Grouping g;
    g.handover = pairs_ ? reportlens::Grouping::Handover::kPairs : reportlens::Grouping::Handover::kGroup;
    return g;
  }
  reportlens::GroupPlace place(const Document& d) const override {
    const auto slash = d.id().rfind('/');
    return {slash == std::string::npos ? std::string() : d.id().substr(0, slash),
            static_cast<long long>(d.annotations("digits").size())};
  }
  void begin(Corpus& corpus) const override { corpus.side_outputs["groups.txt"] += "begin\n"; }
  void process_group(const reportlens::CorpusGroup& group, Corpus& corpus) const override {
    Json ids = Json::array();
    for (const Document* d : group.documents) ids.push_back(d->id());
    corpus.comparisons.push_back({{"kind", "group"}, {"group", group.key}, {"documents", ids},
                                  {"first", group.first}, {"size", group.group_size},
                                  {"corpus_documents", corpus.documents.size()}});
    corpus.side_outputs["groups.txt"] += group.key + "\n";
  }
  void finish(Corpus& corpus) const override { corpus.side_outputs["groups.txt"] += "end\n"; }

 private:
  bool pairs_;
};

// Tags each run of exactly four ASCII digits as a "year_mention" {year, label}, and declares
// how that type becomes table columns (table year_mentions; CSV columns year, year_label):
// a type the core knows nothing of, stored without a core edit.
class TagYears : public reportlens::DocumentStage {
 public:
  explicit TagYears(const StageContext&) {}
  void process(Document& doc) const override {
    const std::string& text = doc.text();
    for (std::size_t i = 0; i < text.size();) {
      std::size_t end = i;
      while (end < text.size() && is_digit(text[end])) ++end;
      if (end - i == 4) doc.add("year_mention", i, end, {{"year", text.substr(i, 4)}, {"label", "y" + text.substr(i, 4)}});
      i = end > i ? end : i + 1;
    }
  }
};

constexpr const char* kYearProjection = R"json({"year_mention": {"table": "year_mentions",
  "columns": [{"name": "year", "from": "year", "type": "integer"},
              {"name": "label", "from": ["missing.path", "label"], "type": "text", "csv": "year_label"},
              {"name": "surface", "from": "@text", "type": "text", "required": true, "csv": false}],
  "indexes": [{"name": "year_mentions_year", "on": ["year"]}]}})json";

// Sets meta.report_year from the first run of four digits (declares it produces the key).
class StampYear : public reportlens::DocumentStage {
 public:
  explicit StampYear(const StageContext&) {}
  void process(Document& doc) const override {
    const std::string& text = doc.text();
    for (std::size_t i = 0; i + 4 <= text.size(); ++i)
      if (is_digit(text[i]) && is_digit(text[i + 1]) && is_digit(text[i + 2]) && is_digit(text[i + 3])) {
        doc.meta()["report_year"] = std::stoi(text.substr(i, 4));
        return;
      }
  }
};

// Reads meta.report_year (declares it consumes the key): one "year_seen" annotation.
class ReadYear : public reportlens::DocumentStage {
 public:
  explicit ReadYear(const StageContext&) {}
  void process(Document& doc) const override {
    doc.add("year_seen", 0, 0, {{"year", doc.meta().value("report_year", 0)}});
  }
};

constexpr const char* kNoSettings = R"({"type":"object","properties":{}})";

}  // namespace

REPORTLENS_PLUGIN(
    "testkit", "3.2.1", "core test plugin: predictable stages",
    reportlens::document_stage<TagDigits>("tag-digits", "Tags runs of ASCII digits", "", "digits",
                                          kTagDigitsSettings),
    reportlens::document_stage<SumDigits>("sum-digits", "Sums the tagged digit runs", "digits",
                                          "digit_sum", R"({"type":"object","properties":{}})"),
    reportlens::document_stage<FailOnMarker>(
        "fail-on-marker", "Fails on documents containing a marker", "", "",
        R"({"type":"object","properties":{"marker":{"type":"string","default":"FAIL"}}})"),
    reportlens::corpus_stage<CountCorpus>(
        "count-corpus", "One comparison counting digits per document", "digits", "",
        R"({"type":"object","roles":["base","compare"],"properties":{"fail":{"type":"boolean","default":false}}})"),
    reportlens::corpus_stage<GroupCorpus>(
        "group-corpus", "One comparison per hand-over of documents grouped by folder", "digits", "",
        R"({"type":"object","roles":["base","compare"],"properties":{"pairs":{"type":"boolean","default":false}}})"),
    reportlens::document_stage<TagYears>("tag-years", "Tags four-digit runs as year mentions", "", "year_mention",
                                         kNoSettings)
        .projects(kYearProjection),
    reportlens::document_stage<StampYear>("stamp-year", "Sets meta.report_year", "", "", kNoSettings)
        .meta(/*consumes=*/"", /*produces=*/"report_year"),
    reportlens::document_stage<ReadYear>("read-year", "Reads meta.report_year", "", "year_seen", kNoSettings)
        .meta(/*consumes=*/"report_year", /*produces=*/""));
