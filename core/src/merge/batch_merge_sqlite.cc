#include "merge/batch_merge_sqlite.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "run/batch_signals.h"
#include "output/output_file_util.h"
#include "output/output_sqlite.h"
#include "output/output_sqlite_db.h"
#include "output/table_projection.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// One document of an input, and where it goes in the output.
struct Doc {
  long long seq = 0;
  std::string id;
  std::size_t input = 0;
  long long old_doc = 0, first_annotation = 0, annotations = 0, errors = 0;
  bool failed = false;
  long long new_doc = 0, annotation_offset = 0, error_id = 0;
};

// The documents of `db`'s attached store `src`, or nothing if its rows cannot be copied as
// they are: a store of another schema or without document texts (merged from JSON Lines). A
// document's annotation ids are consecutive from its sets' smallest first_id (the writer numbers
// them so): they are shifted by one offset each.
std::optional<std::vector<Doc>> list_documents(sqlite::Database& db, std::size_t input) {
  {
    sqlite::Statement version(db, "PRAGMA src.user_version");
    const long long v = version.step() ? version.integer(0) : 0;
    version.reset();
    if (v != sqlite_schema_version()) return std::nullopt;
  }
  sqlite::Statement q(db,
      "SELECT d.seq, d.id, d.doc_id, d.status = 'failed', "
      "(SELECT count(*) FROM src.document_blobs t WHERE t.doc_id = d.doc_id), "
      "(SELECT count(*) FROM src.errors e WHERE e.doc_id = d.doc_id), "
      "min(a.first_id), coalesce(sum(a.count), 0) "
      "FROM src.documents d LEFT JOIN src.annotation_sets a ON a.doc_id = d.doc_id GROUP BY d.doc_id");
  std::vector<Doc> docs;
  bool ok = true;
  while (q.step()) {
    Doc d;
    d.seq = q.integer(0);
    d.id = q.text(1);
    d.input = input;
    d.old_doc = q.integer(2);
    d.failed = q.integer(3) != 0;
    d.errors = q.integer(5);
    d.annotations = q.integer(7);
    d.first_annotation = d.annotations ? q.integer(6) : 0;
    const bool has_text = q.integer(4) == 1;
    if ((!has_text && !d.failed) || d.errors > 1) ok = false;
    docs.push_back(std::move(d));
  }
  if (!ok) return std::nullopt;
  return docs;
}

// Orders every input's documents as one run would have written them, (seq, id) and the
// earlier input first, keeps the first of each id, and numbers documents, annotations and
// errors in that order.
std::vector<Doc> plan(std::vector<Doc> all, MergeReport& report) {
  std::stable_sort(all.begin(), all.end(), [](const Doc& a, const Doc& b) {
    return std::tie(a.seq, a.id, a.input) < std::tie(b.seq, b.id, b.input);
  });
  std::unordered_set<std::string> seen;
  std::vector<Doc> kept;
  long long next_annotation = 1, next_error = 1;
  for (Doc& d : all) {
    if (!seen.insert(d.id).second) {
      ++report.duplicates;
      spdlog::warn("merge: document '{}' appears in more than one input; keeping the first", d.id);
      continue;
    }
    d.new_doc = static_cast<long long>(kept.size()) + 1;
    d.annotation_offset = next_annotation - d.first_annotation;
    next_annotation += d.annotations;
    d.error_id = d.errors ? next_error++ : 0;
    ++report.documents;
    if (d.failed) ++report.failed;
    kept.push_back(std::move(d));
  }
  return kept;
}

// The tables the stages' projections made in the attached store `src` (table_projection.h).
std::vector<std::string> projected_tables(sqlite::Database& db) {
  std::vector<std::string> tables;
  sqlite::Statement q(db, "SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
  while (q.step())
    if (!is_store_table(q.text(0))) tables.push_back(q.text(0));
  return tables;
}

// Where the kept documents of input `input` go, in `temp.map`.
void fill_map(sqlite::Database& db, const std::vector<Doc>& docs, std::size_t input) {
  db.exec("DELETE FROM temp.map");
  sqlite::Statement add(db, "INSERT INTO temp.map(old_doc, new_doc, shift, error_id) VALUES (?, ?, ?, ?)");
  for (const Doc& d : docs)
    if (d.input == input) add.bind(1, d.old_doc).bind(2, d.new_doc).bind(3, d.annotation_offset).bind(4, d.error_id).run();
}

void attach(sqlite::Database& db, const fs::path& input) {
  sqlite::Statement a(db, "ATTACH DATABASE ? AS src");
  a.bind(1, input.string()).run();
}

// The annotation shapes of the kept documents, numbered as one run numbers them: in the order
// of their first annotation (a run stores a shape when it first writes it). So a merged store
// equals a single run's table by table, annotation_shapes and annotation_sets too. One pass
// over each input's annotation sets before the copy.
void number_shapes(sqlite::Database& db, const std::vector<Doc>& docs, const std::vector<fs::path>& inputs) {
  db.exec("CREATE TEMP TABLE first_seen(type TEXT, keys TEXT, first INTEGER)");
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    throw_if_interrupted();
    attach(db, inputs[k]);
    fill_map(db, docs, k);
    db.exec("INSERT INTO temp.first_seen SELECT s.type, s.keys, min(a.first_id + m.shift) "
            "FROM temp.map m JOIN src.annotation_sets a ON a.doc_id = m.old_doc "
            "JOIN src.annotation_shapes s ON s.shape = a.shape GROUP BY a.shape");
    db.exec("DETACH DATABASE src");
  }
  db.exec("INSERT INTO annotation_shapes(type, keys) SELECT type, keys FROM temp.first_seen "
          "GROUP BY type, keys ORDER BY min(first)");
  db.exec("DROP TABLE temp.first_seen");
}

// Copies the kept documents of the attached input `src` through the mapping table `temp.map`.
void copy_rows(sqlite::Database& db, const std::vector<Doc>& docs, std::size_t input, long long run_id) {
  fill_map(db, docs, input);
  const std::string run = std::to_string(run_id);
  db.exec("INSERT INTO documents(doc_id, id, seq, source, sha256, pipeline_hash, result_key, run_id, status, "
          "region, report_year, plan_year, kind, title, meta) "
          "SELECT m.new_doc, d.id, d.seq, d.source, d.sha256, d.pipeline_hash, d.result_key, " + run +
          ", d.status, d.region, d.report_year, d.plan_year, d.kind, d.title, d.meta "
          "FROM temp.map m JOIN src.documents d ON d.doc_id = m.old_doc ORDER BY m.new_doc");
  db.exec("INSERT INTO document_blobs(doc_id, size, data) SELECT m.new_doc, t.size, t.data "
          "FROM temp.map m JOIN src.document_blobs t ON t.doc_id = m.old_doc ORDER BY m.new_doc");
  // Shapes by (type, keys): the input's numbers become the output's (number_shapes()).
  db.exec("DELETE FROM temp.shape_map");
  db.exec("INSERT INTO temp.shape_map(old, new) SELECT s.shape, o.shape "
          "FROM src.annotation_shapes s JOIN main.annotation_shapes o ON o.type = s.type AND o.keys = s.keys");
  db.exec("INSERT INTO annotation_sets(first_id, doc_id, shape, count, size, data) "
          "SELECT a.first_id + m.shift, m.new_doc, k.new, a.count, a.size, a.data "
          "FROM temp.map m JOIN src.annotation_sets a ON a.doc_id = m.old_doc JOIN temp.shape_map k ON k.old = a.shape "
          "ORDER BY 1");
  for (const std::string& table : projected_tables(db)) {
    std::string columns;
    sqlite::Statement info(db, "SELECT name FROM pragma_table_info(?, 'src') WHERE name NOT IN ('annotation_id', 'doc_id') ORDER BY cid");
    info.bind(1, table);
    while (info.step()) columns += ", x.\"" + info.text(0) + "\"";
    db.exec("INSERT INTO \"" + table + "\" SELECT x.annotation_id + m.shift, m.new_doc" + columns +
            " FROM temp.map m JOIN src.\"" + table + "\" x ON x.doc_id = m.old_doc ORDER BY 1");
  }
  db.exec("INSERT INTO errors(error_id, doc_id, stage, message, exit_code) "
          "SELECT m.error_id, m.new_doc, e.stage, e.message, e.exit_code "
          "FROM temp.map m JOIN src.errors e ON e.doc_id = m.old_doc ORDER BY 1");
}

// Their CREATE TABLE and CREATE INDEX statements as `src` holds them, in its order: the merged
// store gets the same schema a single run of the pipeline makes.
std::string projected_schema_of(sqlite::Database& db) {
  std::string sql;
  for (const std::string& table : projected_tables(db)) {
    sqlite::Statement q(db, "SELECT sql FROM src.sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY rowid");
    q.bind(1, table);
    while (q.step()) sql += q.text(0) + ";\n";
  }
  return sql;
}

}  // namespace

std::optional<MergeReport> merge_sqlite_rows(const fs::path& output, const std::vector<fs::path>& inputs,
                                             const RunIdentity& identity, const std::string& status) {
  if (format_for_extension(output) != "sqlite") return std::nullopt;
  for (const auto& in : inputs)
    if (format_for_extension(in) != "sqlite") return std::nullopt;

  std::error_code ec;
  if (output.has_parent_path()) fs::create_directories(output.parent_path(), ec);
  const fs::path file = temporary_beside(output);
  // Whatever happens before the rename, the temporary database and its journals go.
  struct Cleanup {
    fs::path file;
    bool done = false;
    ~Cleanup() {
      if (!done)
        for (const char* suffix : {"", "-wal", "-shm"}) remove_quietly(file.string() + suffix);
    }
  } cleanup{file};
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix, ec);

  sqlite::Database db(file);
  attach(db, inputs.front());
  const std::string projected = projected_schema_of(db);
  db.exec("DETACH DATABASE src");
  configure_sqlite_store(db, projected);
  std::vector<Doc> all;
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    attach(db, inputs[k]);
    auto docs = list_documents(db, k);
    db.exec("DETACH DATABASE src");
    if (!docs) return std::nullopt;
    std::move(docs->begin(), docs->end(), std::back_inserter(all));
  }
  MergeReport report;
  report.output = output;
  const std::vector<Doc> docs = plan(std::move(all), report);

  // Rows are consistent by construction: no per-row foreign key checks while copying. The file
  // is a temporary that an interrupted merge deletes: no journal while it is written (each page
  // once, not into the WAL and again into the file); WAL again, as every store, at the end.
  db.exec("PRAGMA foreign_keys=OFF");
  db.exec("PRAGMA journal_mode=OFF");
  db.exec("PRAGMA synchronous=OFF");
  db.exec("CREATE TEMP TABLE map(old_doc INTEGER PRIMARY KEY, new_doc INTEGER, shift INTEGER, error_id INTEGER)");
  db.exec("CREATE TEMP TABLE shape_map(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)");
  long long run_id = 0;
  {
    sqlite::Statement add_run(db,
        "INSERT INTO runs(pipeline, pipeline_hash, shard, provenance, started_at, status) "
        "VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'running')");
    add_run.bind(1, identity.pipeline).bind(2, identity.pipeline_hash).bind(3, identity.shard)
        .bind(4, identity.provenance.dump()).run();
    run_id = sqlite3_last_insert_rowid(db.handle());
  }
  number_shapes(db, docs, inputs);
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    throw_if_interrupted();
    attach(db, inputs[k]);
    db.exec("BEGIN IMMEDIATE");
    copy_rows(db, docs, k, run_id);
    db.exec("COMMIT");
    db.exec("DETACH DATABASE src");
  }
  throw_if_interrupted();
  {
    // Statements finalised before closing, or SQLite keeps the connection and its files alive.
    sqlite::Statement done(db,
        "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), documents = ?, failed = ?, "
        "skipped = 0, status = ?, not_run = 0 WHERE run_id = ?");
    done.bind(1, static_cast<long long>(report.documents)).bind(2, static_cast<long long>(report.failed))
        .bind(3, status).bind(4, run_id).run();
  }
  db.exec("PRAGMA journal_mode=WAL");  // recorded in the file; its WAL is empty
  db.close();
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(output.string() + suffix, ec);
  replace_file(file, output);
  cleanup.done = true;
  return report;
}

}  // namespace reportlens
