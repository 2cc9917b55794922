#include "output/output_sink.h"

#include <algorithm>

#include "run/errors.h"
#include "output/output_csv.h"
#include "output/output_jsonl.h"
#include "output/output_sqlite.h"
#include "output/result_writer.h"

namespace reportlens {
namespace fs = std::filesystem;

std::string format_for_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  if (ext == ".json") return "json";
  if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
  if (ext == ".sqlite" || ext == ".sqlite3" || ext == ".db") return "sqlite";
  if (ext == ".csv") return "csv";
  return "";
}

std::string unsupported_output_extension(const fs::path& path) {
  if (!path.has_extension() || !format_for_extension(path).empty()) return {};
  return "output '" + path.string() + "': unknown extension '" + path.extension().string() +
         "'; supported: .json, .jsonl (.ndjson), .sqlite (.sqlite3, .db), .csv (or no extension for .json)";
}

fs::path path_for_format(const fs::path& base, const std::string& format) {
  fs::path p = base;
  if (format == "series") {
    if (!format_for_extension(p).empty()) p.replace_extension();
    return fs::path(p.string() + ".series");
  }
  // Keep a path whose extension already names this format (.db, .ndjson...).
  if (format_for_extension(p) == format) return p;
  p.replace_extension("." + format);
  return p;
}

std::unique_ptr<RenderedRecord> OutputSink::render_document(const Json& head, const Document& document) const {
  Json record = head;
  Json members = document_to_json(document);
  for (auto& [k, v] : members.items()) record[k] = std::move(v);
  return render(record, &document.text());
}

std::unique_ptr<RenderedRecord> OutputSink::unpack(const std::string&) const {
  throw std::logic_error("this store packs no rendered records");
}

void OutputSink::write(const std::vector<const Json*>& records) {
  std::vector<std::unique_ptr<RenderedRecord>> rendered;
  rendered.reserve(records.size());
  for (const Json* r : records) rendered.push_back(render(*r));
  std::vector<const RenderedRecord*> view;
  view.reserve(rendered.size());
  for (const auto& r : rendered) view.push_back(r.get());
  append(view);
}

std::unique_ptr<OutputSink> make_sink(const std::string& format, const fs::path& path,
                                      const SinkOptions& options) {
  if (format == "jsonl") return make_jsonl_sink(path, options);
  if (format == "sqlite") return make_sqlite_sink(path, options);
  if (format == "csv") return make_csv_sink(path, options);
  return nullptr;
}

std::unique_ptr<RecordReader> open_reader(const fs::path& path) {
  const std::string format = format_for_extension(path);
  if (format == "jsonl") return make_jsonl_reader(path);
  if (format == "sqlite") return make_sqlite_reader(path);
  throw HostError(ExitCode::kUsage, path.string() +
                                        ": cannot read results from this file; expected a .sqlite "
                                        "(or .db) or .jsonl store");
}

}  // namespace reportlens
