#include "input_resolver.h"

#include <glob.h>

#include <algorithm>

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
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(full, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && is_text_input(it->path())) files.push_back(it->path());
      std::sort(files.begin(), files.end());
      if (files.empty()) missing("the directory holds no .txt or .html file");
      for (const auto& f : files) out.push_back(make(spec, f, fs::relative(f, full).generic_string()));
    } else if (fs::is_regular_file(full, ec)) {
      out.push_back(make(spec, full, single_file_id(full)));
    } else {
      missing("no such file or directory (" + full.string() + ")");
    }
  }
  return out;
}

}  // namespace reportlens
