#include "output/output_csv.h"

#include "output/text_record.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
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

constexpr const char* kBom = "\xEF\xBB\xBF";

// The columns of the store: the document's and the span's first, then every projected column
// (table_projection.h) in stage order, then the failure's and the bookkeeping. Two
// projections naming the same CSV column share it.
struct CsvLayout {
  std::vector<std::string> names;
  std::vector<bool> numeric;  // holds numbers: a leading '-' is a sign there, not a formula
  std::vector<std::vector<int>> column_of;  // per projection, per projected column: its index or -1
  std::size_t stage = 0, message = 0, exit = 0, seq = 0, hash = 0, key = 0;

  explicit CsvLayout(const Projections& projections) {
    for (const char* n : {"record", "doc_id", "source", "region", "report_year", "plan_year", "kind", "title", "sha256",
                          "begin", "end", "text"})
      add(n, false);
    for (std::size_t i : {4, 5, 9, 10}) numeric[i] = true;
    for (const Projection& p : projections.list()) {
      auto& of = column_of.emplace_back();
      for (const auto& c : p.columns) {
        if (c.csv.empty()) {
          of.push_back(-1);
          continue;
        }
        const auto found = std::find(names.begin(), names.end(), c.csv);
        if (found != names.end()) {
          of.push_back(static_cast<int>(found - names.begin()));
          continue;
        }
        of.push_back(static_cast<int>(names.size()));
        add(c.csv, c.rule.type != ColumnType::kText);
      }
    }
    stage = add("stage", false);
    message = add("message", false);
    exit = add("exit_code", true);
    seq = add("seq", true);
    hash = add("pipeline_hash", false);
    key = add("result_key", false);
  }

  std::string header() const {
    std::string h;
    for (std::size_t i = 0; i < names.size(); ++i) h += (i ? "," : "") + names[i];
    return h + "\r\n";
  }

 private:
  std::size_t add(const std::string& name, bool is_numeric) {
    names.push_back(name);
    numeric.push_back(is_numeric);
    return names.size() - 1;
  }
};
enum Column { kRecord = 0, kDocId = 1 };

// One row's fields, in the layout's order; the text they point to outlives the row.
using Row = std::vector<std::string_view>;

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

// A text cell Excel or LibreOffice would run as a formula (=, +, -, @, or a tab or carriage
// return before one) gets a leading apostrophe, as OWASP advises for CSV injection: shown as
// text, and the reader drops it again (unneutralise). docs/batch.md, "CSV".
bool formula_like(std::string_view v) {
  return !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

void append_row(std::string& out, const Row& row, const CsvLayout& layout) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    if (!layout.numeric[i] && formula_like(row[i])) append_field(out, "'" + std::string(row[i]));
    else append_field(out, row[i]);
  }
  out += "\r\n";  // RFC 4180
}

// The value of a text cell as written before append_row neutralised it.
std::string unneutralise(std::string field) {
  if (field.size() > 1 && field[0] == '\'' && formula_like(std::string_view(field).substr(1))) field.erase(0, 1);
  return field;
}

std::string integer(const std::optional<long long>& v) { return v ? std::to_string(*v) : std::string(); }

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

  Row row(const CsvLayout& layout) const {
    Row r(layout.names.size());
    r[1] = id;
    r[2] = source;
    r[3] = region;
    r[4] = report_year;
    r[5] = plan_year;
    r[6] = kind;
    r[7] = title;
    r[8] = sha256;
    r[layout.seq] = seq;
    r[layout.hash] = hash;
    r[layout.key] = key;
    return r;
  }
};

// The row of one annotation of a projected type (code point offsets, its text as shown).
void append_fact_row(std::string& out, const CsvLayout& layout, const Projections& projections, Row row,
                     std::string_view type, long long begin, long long end, std::string_view text, const Json& attrs) {
  const auto& list = projections.list();
  for (std::size_t p = 0; p < list.size(); ++p) {
    if (list[p].type != type) continue;
    const std::string b = std::to_string(begin), e = std::to_string(end);
    row[0] = type;
    row[9] = b;
    row[10] = e;
    row[11] = text;
    std::vector<std::string> cells;
    const std::vector<ProjectedValue> values = list[p].values(attrs, text);
    cells.reserve(values.size());
    for (const auto& v : values) cells.push_back(cell_text(v));
    for (std::size_t c = 0; c < cells.size(); ++c)
      if (const int at = layout.column_of[p][c]; at >= 0) row[static_cast<std::size_t>(at)] = cells[c];
    append_row(out, row, layout);
    return;
  }
}

// Reads RFC 4180 rows (quoted fields may hold commas, quotes and line breaks), reporting
// where each row ends so a torn tail can be cut at a row boundary.
class CsvRows {
 public:
  CsvRows(const fs::path& path, const CsvLayout& layout) : in_(path, std::ios::binary), layout_(layout) {}
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
        for (std::size_t i = 0; i < fields.size() && i < layout_.numeric.size(); ++i)
          if (!layout_.numeric[i]) fields[i] = unneutralise(std::move(fields[i]));
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
  const CsvLayout& layout_;
  std::uintmax_t offset_ = 0;
};

class CsvSink : public OutputSink {
 public:
  CsvSink(fs::path path, SinkOptions options)
      : target_(std::move(path)),
        options_(options),
        layout_(options_.projections ? *options_.projections : Projections()),
        projections_(options_.projections ? options_.projections : std::make_shared<const Projections>()) {}
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
      const std::string header = (options_.csv_bom ? kBom : "") + layout_.header();
      write_all(fd_, header, file_);
    }
    return done;
  }

  // The document's rows as text.
  using Rows = TextRecord;

  std::unique_ptr<RenderedRecord> render(const Json& record, const std::string*) const override {
    auto rows = std::make_unique<Rows>();
    rows->id = record.value("id", "");
    append_record(rows->text, record, layout_, *projections_);
    return rows;
  }

  std::string pack(const RenderedRecord& record) const override { return pack_text_record(record); }
  std::string pack_owned(std::unique_ptr<RenderedRecord> record) const override {
    return pack_text_record(std::move(record));
  }

  std::unique_ptr<RenderedRecord> unpack(const std::string& bytes) const override {
    return unpack_text_record(bytes);
  }
  std::unique_ptr<RenderedRecord> unpack_owned(std::string&& bytes) const override {
    return unpack_text_record(std::move(bytes));
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
    const Row base = columns.row(layout_);
    std::string shortened;
    for (const ShownAnnotation& s : shown_annotations(document)) {
      const Annotation& a = *s.annotation;
      if (projections_->find(a.type) == nullptr) continue;
      std::string_view text = s.shown;
      if (s.shortened) {  // facts are never shortened today; kept equal to the record's "text" anyway
        shortened.assign(s.shown);
        shortened += "…";
        text = shortened;
      }
      append_fact_row(rows->text, layout_, *projections_, base, a.type, s.begin, s.end, text, a.attrs);
    }
    Row closing = base;
    closing[kRecord] = "document";
    append_row(rows->text, closing, layout_);
    return rows;
  }

  void append(const std::vector<const RenderedRecord*>& records) override {
    if (append_text_records(fd_, file_, records, previous_, last_sync_)) rewritten_ = true;
  }

  void finish(const Json&) override {
    sync_and_close(fd_, file_);
    if (rewritten_) compact();
    if (options_.fresh) replace_file(file_, target_);
    finished_ = true;
  }

  fs::path path() const override { return target_; }

 private:
  static void append_record(std::string& out, const Json& r, const CsvLayout& layout, const Projections& projections) {
    const Json meta = r.value("meta", Json::object());
    const DocumentColumns columns(r.value("id", ""), r.value("source", ""), meta, r.value("sha256", ""),
                                  r.value("seq", 0LL), r.value("pipeline_hash", ""), r.value("result_key", ""));
    const Row base = columns.row(layout);
    for (const auto& a : r.value("annotations", Json::array())) {
      const std::string type = a.value("type", "");
      if (projections.find(type) == nullptr) continue;
      append_fact_row(out, layout, projections, base, type, a.value("begin", 0LL), a.value("end", 0LL), a.value("text", ""),
                      a.value("attrs", Json::object()));
    }
    Row closing = base;
    std::string stage, message, exit_code;
    if (r.contains("error")) {
      stage = json_string(r["error"].value("stage", Json()));
      message = json_string(r["error"].value("message", Json()));
      exit_code = json_string(r["error"].value("exit_code", Json()));
      closing[kRecord] = "error";
      closing[layout.stage] = stage;
      closing[layout.message] = message;
      closing[layout.exit] = exit_code;
    } else {
      closing[kRecord] = "document";
    }
    append_row(out, closing, layout);
  }

  // Cuts the file back to its last complete document and returns what it holds. Drops
  // results of another pipeline version and older copies of a document (compaction).
  DoneMap resume() {
    DoneMap done;
    std::uintmax_t keep = 0;
    bool needs_compaction = false, header_seen = false;
    std::size_t other = 0;
    {
      CsvRows rows(file_, layout_);
      rows.skip_bom();
      std::vector<std::string> f;
      std::uintmax_t end = 0;
      bool torn = false;
      while (rows.next(f, end, torn)) {
        if (torn) break;
        if (!header_seen) {
          header_seen = true;
          if (f != layout_.names)
            throw HostError(ExitCode::kOutput, file_.string() +
                                                   ": not a reportlens CSV of this version (its columns "
                                                   "differ); choose another --output");
          keep = end;
          continue;
        }
        if (f.size() != layout_.names.size()) break;
        if (f[kRecord] != "document" && f[kRecord] != "error") continue;
        keep = end;
        if (f[layout_.hash] != hash_) {
          ++other;
          needs_compaction = true;
          continue;
        }
        if (done.count(f[kDocId])) needs_compaction = true;
        const std::string& exit = f[layout_.exit];
        done[f[kDocId]] = {f[layout_.key], f[kRecord] == "error", exit.empty() ? 0 : std::atoi(exit.c_str())};
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
      CsvRows rows(file_, layout_);
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
      if ((f[kRecord] == "document" || f[kRecord] == "error") && f[layout_.hash] == hash_) last[f[kDocId]] = end;
    });
    const TemporaryFile temporary(temporary_beside(file_));
    const fs::path& tmp = temporary.path();
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw HostError(ExitCode::kOutput, tmp.string() + ": cannot create");
    std::string out = (bom ? kBom : "") + layout_.header(), group;
    scan([&](const std::vector<std::string>& f, std::uintmax_t end) {
      Row row(layout_.names.size());
      for (std::size_t i = 0; i < row.size() && i < f.size(); ++i) row[i] = f[i];
      append_row(group, row, layout_);
      if (f[kRecord] == "document" || f[kRecord] == "error") {
        const auto it = last.find(f[kDocId]);
        if (f[layout_.hash] == hash_ && it != last.end() && it->second == end) out += group;
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
  CsvLayout layout_;
  ProjectionsPtr projections_;
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
