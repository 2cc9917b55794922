#include "run/batch_manifest.h"

#include <algorithm>

namespace reportlens {
namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext;
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

ManifestReader::ManifestReader(const fs::path& file, std::vector<ConfigIssue>* issues)
    : name_(file.string()), dir_(fs::absolute(file).parent_path()), in_(file, std::ios::binary),
      issues_(issues), csv_(lower_extension(file) == ".csv") {
  if (!in_) {
    report(0, "cannot open the manifest");
    return;
  }
  // Excel's BOM.
  char bom[3] = {};
  in_.read(bom, 3);
  if (!(in_.gcount() == 3 && std::string(bom, 3) == "\xEF\xBB\xBF")) {
    in_.clear();
    in_.seekg(0);
  }
  ok_ = true;
  if (!csv_) return;
  int row_line = 0;
  std::vector<std::string> row;
  if (!read_csv_row(row_line, row)) {
    report(0, "empty manifest; expected a header row with a 'path' column");
    ok_ = false;
    return;
  }
  for (const auto& h : row) header_.push_back(trim(h));
  if (std::find(header_.begin(), header_.end(), "path") == header_.end()) {
    report(1, "the header row has no 'path' column (columns: path, id, region, year, kind, ...)");
    ok_ = false;
  }
}

void ManifestReader::report(int line, std::string message) {
  if (issues_) issues_->push_back({name_, line, 0, std::move(message)});
}

// One CSV row (RFC 4180: quoted fields may hold commas, quotes, newlines); blank lines are
// skipped. `row_line` is the line the row started on.
bool ManifestReader::read_csv_row(int& row_line, std::vector<std::string>& row) {
  std::streambuf* buf = in_.rdbuf();
  for (;;) {
    row.assign(1, std::string());
    bool quoted = false, any = false, ended = false;
    row_line = line_;
    for (int ch = buf->sbumpc(); ch != std::char_traits<char>::eof(); ch = buf->sbumpc()) {
      const char c = static_cast<char>(ch);
      if (quoted) {
        if (c == '"' && buf->sgetc() == '"') row.back() += '"', buf->sbumpc();
        else if (c == '"') quoted = false;
        else {
          if (c == '\n') ++line_;
          row.back() += c;
        }
        continue;
      }
      if (c == '"') quoted = any = true;
      else if (c == ',') row.emplace_back(), any = true;
      else if (c == '\r') continue;
      else if (c == '\n') {
        ++line_;
        ended = true;
        break;
      } else row.back() += c, any = true;
    }
    if (any || row.size() > 1 || !row[0].empty()) return true;
    if (!ended) return false;  // end of file
  }
}

bool ManifestReader::read_jsonl_row(int& row_line, Json& row) {
  std::string text;
  while (std::getline(in_, text)) {
    row_line = line_++;
    text = trim(text);
    if (text.empty() || text == "\r") continue;
    try {
      row = Json::parse(text);
    } catch (const std::exception& ex) {
      report(row_line, std::string("not a JSON object: ") + ex.what());
      continue;
    }
    if (!row.is_object()) {
      report(row_line, "expected a JSON object with \"path\"");
      continue;
    }
    return true;
  }
  return false;
}

bool ManifestReader::finish(ManifestEntry& e) {
  if (e.path.empty()) {
    report(e.line, "no 'path' given for this document");
    return false;
  }
  if (e.path.is_relative()) e.path = (dir_ / e.path).lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(e.path, ec)) {
    report(e.line, "no such file: " + e.path.string());
    return false;
  }
  return true;
}

bool ManifestReader::next(ManifestEntry& e) {
  if (!ok_) return false;
  for (;;) {
    e = ManifestEntry{};
    if (csv_) {
      std::vector<std::string> fields;
      if (!read_csv_row(e.line, fields)) return false;
      if (fields.size() > header_.size()) {
        report(e.line, std::to_string(fields.size()) + " fields but the header has " +
                           std::to_string(header_.size()));
        continue;
      }
      for (std::size_t i = 0; i < fields.size(); ++i) assign(e, header_[i], Json(trim(fields[i])));
    } else {
      Json row;
      if (!read_jsonl_row(e.line, row)) return false;
      for (const auto& [k, v] : row.items()) assign(e, k, v);
    }
    if (finish(e)) return true;
  }
}

std::vector<ManifestEntry> read_manifest(const fs::path& file, std::vector<ConfigIssue>& issues) {
  std::vector<ManifestEntry> out;
  ManifestReader reader(file, &issues);
  ManifestEntry e;
  while (reader.next(e)) out.push_back(std::move(e));
  return out;
}

}  // namespace reportlens
