#include "output/output_sqlite.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <unordered_map>

#include "run/errors.h"
#include "output/json_text_writer.h"
#include "output/output_facts.h"
#include "output/table_projection.h"
#include "output/output_file_util.h"
#include "output/output_sqlite_db.h"
#include "output/output_sqlite_sqlar.h"
#include "output/packed_bytes.h"
#include "output/sqlite_batch_insert.h"
#include "output/result_writer.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// Bumped when the schema changes incompatibly; stored in PRAGMA user_version.
// 2: annotation text of long spans replaced by the document text stored once (document_texts).
// 3: attrs as values under keys stored once per (type, keys) shape, document texts compressed
//    (sqlar), the old shapes as views (annotations, document_texts). Lawtext: 95.6 MB -> see
//    docs/sqlite-schema.md, "Size".
// 4: annotations packed, one row per (document, shape) holding all of them (annotation_sets),
//    instead of one row per annotation: the writer thread steps ~10,000 rows on lawtext, not
//    ~600,000 (see docs/sqlite-schema.md, "Size").
constexpr int kSchemaVersion = 4;

// The tables hold what a record holds, without repeating it: an annotation's type and its
// attrs' key names (18.6 of lawtext's 36 MB of attrs JSON, the type names 4.5 MB more) once
// per shape; a document's annotations of one shape packed into one row, a JSON array of
// [id - first_id, begin, end, text (0: the document's; k > 0: its first k code points and "…";
// a string: stored), the values under the shape's keys...], compressed as sqlar does when that
// pays; each document's text once, compressed. The views give the schema-2 tables back.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id        INTEGER PRIMARY KEY,
  pipeline      TEXT NOT NULL,
  pipeline_hash TEXT NOT NULL,
  shard         TEXT NOT NULL DEFAULT '',
  provenance    TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  documents     INTEGER,
  failed        INTEGER,
  skipped       INTEGER,
  status        TEXT NOT NULL DEFAULT 'running',
  not_run       INTEGER
);
CREATE TABLE IF NOT EXISTS documents (
  doc_id        INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  seq           INTEGER NOT NULL,
  source        TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  pipeline_hash TEXT NOT NULL,
  result_key    TEXT NOT NULL,
  run_id        INTEGER REFERENCES runs(run_id),
  status        TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  region        TEXT,
  report_year   INTEGER,
  plan_year     INTEGER,
  kind          TEXT,
  title         TEXT,
  meta          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_region_year ON documents(region, report_year);
CREATE INDEX IF NOT EXISTS documents_seq ON documents(seq);
CREATE TABLE IF NOT EXISTS annotation_shapes (
  shape         INTEGER PRIMARY KEY,
  type          TEXT NOT NULL,
  keys          TEXT NOT NULL,
  UNIQUE (type, keys)
);
CREATE TABLE IF NOT EXISTS annotation_sets (
  first_id      INTEGER PRIMARY KEY,
  doc_id        INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  shape         INTEGER NOT NULL REFERENCES annotation_shapes(shape),
  count         INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  data          BLOB NOT NULL,
  UNIQUE (doc_id, shape)
);
CREATE TABLE IF NOT EXISTS document_blobs (
  doc_id        INTEGER PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
  size          INTEGER NOT NULL,
  data          BLOB NOT NULL
);
CREATE VIEW IF NOT EXISTS annotations AS
  SELECT s.first_id + (e.value ->> 0) AS annotation_id, s.doc_id, h.type,
         e.value ->> 1 AS begin, e.value ->> 2 AS end,
         CASE json_type(e.value, '$[3]') WHEN 'text' THEN e.value ->> 3 END AS text,
         CASE json_type(e.value, '$[3]') WHEN 'integer' THEN nullif(e.value ->> 3, 0) END AS text_cut,
         CASE h.keys WHEN 'null' THEN e.value -> 4 WHEN '[]' THEN '{}' ELSE
           (SELECT json_group_object(k.value, CASE v.type WHEN 'true' THEN json('true')
                                                          WHEN 'false' THEN json('false') ELSE v.value END)
            FROM json_each(h.keys) k JOIN json_each(e.value) v ON v.key = k.key + 4) END AS attrs
  FROM annotation_sets s JOIN annotation_shapes h ON h.shape = s.shape
  JOIN json_each(CAST(sqlar_uncompress(s.data, s.size) AS TEXT)) e;
CREATE VIEW IF NOT EXISTS document_texts AS
  SELECT doc_id, CAST(sqlar_uncompress(data, size) AS TEXT) AS text FROM document_blobs;
CREATE VIEW IF NOT EXISTS annotation_texts AS
  SELECT a.annotation_id, a.doc_id, a.type, a.begin, a.end,
         coalesce((SELECT substr(CAST(sqlar_uncompress(t.data, t.size) AS TEXT), a.begin + 1, a.end - a.begin)
                   FROM document_blobs t WHERE t.doc_id = a.doc_id), a.text) AS text,
         a.attrs
  FROM annotations a;
)sql";

// After the tables of the stages' projections (table_projection.h), which come in between.
constexpr const char* kSchemaTail = R"sql(
CREATE TABLE IF NOT EXISTS comparisons (
  comparison_id INTEGER PRIMARY KEY,
  base          TEXT,
  compare       TEXT,
  data          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS targets (
  target_id        INTEGER PRIMARY KEY,
  comparison_id    INTEGER NOT NULL REFERENCES comparisons(comparison_id) ON DELETE CASCADE,
  metric           TEXT,
  period           INTEGER,
  target_value     REAL,
  target_unit      TEXT,
  target_qualifier TEXT,
  target_doc       TEXT,
  actual_value     REAL,
  actual_unit      TEXT,
  actual_doc       TEXT,
  direction        TEXT,
  verdict          TEXT
);
CREATE INDEX IF NOT EXISTS targets_period ON targets(period, verdict);
CREATE TABLE IF NOT EXISTS errors (
  error_id  INTEGER PRIMARY KEY,
  doc_id    INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  stage     TEXT NOT NULL,
  message   TEXT NOT NULL,
  exit_code INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_doc ON errors(doc_id);
)sql";

void bind_optional(sqlite::Statement& s, int i, const std::optional<double>& v) {
  if (v) s.bind(i, *v);
  else s.bind_null(i);
}
void bind_optional(sqlite::Statement& s, int i, const std::optional<long long>& v) {
  if (v) s.bind(i, *v);
  else s.bind_null(i);
}
void bind_text_or_null(sqlite::Statement& s, int i, const std::string& v) {
  if (v.empty()) s.bind_null(i);
  else s.bind(i, v);
}
void bind_static_or_null(sqlite::Statement& s, int i, const std::string& v) {
  if (v.empty()) s.bind_null(i);
  else s.bind_static(i, v);
}

// Byte offset of each code point of `text` (and of its end).
std::vector<std::size_t> code_point_starts(const std::string& text) {
  std::vector<std::size_t> at;
  at.reserve(text.size() / 2 + 1);
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) at.push_back(i);
  at.push_back(text.size());
  return at;
}

int schema_version(sqlite::Database& db) {
  sqlite::Statement v(db, "PRAGMA user_version");
  const int version = v.step() ? static_cast<int>(v.integer(0)) : 0;
  v.reset();
  return version;
}

// A store of another schema version is refused, never rewritten: its results may be all the
// user has of a long run, and a version-2 store cannot take version-3 rows.
void check_schema_version(sqlite::Database& db) {
  const int version = schema_version(db);
  if (version == 0 || version == kSchemaVersion) return;
  throw HostError(ExitCode::kOutput, db.path().string() + ": a reportlens store of schema version " +
                                         std::to_string(version) + "; this reportlens reads and writes version " +
                                         std::to_string(kSchemaVersion) + " only: rerun into a new store");
}

void configure(sqlite::Database& db, const std::string& projected_sql) {
  // 16 KiB pages (a new file only; fixed once it is in WAL mode): a quarter of the pages to
  // write, checkpoint and keep in the cache; lawtext, -j2: system CPU 3.3-3.5 s -> 2.6-3.0 s,
  // user 4.4-4.7 s -> 4.2 s, same contents.
  check_schema_version(db);
  db.exec("PRAGMA page_size=16384");
  db.exec("PRAGMA journal_mode=WAL");
  // NORMAL: a commit survives a killed process (the WAL is in the page cache and replayed);
  // only a power cut may lose the last commits, never corrupt the file.
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=ON");
  db.exec(kSchema);
  db.exec(projected_sql);
  db.exec(kSchemaTail);
  db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
}

std::string projected_schema(const Projections& projections) {
  std::string sql;
  for (const Projection& p : projections.list()) sql += p.schema_sql();
  return sql;
}

// One annotation as render() reads it, before it goes into its set.
struct AnnotationRow {
  std::string type;
  long long begin = 0, end = 0;
  // cut < 0: `text` is stored; 0: the text is the document's between the offsets (not stored);
  // k > 0: it is the span's first k code points and "…" (long structural spans are shortened).
  long long cut = -1;
  std::string text;  // kept when stored
  // attrs split into its shape (the key names, a JSON array) and the values under them (a JSON
  // array, empty for {}): the writer thread stores the shape once (annotation_shapes).
  std::string keys, vals;
  int projection = -1;  // index of its type's projection (Projections::list), -1 for none
  std::vector<ProjectedValue> values;  // that projection's columns
};

// A document's annotations of one shape, packed (see kSchema): one row of annotation_sets.
struct AnnotationSet {
  std::string type, keys;
  long long first = 0;  // ordinal in the record of its first annotation
  long long count = 0, size = 0;  // annotations; bytes of `data` inflated
  std::string data;  // the JSON array, compressed as sqlar stores files
};

// An annotation of a projected type: its row of that projection's table.
struct ProjectedRow {
  int projection = -1;
  long long ordinal = 0;  // in the record: its annotation_id is the document's first + ordinal
  std::vector<ProjectedValue> values;
};

// One record as the values of its rows, computed by render() on a worker thread: the writer
// thread only binds and steps.
struct Rows : RenderedRecord {
  std::string id, source, sha256, pipeline_hash, result_key, status, meta;
  long long seq = 0;
  DocumentFacts facts;
  struct Error {
    std::string stage, message;
    long long exit_code = 5;
  };
  std::optional<Error> error;
  // The document text, compressed as sqlar stores files (output_sqlite_sqlar.h), and its size.
  std::optional<std::string> document_blob;
  long long document_size = 0;
  long long annotations = 0;  // in the record
  std::vector<AnnotationSet> sets;  // in the order of their first annotation
  std::vector<ProjectedRow> projected;
};

void pack_values(BytePacker& out, const std::vector<ProjectedValue>& values) {
  out.integer(static_cast<long long>(values.size()));
  for (const ProjectedValue& v : values) {
    out.integer(v.kind);
    if (v.kind == ProjectedValue::kText) out.text(v.text);
    else if (v.kind == ProjectedValue::kInteger) out.integer(v.integer);
    else if (v.kind == ProjectedValue::kReal) out.real(v.real);
  }
}

void unpack_values(ByteUnpacker& in, std::vector<ProjectedValue>& values) {
  values.resize(static_cast<std::size_t>(std::max(0LL, in.integer())));
  for (ProjectedValue& v : values) {
    v.kind = static_cast<ProjectedValue::Kind>(in.integer());
    if (v.kind == ProjectedValue::kText) v.text = in.text();
    else if (v.kind == ProjectedValue::kInteger) v.integer = in.integer();
    else if (v.kind == ProjectedValue::kReal) v.real = in.real();
  }
}

// The rows as bytes (packed_bytes.h), for a worker process to hand them over, and back.
std::string pack_rows(const Rows& r) {
  std::string bytes;
  BytePacker out(bytes);
  for (const std::string* t : {&r.id, &r.source, &r.sha256, &r.pipeline_hash, &r.result_key, &r.status, &r.meta,
                               &r.facts.region, &r.facts.kind, &r.facts.title})
    out.text(*t);
  out.integer(r.seq);
  out.optional_integer(r.facts.report_year);
  out.optional_integer(r.facts.plan_year);
  out.integer(r.error ? 1 : 0);
  if (r.error) {
    out.text(r.error->stage);
    out.text(r.error->message);
    out.integer(r.error->exit_code);
  }
  out.integer(r.document_blob ? 1 : 0);
  if (r.document_blob) {
    out.text(*r.document_blob);
    out.integer(r.document_size);
  }
  out.integer(r.annotations);
  out.integer(static_cast<long long>(r.sets.size()));
  for (const AnnotationSet& a : r.sets) {
    out.text(a.type);
    out.text(a.keys);
    out.integer(a.first);
    out.integer(a.count);
    out.integer(a.size);
    out.text(a.data);
  }
  out.integer(static_cast<long long>(r.projected.size()));
  for (const ProjectedRow& p : r.projected) {
    out.integer(p.projection);
    out.integer(p.ordinal);
    pack_values(out, p.values);
  }
  return bytes;
}

std::unique_ptr<Rows> unpack_rows(const std::string& bytes) {
  auto r = std::make_unique<Rows>();
  ByteUnpacker in(bytes);
  for (std::string* t : {&r->id, &r->source, &r->sha256, &r->pipeline_hash, &r->result_key, &r->status, &r->meta,
                         &r->facts.region, &r->facts.kind, &r->facts.title})
    *t = in.text();
  r->seq = in.integer();
  r->facts.report_year = in.optional_integer();
  r->facts.plan_year = in.optional_integer();
  if (in.integer() != 0) {
    Rows::Error e;
    e.stage = in.text();
    e.message = in.text();
    e.exit_code = in.integer();
    r->error = std::move(e);
  }
  if (in.integer() != 0) {
    r->document_blob = in.text();
    r->document_size = in.integer();
  }
  r->annotations = in.integer();
  r->sets.resize(static_cast<std::size_t>(std::max(0LL, in.integer())));
  for (AnnotationSet& a : r->sets) {
    a.type = in.text();
    a.keys = in.text();
    a.first = in.integer();
    a.count = in.integer();
    a.size = in.integer();
    a.data = in.text();
  }
  r->projected.resize(static_cast<std::size_t>(std::max(0LL, in.integer())));
  for (ProjectedRow& p : r->projected) {
    p.projection = static_cast<int>(in.integer());
    p.ordinal = in.integer();
    unpack_values(in, p.values);
  }
  if (!in.done()) throw std::runtime_error("damaged rendered record (trailing bytes)");
  return r;
}

// An annotation's attrs as its key names and its values, each a JSON array printed through
// one JsonTextWriter per record: the values' bytes are those Json::dump() prints (the JSON
// Lines store prints attrs with it too), without nlohmann's serializer, which took two thirds
// of a record's rendering (callgrind, 13 lawtext reports: render 103 M instructions,
// attrs.dump() 69 M of them).
class AttrsPrinter {
 public:
  void print(const Json& attrs, AnnotationRow& row) {
    row.keys.clear();
    row.vals.clear();
    if (!attrs.is_object()) {  // not what the contract allows, but kept as it was: shape "null"
      text_.clear();
      writer_.value(attrs);
      row.keys = "null";
      row.vals = text_;
      return;
    }
    if (attrs.empty()) {
      row.keys = "[]";  // values NULL
      return;
    }
    // Both printed into strings that keep their capacity, then copied once at their size.
    keys_.assign(1, '[');
    text_.clear();
    writer_.begin_array();
    for (const auto& [key, value] : attrs.items()) {
      add_key(key, keys_);
      writer_.value(value);
    }
    writer_.end_array();  // a complete top-level value: flushed into text_
    keys_.back() = ']';
    row.keys = keys_;
    row.vals = text_;
  }

 private:
  // `"key",` into `keys`: the plain ASCII names stages use as they are, anything else (quotes,
  // control characters, other scripts) through the JSON writer. Printing the names with the
  // writer too cost as much as printing the values (callgrind, 18 lawtext reports: 29 M
  // instructions for both against 15 M for the values alone).
  void add_key(const std::string& key, std::string& keys) {
    const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
      return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    });
    if (plain) {
      keys.push_back('"');
      keys.append(key);
      keys.append("\",");
      return;
    }
    std::string quoted;
    JsonTextWriter(quoted).string(key);
    keys.append(quoted).push_back(',');
  }

  std::string keys_, text_;
  JsonTextWriter writer_{text_};
};

// The projected columns of an annotation whose type has a projection.
void project(const Projections& projections, const Json& attrs, std::string_view text, AnnotationRow& row) {
  const auto& list = projections.list();
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].type == row.type) {
      row.projection = static_cast<int>(i);
      row.values = list[i].values(attrs, text);
      return;
    }
}

// A record's annotations packed into one set per shape (see kSchema), in record order: the
// JSON of each set written as its annotations come, compressed once the record is done.
class SetBuilder {
 public:
  void add(AnnotationRow& row) {
    const long long ordinal = next_++;
    key_.assign(row.type).append(1, '\0').append(row.keys);
    const auto [at, added] = index_.try_emplace(key_, sets_.size());
    if (added) {
      AnnotationSet& s = sets_.emplace_back();
      s.type = row.type;
      s.keys = row.keys;
      s.first = ordinal;
      s.data.reserve(4096);
      s.data.push_back('[');
    }
    AnnotationSet& s = sets_[at->second];
    std::string& d = s.data;
    if (s.count++ > 0) d.push_back(',');
    d.push_back('[');
    number(ordinal - s.first, d);
    number(row.begin, d);
    number(row.end, d);
    if (row.cut >= 0) {
      d.append(std::to_string(row.cut));
    } else {
      text_.clear();
      JsonTextWriter(text_).string(row.text);
      d.append(text_);
    }
    if (row.keys == "null") d.append(",").append(row.vals);  // attrs not an object: stored whole
    else if (row.vals.size() > 2) d.append(",").append(row.vals, 1, row.vals.size() - 2);
    d.push_back(']');
    if (row.projection >= 0) rows_projected_.push_back({row.projection, ordinal, std::move(row.values)});
  }

  void finish(Rows& rows) {
    rows.annotations = next_;
    for (AnnotationSet& s : sets_) {
      s.data.push_back(']');
      s.size = static_cast<long long>(s.data.size());
      s.data = sqlite::sqlar_compress(s.data);
    }
    rows.sets = std::move(sets_);
    rows.projected = std::move(rows_projected_);
  }

 private:
  static void number(long long v, std::string& out) {
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
    out.append(buffer, end);
    out.push_back(',');
  }

  long long next_ = 0;
  std::vector<AnnotationSet> sets_;
  std::vector<ProjectedRow> rows_projected_;
  std::unordered_map<std::string, std::size_t> index_;  // type '\0' keys -> its set
  std::string key_, text_;
};

std::unique_ptr<Rows> render_rows(const Json& r, const std::string* document_text, const Projections& projections) {
  auto rows = std::make_unique<Rows>();
  rows->id = r.value("id", "");
  rows->seq = r.value("seq", 0LL);
  rows->source = r.value("source", "");
  rows->sha256 = r.value("sha256", "");
  rows->pipeline_hash = r.value("pipeline_hash", "");
  rows->result_key = r.value("result_key", "");
  rows->status = r.value("status", "ok");
  const Json meta = r.value("meta", Json::object());
  rows->facts = document_facts(meta);
  rows->meta = meta.dump();
  if (r.contains("error")) {
    const Json& e = r["error"];
    rows->error = Rows::Error{e.value("stage", ""), e.value("message", ""), e.value("exit_code", 5LL)};
  }
  std::vector<std::size_t> byte_at;
  if (document_text) {
    rows->document_blob = sqlite::sqlar_compress(*document_text);
    rows->document_size = static_cast<long long>(document_text->size());
    byte_at = code_point_starts(*document_text);
  }
  // Whether the annotation's text can be taken from the document text instead (see AnnotationRow::cut).
  static const std::string kEllipsis = "…";
  const auto recoverable = [&](long long begin, long long end, const std::string& text) -> long long {
    if (byte_at.empty() || begin < 0 || end < begin ||
        static_cast<std::size_t>(end) >= byte_at.size())
      return -1;
    const std::string& all = *document_text;
    const std::size_t from = byte_at[begin], to = byte_at[end];
    if (text.size() == to - from && all.compare(from, to - from, text) == 0) return 0;
    if (text.size() <= kEllipsis.size() || text.compare(text.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) != 0)
      return -1;
    const std::size_t kept = text.size() - kEllipsis.size();
    if (kept >= to - from || all.compare(from, kept, text, 0, kept) != 0) return -1;
    const auto cut = std::lower_bound(byte_at.begin() + begin, byte_at.begin() + end, from + kept);
    if (cut == byte_at.begin() + end || *cut != from + kept) return -1;
    return cut - (byte_at.begin() + begin);
  };
  AttrsPrinter printer;
  static const Json kNoAnnotations = Json::array();
  const auto found = r.find("annotations");
  const Json& annotations = found != r.end() ? *found : kNoAnnotations;
  SetBuilder sets;
  AnnotationRow row;
  for (const auto& a : annotations) {
    // References, not copies: this loop runs for every annotation of every document.
    row.projection = -1;
    row.text.clear();
    const std::string& type = a.at("type").get_ref<const std::string&>();
    const std::string& text = a.at("text").get_ref<const std::string&>();
    const Json& attrs = a.at("attrs");
    row.type = type;
    row.begin = a.at("begin").get<long long>();
    row.end = a.at("end").get<long long>();
    row.cut = recoverable(row.begin, row.end, text);
    printer.print(attrs, row);
    project(projections, attrs, text, row);
    if (row.cut < 0) row.text = text;
    sets.add(row);
  }
  sets.finish(*rows);
  return rows;
}

// The rows of a processed document's record (head + document_to_json(document)), taken from the
// document itself: the same values render_rows() reads from that record, without building it.
std::unique_ptr<Rows> render_document_rows(const Json& head, const Document& doc, const Projections& projections) {
  auto rows = std::make_unique<Rows>();
  rows->id = doc.id();
  rows->seq = head.value("seq", 0LL);
  rows->source = doc.source();
  rows->sha256 = doc.meta().value("sha256", "");
  rows->pipeline_hash = head.value("pipeline_hash", "");
  rows->result_key = head.value("result_key", "");
  rows->status = head.value("status", "ok");
  Json meta = doc.meta();
  meta.erase("sha256");  // lifted to the top level of the record
  rows->facts = document_facts(meta);
  rows->meta = meta.dump();
  rows->document_blob = sqlite::sqlar_compress(doc.text());
  rows->document_size = static_cast<long long>(doc.text().size());
  static const std::string kEllipsis = "…";
  AttrsPrinter printer;
  const std::vector<ShownAnnotation> shown = shown_annotations(doc);
  SetBuilder sets;
  AnnotationRow row;
  for (const ShownAnnotation& s : shown) {
    const Annotation& a = *s.annotation;
    row.projection = -1;
    row.text.clear();
    row.type = a.type;
    row.begin = s.begin;
    row.end = s.end;
    // As render_rows() decides from the record's text (the surface, or its prefix and "…")
    // against the document text: every span's text is recoverable from the offsets.
    {
      const std::string_view span = std::string_view(doc.text()).substr(a.begin, a.end - a.begin);
      if (!s.shortened || (span.size() == s.shown.size() + kEllipsis.size() && span.ends_with(kEllipsis))) {
        row.cut = 0;
      } else {
        long long cut = 0;  // code points kept before the ellipsis
        for (unsigned char c : s.shown) cut += (c & 0xC0) != 0x80;
        row.cut = cut;
      }
    }
    printer.print(a.attrs, row);
    std::string shown(s.shown);
    if (s.shortened) shown += kEllipsis;
    project(projections, a.attrs, shown, row);
    if (row.cut < 0) row.text = std::move(shown);
    sets.add(row);
  }
  sets.finish(*rows);
  return rows;
}

class SqliteSink : public OutputSink {
 public:
  SqliteSink(fs::path path, SinkOptions options) : target_(std::move(path)), options_(options) {}
  ~SqliteSink() override {
    // A resumable store ended without finish() (another store failed, an exception): the
    // documents appended so far are complete; keep them, as a commit per append used to.
    if (!options_.fresh && db_ && !finished_) {
      try {
        commit();
        build_deferred_indexes();
      } catch (...) {
      }
    }
    if (!options_.fresh || finished_ || file_.empty()) return;
    // A fresh store destroyed before finish() (a failed or interrupted run): closed, then its
    // temporary database and journals go; the target stays as it was.
    statements_.reset();
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) remove_quietly(file_.string() + suffix);
  }

  DoneMap open(const RunIdentity& run) override {
    std::error_code ec;
    if (target_.has_parent_path()) fs::create_directories(target_.parent_path(), ec);
    file_ = options_.fresh ? temporary_beside(target_) : target_;
    if (options_.fresh)
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file_.string() + suffix, ec);
    db_ = std::make_unique<sqlite::Database>(file_);
    configure(*db_, projected_schema(projections()));
    check_projected_tables();
    run_ = run;

    DoneMap done;
    {
      sqlite::Statement other(*db_, "SELECT count(*) FROM documents WHERE pipeline_hash <> ?");
      other.bind(1, run.pipeline_hash);
      long long n = 0;
      if (other.step()) n = other.integer(0);
      other.reset();
      if (n > 0) {
        spdlog::warn("{}: {} result(s) of another pipeline version are dropped and recomputed",
                     target_.string(), n);
        sqlite::Statement del(*db_, "DELETE FROM documents WHERE pipeline_hash <> ?");
        del.bind(1, run.pipeline_hash).run();
      }
    }
    sqlite::Statement list(*db_,
        "SELECT id, result_key, status, (SELECT max(exit_code) FROM errors e WHERE e.doc_id = d.doc_id) "
        "FROM documents d");
    while (list.step())
      done[list.text(0)] = {list.text(1), list.text(2) == "failed", static_cast<int>(list.integer(3))};

    sqlite::Statement add_run(*db_,
        "INSERT INTO runs(pipeline, pipeline_hash, shard, provenance, started_at, status) "
        "VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'running')");
    add_run.bind(1, run.pipeline).bind(2, run.pipeline_hash).bind(3, run.shard)
        .bind(4, run.provenance.dump()).run();
    run_id_ = sqlite3_last_insert_rowid(db_->handle());
    defer_indexes();
    prepare();
    return done;
  }

  std::unique_ptr<RenderedRecord> render(const Json& record, const std::string* document_text) const override {
    return render_rows(record, document_text, projections());
  }

  std::unique_ptr<RenderedRecord> render_document(const Json& head, const Document& document) const override {
    return render_document_rows(head, document, projections());
  }

  std::string pack(const RenderedRecord& record) const override { return pack_rows(static_cast<const Rows&>(record)); }

  std::unique_ptr<RenderedRecord> unpack(const std::string& bytes) const override { return unpack_rows(bytes); }

  void append(const std::vector<const RenderedRecord*>& records) override {
    if (!in_transaction_) {
      db_->exec("BEGIN IMMEDIATE");
      in_transaction_ = true;
      transaction_began_ = std::chrono::steady_clock::now();
    }
    try {
      for (const RenderedRecord* r : records) insert(static_cast<const Rows&>(*r));
      flush_batches();
    } catch (...) {
      sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
      in_transaction_ = false;
      uncommitted_ = 0;
      for (auto& p : statements_->projected) p->discard();
      next_ids();
      load_shapes();
      throw;
    }
    uncommitted_ += records.size();
    if (!std::exchange(committed_once_, true) || uncommitted_ >= kDocumentsPerCommit ||
        std::chrono::steady_clock::now() - transaction_began_ >= std::chrono::seconds(1))
      commit();
  }

  void write_comparisons(const Json& comparisons) override {
    commit();
    db_->exec("BEGIN IMMEDIATE");
    db_->exec("DELETE FROM targets");  // no cascade on this connection (see prepare())
    db_->exec("DELETE FROM comparisons");
    insert_comparisons(comparisons);
    db_->exec("COMMIT");
  }

  void append_comparisons(const Json& comparisons) override {
    commit();
    db_->exec("BEGIN IMMEDIATE");
    insert_comparisons(comparisons);
    db_->exec("COMMIT");
  }

  void insert_comparisons(const Json& comparisons) {
    sqlite::Statement add(*db_, "INSERT INTO comparisons(base, compare, data) VALUES (?, ?, ?)");
    sqlite::Statement add_target(*db_,
        "INSERT INTO targets(comparison_id, metric, period, target_value, target_unit, "
        "target_qualifier, target_doc, actual_value, actual_unit, actual_doc, direction, verdict) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& c : comparisons) {
      add.bind(1, json_string(c.value("base", Json()))).bind(2, json_string(c.value("compare", Json())))
          .bind(3, c.dump()).run();
      const long long cid = sqlite3_last_insert_rowid(db_->handle());
      for (const auto& t : c.value("targets", Json::array())) {
        const Json target = t.value("target", Json::object());
        const Json actual = t.value("actual", Json::object());
        add_target.bind(1, cid).bind(2, json_string(t.value("metric", Json())));
        bind_optional(add_target, 3, json_integer(target.value("period", Json())));
        bind_optional(add_target, 4, json_number(target.value("value", Json())));
        bind_text_or_null(add_target, 5, json_string(target.value("unit", Json())));
        bind_text_or_null(add_target, 6, json_string(target.value("qualifier", Json())));
        bind_text_or_null(add_target, 7, json_string(target.value("doc", Json())));
        bind_optional(add_target, 8, json_number(actual.value("value", Json())));
        bind_text_or_null(add_target, 9, json_string(actual.value("unit", Json())));
        bind_text_or_null(add_target, 10, json_string(actual.value("doc", Json())));
        bind_text_or_null(add_target, 11, json_string(t.value("direction", Json())));
        bind_text_or_null(add_target, 12, json_string(t.value("verdict", Json())));
        add_target.run();
      }
    }
  }

  void finish(const Json& summary) override {
    commit();
    build_deferred_indexes();
    {
      sqlite::Statement done(*db_,
          "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), documents = ?, "
          "failed = ?, skipped = ?, status = ?, not_run = ? WHERE run_id = ?");
      done.bind(1, summary.value("documents", 0LL)).bind(2, summary.value("failed", 0LL))
          .bind(3, summary.value("skipped", 0LL)).bind(4, summary.value("status", "complete"))
          .bind(5, summary.value("not_run", 0LL)).bind(6, run_id_).run();
    }
    // Every statement finalised before closing, or SQLite keeps the connection (and its
    // -wal/-shm files) alive past the rename below.
    statements_.reset();
    db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db_->close();
    if (options_.fresh) {
      std::error_code ec;
      for (const char* suffix : {"-wal", "-shm"}) fs::remove(target_.string() + suffix, ec);
      replace_file(file_, target_);
    }
    finished_ = true;
  }

  fs::path path() const override { return target_; }

 private:
  struct Statements {
    Statements(sqlite::Database& db, const Projections& projections)
        : find(db, "SELECT doc_id FROM documents WHERE id = ?"),
          remove_errors(db, "DELETE FROM errors WHERE doc_id = ?"),
          remove_annotations(db, "DELETE FROM annotation_sets WHERE doc_id = ?"),
          remove_text(db, "DELETE FROM document_blobs WHERE doc_id = ?"),
          remove_document(db, "DELETE FROM documents WHERE doc_id = ?"),
          document(db,
                   "INSERT INTO documents(doc_id, id, seq, source, sha256, pipeline_hash, result_key, run_id, "
                   "status, region, report_year, plan_year, kind, title, meta) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          annotations(db, "INSERT INTO annotation_sets(first_id, doc_id, shape, count, size, data) VALUES (?, ?, ?, ?, ?, ?)"),
          error(db, "INSERT INTO errors(doc_id, stage, message, exit_code) VALUES (?, ?, ?, ?)"),
          text(db, "INSERT INTO document_blobs(doc_id, size, data) VALUES (?, ?, ?)"),
          add_shape(db, "INSERT INTO annotation_shapes(type, keys) VALUES (?, ?)") {
      for (const Projection& p : projections.list()) {
        std::vector<std::string> columns{"annotation_id", "doc_id"};
        for (const auto& c : p.columns) columns.push_back(c.name);
        projected.push_back(std::make_unique<sqlite::BatchInsert>(db, p.table, columns));
        remove_projected.push_back(std::make_unique<sqlite::Statement>(db, "DELETE FROM " + p.table + " WHERE doc_id = ?"));
      }
    }
    sqlite::Statement find, remove_errors, remove_annotations, remove_text, remove_document, document;
    sqlite::Statement annotations;
    sqlite::Statement error, text, add_shape;
    // One insert and one delete per projected table, in Projections::list() order.
    std::vector<std::unique_ptr<sqlite::BatchInsert>> projected;
    std::vector<std::unique_ptr<sqlite::Statement>> remove_projected;
  };

  const Projections& projections() const {
    static const Projections kNone;
    return options_.projections ? *options_.projections : kNone;
  }

  // A store written by a pipeline whose stages projected other columns into a table of the
  // same name cannot take this run's rows.
  void check_projected_tables() {
    for (const Projection& p : projections().list()) {
      std::string have, want = "annotation_id,doc_id";
      for (const auto& c : p.columns) want += "," + c.name;
      sqlite::Statement q(*db_, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
      q.bind(1, p.table);
      while (q.step()) have += (have.empty() ? "" : ",") + q.text(0);
      if (have != want)
        throw HostError(ExitCode::kOutput, target_.string() + ": its table '" + p.table + "' has the columns " + have +
                                               ", but stage '" + p.stage + "' projects " + want +
                                               "; choose another --output");
    }
  }

  // The writer's connection inserts without foreign-key checks: every child row it writes
  // refers to the document (and annotation) it has just inserted, so the checks (a lookup in
  // documents, and in annotations for indicators and entities, per row) can only pass. What
  // the cascade did when a document is replaced, remove_stored() does. A page cache large
  // enough for the indexes that grow out of order (indicators by metric, entities by
  // canonical name) keeps their pages from being evicted and read back every transaction.
  // Checkpoints every 64 MiB of WAL instead of 4 MiB: each one fsyncs twice and copies every
  // page the commits since the last one touched (the same index pages again and again).
  void prepare() {
    db_->exec("PRAGMA foreign_keys=OFF");
    db_->exec("PRAGMA cache_size=-65536");  // KiB: 64 MiB
    db_->exec("PRAGMA wal_autocheckpoint=16384");
    statements_ = std::make_unique<Statements>(*db_, projections());
    next_ids();
    load_shapes();
  }

  // The indexes whose entries arrive out of order (documents by region, the projections'
  // declared indexes: indicators by metric, entities by canonical name) are dropped while the
  // run appends and built again, in one sorted pass, when it finishes (or its sink is closed).
  // Kept up per row they cost the writer thread more than a third of its CPU: every commit
  // dirtied pages all over them, written to the WAL again and faulted in again after each
  // worker's fork (lawtext, -j2, writer thread: 1.83 s -> 1.16 s CPU, 207,000 -> 123,000
  // page faults; building them at the end: 0.07 s). A store whose run was killed lacks them
  // until a later run finishes; queries work without them, only slower.
  void defer_indexes() {
    std::vector<std::string> names{"documents_region_year"};
    for (const Projection& p : projections().list())
      for (const ProjectedIndex& i : p.indexes) names.push_back(i.name);
    sqlite::Statement q(*db_, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");
    for (const std::string& name : names) {
      q.bind(1, name);
      if (!q.step()) continue;  // stepped to the end: reset already
      deferred_indexes_.push_back(q.text(0));
      q.reset();  // no statement may read sqlite_master while it changes
      db_->exec("DROP INDEX \"" + name + "\"");
    }
  }

  void build_deferred_indexes() {
    for (const std::string& sql : deferred_indexes_) db_->exec(sql);
    deferred_indexes_.clear();
  }

  // Removes the stored record of `id` (a failed or outdated result being replaced), children
  // first, as the schema's ON DELETE CASCADE would.
  bool remove_stored(const std::string& id) {
    Statements& s = *statements_;
    s.find.bind(1, id);
    if (!s.find.step()) return false;
    flush_batches();  // its rows, and the ids next_ids() reads, are all in the tables
    const long long doc_id = s.find.integer(0);
    s.find.reset();
    s.remove_errors.bind(1, doc_id).run();
    for (auto& st : s.remove_projected) st->bind(1, doc_id).run();
    for (sqlite::Statement* st : {&s.remove_annotations, &s.remove_text, &s.remove_document}) st->bind(1, doc_id).run();
    return true;
  }

  // The next document and annotation ids (the largest + 1, as SQLite numbers rows): a
  // document's annotations are numbered consecutively from its first (its sets' smallest
  // first_id), so the largest is that first + their count - 1.
  void next_ids() {
    sqlite::Statement q(*db_, "SELECT (SELECT coalesce(max(doc_id), 0) + 1 FROM documents), "
                              "(SELECT coalesce(max(last), 0) + 1 FROM (SELECT min(first_id) + sum(count) - 1 AS last "
                              "FROM annotation_sets GROUP BY doc_id))");
    if (q.step()) {
      next_doc_id_ = q.integer(0);
      next_annotation_id_ = q.integer(1);
    }
    q.reset();
  }

  // Binds without copying: every string is a field of `r`, alive until append() has flushed
  // the batched rows.
  void insert(const Rows& r) {
    using sqlite::Cell;
    Statements& s = *statements_;
    if (remove_stored(r.id)) next_ids();  // as SQLite would, ids freed at the end are given again
    const long long doc_id = next_doc_id_++;
    s.document.bind(1, doc_id).bind_static(2, r.id).bind(3, r.seq).bind_static(4, r.source).bind_static(5, r.sha256)
        .bind_static(6, r.pipeline_hash).bind_static(7, r.result_key).bind(8, run_id_).bind_static(9, r.status);
    bind_static_or_null(s.document, 10, r.facts.region);
    bind_optional(s.document, 11, r.facts.report_year);
    bind_optional(s.document, 12, r.facts.plan_year);
    bind_static_or_null(s.document, 13, r.facts.kind);
    bind_static_or_null(s.document, 14, r.facts.title);
    s.document.bind_static(15, r.meta);
    s.document.run();

    if (r.error) s.error.bind(1, doc_id).bind_static(2, r.error->stage).bind_static(3, r.error->message).bind(4, r.error->exit_code).run();
    if (r.document_blob) s.text.bind(1, doc_id).bind(2, r.document_size).bind_blob_static(3, *r.document_blob).run();
    const long long first = next_annotation_id_;
    next_annotation_id_ += r.annotations;
    for (const AnnotationSet& a : r.sets)
      s.annotations.bind(1, first + a.first).bind(2, doc_id).bind(3, shape_of(a.type, a.keys)).bind(4, a.count)
          .bind(5, a.size).bind_blob_static(6, a.data).run();
    for (const ProjectedRow& a : r.projected) {
      const Projection& p = projections().list()[static_cast<std::size_t>(a.projection)];
      Cell* cells = s.projected[static_cast<std::size_t>(a.projection)]->row();
      cells[0] = Cell::of(first + a.ordinal);
      cells[1] = Cell::of(doc_id);
      for (std::size_t c = 0; c < a.values.size(); ++c) cells[c + 2] = cell_of(a.values[c], p.columns[c].required);
    }
  }

  // The number of the shape (type, key names), stored the first time it is seen: a lookup in
  // a hash table per row, with no allocation once `shape_key_` is long enough.
  long long shape_of(const std::string& type, const std::string& keys) {
    shape_key_.assign(type).append(1, '\0').append(keys);
    if (const auto found = shapes_.find(shape_key_); found != shapes_.end()) return found->second;
    statements_->add_shape.bind(1, type).bind(2, keys).run();
    const long long shape = sqlite3_last_insert_rowid(db_->handle());
    shapes_.emplace(shape_key_, shape);
    return shape;
  }

  // The shapes stored (a store being resumed has some; after a rollback, those committed).
  void load_shapes() {
    shapes_.clear();
    sqlite::Statement q(*db_, "SELECT shape, type, keys FROM annotation_shapes");
    while (q.step()) shapes_.emplace(q.text(1) + std::string(1, '\0') + q.text(2), q.integer(0));
  }

  // A projected value; empty text is NULL unless the column is NOT NULL (stored as '').
  static sqlite::Cell cell_of(const ProjectedValue& v, bool required) {
    switch (v.kind) {
      case ProjectedValue::kText: return sqlite::Cell::of(std::string_view(v.text));
      case ProjectedValue::kInteger: return sqlite::Cell::of(v.integer);
      case ProjectedValue::kReal: return sqlite::Cell::of_real(v.real);
      case ProjectedValue::kNull: break;
    }
    return required ? sqlite::Cell::of(std::string_view("", 0)) : sqlite::Cell::null();
  }

  void flush_batches() {
    for (auto& p : statements_->projected) p->flush();
  }

  // Commits the open transaction, if any.
  void commit() {
    if (!in_transaction_) return;
    db_->exec("COMMIT");
    in_transaction_ = false;
    uncommitted_ = 0;
  }

  fs::path target_, file_;
  SinkOptions options_;
  RunIdentity run_;
  std::unique_ptr<sqlite::Database> db_;
  std::unique_ptr<Statements> statements_;
  long long run_id_ = 0;
  long long next_doc_id_ = 1, next_annotation_id_ = 1;
  // Appends share one transaction, committed once it holds kDocumentsPerCommit documents or is a
  // second old (a killed run loses at most that), the first one at once; finish() and the
  // comparisons commit the rest. Each commit writes the last, partly filled page of every table
  // and index again: fewer commits, fewer pages written.
  static constexpr std::size_t kDocumentsPerCommit = 32;
  std::size_t uncommitted_ = 0;
  bool in_transaction_ = false, committed_once_ = false;
  std::chrono::steady_clock::time_point transaction_began_;
  bool finished_ = false;
  std::vector<std::string> deferred_indexes_;  // CREATE INDEX statements, see defer_indexes()
  std::unordered_map<std::string, long long> shapes_;  // type '\0' keys -> shape, see shape_of()
  std::string shape_key_;
};

class SqliteReader : public RecordReader {
 public:
  explicit SqliteReader(const fs::path& path) {
    if (!fs::exists(path)) throw HostError(ExitCode::kInput, path.string() + ": no such file");
    db_ = std::make_unique<sqlite::Database>(path, true);
    check_schema_version(*db_);
    sqlite::Statement run(*db_,
        "SELECT pipeline, pipeline_hash, provenance, shard, finished_at IS NOT NULL, "
        "coalesce(status, 'complete'), coalesce(not_run, 0), started_at FROM runs ORDER BY run_id DESC LIMIT 1");
    if (run.step()) {
      identity_.pipeline = run.text(0);
      identity_.pipeline_hash = run.text(1);
      identity_.provenance = Json::parse(run.text(2));
      identity_.shard = run.text(3);
      last_run_ = {run.text(3), run.integer(4) != 0 ? run.text(5) : "running", run.integer(6), run.text(7)};
    }
    run.reset();
    sqlite::Statement hashes(*db_, "SELECT DISTINCT pipeline_hash FROM documents ORDER BY 1");
    while (hashes.step()) hashes_.push_back(hashes.text(0));
  }
  const RunIdentity& identity() const override { return identity_; }
  std::optional<RunState> last_run() const override { return last_run_; }
  std::vector<std::string> pipeline_hashes() const override { return hashes_; }
  std::unique_ptr<RecordCursor> cursor() const override { return std::make_unique<Cursor>(*db_); }

 private:
  class Cursor : public RecordCursor {
   public:
    explicit Cursor(sqlite::Database& db)
        : docs_(db, "SELECT doc_id, pipeline_hash, result_key, seq, status, id, source, sha256, meta "
                    "FROM documents ORDER BY seq, id"),
          // The record's text is the stored one, else cut from the document text (span_text):
          // in C++ over code-point offsets computed once per document, where SQLite's substr()
          // would walk the whole text from its start for every span.
          sets_(db, "SELECT shape, first_id, size, data FROM annotation_sets WHERE doc_id = ? ORDER BY first_id"),
          text_(db, "SELECT data, size FROM document_blobs WHERE doc_id = ?"),
          errs_(db, "SELECT stage, message, exit_code FROM errors WHERE doc_id = ? ORDER BY error_id") {
      sqlite::Statement shapes(db, "SELECT shape, type, keys FROM annotation_shapes");
      while (shapes.step()) {
        Shape& shape = shapes_[shapes.integer(0)];
        shape.type = shapes.text(1);
        const std::string keys = shapes.text(2);
        shape.object = keys != "null";
        if (shape.object)
          for (const auto& k : Json::parse(keys)) shape.keys.push_back(k.get<std::string>());
      }
    }
    bool next(Json& r) override {
      if (!docs_.step()) return false;
      r = Json::object();
      r["pipeline_hash"] = docs_.text(1);
      r["result_key"] = docs_.text(2);
      r["seq"] = docs_.integer(3);
      r["status"] = docs_.text(4);
      if (r["status"] == "failed") r["exit_code"] = 0;  // filled from errors below, kept in place
      r["id"] = docs_.text(5);
      r["source"] = docs_.text(6);
      r["sha256"] = docs_.text(7);
      r["meta"] = Json::parse(docs_.text(8));
      text_.bind(1, docs_.integer(0));
      document_text_.reset();
      byte_at_.clear();
      if (text_.step()) {
        document_text_ = sqlite::sqlar_uncompress(text_.text(0), text_.integer(1));
        byte_at_ = code_point_starts(*document_text_);
      }
      text_.reset();
      // Each set's annotations, then all of them in the record's order (their ids').
      std::vector<std::pair<long long, Json>> found;
      sets_.bind(1, docs_.integer(0));
      while (sets_.step()) {
        const auto shape = shapes_.find(sets_.integer(0));
        if (shape == shapes_.end())
          throw std::runtime_error("damaged store: annotation shape " + std::to_string(sets_.integer(0)) + " unknown");
        const long long first = sets_.integer(1);
        Json set = Json::parse(sqlite::sqlar_uncompress(sets_.text(3), sets_.integer(2)));
        for (Json& e : set) found.emplace_back(first + e.at(0).get<long long>(), annotation_of(shape->second, e));
      }
      std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      Json list = Json::array();
      for (auto& [id, a] : found) list.push_back(std::move(a));
      r["annotations"] = std::move(list);
      errs_.bind(1, docs_.integer(0));
      while (errs_.step()) {
        r["exit_code"] = errs_.integer(2);
        r["error"] = {{"stage", errs_.text(0)}, {"message", errs_.text(1)}, {"exit_code", errs_.integer(2)}};
      }
      return true;
    }

    const std::string* document_text() const override { return document_text_ ? &*document_text_ : nullptr; }

   private:
    // A long span's text: the document's between the code-point offsets, or its first `cut`
    // code points and "…" (as written: see AnnotationRow::cut). Out of range: clamped, as
    // substr() would.
    std::string span_text(long long begin, long long end, long long cut) const {
      if (byte_at_.empty()) return {};
      const auto at = [&](long long cp) {
        return byte_at_[static_cast<std::size_t>(std::clamp<long long>(cp, 0, byte_at_.size() - 1))];
      };
      const long long stop = cut < 0 ? end : begin + cut;
      std::string text = document_text_->substr(at(begin), at(std::max(begin, stop)) - at(begin));
      if (cut >= 0) text += "…";
      return text;
    }

    // An annotation type and the key names of its attrs (annotation_shapes); `object` false for
    // attrs that are not an object, stored whole.
    struct Shape {
      std::string type;
      bool object = true;
      std::vector<std::string> keys;
    };

    // An annotation of a set: [id - first_id, begin, end, text, values...] (see kSchema).
    Json annotation_of(const Shape& shape, Json& e) const {
      const std::size_t values = shape.object ? shape.keys.size() : 1;
      if (!e.is_array() || e.size() != 4 + values)
        throw std::runtime_error("damaged store: an annotation's values do not fit its shape's keys");
      Json a = Json::object();
      a["type"] = shape.type;
      const long long begin = e[1].get<long long>(), end = e[2].get<long long>();
      a["begin"] = begin;
      a["end"] = end;
      a["text"] = e[3].is_string() ? std::move(e[3]) : Json(span_text(begin, end, e[3].get<long long>() > 0 ? e[3].get<long long>() : -1));
      if (!shape.object) {
        a["attrs"] = std::move(e[4]);
        return a;
      }
      Json attrs = Json::object();
      for (std::size_t i = 0; i < shape.keys.size(); ++i) attrs[shape.keys[i]] = std::move(e[4 + i]);
      a["attrs"] = std::move(attrs);
      return a;
    }

    sqlite::Statement docs_, sets_, text_, errs_;
    std::unordered_map<long long, Shape> shapes_;
    std::optional<std::string> document_text_;
    std::vector<std::size_t> byte_at_;
  };

  std::unique_ptr<sqlite::Database> db_;
  RunIdentity identity_;
  std::optional<RunState> last_run_;
  std::vector<std::string> hashes_;
};

}  // namespace

std::unique_ptr<OutputSink> make_sqlite_sink(const fs::path& path, const SinkOptions& options) {
  return std::make_unique<SqliteSink>(path, options);
}

std::unique_ptr<RecordReader> make_sqlite_reader(const fs::path& path) {
  return std::make_unique<SqliteReader>(path);
}

void configure_sqlite_store(sqlite::Database& db, const std::string& projected_sql) { configure(db, projected_sql); }
int sqlite_schema_version() { return kSchemaVersion; }

}  // namespace reportlens
