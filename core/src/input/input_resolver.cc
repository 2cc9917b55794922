#include "input/input_resolver.h"

#include "run/batch_identity.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <spdlog/spdlog.h>

#include "run/batch_manifest.h"
#include "run/errors.h"
#include "input/input_format.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

bool has_wildcard(const std::string& s) { return s.find_first_of("*?[") != std::string::npos; }

std::string display_path(const fs::path& p) {
  std::error_code ec;
  const fs::path rel = fs::relative(p, fs::current_path(ec), ec);
  return (ec || rel.empty()) ? p.lexically_normal().generic_string() : rel.generic_string();
}

std::string single_file_id(const fs::path& p) {
  const fs::path n = fs::absolute(p).lexically_normal();
  const std::string parent = n.parent_path().filename().generic_string();
  return parent.empty() ? n.filename().generic_string() : parent + "/" + n.filename().generic_string();
}

std::string join(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

// Depth-first walk of a directory tree, each directory's entries sorted by name (bytes): the
// files come out in the order of their full paths compared component-wise, which is the
// order a sorted list of every path would have, without holding that list.
// Without patterns: every document below the root (not following directory symlinks); the
// other files are counted in `skipped`.
// With patterns (a glob split at '/'): level k's entries must match patterns[k]
// (fnmatch, a leading '.' only explicitly), the last level's are the files.
// A folder that cannot be listed (permissions, I/O error) is an error naming it, never a
// silent gap in the batch: HostError(kInput) from the first walk, before anything runs.
class TreeWalker {
 public:
  TreeWalker(std::string root, std::vector<std::string> patterns) : patterns_(std::move(patterns)) {
    push(std::move(root));
  }

  bool next(std::string& path) {
    while (!stack_.empty()) {
      Level& top = stack_.back();
      if (top.pos == top.names.size()) {
        stack_.pop_back();
        continue;
      }
      std::string full = join(top.dir, top.names[top.pos++]);
      std::error_code ec;
      if (patterns_.empty()) {
        const fs::file_status link = fs::symlink_status(full, ec);
        if (!ec && fs::is_directory(link)) {
          push(std::move(full));
          continue;
        }
        if (!fs::is_regular_file(full, ec)) continue;
        if (is_document_file(full)) {
          path = std::move(full);
          return true;
        }
        if (skipped_++ == 0) first_skipped_ = full;
        continue;
      }
      const bool last = stack_.size() == patterns_.size();
      if (!last) {
        if (fs::is_directory(full, ec)) push(std::move(full));
      } else if (fs::is_regular_file(full, ec)) {
        path = std::move(full);
        return true;
      }
    }
    return false;
  }

  std::size_t skipped() const { return skipped_; }
  const std::string& first_skipped() const { return first_skipped_; }

 private:
  struct Level {
    std::string dir;
    std::vector<std::string> names;
    std::size_t pos = 0;
  };

  void push(std::string dir) {
    Level level;
    const std::size_t depth = stack_.size();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!patterns_.empty() && ::fnmatch(patterns_[depth].c_str(), name.c_str(), FNM_PERIOD) != 0) continue;
      level.names.push_back(std::move(name));
    }
    // A folder that is not there (a glob's missing root, one removed since it was listed)
    // holds nothing, which the callers report; one that is there but unreadable is an error.
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
      throw HostError(ExitCode::kInput, "input folder " + display_path(dir) + " cannot be read (" + ec.message() +
                                            "); fix its permissions or leave it out of the inputs");
    std::sort(level.names.begin(), level.names.end());
    level.dir = std::move(dir);
    stack_.push_back(std::move(level));
  }

  std::vector<std::string> patterns_;
  std::vector<Level> stack_;
  std::size_t skipped_ = 0;
  std::string first_skipped_;
};

// A glob as the directory to start in (its part before the first wildcard component) and
// one pattern per level below it.
std::pair<std::string, std::vector<std::string>> split_glob(const std::string& pattern) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    auto slash = pattern.find('/', start);
    if (slash == std::string::npos) slash = pattern.size();
    if (slash > start) parts.push_back(pattern.substr(start, slash - start));
    start = slash + 1;
  }
  std::string root = !pattern.empty() && pattern[0] == '/' ? "/" : ".";
  std::size_t k = 0;
  for (; k < parts.size() && !has_wildcard(parts[k]); ++k)
    root = root == "." ? parts[k] : join(root, parts[k]);
  return {root, std::vector<std::string>(parts.begin() + static_cast<long>(k), parts.end())};
}

}  // namespace

// Where the walk is: which spec, and the generator of its inputs.
struct InputWalk::State {
  const std::vector<InputSpec>& specs;
  fs::path base_dir;
  std::string origin;
  std::size_t spec = 0;
  bool started = false;     // the current spec's generator is set up
  std::size_t produced = 0;  // inputs the current spec gave so far
  std::size_t issues_before = 0;

  enum class Kind { kNone, kFile, kManifest, kTree, kGlob, kMissing } kind = Kind::kNone;
  fs::path full;
  std::optional<ManifestReader> manifest;
  std::optional<TreeWalker> tree;
  std::string prefix;  // a directory's path with a trailing '/': ids are relative to it
  bool file_given = false;

  // Current item.
  std::string path, id;
  std::optional<ManifestEntry> entry;

  State(const std::vector<InputSpec>& s, fs::path base, std::string o)
      : specs(s), base_dir(std::move(base)), origin(std::move(o)) {}

  void missing(const InputSpec& spec, const std::string& what, std::vector<ConfigIssue>* issues) {
    if (issues) issues->push_back({origin, spec.line, spec.column, "input '" + spec.path + "': " + what});
  }

  void start(const InputSpec& spec, std::vector<ConfigIssue>* issues) {
    started = true;
    produced = 0;
    issues_before = issues ? issues->size() : 0;
    manifest.reset();
    tree.reset();
    const fs::path given(spec.path);
    full = given.is_absolute() ? given : (base_dir / given).lexically_normal();
    std::error_code ec;
    if (spec.manifest || (is_manifest_file(full) && fs::is_regular_file(full, ec))) {
      kind = Kind::kManifest;
      manifest.emplace(full, issues);
    } else if (has_wildcard(spec.path)) {
      kind = Kind::kGlob;
      auto [root, patterns] = split_glob(full.string());
      tree.emplace(std::move(root), std::move(patterns));
    } else if (fs::is_directory(full, ec)) {
      kind = Kind::kTree;
      prefix = full.string();
      if (prefix.empty() || prefix.back() != '/') prefix += '/';
      tree.emplace(full.string(), std::vector<std::string>{});
    } else if (fs::is_regular_file(full, ec)) {
      kind = Kind::kFile;
      file_given = false;
    } else {
      kind = Kind::kMissing;
      // Something that exists but is neither (a FIFO, a device, a socket) is named as such.
      const fs::file_type type = fs::status(full, ec).type();
      const char* what = type == fs::file_type::fifo ? "a FIFO (named pipe)"
                         : type == fs::file_type::socket ? "a socket"
                         : (type == fs::file_type::block || type == fs::file_type::character) ? "a device"
                                                                                              : nullptr;
      missing(spec, what ? "is " + std::string(what) + ", not a regular file or directory (" + full.string() +
                               "); save the input to a file first"
                         : "no such file or directory (" + full.string() + ")",
              issues);
    }
  }

  // Advances to the next input (path, id, entry set); false at the end of all specs.
  bool advance(std::vector<ConfigIssue>* issues) {
    while (spec < specs.size()) {
      const InputSpec& s = specs[spec];
      if (!started) start(s, issues);
      entry.reset();
      bool got = false;
      switch (kind) {
        case Kind::kFile:
          if (!file_given) {
            file_given = got = true;
            path = full.string();
            id = single_file_id(full);
          }
          break;
        case Kind::kManifest: {
          ManifestEntry e;
          if (manifest->next(e)) {
            got = true;
            path = e.path.string();
            id = e.id.empty() ? e.path.lexically_relative(full.parent_path()).generic_string() : e.id;
            entry = std::move(e);
          }
          break;
        }
        case Kind::kGlob:
          if (tree->next(path)) {
            got = true;
            id = single_file_id(path);
          }
          break;
        case Kind::kTree:
          if (tree->next(path)) {
            got = true;
            const bool under = path.compare(0, prefix.size(), prefix) == 0;
            id = under ? path.substr(prefix.size()) : fs::relative(path, full).generic_string();
          }
          break;
        default:
          break;
      }
      if (got) {
        ++produced;
        return true;
      }
      // This spec is exhausted. The walk that checks the inputs (the one given `issues`) says
      // what a directory held besides documents, so that nothing is left out unsaid.
      if (kind == Kind::kTree && issues && tree->skipped() > 0)
        spdlog::warn("input '{}': skipped {} file(s) that are not documents (e.g. {}); list a file "
                     "explicitly or set its `format:` in a manifest to read it",
                     s.path, tree->skipped(), display_path(tree->first_skipped()));
      if (produced == 0) {
        if (kind == Kind::kGlob) missing(s, "the pattern matches no file", issues);
        else if (kind == Kind::kTree) missing(s, "the directory holds no document (.txt, .html, .pdf, .docx, or Markdown with front matter)", issues);
        else if (kind == Kind::kManifest && (!issues || issues->size() == issues_before))
          missing(s, "the manifest lists no document", issues);
      }
      started = false;
      ++spec;
    }
    return false;
  }
};

InputWalk::InputWalk(const std::vector<InputSpec>& specs, fs::path base_dir, std::string origin)
    : state_(std::make_unique<State>(specs, std::move(base_dir), std::move(origin))) {}

InputWalk::~InputWalk() = default;

const InputSpec& InputWalk::current_spec() const { return state_->specs[state_->spec]; }

bool InputWalk::next_id(std::string& id, std::vector<ConfigIssue>* issues) {
  if (!state_->advance(issues)) return false;
  id = utf8_name(state_->id);  // ids are written into UTF-8 outputs (batch_identity.h)
  return true;
}

bool InputWalk::next(ResolvedInput& r, std::vector<ConfigIssue>* issues) {
  if (!state_->advance(issues)) return false;
  current(r);
  return true;
}

void InputWalk::current(ResolvedInput& r) const {
  const State& s = *state_;
  const InputSpec& spec = s.specs[s.spec];
  r = ResolvedInput{};
  r.path = s.path;
  r.id = utf8_name(s.id);
  r.source = utf8_name(display_path(s.path));
  r.role = spec.role;
  r.meta = spec.meta;
  r.encoding = spec.encoding;
  r.format = spec.format;
  r.replace_invalid = spec.replace_invalid;
  if (s.entry) {
    for (const auto& [k, v] : s.entry->meta.items()) r.meta[k] = v;
    if (!s.entry->role.empty()) r.role = s.entry->role;
    if (!s.entry->encoding.empty()) r.encoding = s.entry->encoding;
    // A manifest's `format` column chooses the reader; it is not document metadata.
    if (const auto f = r.meta.find("format"); f != r.meta.end()) {
      if (f->is_string()) r.format = f->get<std::string>();
      r.meta.erase(f);
    }
  }
}

struct InputFeed::State {
  InputWalk walk;
  std::function<bool(const std::string&)> keep;
  std::mutex mutex;
  std::size_t next_kept = 0, next_seq = 0;
  std::map<std::size_t, std::pair<ResolvedInput, std::size_t>> ahead;  // read, not yet taken

  State(const std::vector<InputSpec>& specs, fs::path base, std::string origin,
        std::function<bool(const std::string&)> k)
      : walk(specs, std::move(base), std::move(origin)), keep(std::move(k)) {}
};

InputFeed::InputFeed(const std::vector<InputSpec>& specs, fs::path base_dir, std::string origin,
                     std::function<bool(const std::string&)> keep)
    : state_(std::make_unique<State>(specs, std::move(base_dir), std::move(origin), std::move(keep))) {}

InputFeed::~InputFeed() = default;

bool InputFeed::take(std::size_t i, ResolvedInput& out, std::size_t& seq) {
  State& s = *state_;
  std::lock_guard lock(s.mutex);
  while (s.next_kept <= i) {
    std::string id;
    if (!s.walk.next_id(id)) return false;
    const std::size_t position = s.next_seq++;
    if (s.keep && !s.keep(id)) continue;
    ResolvedInput in;
    s.walk.current(in);
    s.ahead.emplace(s.next_kept++, std::make_pair(std::move(in), position));
  }
  const auto it = s.ahead.find(i);
  if (it == s.ahead.end()) return false;  // taken twice: not how run_ordered asks
  out = std::move(it->second.first);
  seq = it->second.second;
  s.ahead.erase(it);
  return true;
}

namespace {
std::uint64_t id_digest(const std::string& id) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a; collisions only cost a second look
  for (unsigned char c : id) h = (h ^ c) * 0x100000001b3ull;
  return h;
}
}  // namespace

std::size_t check_inputs(const std::vector<InputSpec>& specs, const fs::path& base_dir,
                         const std::string& origin, const std::function<bool(const std::string&)>& keep,
                         std::size_t& kept, std::vector<ConfigIssue>& issues) {
  std::vector<std::uint64_t> digests;
  std::size_t total = 0;
  kept = 0;
  {
    InputWalk walk(specs, base_dir, origin);
    std::string id;
    while (walk.next_id(id, &issues)) {
      ++total;
      if (!keep || keep(id)) ++kept;
      digests.push_back(id_digest(id));
    }
  }
  // Ids name documents in the result, in corpus stages and in batch stores, so they must be
  // unique: the same file listed twice, or two files whose parent directories share a name,
  // would otherwise silently collide. Only inputs whose id hash repeats are looked at again.
  std::sort(digests.begin(), digests.end());
  std::set<std::uint64_t> repeated;
  for (std::size_t i = 1; i < digests.size(); ++i)
    if (digests[i] == digests[i - 1]) repeated.insert(digests[i]);
  digests = {};
  if (repeated.empty()) return total;

  std::map<std::string, std::string> first_source;  // id -> source of its first input
  InputWalk walk(specs, base_dir, origin);
  ResolvedInput in;
  while (walk.next(in)) {
    if (!repeated.count(id_digest(in.id))) continue;
    const auto [it, fresh] = first_source.emplace(in.id, in.source);
    if (fresh) continue;
    const InputSpec* from = &walk.current_spec();
    issues.push_back({origin, from ? from->line : 0, from ? from->column : 0,
                      "input '" + in.source + "' has the document id '" + in.id + "' of input '" +
                          it->second +
                          "'; list each file once, give the files distinct parent directories, "
                          "or set ids in a manifest"});
  }
  return total;
}

std::vector<ResolvedInput> resolve_inputs(const std::vector<InputSpec>& specs, const fs::path& base_dir,
                                          const std::string& origin, std::vector<ConfigIssue>& issues) {
  std::vector<ResolvedInput> out;
  InputWalk walk(specs, base_dir, origin);
  ResolvedInput in;
  while (walk.next(in, &issues)) out.push_back(std::move(in));
  return out;
}

}  // namespace reportlens
