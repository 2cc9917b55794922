// reportlens/yaml_data.h: LibYAML's events turned into yaml-cpp's Node tree.
#include "reportlens/yaml_data.h"

#include <yaml.h>

#include <fstream>
#include <iterator>
#include <vector>

namespace reportlens::yaml_data {

namespace {

// The plain scalars yaml-cpp reads as null (its IsNullString; the empty one is a missing
// value such as "key:" with nothing after it).
bool is_null_string(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// yaml-cpp's non-specific tags: "!" for quoted scalars, "?" for plain scalars and collections.
const std::string kPlainTag = "?";
const std::string kQuotedTag = "!";

constexpr std::size_t kMaxDepth = 64;

// One event stream, one tree. Children are created in their parent's yaml-cpp memory
// (operator[] on the parent) rather than as separate trees merged into it afterwards (one
// yaml-cpp memory per node, merged set by set: about 4 M instructions more per run).
class TreeBuilder {
 public:
  // The tree, or std::nullopt for anything yaml-cpp must read itself.
  std::optional<YAML::Node> build(std::string_view text) {
    if (!plain_enough(text)) return std::nullopt;
    question_marks_ = question_marks(text);
    Parser parser;
    if (!parser.ready) return std::nullopt;
    yaml_parser_set_input_string(&parser.p, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    while (true) {
      Event event;
      if (!yaml_parser_parse(&parser.p, &event.e)) return std::nullopt;  // yaml-cpp gives the error
      event.ready = true;
      if (!on_event(event.e)) return std::nullopt;
      if (event.e.type == YAML_STREAM_END_EVENT) break;
    }
    if (!root_done_) return std::nullopt;  // no document: yaml-cpp's null node
    if (next_question_mark_ < question_marks_.size()) return std::nullopt;  // a '?' after the last scalar
    return root_;
  }

 private:
  // LibYAML's parser and events, released on every way out.
  struct Parser {
    yaml_parser_t p;
    bool ready = yaml_parser_initialize(&p) != 0;
    ~Parser() {
      if (ready) yaml_parser_delete(&p);
    }
  };
  struct Event {
    yaml_event_t e;
    bool ready = false;
    ~Event() {
      if (ready) yaml_event_delete(&e);
    }
  };

  struct Collection {
    YAML::Node node;
    bool map = false;
    bool flow = false;
    std::size_t entries = 0;  // items, or key-value pairs completed
    bool have_key = false;    // a map whose key has been read, its value not yet
    std::string key;
    std::size_t key_line = 0;  // where the key ends
    // Whether each key was quoted (its tag), set on the key nodes when the map ends.
    std::vector<bool> quoted_keys;
  };

  // Where LibYAML and yaml-cpp read the same bytes differently, seen on the raw text:
  // - '?' is checked later (question_marks, on_scalar): yaml-cpp refuses it inside flow
  //   collections ("[a?b]", "[?b]") where LibYAML reads a scalar or an explicit key, and which
  //   context a '?' is in only the scanner knows;
  // - a carriage return not followed by a line feed, NEL, LINE and PARAGRAPH SEPARATOR: line
  //   breaks for LibYAML (YAML 1.1), characters of the scalar for yaml-cpp;
  // - a byte order mark after the first character: skipped by LibYAML, content for yaml-cpp;
  // - the escapes \N and \_ (NEL, no-break space): yaml-cpp writes them as one Latin-1 byte.
  // Our data files have none of them (a comment with a '?' only costs the slower path).
  static bool plain_enough(std::string_view text) {
    for (const std::string_view special : {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\\N", "\\_"})
      if (text.find(special) != std::string_view::npos) return false;
    if (text.find("\xEF\xBB\xBF", 1) != std::string_view::npos) return false;
    for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1))
      if (cr + 1 == text.size() || text[cr + 1] != '\n') return false;
    return true;
  }

  // The positions of the text's '?' as LibYAML counts them (mark.index: characters, a byte
  // order mark at the start not counted). A '?' inside a quoted scalar is a character of it for
  // both parsers ("?" in segment.yaml's list of sentence ends); anywhere else (a plain scalar,
  // an indicator, a comment) the document goes to yaml-cpp. Without this, that one quoted
  // "?" sent segment.yaml to yaml-cpp: about 11 M instructions of every run's start-up.
  static std::vector<std::size_t> question_marks(std::string_view text) {
    std::vector<std::size_t> at;
    std::size_t chars = 0;
    const std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    for (std::size_t i = start; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == '?') at.push_back(chars);
      if ((c & 0xC0) != 0x80) ++chars;
    }
    return at;
  }

  // Called for every scalar, in text order: false when a '?' before the scalar was in none
  // (see question_marks); the ones inside a quoted scalar are passed over.
  bool question_marks_quoted(const yaml_event_t& event, bool quoted) {
    const std::size_t begin = event.start_mark.index, end = event.end_mark.index;
    for (; next_question_mark_ < question_marks_.size(); ++next_question_mark_) {
      const std::size_t q = question_marks_[next_question_mark_];
      if (q >= end) break;
      if (!quoted || q < begin) return false;
    }
    return true;
  }

  std::vector<std::size_t> question_marks_;
  std::size_t next_question_mark_ = 0;
  std::vector<Collection> stack_;
  YAML::Node root_{YAML::NodeType::Undefined};  // a real node, so that copies share it
  bool in_document_ = false;
  bool root_done_ = false;

  bool on_event(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_STREAM_START_EVENT:
      case YAML_STREAM_END_EVENT:
        return true;
      case YAML_DOCUMENT_START_EVENT: {
        // One document without markers or directives: the rest is yaml-cpp's (Load reads the
        // first document only, and a "---" may come with what LibYAML and yaml-cpp read
        // differently).
        const auto& d = event.data.document_start;
        if (root_done_ || !d.implicit || d.version_directive != nullptr ||
            d.tag_directives.start != d.tag_directives.end)
          return false;
        in_document_ = true;
        return true;
      }
      case YAML_DOCUMENT_END_EVENT:
        in_document_ = false;
        return event.data.document_end.implicit != 0 && root_done_;
      case YAML_ALIAS_EVENT:
        return false;
      case YAML_SCALAR_EVENT:
        return on_scalar(event);
      case YAML_SEQUENCE_START_EVENT: {
        const auto& s = event.data.sequence_start;
        if (s.anchor != nullptr || s.tag != nullptr) return false;
        return open(false, s.style == YAML_FLOW_SEQUENCE_STYLE);
      }
      case YAML_MAPPING_START_EVENT: {
        const auto& m = event.data.mapping_start;
        if (m.anchor != nullptr || m.tag != nullptr) return false;
        return open(true, m.style == YAML_FLOW_MAPPING_STYLE);
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        return close();
      default:
        return false;
    }
  }

  // The node the next value goes to: the root, the next item of a sequence, or the value of
  // the key just read. nullptr when that value is a map key (kept in the collection).
  bool next_slot(YAML::Node& slot) {
    if (stack_.empty()) {
      if (!in_document_ || root_done_) return false;
      slot = root_;
      return true;
    }
    Collection& parent = stack_.back();
    if (!parent.map) {
      slot = parent.node[parent.entries];
      return true;
    }
    if (!parent.have_key) return false;  // a collection as a key: yaml-cpp's business
    slot = parent.node[parent.key];
    return true;
  }

  // After a value is complete: counts it, and refuses duplicate keys (yaml-cpp keeps both
  // pairs; operator[] would have reused the first).
  bool value_done() {
    if (stack_.empty()) {
      root_done_ = true;
      return true;
    }
    Collection& parent = stack_.back();
    ++parent.entries;
    if (!parent.map) return true;
    parent.have_key = false;
    return parent.node.size() == parent.entries;
  }

  bool on_scalar(const yaml_event_t& event) {
    const auto& s = event.data.scalar;
    if (s.anchor != nullptr || s.tag != nullptr) return false;
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    // Block scalars (| and >): their indentation and chomping rules are left to yaml-cpp.
    if (!plain && s.style != YAML_SINGLE_QUOTED_SCALAR_STYLE && s.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE)
      return false;
    if (!question_marks_quoted(event, !plain)) return false;
    // Scalars over several lines: LibYAML and yaml-cpp fold blank lines in quoted scalars
    // differently; none of our files has one.
    if (event.start_mark.line != event.end_mark.line) return false;
    const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    const bool null = plain && is_null_string(value);

    if (!stack_.empty() && stack_.back().map && !stack_.back().have_key) {
      Collection& map = stack_.back();
      // A null key; a key over several lines (yaml-cpp refuses them in flow mappings, and
      // they are no key anyone means to write).
      if (null || event.start_mark.line != event.end_mark.line) return false;
      map.key.assign(value);
      map.key_line = event.end_mark.line;
      map.have_key = true;
      map.quoted_keys.push_back(!plain);
      return true;
    }
    // A missing value in a flow mapping ("{a, b: 1}") whose entry goes on to the next line
    // ("{a\n}"): yaml-cpp refuses a key without its colon before a line break, and the events
    // do not tell whether the colon was there.
    if (null && value.empty() && !stack_.empty() && stack_.back().map && stack_.back().flow &&
        event.start_mark.line != stack_.back().key_line)
      return false;
    YAML::Node slot;
    if (!next_slot(slot)) return false;
    if (null) {
      slot = YAML::Node(YAML::NodeType::Null);
    } else {
      slot = std::string(value);
      slot.SetTag(plain ? kPlainTag : kQuotedTag);
    }
    return value_done();
  }

  bool open(bool map, bool flow) {
    // (yaml-cpp refuses documents nested more than 500 deep; ours are 3 deep)
    if (stack_.size() >= kMaxDepth) return false;
    YAML::Node slot;
    if (!next_slot(slot)) return false;
    slot.SetTag(kPlainTag);
    slot.SetStyle(flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block);
    stack_.push_back(Collection{slot, map, flow});
    return true;
  }

  bool close() {
    if (stack_.empty()) return false;
    Collection& done = stack_.back();
    if (done.entries == 0) {
      // No entry gave the node its kind.
      const YAML::EmitterStyle::value style = done.node.Style();
      done.node = YAML::Node(done.map ? YAML::NodeType::Map : YAML::NodeType::Sequence);
      done.node.SetTag(kPlainTag);
      done.node.SetStyle(style);
    } else if (done.map) {
      std::size_t k = 0;
      for (auto pair : done.node) pair.first.SetTag(done.quoted_keys[k++] ? kQuotedTag : kPlainTag);
    }
    stack_.pop_back();
    return value_done();
  }
};

}  // namespace

std::optional<YAML::Node> parse(std::string_view text) {
  try {
    return TreeBuilder().build(text);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

File::File(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    root_ = YAML::LoadFile(file.string());  // throws YAML::BadFile
    return;
  }
  content_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (std::optional<YAML::Node> fast = parse(content_)) {
    root_ = *fast;
    fast_ = true;
  } else {
    root_ = YAML::Load(content_);
  }
}

}  // namespace reportlens::yaml_data
