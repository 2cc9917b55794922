#include "output/output_csv.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "run/errors.h"
#include "output/output_facts.h"
#include "output/output_file_util.h"
#include "output/result_writer.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 31> kColumns = {
    "record", "doc_id", "source", "region", "report_year", "plan_year", "kind", "title", "sha256",
    "begin", "end", "text", "metric", "canonical_metric", "period", "status", "level_value",
    "level_high", "level_unit", "growth_value", "growth_high", "growth_unit", "qualifier",
    "entity_kind", "canonical", "stage", "message", "exit_code", "seq", "pipeline_hash", "result_key"};
enum Column { kRecord = 0, kDocId = 1, kStage = 25, kMessage = 26, kExit = 27, kSeq = 28, kHash = 29, kKey = 30 };
constexpr const char* kBom = "\xEF\xBB\xBF";

// One row's fields, in kColumns order; the text they point to outlives the row.
using Row = std::array<std::string_view, kColumns.size()>;

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
void append_field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string number(const std::optional<double>& v) { return v ? Json(*v).dump() : std::string(); }
std::string integer(const std::optional<long long>& v) { return v ? std::to_string(*v) : std::string(); }

// Columns that hold numbers (a leading '-' is a sign there, not a formula).
constexpr std::array<bool, kColumns.size()> kNumeric = [] {
  std::array<bool, kColumns.size()> n{};
  for (int i : {4, 5, 9, 10, 14, 16, 17, 19, 20, 27, 28}) n[static_cast<std::size_t>(i)] = true;
  return n;
}();

// A text cell Excel or LibreOffice would run as a formula (=, +, -, @, or a tab or carriage
// return before one) gets a leading apostrophe, as OWASP advises for CSV injection: shown as
// text, and the reader drops it again (unneutralise). docs/batch.md, "CSV".
bool formula_like(std::string_view v) {
  return !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

void append_row(std::string& out, const Row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    if (!kNumeric[i] && formula_like(row[i])) append_field(out, "'" + std::string(row[i]));
    else append_field(out, row[i]);
  }
  out += "\r\n";  // RFC 4180
}

// The value of a text cell as written before append_row neutralised it.
std::string unneutralise(std::string field) {
  if (field.size() > 1 && field[0] == '\'' && formula_like(std::string_view(field).substr(1))) field.erase(0, 1);
  return field;
}

// The columns every row of a document repeats (its metadata and bookkeeping).
struct DocumentColumns {
  std::string id, source, region, report_year, plan_year, kind, title, sha256, seq, hash, key;

  DocumentColumns(std::string id_, std::string source_, const Json& meta, std::string sha256_, long long seq_,
                  std::string hash_, std::string key_)
      : id(std::move(id_)), source(std::move(source_)), sha256(std::move(sha256_)), seq(std::to_string(seq_)),
        hash(std::move(hash_)), key(std::move(key_)) {
    DocumentFacts d = document_facts(meta);
    region = std::move(d.region);
    report_year = integer(d.report_year);
    plan_year = integer(d.plan_year);
    kind = std::move(d.kind);
    title = std::move(d.title);
  }

  Row row() const {
    Row r{};
    r[1] = id;
    r[2] = source;
    r[3] = region;
    r[4] = report_year;
    r[5] = plan_year;
    r[6] = kind;
    r[7] = title;
    r[8] = sha256;
    r[kSeq] = seq;
    r[kHash] = hash;
    r[kKey] = key;
    return r;
  }
};

bool is_fact(std::string_view type) { return type == "indicator" || type == "entity"; }

// The row of one indicator or entity annotation (code point offsets, its text as shown).
void append_fact_row(std::string& out, Row row, std::string_view type, long long begin, long long end,
                     std::string_view text, const Json& attrs) {
  const std::string b = std::to_string(begin), e = std::to_string(end);
  row[0] = type;
  row[9] = b;
  row[10] = e;
  row[11] = text;
  if (type == "indicator") {
    const IndicatorFact f = indicator_fact(attrs);
    const std::string period = integer(f.period), level = number(f.level_value), level_high = number(f.level_high),
                      growth = number(f.growth_value), growth_high = number(f.growth_high);
    row[12] = f.metric;
    row[13] = f.canonical_metric;
    row[14] = period;
    row[15] = f.status;
    row[16] = level;
    row[17] = level_high;
    row[18] = f.level_unit;
    row[19] = growth;
    row[20] = growth_high;
    row[21] = f.growth_unit;
    row[22] = f.qualifier;
    append_row(out, row);
  } else {
    const EntityFact fact = entity_fact(attrs, std::string(text));
    row[23] = fact.kind;
    row[24] = fact.canonical;
    append_row(out, row);
  }
}

// Reads RFC 4180 rows (quoted fields may hold commas, quotes and line breaks), reporting
// where each row ends so a torn tail can be cut at a row boundary.
class CsvRows {
 public:
  explicit CsvRows(const fs::path& path) : in_(path, std::ios::binary) {}
  // False at end of file. A last row without its line break is reported as torn.
  bool next(std::vector<std::string>& fields, std::uintmax_t& end, bool& torn) {
    fields.assign(1, std::string());
    bool quoted = false, any = false;
    torn = false;
    char c;
    while (in_.get(c)) {
      ++offset_;
      any = true;
      if (quoted) {
        if (c == '"') {
          if (in_.peek() == '"') {
            in_.get(c);
            ++offset_;
            fields.back() += '"';
          } else {
            quoted = false;
          }
        } else {
          fields.back() += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.emplace_back();
      } else if (c == '\n') {
        if (!fields.back().empty() && fields.back().back() == '\r') fields.back().pop_back();
        end = offset_;
        // The values as rendered, before append_row neutralised formula-like text cells.
        for (std::size_t i = 0; i < fields.size() && i < kNumeric.size(); ++i)
          if (!kNumeric[i]) fields[i] = unneutralise(std::move(fields[i]));
        return true;
      } else {
        fields.back() += c;
      }
    }
    end = offset_;
    torn = any;
    return any;
  }
  void skip_bom() {
    char b[3];
    if (in_.read(b, 3) && std::string_view(b, 3) == kBom) {
      offset_ = 3;
      return;
    }
    in_.clear();
    in_.seekg(0);
  }

 private:
  std::ifstream in_;
  std::uintmax_t offset_ = 0;
};

class CsvSink : public OutputSink {
 public:
  CsvSink(fs::path path, SinkOptions options) : target_(std::move(path)), options_(options) {}
  ~CsvSink() override {
    if (fd_ >= 0) ::close(fd_);
    // A fresh store destroyed before finish() (a failed or interrupted run): its temporary
    // file goes, the target stays as it was.
    if (options_.fresh && !finished_) remove_quietly(file_);
  }

  DoneMap open(const RunIdentity& run) override {
    hash_ = run.pipeline_hash;
    std::error_code ec;
    file_ = options_.fresh ? temporary_beside(target_) : target_;
    if (options_.fresh) fs::remove(file_, ec);
    DoneMap done;
    if (!options_.fresh && fs::exists(file_, ec) && fs::file_size(file_, ec) > 0) done = resume();
    for (const auto& [id, e] : done) previous_.insert(id);
    const bool empty = !fs::exists(file_, ec) || fs::file_size(file_, ec) == 0;
    fd_ = open_for_append(file_);
    if (empty) {
      std::string header = options_.csv_bom ? kBom : "";
      for (std::size_t i = 0; i < kColumns.size(); ++i) header += (i ? "," : "") + std::string(kColumns[i]);
      header += "\r\n";
      write_all(fd_, header, file_);
    }
    return done;
  }

  // The document's rows as text.
  struct Rows : RenderedRecord {
    std::string id, text;
  };

  std::unique_ptr<RenderedRecord> render(const Json& record, const std::string*) const override {
    auto rows = std::make_unique<Rows>();
    rows->id = record.value("id", "");
    append_record(rows->text, record);
    return rows;
  }

  // Printed from the document itself, on the worker: the same rows as render() of the whole
  // record (head + document_to_json), without building that tree.
  std::unique_ptr<RenderedRecord> render_document(const Json& head, const Document& document) const override {
    auto rows = std::make_unique<Rows>();
    rows->id = document.id();
    // document_to_json lifts sha256 out of meta; the other meta keys are what the facts read.
    const DocumentColumns columns(document.id(), document.source(), document.meta(),
                                  document.meta().value("sha256", ""), head.value("seq", 0LL),
                                  head.value("pipeline_hash", ""), head.value("result_key", ""));
    const Row base = columns.row();
    std::string shortened;
    for (const ShownAnnotation& s : shown_annotations(document)) {
      const Annotation& a = *s.annotation;
      if (!is_fact(a.type)) continue;
      std::string_view text = s.shown;
      if (s.shortened) {  // facts are never shortened today; kept equal to the record's "text" anyway
        shortened.assign(s.shown);
        shortened += "…";
        text = shortened;
      }
      append_fact_row(rows->text, base, a.type, s.begin, s.end, text, a.attrs);
    }
    Row closing = base;
    closing[kRecord] = "document";
    append_row(rows->text, closing);
    return rows;
  }

  void append(const std::vector<const RenderedRecord*>& records) override {
    std::string buffer;
    for (const RenderedRecord* r : records) {
      const Rows& rows = static_cast<const Rows&>(*r);
      buffer += rows.text;
      if (!previous_.empty() && previous_.count(rows.id)) rewritten_ = true;
    }
    write_all(fd_, buffer, file_);
    // As the JSON Lines store: a power cut loses at most about a second of documents.
    const auto now = std::chrono::steady_clock::now();
    if (now - last_sync_ > std::chrono::seconds(1)) {
      ::fdatasync(fd_);
      last_sync_ = now;
    }
  }

  void finish(const Json&) override {
    sync_and_close(fd_, file_);
    if (rewritten_) compact();
    if (options_.fresh) replace_file(file_, target_);
    finished_ = true;
  }

  fs::path path() const override { return target_; }

 private:
  static void append_record(std::string& out, const Json& r) {
    const Json meta = r.value("meta", Json::object());
    const DocumentColumns columns(r.value("id", ""), r.value("source", ""), meta, r.value("sha256", ""),
                                  r.value("seq", 0LL), r.value("pipeline_hash", ""), r.value("result_key", ""));
    const Row base = columns.row();
    for (const auto& a : r.value("annotations", Json::array())) {
      const std::string type = a.value("type", "");
      if (!is_fact(type)) continue;
      append_fact_row(out, base, type, a.value("begin", 0LL), a.value("end", 0LL), a.value("text", ""),
                      a.value("attrs", Json::object()));
    }
    Row closing = base;
    std::string stage, message, exit_code;
    if (r.contains("error")) {
      stage = json_string(r["error"].value("stage", Json()));
      message = json_string(r["error"].value("message", Json()));
      exit_code = json_string(r["error"].value("exit_code", Json()));
      closing[kRecord] = "error";
      closing[kStage] = stage;
      closing[kMessage] = message;
      closing[kExit] = exit_code;
    } else {
      closing[kRecord] = "document";
    }
    append_row(out, closing);
  }

  // Cuts the file back to its last complete document and returns what it holds. Drops
  // results of another pipeline version and older copies of a document (compaction).
  DoneMap resume() {
    DoneMap done;
    std::uintmax_t keep = 0;
    bool needs_compaction = false, header_seen = false;
    std::size_t other = 0;
    {
      CsvRows rows(file_);
      rows.skip_bom();
      std::vector<std::string> f;
      std::uintmax_t end = 0;
      bool torn = false;
      while (rows.next(f, end, torn)) {
        if (torn) break;
        if (!header_seen) {
          header_seen = true;
          if (f.size() != kColumns.size() || f[0] != kColumns[0])
            throw HostError(ExitCode::kOutput, file_.string() +
                                                   ": not a reportlens CSV of this version (its columns "
                                                   "differ); choose another --output");
          keep = end;
          continue;
        }
        if (f.size() != kColumns.size()) break;
        if (f[kRecord] != "document" && f[kRecord] != "error") continue;
        keep = end;
        if (f[kHash] != hash_) {
          ++other;
          needs_compaction = true;
          continue;
        }
        if (done.count(f[kDocId])) needs_compaction = true;
        done[f[kDocId]] = {f[kKey], f[kRecord] == "error", f[kExit].empty() ? 0 : std::atoi(f[kExit].c_str())};
      }
    }
    std::error_code ec;
    const auto size = fs::file_size(file_, ec);
    if (keep < size) {
      spdlog::warn("{}: removing {} bytes of an incomplete document left by an interrupted run",
                   file_.string(), size - keep);
      truncate_file(file_, keep);
    }
    if (other > 0)
      spdlog::warn("{}: {} result(s) of another pipeline version are dropped and recomputed",
                   file_.string(), other);
    if (needs_compaction) compact();
    return done;
  }

  // Keeps, for each document id, only its last complete group of rows of this pipeline.
  void compact() {
    std::unordered_map<std::string, std::uintmax_t> last;
    bool bom = false;
    {
      std::ifstream probe(file_, std::ios::binary);
      char b[3];
      bom = probe.read(b, 3) && std::string_view(b, 3) == kBom;
    }
    const auto scan = [&](auto&& on_row) {
      CsvRows rows(file_);
      rows.skip_bom();
      std::vector<std::string> f;
      std::uintmax_t end = 0;
      bool torn = false, header = true;
      while (rows.next(f, end, torn) && !torn) {
        if (header) {
          header = false;
          continue;
        }
        on_row(f, end);
      }
    };
    scan([&](const std::vector<std::string>& f, std::uintmax_t end) {
      if ((f[kRecord] == "document" || f[kRecord] == "error") && f[kHash] == hash_) last[f[kDocId]] = end;
    });
    const TemporaryFile temporary(temporary_beside(file_));
    const fs::path& tmp = temporary.path();
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw HostError(ExitCode::kOutput, tmp.string() + ": cannot create");
    std::string out = bom ? kBom : "", group;
    for (std::size_t i = 0; i < kColumns.size(); ++i) out += (i ? "," : "") + std::string(kColumns[i]);
    out += "\r\n";
    scan([&](const std::vector<std::string>& f, std::uintmax_t end) {
      Row row{};
      for (std::size_t i = 0; i < row.size() && i < f.size(); ++i) row[i] = f[i];
      append_row(group, row);
      if (f[kRecord] == "document" || f[kRecord] == "error") {
        const auto it = last.find(f[kDocId]);
        if (f[kHash] == hash_ && it != last.end() && it->second == end) out += group;
        group.clear();
        if (out.size() > (1u << 20)) {
          write_all(fd, out, tmp);
          out.clear();
        }
      }
    });
    write_all(fd, out, tmp);
    sync_and_close(fd, tmp);
    replace_file(tmp, file_);
  }

  fs::path target_, file_;
  SinkOptions options_;
  std::string hash_;
  int fd_ = -1;
  std::unordered_set<std::string> previous_;
  bool rewritten_ = false;
  bool finished_ = false;
  std::chrono::steady_clock::time_point last_sync_ = std::chrono::steady_clock::now();
};

}  // namespace

std::unique_ptr<OutputSink> make_csv_sink(const fs::path& path, const SinkOptions& options) {
  return std::make_unique<CsvSink>(path, options);
}

}  // namespace reportlens
