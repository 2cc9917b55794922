// Reading plugin data files (word lists, gazetteers, rule files) into yaml-cpp's YAML::Node
// tree quickly.
//
// Why: yaml-cpp's own parser costs about 2,000 instructions per byte of plain scalars, so the
// ~60 KB of data files the stages load at creation cost several milliseconds per run, more
// than some stages spend on a whole report. The core therefore parses with LibYAML (the
// reference C implementation) and builds the same YAML::Node tree yaml-cpp would (kinds,
// keys in order, scalars, null values, tags "?"/"!", flow/block style). Documents that use
// anchors, aliases, explicit tags, block scalars, directives or several documents, and any
// document LibYAML rejects, are read by yaml-cpp instead, so yaml-cpp's behaviour and its
// error messages (with line numbers) stay the reference. yaml-cpp remains the YAML library of
// the SDK; this is a shortcut into its Node type.
//
// The nodes of the LibYAML tree carry no position (Mark() is null). Use File::walk(): when the
// walker that interprets the tree reports an error, it walks yaml-cpp's own tree again so
// that the message names the line.
//
// A plugin that includes this header links yaml-cpp itself (YAML::Node's code is in yaml-cpp);
// LibYAML is the core library's private business.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace reportlens::yaml_data {

// The first and only document of `text` as yaml-cpp would read it, or std::nullopt when the
// text is not valid YAML or uses what this reader leaves to yaml-cpp (see above).
std::optional<YAML::Node> parse(std::string_view text);

// A YAML file read for a walker that interprets its tree: parse()'s tree when it gives one,
// else yaml-cpp's (YAML::Load's result).
class File {
 public:
  // Throws what YAML::LoadFile throws (YAML::BadFile, YAML::ParserException).
  explicit File(const std::filesystem::path& file);

  // Calls walk(root). When walk throws on the fast tree, whose nodes carry no line numbers,
  // it walks yaml-cpp's tree so that its error names the line, and rethrows the first error
  // if that walk succeeds: a file is never half accepted. The walker's object is in an
  // unspecified state after an error (callers discard it).
  template <class Walk>
  void walk(Walk&& walk) const {
    if (!fast_) {
      walk(static_cast<const YAML::Node&>(root_));
      return;
    }
    try {
      walk(static_cast<const YAML::Node&>(root_));
    } catch (...) {
      const YAML::Node exact = YAML::Load(content_);
      walk(exact);
      throw;
    }
  }

  // Whether the tree came from parse() (LibYAML) rather than yaml-cpp.
  bool fast() const { return fast_; }

 private:
  std::string content_;
  YAML::Node root_;
  bool fast_ = false;
};

}  // namespace reportlens::yaml_data
