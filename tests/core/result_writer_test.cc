// The JSON result writer: code point offsets, surface text, deterministic ordering, the
// result object's shape (../shared/spec/output-format.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reportlens/document.h"
#include "reportlens/testing.h"
#include "run/errors.h"
#include "output/json_text_writer.h"
#include "output/result_writer.h"
#include "output/text_record.h"

namespace reportlens {
namespace {

TEST(ResultWriter, OffsetsAreCodePointsAndTextIsTheSurface) {
  // 😀 is 4 bytes / 1 code point, 增 3 bytes / 1 code point.
  Document doc("d", "src/d.txt", "😀增长1.5%。");
  doc.add("quantity", 10, 14, {{"value", 1.5}, {"unit", "percent"}});
  const Json j = document_to_json(doc);
  ASSERT_EQ(j["annotations"].size(), 1u);
  const Json& a = j["annotations"][0];
  EXPECT_EQ(a["type"], "quantity");
  EXPECT_EQ(a["begin"], 3);
  EXPECT_EQ(a["end"], 7);
  EXPECT_EQ(a["text"], "1.5%");
  EXPECT_EQ(a["attrs"]["unit"], "percent");
}

TEST(ResultWriter, AnnotationsAreSortedByBeginThenLongestFirstThenType) {
  Document doc("d", "d", "增长1.5%。下降3%。");
  // Added in a scrambled order on purpose.
  doc.add("quantity", 19, 21);       // 3%
  doc.add("sentence", 13, 24);       // 下降3%。
  doc.add("quantity", 6, 10);        // 1.5%
  doc.add("sentence", 0, 13);        // 增长1.5%。
  doc.add("number", 6, 10);          // same span as the quantity: by type name
  const Json j = document_to_json(doc);
  std::vector<std::string> order;
  for (const auto& a : j["annotations"])
    order.push_back(a["type"].get<std::string>() + "@" + std::to_string(a["begin"].get<int>()) +
                    "-" + std::to_string(a["end"].get<int>()));
  EXPECT_EQ(order, (std::vector<std::string>{"sentence@0-7", "number@2-6", "quantity@2-6",
                                             "sentence@7-12", "quantity@9-11"}));
}

TEST(ResultWriter, OutputDoesNotDependOnInsertionOrder) {
  Document a("d", "d", "一二三四五");
  Document b("d", "d", "一二三四五");
  a.add("x", 0, 3, {{"n", 1}});
  a.add("y", 3, 9);
  a.add("x", 6, 12, {{"n", 2}});
  b.add("y", 3, 9);
  b.add("x", 0, 3, {{"n", 1}});
  b.add("x", 6, 12, {{"n", 2}});
  EXPECT_EQ(document_to_json(a).dump(), document_to_json(b).dump());
}

TEST(ResultWriter, StructuralSpansAreShortenedFactsAreNot) {
  std::string longtext;
  for (int i = 0; i < 200; ++i) longtext += "经";
  Document doc("d", "d", longtext);
  doc.add("section", 0, longtext.size(), {{"level", 1}, {"title", "经"}});
  doc.add("indicator", 0, longtext.size());
  const Json j = document_to_json(doc);
  ASSERT_EQ(j["annotations"].size(), 2u);
  const std::string section_text = j["annotations"][1]["type"] == "section"
                                       ? j["annotations"][1]["text"].get<std::string>()
                                       : j["annotations"][0]["text"].get<std::string>();
  const std::string indicator_text = j["annotations"][1]["type"] == "indicator"
                                         ? j["annotations"][1]["text"].get<std::string>()
                                         : j["annotations"][0]["text"].get<std::string>();
  EXPECT_EQ(indicator_text, longtext);
  EXPECT_EQ(code_point_count(section_text), 121u);  // 120 characters and an ellipsis
  EXPECT_EQ(section_text.substr(section_text.size() - 3), "…");
  EXPECT_EQ(j["annotations"][0]["end"], 200);
}

TEST(ResultWriter, DocumentObjectHasTheContractFields) {
  Document doc("tiexi/a.txt", "corpus/tiexi/a.txt", "增长。",
               {{"sha256", "abc"}, {"encoding", "UTF-8"}, {"region", "铁西区"}});
  const Json j = document_to_json(doc);
  EXPECT_EQ(j["id"], "tiexi/a.txt");
  EXPECT_EQ(j["source"], "corpus/tiexi/a.txt");
  EXPECT_EQ(j["sha256"], "abc");
  EXPECT_FALSE(j["meta"].contains("sha256"));  // lifted to the top level
  EXPECT_EQ(j["meta"]["region"], "铁西区");
  EXPECT_TRUE(j["annotations"].is_array());
}

TEST(ResultWriter, ResultObjectListsDocumentsComparisonsAndErrors) {
  Document doc("a", "a", "增长。");
  const Json result = result_to_json(
      "extract", {{"tool", "reportlens"}}, {&doc}, Json::array({{{"base", "a"}}}),
      {DocumentFailure{"b.txt", "in/b.txt", "numbers", "in/b.txt: boom", ExitCode::kStage}});
  EXPECT_EQ(result["pipeline"], "extract");
  EXPECT_EQ(result["provenance"]["tool"], "reportlens");
  ASSERT_EQ(result["documents"].size(), 1u);
  EXPECT_EQ(result["comparisons"][0]["base"], "a");
  ASSERT_EQ(result["errors"].size(), 1u);
  EXPECT_EQ(result["errors"][0]["id"], "b.txt");
  EXPECT_EQ(result["errors"][0]["stage"], "numbers");
  EXPECT_EQ(result["errors"][0]["exit_code"], 5);
  // Key order is fixed (ordered_json), so the dump is stable.
  std::vector<std::string> keys;
  for (const auto& [k, v] : result.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"pipeline", "provenance", "documents", "comparisons",
                                            "errors"}));
}

TEST(ResultWriter, TestingToJsonIsTheSameWriter) {
  Document doc("a", "a", "😀1");
  doc.add("digits", 4, 5);
  EXPECT_EQ(testing::to_json(doc), document_to_json(doc));
  EXPECT_EQ(testing::to_json(doc)["annotations"][0]["begin"], 1);
}

// A document that exercises what the text writer formats itself (escapes, control
// characters, offsets, shortening, empty and nested containers) and what it hands to
// nlohmann (floats, negative numbers, nested attrs, meta).
Document tricky_document() {
  std::string text = "标题\n\"引号\" \\反斜杠\t制表\x01控制\x1f😀增长1.5%。";
  for (int i = 0; i < 130; ++i) text += "经";
  Document doc("d\"1", "in/d\\1.txt", text,
               {{"sha256", "abc"}, {"encoding", "UTF-8"}, {"empty", Json::object()},
                {"list", Json::array()}, {"year", 2022}});
  doc.add("section", 0, text.size(), {{"level", 1}, {"title", "标题"}});
  doc.add("paragraph", 0, 6);
  doc.add("sentence", 7, text.size());
  doc.add("quantity", 0, 6,
          {{"value", 1.5}, {"neg", -3}, {"big", 12345678901234ull}, {"tiny", 1e-7},
           {"whole", 2.0}, {"nested", {{"a", Json::array({1, "x", nullptr, true})}, {"b", Json::object()}}},
           {"esc", "a\"b\\c\n\x7f"}});
  doc.add("empty_attrs", 3, 6, Json::object());
  doc.add("null_attrs", 3, 6, nullptr);
  return doc;
}

TEST(ResultWriter, TextFormIsTheTreeDumpByteForByte) {
  const Document doc = tricky_document();
  const Json tree = document_to_json(doc);
  EXPECT_EQ(document_json_text(doc), tree.dump());
  EXPECT_EQ(document_json_text(doc, 1), tree.dump(1));
  EXPECT_EQ(document_json_text(doc, 4), tree.dump(4));
  const Document plain("p", "p", "增长。");
  EXPECT_EQ(document_json_text(plain), document_to_json(plain).dump());
  EXPECT_EQ(document_json_text(plain, 1), document_to_json(plain).dump(1));
}

TEST(ResultWriter, StreamedResultFileIsTheTreeDump) {
  const Document a = tricky_document();
  const Document b("b", "b", "下降3%。", {{"sha256", "def"}});
  const std::vector<const Document*> docs{&a, &b};
  const Json provenance = {{"tool", "reportlens"}, {"plugins", Json::array({{{"name", "x"}}})}};
  const Json comparisons = Json::array({{{"base", "a"}, {"delta", -0.25}}});
  const std::vector<DocumentFailure> failures{
      {"c.txt", "in/c.txt", "", "in/c.txt: \"bad\" bytes", ExitCode::kInput}};
  const auto path = std::filesystem::path(::testing::TempDir()) / "result_writer_stream.json";
  for (const auto& fails : {std::vector<DocumentFailure>{}, failures}) {
    for (const auto& list : {docs, std::vector<const Document*>{}}) {
      write_result_json(path, 1, "extract", provenance, list, comparisons, fails);
      std::ifstream in(path, std::ios::binary);
      std::stringstream got;
      got << in.rdbuf();
      EXPECT_EQ(got.str(), result_to_json("extract", provenance, list, comparisons, fails).dump(1) + "\n");
    }
  }
  std::filesystem::remove(path);
}

TEST(ResultWriter, DocumentsRenderedApartSpliceIntoTheSameFile) {
  // What a streamed run does: workers render documents on their own, the writer splices
  // them in (mixed here with documents it renders itself).
  const Document a = tricky_document();
  const Document b("b", "b", "下降3%。", {{"sha256", "def"}});
  const Json provenance = {{"tool", "reportlens"}, {"float", 0.5}};
  const Json comparisons = Json::array({{{"base", "a"}, {"delta", -0.25}}});
  const std::vector<DocumentFailure> failures{{"c.txt", "in/c.txt", "", "in/c.txt: bad", ExitCode::kInput}};
  const auto path = std::filesystem::path(::testing::TempDir()) / "result_writer_rendered.json";
  for (const int indent : {-1, 0, 1, 3}) {
    SCOPED_TRACE(indent);
    {
      ResultJsonWriter result(path, indent, "extract", provenance);
      result.add_rendered(result_document_text(a, indent));
      result.add(b);
      result.add_rendered(result_document_text(b, indent));
      result.finish(comparisons, failures);
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream got;
    got << in.rdbuf();
    EXPECT_EQ(got.str(), result_to_json("extract", provenance, {&a, &b, &b}, comparisons, failures).dump(indent) + "\n");
  }
  // Abandoned before finish() (a failed run): the previous file stays, no temporary is left.
  const std::string before = [&] {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }();
  {
    ResultJsonWriter result(path, 1, "extract", provenance);
    result.add(a);
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream after;
  after << in.rdbuf();
  EXPECT_EQ(after.str(), before);
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path()))
    EXPECT_EQ(entry.path().filename().string().find("result_writer_rendered.json."), std::string::npos) << entry.path();
  std::filesystem::remove(path);
}

TEST(JsonTextWriter, BaseLevelIndentsAsTheEnclosingDocumentWould) {
  const Json inner = {{"a", Json::array({1, 2.5, "x"})}, {"b", Json::object()}};
  const Json outer = {{"list", Json::array({inner})}};
  for (const int indent : {-1, 0, 2}) {
    std::string piece;
    JsonTextWriter w(piece, indent, Json::error_handler_t::strict, 2);
    w.value(inner);
    std::string whole;
    JsonTextWriter o(whole, indent);
    o.begin_object();
    o.key("list");
    o.begin_array();
    o.raw_value(piece);
    o.end_array();
    o.end_object();
    EXPECT_EQ(whole, outer.dump(indent));
  }
}

TEST(ResultWriter, InvalidUtf8OutsideTheTextFailsLikeTheTreeDump) {
  // Ids and sources come from file names, which need not be UTF-8: nlohmann's strict dump
  // refuses them, and so does the text writer (instead of writing an invalid file).
  const Document doc("bad\xff", "bad\xff", "增长。");
  EXPECT_THROW(document_to_json(doc).dump(), Json::type_error);
  EXPECT_THROW(document_json_text(doc), Json::type_error);
  std::string replaced;
  JsonTextWriter w(replaced, -1, Json::error_handler_t::replace);
  w.string("bad\xff");
  EXPECT_EQ(replaced, Json("bad\xff").dump(-1, ' ', false, Json::error_handler_t::replace));
}

TEST(JsonTextWriter, EscapesAsNlohmannDoes) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
  all += "é增😀";
  std::string out;
  JsonTextWriter w(out);
  w.string(all);
  EXPECT_EQ(out, Json(all).dump());
}

TEST(JsonTextWriter, ValuesPrintAsDumpWithEveryHandler) {
  // What JSON Lines stores write: whole records, invalid UTF-8 replaced or skipped.
  const Json record = {{"id", "a\xff"},
                       {"seq", 3},
                       {"delta", -0.1},
                       {"whole", 1.0},
                       {"big", 1e300},
                       {"flags", {true, false, nullptr}},
                       {"bad\xfekey", {{"x", Json::array()}, {"y", Json::object()}}},
                       {"text", "增长\t\"5%\""}};
  for (const auto handler : {Json::error_handler_t::replace, Json::error_handler_t::ignore}) {
    for (const int indent : {-1, 0, 1, 3}) {
      std::string out;
      JsonTextWriter w(out, indent, handler);
      w.value(record);
      w.value(record["flags"]);  // a second top-level value, as a JSON Lines store writes them
      EXPECT_EQ(out, record.dump(indent, ' ', false, handler) + record["flags"].dump(indent, ' ', false, handler));
    }
  }
  std::string out;
  JsonTextWriter strict(out);
  EXPECT_THROW(strict.value(record), Json::type_error);
}

// A document past kExactSizeFromTextBytes is counted first and written into exactly the room
// it needs: the same text as the tree dump, and no slack (what bounds its memory).
TEST(ResultWriter, LargeDocumentIsSizedExactlyAndPrintsTheSame) {
  std::string text;
  while (text.size() < kExactSizeFromTextBytes + 1000) text += "增长1.5%，\"下降\"\t3%。\n";
  Document doc("big", "big.txt", text);
  for (std::size_t at = 0; at + 20 < text.size(); at += 2800) {  // 100 lines of 28 bytes
    doc.add("quantity", at + 6, at + 10, {{"value", 1.5}, {"unit", "percent"}, {"note", "a\"b"}});
    doc.add("sentence", at, at + 20);
  }
  const std::string out = result_document_text(doc, 1);
  EXPECT_EQ(out.capacity(), out.size());
  Json tree = Json::object();
  tree["documents"] = Json::array({document_to_json(doc)});
  const std::string whole = tree.dump(1);
  EXPECT_NE(whole.find(out), std::string::npos);
}

TEST(JsonTextWriter, CountingWritesNothingAndCountsWhatItWouldWrite) {
  const Json value = {{"a", "x\u0001y"}, {"long", std::string(300, 'z')}, {"f", 1.25}, {"n", nullptr},
                      {"list", {1, -2, true}}};
  for (int indent : {-1, 1, 4}) {
    std::string written, scratch;
    JsonTextWriter w(written, indent);
    w.value(value);
    JsonTextWriter c(scratch, indent);
    c.count_only();
    c.value(value);
    EXPECT_EQ(c.counted(), written.size()) << indent;
    EXPECT_TRUE(scratch.empty());
  }
}

TEST(JsonTextWriter, PlainStringsAreWrittenAsTheyAre) {
  EXPECT_TRUE(is_plain_ascii("quantity"));
  EXPECT_FALSE(is_plain_ascii("a\"b"));
  EXPECT_FALSE(is_plain_ascii("增长"));
  std::string out;
  JsonTextWriter w(out);
  w.begin_array();
  w.plain_string("quantity");
  w.plain_string(std::string(200, 'q'));
  w.end_array();
  EXPECT_EQ(out, Json::array({"quantity", std::string(200, 'q')}).dump());
}

// A worker hands a record over packed; packing and unpacking in place give the same bytes and
// record as the copying forms.
TEST(TextRecord, PackedInPlaceIsThePackedCopyAndBack) {
  auto record = std::make_unique<TextRecord>();
  record->id = "政府/2024.txt";
  record->text = std::string(5000, 'x') + "\n";
  const std::string copied = pack_text_record(*record);
  const std::string moved = pack_text_record(std::unique_ptr<RenderedRecord>(std::move(record)));
  EXPECT_EQ(moved, copied);
  std::string bytes = moved;
  auto back = unpack_text_record(std::move(bytes));
  const auto& r = static_cast<const TextRecord&>(*back);
  EXPECT_EQ(r.id, "政府/2024.txt");
  EXPECT_EQ(r.text, std::string(5000, 'x') + "\n");
  std::string cut = copied.substr(0, copied.size() - 1);
  EXPECT_THROW(unpack_text_record(std::move(cut)), std::runtime_error);
}

}  // namespace
}  // namespace reportlens
