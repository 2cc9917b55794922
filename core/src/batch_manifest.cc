#include "batch_manifest.h"

#include <algorithm>
#include <fstream>

namespace reportlens {
namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext;
}

// Splits CSV text into rows (RFC 4180: quoted fields may hold commas, quotes, newlines).
// Each row remembers the line it started on.
std::vector<std::pair<int, std::vector<std::string>>> parse_csv(const std::string& text) {
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  std::vector<std::string> row(1);
  bool quoted = false, any = false;
  int line = 1, row_line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') row.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else {
        if (c == '\n') ++line;
        row.back() += c;
      }
      continue;
    }
    if (c == '"') quoted = any = true;
    else if (c == ',') row.emplace_back(), any = true;
    else if (c == '\r') continue;
    else if (c == '\n') {
      if (any || row.size() > 1 || !row[0].empty()) rows.push_back({row_line, row});
      row.assign(1, std::string());
      any = false;
      row_line = ++line;
    } else row.back() += c, any = true;
  }
  if (any || row.size() > 1 || !row[0].empty()) rows.push_back({row_line, row});
  return rows;
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Puts one manifest field into the entry: the known keys have a meaning, the rest is metadata.
void assign(ManifestEntry& e, const std::string& key, const Json& value) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (value.is_null() || text.empty()) return;
  if (key == "path") e.path = text;
  else if (key == "id") e.id = text;
  else if (key == "role") e.role = text;
  else if (key == "encoding") e.encoding = text;
  else {
    const std::string meta_key = key == "year" ? "report_year" : key;
    Json v = value;
    if (value.is_string() && (meta_key == "report_year" || meta_key == "plan_year")) {
      try {
        std::size_t used = 0;
        const long long n = std::stoll(text, &used);
        if (used == text.size()) v = n;
      } catch (...) {
      }
    }
    e.meta[meta_key] = v;
  }
}

}  // namespace

bool is_manifest_file(const fs::path& path) {
  const std::string ext = lower_extension(path);
  return ext == ".csv" || ext == ".jsonl" || ext == ".ndjson";
}

std::vector<ManifestEntry> read_manifest(const fs::path& file, std::vector<ConfigIssue>& issues) {
  std::vector<ManifestEntry> out;
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    issues.push_back({name, 0, 0, "cannot open the manifest"});
    return out;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // Excel's BOM
  const fs::path dir = fs::absolute(file).parent_path();
  const auto finish = [&](ManifestEntry e) {
    if (e.path.empty()) {
      issues.push_back({name, e.line, 0, "no 'path' given for this document"});
      return;
    }
    if (e.path.is_relative()) e.path = (dir / e.path).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(e.path, ec)) {
      issues.push_back({name, e.line, 0, "no such file: " + e.path.string()});
      return;
    }
    out.push_back(std::move(e));
  };

  if (lower_extension(file) == ".csv") {
    const auto rows = parse_csv(text);
    if (rows.empty()) {
      issues.push_back({name, 0, 0, "empty manifest; expected a header row with a 'path' column"});
      return out;
    }
    std::vector<std::string> header;
    for (const auto& h : rows[0].second) header.push_back(trim(h));
    if (std::find(header.begin(), header.end(), "path") == header.end()) {
      issues.push_back({name, 1, 0, "the header row has no 'path' column (columns: path, id, region, year, kind, ...)"});
      return out;
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto& [line, fields] = rows[r];
      if (fields.size() > header.size()) {
        issues.push_back({name, line, 0, std::to_string(fields.size()) + " fields but the header has " +
                                             std::to_string(header.size())});
        continue;
      }
      ManifestEntry e;
      e.line = line;
      for (std::size_t i = 0; i < fields.size(); ++i) assign(e, header[i], Json(trim(fields[i])));
      finish(std::move(e));
    }
  } else {
    std::size_t start = 0;
    int line = 0;
    while (start <= text.size()) {
      auto end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string row = trim(text.substr(start, end - start));
      ++line;
      start = end + 1;
      if (row.empty() || row == "\r") continue;
      Json j;
      try {
        j = Json::parse(row);
      } catch (const std::exception& ex) {
        issues.push_back({name, line, 0, std::string("not a JSON object: ") + ex.what()});
        continue;
      }
      if (!j.is_object()) {
        issues.push_back({name, line, 0, "expected a JSON object with \"path\""});
        continue;
      }
      ManifestEntry e;
      e.line = line;
      for (const auto& [k, v] : j.items()) assign(e, k, v);
      finish(std::move(e));
    }
  }
  return out;
}

}  // namespace reportlens
