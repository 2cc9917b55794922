#include "run/trace_records.h"

#include "output/result_writer.h"
#include "run/errors.h"

namespace reportlens {

std::string take_trace_records(Document& doc) {
  if (doc.annotations("trace").empty()) return {};
  std::string lines;
  for (const ShownAnnotation& a : shown_annotations(doc)) {
    if (a.annotation->type != "trace") continue;
    Json record = Json::object();
    record["id"] = doc.id();
    record["begin"] = a.begin;
    record["end"] = a.end;
    record["text"] = std::string(a.shown);
    record["attrs"] = a.annotation->attrs;
    lines += record.dump() + "\n";
  }
  doc.mutable_annotations("trace").clear();
  return lines;
}

std::vector<std::string> trace_overrides(const std::vector<std::pair<std::string, const Json*>>& schemas) {
  std::vector<std::string> overrides;
  for (const auto& [id, schema] : schemas)
    if (schema && schema->contains("properties") && (*schema)["properties"].contains("trace"))
      overrides.push_back(id + ".trace=true");
  return overrides;
}

TraceFile::TraceFile(const std::filesystem::path& path) : path_(path), out_(path, std::ios::binary) {
  if (!out_) throw HostError(ExitCode::kOutput, path.string() + ": cannot write the trace file");
}

void TraceFile::append(const std::string& lines) { out_ << lines; }

void TraceFile::finish() {
  out_.flush();
  if (!out_) throw HostError(ExitCode::kOutput, path_.string() + ": could not write the trace file completely");
}

}  // namespace reportlens
