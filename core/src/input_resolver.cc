#include "input_resolver.h"

#include <glob.h>

#include <algorithm>
#include <map>

#include "batch_manifest.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

bool is_text_input(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".text";
}

std::string display_path(const fs::path& p) {
  std::error_code ec;
  const fs::path rel = fs::relative(p, fs::current_path(ec), ec);
  return (ec || rel.empty()) ? p.lexically_normal().generic_string() : rel.generic_string();
}

ResolvedInput make(const InputSpec& spec, const fs::path& path, std::string id) {
  ResolvedInput r;
  r.path = path;
  r.id = std::move(id);
  r.source = display_path(path);
  r.role = spec.role;
  r.meta = spec.meta;
  r.encoding = spec.encoding;
  r.replace_invalid = spec.replace_invalid;
  return r;
}

std::string single_file_id(const fs::path& p) {
  const fs::path n = fs::absolute(p).lexically_normal();
  const std::string parent = n.parent_path().filename().generic_string();
  return parent.empty() ? n.filename().generic_string() : parent + "/" + n.filename().generic_string();
}

}  // namespace

std::vector<ResolvedInput> resolve_inputs(const std::vector<InputSpec>& specs,
                                          const fs::path& base_dir, const std::string& origin,
                                          std::vector<ConfigIssue>& issues) {
  std::vector<ResolvedInput> out;
  std::vector<const InputSpec*> spec_of;  // the spec each resolved input came from
  for (const auto& spec : specs) {
    const fs::path given(spec.path);
    const fs::path full = given.is_absolute() ? given : (base_dir / given).lexically_normal();
    std::error_code ec;
    const auto missing = [&](const std::string& what) {
      issues.push_back({origin, spec.line, spec.column, "input '" + spec.path + "': " + what});
    };
    if (spec.manifest || (is_manifest_file(full) && fs::is_regular_file(full, ec))) {
      // A manifest lists the documents with their metadata (batch_manifest.h).
      std::vector<ConfigIssue> found;
      const auto entries = read_manifest(full, found);
      for (auto& i : found) issues.push_back(std::move(i));
      if (entries.empty() && found.empty()) missing("the manifest lists no document");
      const fs::path dir = full.parent_path();
      for (const auto& e : entries) {
        ResolvedInput r = make(spec, e.path, e.id.empty() ? e.path.lexically_relative(dir).generic_string() : e.id);
        for (const auto& [k, v] : e.meta.items()) r.meta[k] = v;
        if (!e.role.empty()) r.role = e.role;
        if (!e.encoding.empty()) r.encoding = e.encoding;
        out.push_back(std::move(r));
      }
    } else if (spec.path.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      std::vector<fs::path> matches;
      if (::glob(full.c_str(), 0, nullptr, &g) == 0)
        for (std::size_t i = 0; i < g.gl_pathc; ++i) matches.emplace_back(g.gl_pathv[i]);
      ::globfree(&g);
      std::sort(matches.begin(), matches.end());
      std::size_t n = 0;
      for (const auto& m : matches)
        if (fs::is_regular_file(m, ec)) out.push_back(make(spec, m, single_file_id(m))), ++n;
      if (n == 0) missing("the pattern matches no file");
    } else if (fs::is_directory(full, ec)) {
      // Plain strings, not fs::path: a path also stores its parsed components, which for
      // 100,000 files costs ~100 MB (batch runs keep memory flat).
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(full, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && is_text_input(it->path())) files.push_back(it->path().string());
      // Component-wise order, as fs::path compares: the separator sorts before any character.
      std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        const auto key = [](char c) { return c == '/' ? '\0' : c; };
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                            [&](char x, char y) { return (unsigned char)key(x) < (unsigned char)key(y); });
      });
      if (files.empty()) missing("the directory holds no .txt or .html file");
      std::string prefix = full.string();
      if (prefix.empty() || prefix.back() != '/') prefix += '/';
      for (const auto& f : files) {
        const bool under = f.compare(0, prefix.size(), prefix) == 0;
        out.push_back(make(spec, f, under ? f.substr(prefix.size()) : fs::relative(f, full).generic_string()));
      }
    } else if (fs::is_regular_file(full, ec)) {
      out.push_back(make(spec, full, single_file_id(full)));
    } else {
      missing("no such file or directory (" + full.string() + ")");
    }
    spec_of.resize(out.size(), &spec);
  }
  // Ids name documents in the result, in corpus stages and in batch stores, so they must be
  // unique: the same file listed twice, or two files whose parent directories share a name,
  // would otherwise silently collide.
  std::map<std::string, std::size_t> first_with_id;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto [it, fresh] = first_with_id.emplace(out[i].id, i);
    if (fresh) continue;
    issues.push_back({origin, spec_of[i]->line, spec_of[i]->column,
                      "input '" + out[i].source + "' has the document id '" + out[i].id +
                          "' of input '" + out[it->second].source +
                          "'; list each file once, give the files distinct parent directories, "
                          "or set ids in a manifest"});
  }
  return out;
}

}  // namespace reportlens
