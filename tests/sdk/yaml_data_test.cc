// reportlens/yaml_data.h: the LibYAML reader gives yaml-cpp's tree or gives up, never another
// tree (node kinds, keys in order, scalars, tags and collection styles compared node by node).
#include "reportlens/yaml_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using reportlens::yaml_data::parse;

// The tree as text: node kinds, keys in order, scalars, each node's tag and each
// collection's style.
std::string dump(const YAML::Node& n) {
  const std::string tag = "<" + n.Tag() + ">";
  const std::string style = n.Style() == YAML::EmitterStyle::Flow    ? "f"
                            : n.Style() == YAML::EmitterStyle::Block ? "b"
                                                                     : "d";
  switch (n.Type()) {
    case YAML::NodeType::Null: return tag + "~";
    case YAML::NodeType::Undefined: return tag + "?";
    case YAML::NodeType::Scalar: return tag + "'" + n.Scalar() + "'";
    case YAML::NodeType::Sequence: {
      std::string s = tag + style + "[";
      for (const auto& item : n) s += dump(item) + ",";
      return s + "]";
    }
    case YAML::NodeType::Map: {
      std::string s = tag + style + "{";
      for (const auto& kv : n) s += dump(kv.first) + ":" + dump(kv.second) + ",";
      return s + "}";
    }
  }
  return "!";
}

// yaml-cpp's tree, or "error".
std::string reference(const std::string& text) {
  try {
    return dump(YAML::Load(text));
  } catch (const YAML::Exception&) {
    return "error";
  }
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> shipped_yaml_files() {
  std::vector<fs::path> files;
  const fs::path root = REPORTLENS_SOURCE_DIR;
  for (const char* dir : {"plugins", "pipelines"})
    for (const auto& e : fs::recursive_directory_iterator(root / dir))
      if (e.is_regular_file() && e.path().extension() == ".yaml" && e.path().string().find("/build") == std::string::npos)
        files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(YamlData, ShippedDataFilesReadAsYamlCppReadsThem) {
  int fast = 0;
  for (const auto& file : shipped_yaml_files()) {
    const std::string text = read(file);
    const auto tree = parse(text);
    if (!tree) continue;
    ++fast;
    EXPECT_EQ(dump(*tree), reference(text)) << file;
  }
  // Every data file of numbers, indicators, entities, segment and diff, and the pipelines
  // without block scalars.
  EXPECT_GE(fast, 12);
}

TEST(YamlData, DocumentsReadAsYamlCppReadsThem) {
  const char* cases[] = {
      "a: 1\nb: [x, y]\n",
      "# comment\nkey:   value   # trailing\nlist:\n  - one\n  - 'two ''quoted'''\n  - \"three \\\"q\\\"\"\n",
      "m:\n  \">\": [超过, 突破]\n  \"<=\": [不超过]\n",
      "units:\n  - {surface: 元, unit: CNY}\n  - {surface: \"%\", unit: percent, kind: percent}\n",
      "words: [\n  统一, 唯一,  # note\n  一体化]\n",
      "k:\n- a\n- b\nnext: c\n",
      "entries:\n  - canonical: 沈鼓\n    kind: company\n    aliases: [沈鼓集团]\n  - canonical: x\n    kind: zone\n",
      "stop:\n  # why\n  [a, b,\n   c]\n",
      "pairs:\n  - [集团有限公司, 集团]\n  - [a, b]\n",
      "n: -1\nurl: a:b\nhash: C#\n",
      "nested:\n  deeper:\n    deepest: [1, 2]\n  back: yes\n",
      "a:\nb: 1\n",                      // null values
      "a: ~\nb: null\nc: Null\nd: NULL\ne: ''\nf: \"null\"\n",
      "- a\n- b\n-\n",                   // a top-level sequence, a null item
      "plain\n",                         // a top-level scalar
      "a: []\nb: {}\nc: [[], {}]\n",     // empty collections
      "a: \"\\t\\x41\\u4E2D\"\n",        // escapes
      "a: [b: 1]\n",                     // a single-pair map in a flow sequence
      "a: 1\r\nb: [x, y]\r\n",           // carriage returns
      "\xEF\xBB\xBF" "a: 1\n",           // byte order mark
      "ends: [。, \"?\", '?', \"a?b\"]\n",  // '?' inside quoted scalars (segment.yaml)
      "\"k?\": '中?'\n",                  // ... in a quoted key, after a multi-byte character
      "\xEF\xBB\xBF" "a: [\"?\", b]\n",   // ... after a byte order mark
  };
  for (const char* text : cases) {
    const auto tree = parse(text);
    ASSERT_TRUE(tree.has_value()) << text;
    EXPECT_EQ(dump(*tree), reference(text)) << text;
  }
}

TEST(YamlData, LeavesOtherYamlToYamlCpp) {
  const char* cases[] = {
      "",                          // no document
      "# only a comment\n",
      "a: &x 1\nb: *x\n",          // anchors and aliases
      "a: !tag 1\n",               // tags
      "a: !!str 1\n",
      "a: |\n  text\n",            // block scalars
      "a: >\n  text\n",
      "a: 1\na: 2\n",              // duplicate keys (yaml-cpp keeps both pairs)
      "a: {b: 1, b: 2}\n",
      "---\na: 1\n",               // document markers
      "a: 1\n...\n",
      "%YAML 1.1\n---\na: 1\n",    // directives
      "a: 1\n---\nb: 2\n",         // several documents (yaml-cpp reads the first)
      "? [a]\n: 1\n",              // a collection as a key
      ": 1\n",                     // a null key
      "a: one\n  two\n",           // scalars over several lines
      "a: \"one\n  two\"\n",
      "a: [x?y]\n",               // '?' (yaml-cpp refuses it in flow collections)
      "# why?\na: 1\n",
      "a: \"?\"  # why?\n",     // a '?' after the last scalar
      "a: [\"?\", x?]\n",        // a quoted '?' and a plain one
      "[\"?\", ?b]\n",
      "a: b\rc\n",                // a lone carriage return: a break for LibYAML only
      "a: b\xE2\x80\xA8" "c\n",   // LINE SEPARATOR, the same
      "a: \"\\N\"\n",             // escapes yaml-cpp writes as Latin-1
      "a: {b\n}\n",               // a key without colon before a line break in a flow map
      "a: [b\n",                   // errors
      "a: 1\n b: 2\n",
  };
  for (const char* text : cases) EXPECT_FALSE(parse(text).has_value()) << text;
}

// Damaged copies of the shipped files (characters inserted and deleted at pseudo-random
// places): whatever the reader accepts, yaml-cpp must read the same way, and what yaml-cpp
// refuses the reader must refuse too (so that yaml-cpp reports the error).
TEST(YamlData, DamagedFilesNeverGiveAnotherTree) {
  const std::vector<std::string> pieces = {
      " ",  ":",  ": ",  "#",  " #", "-",  "- ",  "\"",   "'",   "[",   "]",    "{",  "}",    ",",   "?",
      "~",  "&",  "*",   "!",  "|",  ">",  "%",   "@",    "`",   "\\",  "\n",   "\n  ", "\n- ", "\t", "null",
      "中", "a",  "1",   "\r", "\r\n", "---", "...", "\n---\n", "\\t", "\\x4", "\\u4E2D", "''", "\"\"", "\n\n",
      "\xEF\xBB\xBF", "\xC3", "\x85", "\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\x01", "\x7F",
      "\xFF", "\\N", "\\_", "\\L", "\\P", "\\ ", "\\\n"};
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  const auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  int accepted = 0, checked = 0;
  for (const auto& file : shipped_yaml_files()) {
    const std::string original = read(file);
    if (original.empty() || !parse(original)) continue;
    for (int round = 0; round < 100; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(next(3));
      for (int k = 0; k < edits; ++k) {
        const std::size_t at = next(text.size() + 1);
        if (next(3) == 0 && at < text.size()) text.erase(at, 1 + next(4));
        else text.insert(at, pieces[next(pieces.size())]);
      }
      ++checked;
      const auto tree = parse(text);
      if (!tree) continue;
      ++accepted;
      ASSERT_EQ(dump(*tree), reference(text)) << file << " damaged:\n" << text;
    }
  }
  EXPECT_GT(checked, 1000);
  EXPECT_GT(accepted, 250);  // the comparison did run on many accepted documents
}

// Small documents put together from `pieces` at random (`rounds` of them): whatever the
// reader accepts, yaml-cpp must read the same way. Returns how many it accepted, and counts
// in `with_question_mark` those holding a '?'.
int accepted_generated(const std::vector<std::string>& pieces, std::uint64_t state, int rounds,
                       int* with_question_mark = nullptr) {
  const auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  int accepted = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string text;
    const int length = 2 + static_cast<int>(next(20));
    for (int k = 0; k < length; ++k) text += pieces[next(pieces.size())];
    const auto tree = parse(text);
    if (!tree) continue;
    ++accepted;
    if (with_question_mark && text.find('?') != std::string::npos) ++*with_question_mark;
    EXPECT_EQ(dump(*tree), reference(text)) << text;
    if (::testing::Test::HasFailure()) break;
  }
  return accepted;
}

// Pieces of YAML syntax: the same promise on shapes no data file has (this found every
// difference between LibYAML and yaml-cpp that the reader now leaves to yaml-cpp).
TEST(YamlData, GeneratedDocumentsNeverGiveAnotherTree) {
  const std::vector<std::string> pieces = {
      "a",  "b",   "中",  "1",   ": ",  ":",    "-",    "- ",   "\n",  "\n",  "\n  ", "\n    ", "\n ", "[",
      "]",  "{",   "}",   ", ",  ",",   " ",    " #c",  "#",    "'",   "\"",  "~",    "null",   "\\", "\t",
      "|",  ">",   "&x ", "*x",  "!t ", "---",  "...",  "\r\n", "''",  "\"\"", "\\\"", "x: ",    "\n- ", "\n  - ",
      "  ", "%",   "@",   "`",   "=",   "<<",   ".",    "\\n", "0x1"};
  EXPECT_GT(accepted_generated(pieces, 0x2545F4914F6CDD1Dull, 40000), 4000);
}

// The same with question marks (quoted ones are read by LibYAML, the others left to
// yaml-cpp) and byte order marks, which shift LibYAML's character count.
TEST(YamlData, GeneratedDocumentsWithQuestionMarksNeverGiveAnotherTree) {
  const std::vector<std::string> pieces = {
      "a",  "中",  "1",  ": ",  ":",  "- ",  "\n",   "\n  ", "[",   "]",  "{",    "}",    ", ",   " #c?",
      "'",  "\"",  "?",  "? ",  "?a", "\"?\"", "'?'", "\"a?\"", "'中?'", "\xEF\xBB\xBF", "x: ", "\n- ", "\r\n", "''"};
  int with_question_mark = 0;
  EXPECT_GT(accepted_generated(pieces, 0x9E3779B97F4A7C15ull, 40000, &with_question_mark), 800);
  EXPECT_GT(with_question_mark, 200);  // 239: the quoted-? path did run
}

TEST(YamlData, WalkErrorsNameTheLine) {
  const fs::path dir = fs::temp_directory_path() / "yaml_data_test";
  fs::create_directories(dir);
  const fs::path file = dir / "lists.yaml";
  std::ofstream(file) << "# header\nwords: [a, b]\nbad: 1\n";
  reportlens::yaml_data::File yaml(file);
  EXPECT_TRUE(yaml.fast());
  int walks = 0;
  try {
    yaml.walk([&](const YAML::Node& root) {
      ++walks;
      for (const auto& kv : root)
        if (kv.first.Scalar() == "bad")
          throw std::runtime_error("line " + std::to_string(kv.first.Mark().line + 1));
    });
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "line 3");  // from yaml-cpp's tree: the fast one has no marks
  }
  EXPECT_EQ(walks, 2);

  // A walk that fails only on the fast tree still fails, with the first error.
  try {
    yaml.walk([&](const YAML::Node& root) {
      if (root["bad"].Mark().line < 0) throw std::runtime_error("first");
    });
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "first");
  }

  // A file outside what the reader takes: yaml-cpp's tree, with marks, walked once.
  std::ofstream(dir / "anchors.yaml") << "a: &x [1]\nb: *x\n";
  reportlens::yaml_data::File anchors(dir / "anchors.yaml");
  EXPECT_FALSE(anchors.fast());
  walks = 0;
  anchors.walk([&](const YAML::Node& root) {
    ++walks;
    EXPECT_EQ(root["b"][0].Scalar(), "1");
    EXPECT_EQ(std::next(root.begin())->first.Mark().line, 1);
  });
  EXPECT_EQ(walks, 1);

  // Errors are yaml-cpp's, with its line numbers.
  EXPECT_THROW(reportlens::yaml_data::File(dir / "missing.yaml"), YAML::BadFile);
  std::ofstream(dir / "broken.yaml") << "a: 1\nb: [c\n";
  try {
    reportlens::yaml_data::File broken(dir / "broken.yaml");
    FAIL() << "no error";
  } catch (const YAML::ParserException& e) {
    EXPECT_GE(e.mark.line, 1);
  }
  fs::remove_all(dir);
}

}  // namespace
