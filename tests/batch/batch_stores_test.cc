// The stores and the series report in process, on hand-made records (indicator and entity
// annotations as the contract describes them), through the table projections the indicators
// and entities plugins of this build declare.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>

#include "run/batch_identity.h"
#include "batch_test_support.h"
#include "output/output_series.h"
#include "output/output_sink.h"
#include "output/result_writer.h"
#include "shared_corpus.h"

using namespace batchtest;
using reportlens::Json;

namespace {

Json indicator(const std::string& metric, long long period, const std::string& status, double growth,
               const std::string& qualifier = "") {
  // `indicator`: the catalogue's standard name, which the series report keys on.
  Json attrs = {{"metric", metric}, {"indicator", metric}, {"period", period}, {"status", status}, {"level", nullptr},
                {"growth", {{"value", growth}, {"unit", "percent"}}}};
  attrs["qualifier"] = qualifier.empty() ? Json() : Json(qualifier);
  return {{"type", "indicator"}, {"begin", 0}, {"end", 4}, {"text", metric}, {"attrs", attrs}};
}

Json record(const std::string& id, long long seq, const std::string& region, long long year, Json annotations) {
  Json r = Json::object();
  r["pipeline_hash"] = "h1";
  r["result_key"] = reportlens::make_result_key("h1", "00");  // resume checks it
  r["seq"] = seq;
  r["status"] = "ok";
  r["id"] = id;
  r["source"] = "corpus/" + id;
  r["sha256"] = "00";
  r["meta"] = {{"region", region}, {"report_year", year}, {"title", "报告, \"甲\""}};
  r["annotations"] = std::move(annotations);
  return r;
}

}  // namespace

TEST(BatchStores, CsvHasOneRowPerFactWithDocumentMetadataAndOptionalBom) {
  ScratchDir dir("csv");
  const Json r = record("a.txt", 0, "铁西区", 2022,
                        Json::array({indicator("地区生产总值", 2022, "target", 6.5, ">="),
                                     {{"type", "entity"}, {"begin", 5}, {"end", 8}, {"text", "中德园"},
                                      {"attrs", {{"kind", "industrial_park"}, {"canonical", "中德(沈阳)高端装备制造产业园"}}}},
                                     {{"type", "sentence"}, {"begin", 0}, {"end", 9}, {"text", "x"}, {"attrs", Json::object()}}}));
  reportlens::SinkOptions options;
  options.csv_bom = true;
  options.projections = fact_projections();
  auto sink = reportlens::make_sink("csv", dir / "facts.csv", options);
  sink->open({"p", "h1", Json::object(), ""});
  sink->write({&r});
  sink->finish(Json::object());
  const std::string text = read_text(dir / "facts.csv");
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  std::vector<std::string> lines;
  for (std::size_t at = 3; at < text.size();) {
    const auto end = text.find("\r\n", at);
    lines.push_back(text.substr(at, end - at));
    at = end + 2;
  }
  ASSERT_EQ(lines.size(), 4u);  // header, indicator, entity, closing document row (no sentence)
  EXPECT_EQ(lines[0].substr(0, 40), "record,doc_id,source,region,report_year,");
  EXPECT_EQ(lines[1].rfind("indicator,a.txt,corpus/a.txt,铁西区,2022,,,\"报告, \"\"甲\"\"\",00,0,4,", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find(",地区生产总值,地区生产总值,2022,target,,,,6.5,,percent,>=,"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("entity,a.txt"), std::string::npos);
  EXPECT_NE(lines[2].find(",industrial_park,中德(沈阳)高端装备制造产业园,"), std::string::npos) << lines[2];
  EXPECT_EQ(lines[3].substr(0, 15), "document,a.txt,");
}

// Workers render a document's CSV rows straight from the document (render_document); merges
// and failures render the record tree (render). Both must give the same bytes.
TEST(BatchStores, CsvRowsFromTheDocumentEqualRowsFromItsRecord) {
  ScratchDir dir("csv-document");
  const std::string text = "一、铁西区，\"中德园\"：地区生产总值增长6.5%以上。\n二、全年实现7%-8%，\r\n完成。";
  Json meta = {{"sha256", "ab12"}, {"region", "铁西区, 沈阳"}, {"report_year", "2022"}, {"plan_year", 2023.0},
               {"kind", "work"}, {"title", "报告 \"甲\""}, {"encoding", "utf-8"}};
  reportlens::Document doc("g/a,b.txt", "corpus/g/a,b.txt", text, meta);
  const auto at = [&](const std::string& s) { return text.find(s); };
  doc.add("sentence", 0, at("二"));
  doc.add("entity", at("铁西区"), at("铁西区") + std::string("铁西区").size(),
          {{"kind", "district"}, {"canonical", "铁西区"}});
  doc.add("entity", at("\"中德园\""), at("："), Json::object());  // no canonical: its text
  doc.add("indicator", at("地区"), at("以上"),
          {{"metric", "地区生产总值"}, {"period", 2022}, {"status", "target"}, {"qualifier", ">="},
           {"growth", {{"value", 6.5}, {"unit", "percent"}}}, {"level", nullptr}});
  doc.add("indicator", at("7%"), at("，\r"),
          {{"metric", "增速, \"名义\""}, {"canonical", "GDP"}, {"period", "2023"}, {"status", "estimate"},
           {"growth", {{"value", Json::array({7, 8})}, {"unit", "percent"}}},
           {"level", {{"value", 1e21}, {"unit", "亿元\n"}}}});
  doc.add("indicator", at("完成"), text.size(), nullptr);  // odd attrs: empty columns, no error
  doc.add("paragraph", 0, text.size());

  Json head = Json::object();
  head["pipeline_hash"] = "h1";
  head["result_key"] = "k1";
  head["seq"] = std::size_t{7};
  head["status"] = "ok";
  Json record = head;
  const Json members = reportlens::document_to_json(doc);
  for (const auto& [k, v] : members.items()) record[k] = v;

  const auto write = [&](const std::string& name, bool from_document) {
    reportlens::SinkOptions options;
    options.projections = fact_projections();
    auto sink = reportlens::make_sink("csv", dir / name, options);
    sink->open({"p", "h1", Json::object(), ""});
    const auto rows = from_document ? sink->render_document(head, doc) : sink->render(record);
    sink->append({rows.get()});
    sink->finish(Json::object());
    return read_text(dir / name);
  };
  const std::string from_record = write("record.csv", false), from_document = write("document.csv", true);
  EXPECT_EQ(from_document, from_record);
  // Header, five fact rows (entities, indicators; not the sentence or paragraph), closing row.
  EXPECT_EQ(std::count(from_record.begin(), from_record.end(), '\n'), 8) << from_record;
  EXPECT_NE(from_record.find("\"增速, \"\"名义\"\"\",GDP,2023,estimate,1e+21,,\"亿元\n\",7.0,8.0,percent,range,"),
            std::string::npos) << from_record;
}

TEST(BatchStores, JsonlTornLastLineIsRepairedOnOpen) {
  ScratchDir dir("torn");
  const Json a = record("a.txt", 0, "", 2020, Json::array());
  const Json b = record("b.txt", 1, "", 2021, Json::array());
  {
    std::ofstream out(dir / "r.jsonl", std::ios::binary);
    out << a.dump() << "\n" << b.dump().substr(0, 40);  // killed in the middle of b
  }
  auto sink = reportlens::make_sink("jsonl", dir / "r.jsonl", {});
  const auto done = sink->open({"p", "h1", Json::object(), ""});
  EXPECT_EQ(done.size(), 1u);
  EXPECT_EQ(done.at("a.txt").result_key, reportlens::make_result_key("h1", "00"));
  sink->write({&b});
  sink->finish(Json::object());
  EXPECT_EQ(read_text(dir / "r.jsonl"), a.dump() + "\n" + b.dump() + "\n");
  // Reopened with another pipeline version: the old results are dropped (recomputed).
  auto other = reportlens::make_sink("jsonl", dir / "r.jsonl", {});
  EXPECT_TRUE(other->open({"p", "h2", Json::object(), ""}).empty());
  other->finish(Json::object());
  EXPECT_EQ(read_text(dir / "r.jsonl"), "");
}

TEST(BatchSeries, TargetsAndActualsSideBySideWithChartsAndIndex) {
  ScratchDir dir("series");
  reportlens::SeriesCollector series(fact_projections());
  // The 2022 report states the 2021 actual and the 2022 target; the 2023 report the 2022
  // actual (missed) and the 2023 target; a preliminary 2022 estimate is superseded.
  series.add(record("r2022.txt", 0, "铁西区", 2022,
                    Json::array({indicator("地区生产总值", 2021, "actual", 7.1),
                                 indicator("地区生产总值", 2022, "target", 6.5, ">="),
                                 indicator("地区生产总值", 2022, "estimate", 6.0)})));
  series.add(record("r2023.txt", 1, "铁西区", 2023,
                    Json::array({indicator("地区生产总值", 2022, "actual", 4.2),
                                 indicator("地区生产总值", 2023, "target", 6, "~")})));
  series.add(record("s2023.txt", 2, "沈阳市", 2023,
                    Json::array({indicator("一般公共预算收入", 2022, "actual", 3.1)})));
  const auto index = series.write(dir / "out.series", false);
  const std::string csv = read_text(dir / "out.series/series.csv");
  EXPECT_NE(csv.find("沈阳市,一般公共预算收入,growth,percent,2022,,,,,3.1,actual,s2023.txt,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("铁西区,地区生产总值,growth,percent,2021,,,,,7.1,actual,r2022.txt,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("铁西区,地区生产总值,growth,percent,2022,6.5,,>=,r2022.txt,4.2,actual,r2023.txt,missed\r\n"),
            std::string::npos) << csv;
  EXPECT_NE(csv.find("铁西区,地区生产总值,growth,percent,2023,6,,~,r2023.txt,,,,\r\n"), std::string::npos) << csv;
  const std::string html = read_text(index);
  EXPECT_NE(html.find("href=\"metric-001.svg\">一般公共预算收入"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"metric-002.svg\">地区生产总值"), std::string::npos);
  const std::string svg = read_text(dir / "out.series/metric-002.svg");
  EXPECT_NE(svg.find("<rect"), std::string::npos);      // target band
  EXPECT_NE(svg.find("<polyline"), std::string::npos);  // actual line
  EXPECT_NE(svg.find("#c0392b"), std::string::npos);    // the missed year in red

  reportlens::SeriesCollector::Statement target{8, std::nullopt, "<=", "target", "d", 2022};
  reportlens::SeriesCollector::Statement actual{7.5, std::nullopt, "", "actual", "e", 2023};
  EXPECT_EQ(reportlens::target_verdict(target, actual), "met");  // a ceiling kept
  target.qualifier = "range";
  target.high = 9;
  EXPECT_EQ(reportlens::target_verdict(target, actual), "missed");
}

// A document stored again (changed input, retried failure) replaces its rows and leaves none
// behind: the writer inserts without foreign-key checks and removes the children itself.
TEST(BatchStores, SqliteReplacedDocumentLeavesNoOrphanRows) {
  ScratchDir dir("sqlite-replace");
  const fs::path db = dir / "r.sqlite";
  const Json entity = {{"type", "entity"}, {"begin", 5}, {"end", 8}, {"text", "中德园"},
                       {"attrs", {{"kind", "industrial_park"}, {"canonical", "中德园"}}}};
  Json first = record("a.txt", 0, "铁西区", 2022, Json::array({indicator("地区生产总值", 2022, "target", 6.5), entity}));
  Json other = record("b.txt", 1, "铁西区", 2023, Json::array({indicator("税收收入", 2023, "actual", 3.0)}));
  Json failed = record("c.txt", 2, "铁西区", 2023, Json::array());
  failed["status"] = "failed";
  failed["error"] = {{"stage", "numbers"}, {"message", "boom"}, {"exit_code", 5}};
  reportlens::SinkOptions options;
  options.projections = fact_projections();
  auto sink = reportlens::make_sink("sqlite", db, options);
  sink->open({"p", "h1", Json::object(), ""});
  sink->write({&first, &other, &failed});
  sink->finish(Json::object());

  Json changed = record("a.txt", 0, "铁西区", 2022, Json::array({indicator("地区生产总值", 2022, "actual", 7.0)}));
  changed["result_key"] = "k-a2";
  Json retried = record("c.txt", 2, "铁西区", 2023, Json::array({indicator("税收收入", 2022, "actual", 1.0)}));
  auto again = reportlens::make_sink("sqlite", db, options);
  again->open({"p", "h1", Json::object(), ""});
  again->write({&changed, &retried});
  again->finish(Json::object());

  for (const std::string table : {"annotations", "indicators", "entities", "errors", "document_texts"})
    EXPECT_EQ(query(db, "SELECT count(*) FROM " + table + " WHERE doc_id NOT IN (SELECT doc_id FROM documents)").at(0), "0")
        << table;
  EXPECT_EQ(query(db, "SELECT d.id || ' ' || i.status FROM indicators i JOIN documents d USING (doc_id) ORDER BY d.seq"),
            (std::vector<std::string>{"a.txt actual", "b.txt actual", "c.txt actual"}));
  EXPECT_EQ(query(db, "SELECT count(*) FROM entities").at(0), "0");
  EXPECT_EQ(query(db, "SELECT count(*) FROM errors").at(0), "0");
  EXPECT_EQ(query(db, "PRAGMA foreign_key_check").size(), 0u);
}

// The report's folder is published as a set: rewritten, it holds exactly the new set (a chart
// that no longer exists goes), with nothing left beside it.
TEST(BatchSeries, RewritingReplacesTheWholeFolderAtOnce) {
  ScratchDir dir("series-publish");
  reportlens::SeriesCollector two(fact_projections()), one(fact_projections());
  two.add(record("a.txt", 0, "铁西区", 2022,
                 Json::array({indicator("地区生产总值", 2022, "actual", 7.1), indicator("税收收入", 2022, "actual", 3.0)})));
  one.add(record("a.txt", 0, "铁西区", 2022, Json::array({indicator("地区生产总值", 2022, "actual", 7.1)})));
  const fs::path out = dir / "out.series";
  two.write(out, false);
  ASSERT_TRUE(fs::exists(out / "metric-002.svg"));
  one.write(dir / "fresh.series", false);
  one.write(out, false);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"index.html", "metric-001.svg", "series.csv"}));
  for (const auto& name : names) EXPECT_EQ(read_text(out / name), read_text(dir / "fresh.series" / name)) << name;
  std::vector<std::string> beside;
  for (const auto& e : fs::directory_iterator(dir.path())) beside.push_back(e.path().filename().string());
  std::sort(beside.begin(), beside.end());
  EXPECT_EQ(beside, (std::vector<std::string>{"fresh.series", "out.series"}));
}

// SQLite keeps each document's text once; every span (sentences, quantities ...) is offsets
// into it. Reading the store back gives exactly the records of a run.
TEST(BatchStores, SqliteStoresTheDocumentTextOnceAndSpansAsOffsets) {
  ScratchDir dir("sqlite-text");
  make_corpus(dir / "corpus", 6, 40);
  const fs::path yaml = write_pipeline(dir.path(), "  - use: segment\n  - use: numbers\n");
  const fs::path db = dir / "r.sqlite", lines = dir / "r.jsonl";
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", db}).code, 0);
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", lines}).code, 0);
  EXPECT_EQ(query(db, "SELECT count(*) FROM document_texts").at(0), "6");
  EXPECT_EQ(query(db, "SELECT count(text) FROM annotations WHERE type IN ('sentence', 'clause')").at(0), "0");
  // Facts too: every span whose text is the document's is stored as offsets.
  EXPECT_EQ(query(db, "SELECT count(text) FROM annotations WHERE type = 'quantity'").at(0), "0");
  EXPECT_NE(query(db, "SELECT count(*) FROM annotations WHERE type = 'quantity'").at(0), "0");
  // Long paragraphs are shortened in records ("…"): stored as a cut, not as text.
  EXPECT_NE(query(db, "SELECT count(text_cut) FROM annotations WHERE type = 'paragraph'").at(0), "0");

  // The view gives every span's full text; the sentences are those of the JSONL records.
  std::vector<std::string> from_view = query(db,
      "SELECT text FROM annotation_texts WHERE type IN ('sentence', 'quantity') ORDER BY annotation_id");
  std::vector<std::string> from_records;
  std::ifstream in(lines);
  for (std::string line; std::getline(in, line);) {
    const Json record = Json::parse(line);
    for (const auto& a : record.at("annotations"))
      if (a.at("type") == "sentence" || a.at("type") == "quantity") from_records.push_back(a.at("text").get<std::string>());
  }
  ASSERT_GT(from_records.size(), 50u);
  EXPECT_EQ(from_view, from_records);

  // Read back (merge into JSON Lines): byte for byte the run's own JSON Lines.
  const fs::path merged = dir / "merged.jsonl";
  Result r = run_pipeline({"merge", merged.string(), db.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read_text(merged), read_text(lines));
}

// A stage's own annotation type becomes a table and CSV columns through the projection it
// declares (testkit's tag-years: table year_mentions), with no core edit; a merge of shards
// equals the single run, table included.
TEST(BatchStores, DeclaredProjectionMakesTheTableAndTheCsvColumns) {
  ScratchDir dir("projection");
  fs::create_directories(dir / "in");
  { std::ofstream(dir / "in/a.txt") << "In 2021 and 2022, 12345 units; again 2021.\n"; }
  { std::ofstream(dir / "in/b.txt") << "Plan for 2023.\n"; }
  const fs::path yaml = write_pipeline(dir.path(), "  - use: tag-years\n");
  const auto run = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> a{"--plugin-path", BATCH_TEST_TESTKIT_DIR, "run", yaml.string(), "-i", (dir / "in").string()};
    a.insert(a.end(), extra.begin(), extra.end());
    return run_pipeline(a);
  };
  ASSERT_EQ(run({"-o", (dir / "r.sqlite").string()}).code, 0);
  const fs::path db = dir / "r.sqlite";
  EXPECT_EQ(query(db, "SELECT group_concat(name, ',') FROM pragma_table_info('year_mentions')").at(0),
            "annotation_id,doc_id,year,label,surface");
  EXPECT_EQ(query(db, "SELECT d.id, y.year, y.label, y.surface FROM year_mentions y JOIN documents d USING (doc_id) "
                      "ORDER BY y.annotation_id"),
            (std::vector<std::string>{"a.txt\t2021\ty2021\t2021", "a.txt\t2022\ty2022\t2022", "a.txt\t2021\ty2021\t2021",
                                      "b.txt\t2023\ty2023\t2023"}));
  EXPECT_EQ(query(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('year_mentions_year', 'year_mentions_doc')").at(0), "2");

  ASSERT_EQ(run({"-o", (dir / "r.csv").string()}).code, 0);
  const std::string csv = read_text(dir / "r.csv");
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "record,doc_id,source,region,report_year,plan_year,kind,title,sha256,begin,end,text,year,year_label,"
            "stage,message,exit_code,seq,pipeline_hash,result_key");
  EXPECT_NE(csv.find("year_mention,a.txt,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",2022,y2022,,,,"), std::string::npos) << csv;

  for (const char* shard : {"1/2", "2/2"}) {
    const std::string name = std::string("part") + shard[0] + ".sqlite";
    ASSERT_EQ(run({"-o", (dir / name).string(), "--shard", shard}).code, 0);
  }
  const fs::path merged = dir / "merged.sqlite";
  Result m = run_pipeline({"merge", merged.string(), (dir / "part1.sqlite").string(), (dir / "part2.sqlite").string()});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(dump_results(merged), dump_results(db));
  EXPECT_EQ(query(merged, "SELECT group_concat(sql, ';') FROM sqlite_master WHERE tbl_name = 'year_mentions'"),
            query(db, "SELECT group_concat(sql, ';') FROM sqlite_master WHERE tbl_name = 'year_mentions'"));
}

// Schema 3 keeps an annotation's type and attribute names once per shape and the values in
// the row: every kind of JSON value comes back as it went in, through the reader (merge,
// Python) and through the view that gives the schema-2 `annotations` (attrs as JSON text).
TEST(BatchStores, SqliteAttrsComeBackExactlyThroughShapesAndTheView) {
  ScratchDir dir("sqlite-shapes");
  const auto thing = [](long long begin, Json attrs) {
    return Json{{"type", "thing"}, {"begin", begin}, {"end", begin + 2}, {"text", "ab"}, {"attrs", std::move(attrs)}};
  };
  Json varied = Json::object();
  varied["yes"] = true;
  varied["no"] = false;
  varied["nothing"] = nullptr;
  varied["real"] = 1.0;
  varied["small"] = 0.85;
  varied["big"] = 120020000000LL;
  varied["negative"] = -3;
  varied["nested"] = {{"value", Json::array({1, 2.5})}, {"unit", "percent"}};
  varied["empty_list"] = Json::array();
  varied["quote \"and\" 名"] = "值, \"引号\"\n";
  Json reordered = Json::object();  // the same keys in another order: another shape
  reordered["no"] = true;
  reordered["yes"] = false;
  const Json r = record("a.txt", 0, "铁西区", 2022,
                        Json::array({thing(0, varied), thing(2, Json::object()), thing(4, reordered),
                                     thing(6, varied), indicator("地区生产总值", 2022, "actual", 7.0)}));
  reportlens::SinkOptions options;
  options.projections = fact_projections();
  const fs::path db = dir / "r.sqlite";
  auto sink = reportlens::make_sink("sqlite", db, options);
  sink->open({"p", "h1", Json::object(), ""});
  sink->write({&r});
  sink->finish(Json::object());

  EXPECT_EQ(query(db, "SELECT type || ' ' || keys FROM annotation_shapes ORDER BY shape"),
            (std::vector<std::string>{
                "thing [\"yes\",\"no\",\"nothing\",\"real\",\"small\",\"big\",\"negative\",\"nested\",\"empty_list\","
                "\"quote \\\"and\\\" 名\"]",
                "thing []", "thing [\"no\",\"yes\"]",
                "indicator [\"metric\",\"indicator\",\"period\",\"status\",\"level\",\"growth\",\"qualifier\"]"}));
  // One packed row per shape: the two `varied` things share theirs, [id - first_id, begin, end,
  // text, values...] each; the {} one has no values.
  EXPECT_EQ(query(db, "SELECT count || ' ' || first_id FROM annotation_sets ORDER BY first_id"),
            (std::vector<std::string>{"2 1", "1 2", "1 3", "1 5"}));
  EXPECT_EQ(query(db, "SELECT json_array_length(CAST(sqlar_uncompress(data, size) AS TEXT), '$[1]') "
                      "FROM annotation_sets WHERE first_id = 1").at(0), std::to_string(4 + varied.size()));
  EXPECT_EQ(query(db, "SELECT CAST(sqlar_uncompress(data, size) AS TEXT) FROM annotation_sets WHERE first_id = 2").at(0),
            "[[0,2,4,\"ab\"]]");  // no document text given: the text stored
  std::vector<std::string> dumped;
  for (const auto& a : r["annotations"]) dumped.push_back(a["attrs"].dump());
  EXPECT_EQ(query(db, "SELECT attrs FROM annotations ORDER BY annotation_id"), dumped);
  EXPECT_EQ(query(db, "SELECT type FROM annotations ORDER BY annotation_id"),
            (std::vector<std::string>{"thing", "thing", "thing", "thing", "indicator"}));

  auto reader = reportlens::open_reader(db);
  auto cursor = reader->cursor();
  Json back;
  ASSERT_TRUE(cursor->next(back));
  EXPECT_EQ(back["annotations"].dump(), r["annotations"].dump());
  EXPECT_FALSE(cursor->next(back));
}

// A store of schema 2 (or any other version) is refused with one line naming the file and its
// version, as output (never rewritten: its results may be all there is of a long run) and as
// merge input; nothing is written.
TEST(BatchStores, SqliteStoreOfAnotherSchemaVersionIsRefusedInOneLine) {
  ScratchDir dir("sqlite-version");
  make_corpus(dir / "corpus", 2, 4);
  const fs::path yaml = write_pipeline(dir.path());
  const fs::path db = dir / "old.sqlite";
  ASSERT_EQ(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", db}).code, 0);
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version=2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  const auto one_line_naming = [&](const Result& r) {
    EXPECT_EQ(r.code, 6) << r.err;
    EXPECT_NE(r.err.find(db.string() + ": a reportlens store of schema version 2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("version 4 only"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  };
  one_line_naming(run_pipeline({"run", yaml, "-i", dir / "corpus", "-o", db}));
  EXPECT_EQ(query(db, "PRAGMA user_version").at(0), "2");
  EXPECT_EQ(query(db, "SELECT count(*) FROM documents").at(0), "2");
  const fs::path merged = dir / "merged.sqlite";
  one_line_naming(run_pipeline({"merge", merged.string(), db.string()}));
  EXPECT_FALSE(fs::exists(merged));
}

// Issue 18's size goal, on the national work reports (40, 2.4 MB): the SQLite store of the
// extract pipeline within twice its input, by default, with every annotation in it (schema 4:
// annotations packed per document and shape, texts compressed: 1.12x; schema 3 took 1.91x,
// schema 2 2.99x). Lawtext, denser in figures, is 1.61x: docs/sqlite-schema.md, "Size".
TEST(BatchStores, SqliteStoreOfTheNationalReportsIsWithinTwiceItsInput) {
  const fs::path national = reportlens::test::shared_corpus_path("national");
  if (national.empty()) GTEST_SKIP() << "../shared/corpus/national is absent";
  ScratchDir dir("sqlite-size");
  const fs::path db = dir / "national.sqlite";
  const fs::path yaml = fs::path(BATCH_TEST_SOURCE_DIR) / "pipelines/extract.yaml";
  ASSERT_EQ(run_pipeline({"run", yaml.string(), "-i", national.string(), "-o", db.string(), "-j", "2"}).code, 0);
  std::uintmax_t input = 0;
  for (const auto& e : fs::recursive_directory_iterator(national))
    if (e.is_regular_file()) input += e.file_size();
  const std::uintmax_t store = fs::file_size(db);
  EXPECT_LE(store, 2 * input) << store << " bytes for " << input << " of input";
  EXPECT_EQ(query(db, "SELECT count(*) FROM documents WHERE status = 'ok'").at(0), "40");
  // Every text is there, compressed to well under its size.
  EXPECT_EQ(query(db, "SELECT sum(length(data)) * 2 < sum(size) FROM document_blobs").at(0), "1");
  EXPECT_GT(std::stoll(query(db, "SELECT count(*) FROM annotations WHERE type = 'clause'").at(0)), 1000);
  // One row per document and shape, each counting its annotations: all of them are in the view.
  EXPECT_EQ(query(db, "SELECT sum(count) = (SELECT count(*) FROM annotations) FROM annotation_sets").at(0), "1");
  EXPECT_LT(std::stoll(query(db, "SELECT count(*) FROM annotation_sets").at(0)) * 50,
            std::stoll(query(db, "SELECT count(*) FROM annotations").at(0)));
}
