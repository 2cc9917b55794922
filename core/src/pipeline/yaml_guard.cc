#include "pipeline/yaml_guard.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "reportlens/text.h"

namespace reportlens {
namespace {

// Walks the events keeping, per open collection, its keys so far and its expanded size.
class Guard : public YAML::EventHandler {
 public:
  Guard(std::string file, std::vector<ConfigIssue>& issues) : file_(std::move(file)), issues_(issues) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 answers a stray ',' or ']' with an empty document that consumes nothing,
    // forever (yaml-cpp issue 1040; found by fuzz_pipeline_yaml with ",]"): stop there.
    if (documents_ > 0 && mark.pos == last_start_) {
      stuck_ = true;
      issue(mark, "malformed YAML: nothing can be read from here on (a stray ',' or ']'?)");
      return;
    }
    last_start_ = mark.pos;
    if (++documents_ == 2)
      issue(mark, "a second YAML document ('---'): a pipeline file holds exactly one");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { node(mark, anchor, 1, ""); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = sizes_.find(anchor);
    node(mark, 0, it == sizes_.end() ? 1 : it->second, "");
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    node(mark, anchor, 1, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

  bool too_large() const { return too_large_; }
  bool stuck() const { return stuck_; }

 private:
  struct Frame {
    bool map = false;
    bool at_key = true;  // maps: the next node is a key
    std::set<std::string> keys;
    double size = 1;     // nodes once aliases are expanded (double: cannot overflow)
    YAML::anchor_t anchor = 0;
    YAML::Mark mark;
  };

  void issue(const YAML::Mark& mark, const std::string& message) {
    issues_.push_back({file_, mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1, message});
  }

  // A complete node of `size` expanded nodes; a scalar key is checked against its map's keys.
  void node(const YAML::Mark& mark, YAML::anchor_t anchor, double size, const std::string& scalar) {
    if (anchor) sizes_[anchor] = size;
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    if (f.map && f.at_key && !scalar.empty() && !f.keys.insert(scalar).second)
      issue(mark, "duplicate key '" + scalar + "' in this mapping (the earlier value would be ignored)");
    if (f.map) f.at_key = !f.at_key;
    f.size += size;
    if (f.size > kMaxYamlNodes && !too_large_) {
      too_large_ = true;
      issue(mark, "aliases expand this file to more than " + std::to_string(kMaxYamlNodes) +
                      " nodes; a pipeline file does not need that (alias bomb?)");
    }
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
    Frame f;
    f.map = map;
    f.anchor = anchor;
    f.mark = mark;
    stack_.push_back(std::move(f));
  }

  void close() {
    const Frame f = std::move(stack_.back());
    stack_.pop_back();
    node(f.mark, f.anchor, f.size, "");
  }

  std::string file_;
  std::vector<ConfigIssue>& issues_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, double> sizes_;
  int documents_ = 0;
  int last_start_ = -1;  // where the last document started
  bool too_large_ = false;
  bool stuck_ = false;
};

}  // namespace

void check_pipeline_yaml(const std::string& bytes, const std::string& file, std::vector<ConfigIssue>& issues) {
  if (const auto bad = find_invalid_utf8(bytes); bad != std::string::npos) {
    const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    const auto start = bytes.rfind('\n', bad == 0 ? 0 : bad - 1);
    const auto column = bad - (start == std::string::npos ? 0 : start + 1) + 1;
    issues.push_back({file, static_cast<int>(line), static_cast<int>(column),
                      "the pipeline file is not valid UTF-8 here; save it as UTF-8"});
    return;
  }
  std::istringstream in(bytes);
  YAML::Parser parser(in);
  Guard guard(file, issues);
  try {
    while (!guard.too_large() && !guard.stuck() && parser.HandleNextDocument(guard)) {}
  } catch (const YAML::Exception&) {
    // Malformed YAML: the loader reports it with its position.
  }
}

}  // namespace reportlens
