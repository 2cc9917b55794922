// reportlens/yaml_subset.h: the fast reader gives yaml-cpp's tree or gives up, never another tree.
#include "reportlens/yaml_subset.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using reportlens::yaml_subset::parse;

// The tree as text: node kinds, keys in order, scalars.
std::string dump(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "~";
    case YAML::NodeType::Undefined: return "?";
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    case YAML::NodeType::Sequence: {
      std::string s = "[";
      for (const auto& item : n) s += dump(item) + ",";
      return s + "]";
    }
    case YAML::NodeType::Map: {
      std::string s = "{";
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

TEST(YamlSubset, ShippedDataFilesReadAsYamlCppReadsThem) {
  int fast = 0;
  for (const auto& file : shipped_yaml_files()) {
    const std::string text = read(file);
    const auto tree = parse(text);
    if (!tree) continue;
    ++fast;
    EXPECT_EQ(dump(*tree), reference(text)) << file;
  }
  // The word lists of numbers, indicators, entities and segment are inside the subset.
  EXPECT_GE(fast, 8);
}

TEST(YamlSubset, SubsetDocuments) {
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
  };
  for (const char* text : cases) {
    const auto tree = parse(text);
    ASSERT_TRUE(tree.has_value()) << text;
    EXPECT_EQ(dump(*tree), reference(text)) << text;
  }
}

TEST(YamlSubset, LeavesOtherYamlToYamlCpp) {
  const char* cases[] = {
      "",                          // null document
      "a: &x 1\nb: *x\n",          // anchors
      "a: !tag 1\n",               // tags
      "a: |\n  text\n",            // block scalars
      "a: >\n  text\n",
      "a:\nb: 1\n",                // null value
      "a: ~\n",
      "a: null\n",
      "a: 1\na: 2\n",              // duplicate keys
      "a: one\n  two\n",           // multi-line plain scalar
      "a: \"one\n  two\"\n",       // multi-line quoted scalar
      "a: [x,\ny]\n",              // flow continuation not indented
      "a:\t1\n",                   // tab
      "a: 1\r\nb: 2\r\n",          // carriage returns
      "---\na: 1\n",               // document markers
      "? a\n: 1\n",                // complex keys
      "a: [x?y]\n",                // yaml-cpp rejects '?' inside flow scalars
      "a: \"\\t\"\n",              // escapes other than \" \\ \/
      "- a\n- b\n",                // a top-level sequence is fine YAML but not needed
      "a: {b: 1, b: 2}\n",
      "a: [b: 1]\n",               // single-pair maps in flow sequences
  };
  for (const char* text : cases) {
    const auto tree = parse(text);
    if (!tree) continue;
    // Anything it does read must be what yaml-cpp reads.
    EXPECT_EQ(dump(*tree), reference(text)) << text;
  }
  EXPECT_FALSE(parse("a: &x 1\n").has_value());
  EXPECT_FALSE(parse("a:\nb: 1\n").has_value());
  EXPECT_FALSE(parse("a: 1\na: 2\n").has_value());
  EXPECT_FALSE(parse("a: one\n  two\n").has_value());
}

// Damaged copies of the shipped files (characters inserted and deleted at pseudo-random
// places): whatever the reader accepts, yaml-cpp must read the same way.
TEST(YamlSubset, DamagedFilesNeverGiveAnotherTree) {
  const std::vector<std::string> pieces = {" ", ":", ": ", "#", " #", "-", "- ", "\"", "'", "[", "]", "{",
                                           "}", ",", "?", "~", "&", "*", "!", "|", ">", "%", "@", "`",
                                           "\\", "\n", "\n  ", "\n- ", "\t", "null", "中", "a", "1"};
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  const auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  int accepted = 0, checked = 0;
  for (const auto& file : shipped_yaml_files()) {
    const std::string original = read(file);
    if (original.empty() || !parse(original)) continue;
    for (int round = 0; round < 60; ++round) {
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
  EXPECT_GT(checked, 300);
  EXPECT_GT(accepted, 50);  // the comparison did run on many accepted documents
}

TEST(YamlSubset, WalkErrorsNameTheLine) {
  const fs::path dir = fs::temp_directory_path() / "yaml_subset_test";
  fs::create_directories(dir);
  const fs::path file = dir / "lists.yaml";
  std::ofstream(file) << "# header\nwords: [a, b]\nbad: 1\n";
  reportlens::yaml_subset::File yaml(file);
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

  EXPECT_THROW(reportlens::yaml_subset::File(dir / "missing.yaml"), YAML::BadFile);
  std::ofstream(dir / "broken.yaml") << "a: [b\n";
  EXPECT_THROW(reportlens::yaml_subset::File(dir / "broken.yaml"), YAML::ParserException);
  fs::remove_all(dir);
}

}  // namespace
