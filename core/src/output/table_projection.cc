#include "output/table_projection.h"

#include <algorithm>
#include <stdexcept>

#include "output/output_facts.h"

namespace reportlens {

namespace {

// Tables the store itself keeps: a projection may not take their names.
constexpr const char* kCoreTables[] = {"runs", "documents", "annotations", "document_texts", "annotation_texts",
                                       "annotation_shapes", "annotation_sets", "annotation_rows", "document_blobs",
                                       "comparisons", "targets", "errors"};

bool plain_identifier(const std::string& s) {
  if (s.empty() || s.size() > 64 || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

[[noreturn]] void refuse(const std::string& stage, const std::string& what) {
  throw std::invalid_argument("stage '" + stage + "' declares an invalid table projection: " + what);
}

AttributeSource parse_source(const std::string& stage, const std::string& text) {
  AttributeSource s;
  std::string path = text;
  if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    const std::string pick = text.substr(colon + 1);
    path = text.substr(0, colon);
    if (pick == "low") s.pick = AttributeSource::kLow;
    else if (pick == "high") s.pick = AttributeSource::kHigh;
    else if (pick == "range") s.pick = AttributeSource::kRange;
    else refuse(stage, "'" + text + "': unknown pick '" + pick + "' (low, high or range)");
  }
  if (path == "@text") return s;
  std::string part;
  for (char c : path + ".") {
    if (c != '.') {
      part += c;
      continue;
    }
    if (part.empty()) refuse(stage, "'" + text + "' is not an attribute path");
    s.path.push_back(std::move(part));
    part.clear();
  }
  return s;
}

ColumnType parse_type(const std::string& stage, const std::string& t) {
  if (t == "text") return ColumnType::kText;
  if (t == "integer") return ColumnType::kInteger;
  if (t == "real") return ColumnType::kReal;
  refuse(stage, "column type '" + t + "' (text, integer or real)");
}

ValueRule parse_rule(const std::string& stage, const Json& from, ColumnType type) {
  ValueRule rule;
  rule.type = type;
  if (from.is_string()) {
    rule.sources.push_back(parse_source(stage, from.get<std::string>()));
  } else if (from.is_array() && !from.empty()) {
    for (const auto& f : from) {
      if (!f.is_string()) refuse(stage, "a `from` list holds strings only");
      rule.sources.push_back(parse_source(stage, f.get<std::string>()));
    }
  } else {
    refuse(stage, "`from` must be a source or a list of sources");
  }
  return rule;
}

ValueRule role(const std::string& stage, const Json& roles, const char* key, ColumnType type, bool needed) {
  if (!roles.contains(key)) {
    if (needed) refuse(stage, std::string("series needs `") + key + "`");
    return {};
  }
  return parse_rule(stage, roles[key], type);
}

SeriesRoles parse_series(const std::string& stage, const Json& s) {
  if (!s.is_object()) refuse(stage, "`series` must be an object");
  SeriesRoles r;
  r.name = role(stage, s, "name", ColumnType::kText, true);
  r.period = role(stage, s, "period", ColumnType::kInteger, true);
  r.status = role(stage, s, "status", ColumnType::kText, false);
  r.qualifier = role(stage, s, "qualifier", ColumnType::kText, false);
  r.region = role(stage, s, "region", ColumnType::kText, false);
  r.target_status = s.value("target_status", "target");
  for (const auto& m : s.value("measures", Json::array())) {
    SeriesRoles::Measure measure;
    measure.measure = m.value("measure", "");
    if (!plain_identifier(measure.measure)) refuse(stage, "a series measure needs a plain `measure` name");
    measure.value = role(stage, m, "value", ColumnType::kReal, true);
    measure.high = role(stage, m, "high", ColumnType::kReal, false);
    measure.unit = role(stage, m, "unit", ColumnType::kText, false);
    r.measures.push_back(std::move(measure));
  }
  if (r.measures.empty()) refuse(stage, "series needs at least one of `measures`");
  return r;
}

Projection parse_one(const std::string& stage, const std::string& type, const Json& d) {
  if (!d.is_object()) refuse(stage, "'" + type + "' must map to an object");
  Projection p;
  p.stage = stage;
  p.type = type;
  p.table = d.value("table", "");
  if (!plain_identifier(p.table)) refuse(stage, "table name '" + p.table + "' (lower-case letters, digits, _)");
  if (is_store_table(p.table)) refuse(stage, "table '" + p.table + "' is one of the store's own");
  for (const auto& c : d.value("columns", Json::array())) {
    ProjectedColumn col;
    col.name = c.value("name", "");
    if (!plain_identifier(col.name) || col.name == "annotation_id" || col.name == "doc_id")
      refuse(stage, "column name '" + col.name + "' in table '" + p.table + "'");
    for (const auto& other : p.columns)
      if (other.name == col.name) refuse(stage, "column '" + col.name + "' twice in table '" + p.table + "'");
    col.required = c.value("required", false);
    const Json csv = c.value("csv", Json(true));
    col.csv = csv.is_string() ? csv.get<std::string>() : (csv == Json(false) ? "" : col.name);
    col.rule = parse_rule(stage, c.value("from", Json()), parse_type(stage, c.value("type", "text")));
    p.columns.push_back(std::move(col));
  }
  if (p.columns.empty()) refuse(stage, "table '" + p.table + "' has no columns");
  for (const auto& i : d.value("indexes", Json::array())) {
    ProjectedIndex index;
    index.name = i.value("name", "");
    if (!plain_identifier(index.name)) refuse(stage, "index name '" + index.name + "'");
    for (const auto& c : i.value("on", Json::array())) {
      const std::string name = c.is_string() ? c.get<std::string>() : "";
      const bool known = std::any_of(p.columns.begin(), p.columns.end(), [&](const auto& k) { return k.name == name; });
      if (!known) refuse(stage, "index '" + index.name + "' on unknown column '" + name + "'");
      index.columns.push_back(name);
    }
    if (index.columns.empty()) refuse(stage, "index '" + index.name + "' names no column");
    p.indexes.push_back(std::move(index));
  }
  if (d.contains("series")) p.series = parse_series(stage, d["series"]);
  return p;
}

// The value at `path` inside `attrs` (null when any step is missing or not an object).
const Json& at_path(const Json& attrs, const std::vector<std::string>& path) {
  static const Json kNull;
  const Json* at = &attrs;
  for (const auto& step : path) {
    if (!at->is_object()) return kNull;
    const auto it = at->find(step);
    if (it == at->end()) return kNull;
    at = &*it;
  }
  return *at;
}

bool is_pair(const Json& v) { return v.is_array() && v.size() == 2; }

ProjectedValue typed(const Json& v, ColumnType type) {
  ProjectedValue out;
  if (type == ColumnType::kText) {
    out.text = json_string(v);
    if (!out.text.empty()) out.kind = ProjectedValue::kText;
  } else if (type == ColumnType::kInteger) {
    if (const auto i = json_integer(v)) out = {ProjectedValue::kInteger, {}, *i, 0};
  } else if (const auto d = json_number(v)) {
    out = {ProjectedValue::kReal, {}, 0, *d};
  }
  return out;
}

}  // namespace

ProjectedValue ValueRule::read(const Json& attrs, std::string_view text) const {
  for (const AttributeSource& s : sources) {
    ProjectedValue v;
    if (s.path.empty()) {
      v = typed(Json(std::string(text)), type);
    } else {
      const Json& raw = at_path(attrs, s.path);
      switch (s.pick) {
        case AttributeSource::kWhole: v = typed(raw, type); break;
        case AttributeSource::kLow: v = typed(is_pair(raw) ? raw[0] : raw, type); break;
        case AttributeSource::kHigh: if (is_pair(raw)) v = typed(raw[1], type); break;
        case AttributeSource::kRange: if (is_pair(raw)) v = typed(Json("range"), type); break;
      }
    }
    if (v.kind != ProjectedValue::kNull) return v;
  }
  return {};
}

std::vector<ProjectedValue> Projection::values(const Json& attrs, std::string_view text) const {
  std::vector<ProjectedValue> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.rule.read(attrs, text));
  return out;
}

std::string Projection::schema_sql() const {
  std::size_t width = std::string("annotation_id").size();
  for (const auto& c : columns) width = std::max(width, c.name.size());
  const auto padded = [&](const std::string& name) { return "  " + name + std::string(width + 1 - name.size(), ' '); };
  std::string sql = "CREATE TABLE IF NOT EXISTS " + table + " (\n";
  // The annotation's id in the view `annotations` (packed in annotation_sets, so no foreign key:
  // the rows go with their document).
  sql += padded("annotation_id") + "INTEGER PRIMARY KEY,\n";
  sql += padded("doc_id") + "INTEGER NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE";
  for (const auto& c : columns) {
    const char* type = c.rule.type == ColumnType::kText ? "TEXT" : c.rule.type == ColumnType::kInteger ? "INTEGER" : "REAL";
    sql += ",\n" + padded(c.name) + type + (c.required ? " NOT NULL" : "");
  }
  sql += "\n);\n";
  const auto index = [&](const std::string& name, const std::vector<std::string>& on) {
    std::string list;
    for (const auto& c : on) list += (list.empty() ? "" : ", ") + c;
    sql += "CREATE INDEX IF NOT EXISTS " + name + " ON " + table + "(" + list + ");\n";
  };
  for (const auto& i : indexes) index(i.name, i.columns);
  // Replacing a document deletes its rows by doc_id (output_sqlite.cc, remove_stored).
  index(table + "_doc", {"doc_id"});
  return sql;
}

const Projection* Projections::find(std::string_view type) const {
  for (const auto& p : list_)
    if (p.type == type) return &p;
  return nullptr;
}

std::vector<Projection> parse_projections(const std::string& stage, const char* declaration) {
  if (declaration == nullptr || *declaration == '\0') return {};
  Json all;
  try {
    all = Json::parse(declaration);
  } catch (const std::exception& e) {
    refuse(stage, std::string("not JSON: ") + e.what());
  }
  if (!all.is_object()) refuse(stage, "expected an object keyed by annotation type");
  std::vector<Projection> out;
  for (const auto& [type, d] : all.items()) out.push_back(parse_one(stage, type, d));
  return out;
}

bool is_store_table(std::string_view name) {
  return std::any_of(std::begin(kCoreTables), std::end(kCoreTables), [&](const char* t) { return name == t; });
}

std::string cell_text(const ProjectedValue& v) {
  switch (v.kind) {
    case ProjectedValue::kText: return v.text;
    case ProjectedValue::kInteger: return std::to_string(v.integer);
    case ProjectedValue::kReal: return Json(v.real).dump();
    case ProjectedValue::kNull: break;
  }
  return {};
}

}  // namespace reportlens
