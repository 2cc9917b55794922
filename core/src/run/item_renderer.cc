#include "run/item_renderer.h"

#include "output/output_series.h"
#include "output/result_writer.h"
#include "run/corpus_spill.h"
#include "run/run_records.h"

namespace reportlens {

bool ItemRenderer::render_ok(const ResolvedInput& in, std::size_t seq, Processed& processed, StreamItem& item) const {
  item.trace_lines = std::move(processed.trace_lines);
  try {
    if (json) item.result_json = result_document_text(*processed.document, kResultIndent);
    const Json head = record_head(pipeline_hash, seq, processed);
    // Stores that can write straight from the document do (no record tree).
    for (const auto& s : stores) item.stored.push_back(s->render_document(head, *processed.document));
    if (series_from_records) item.series = SeriesCollector::entries(make_record(pipeline_hash, seq, in, processed), projections);
    render_for_corpus(*processed.document, item);
    return true;
  } catch (const std::exception& e) {
    fail_unwritable(in, processed, item, e.what());
    return false;
  }
}

std::vector<std::string> ItemRenderer::pack_for_stores(std::size_t seq, const Processed& processed) const {
  std::vector<std::string> packed;
  if (series_from_records || stores.empty()) return packed;  // the series report needs the record
  const Json head = record_head(pipeline_hash, seq, processed);
  for (const auto& s : stores) {
    std::string bytes = s->pack(*s->render_document(head, *processed.document));
    if (bytes.empty()) return {};
    packed.push_back(std::move(bytes));
  }
  return packed;
}

void ItemRenderer::render_for_corpus(const Document& document, StreamItem& item) const {
  if (!spill) return;
  item.spill = spill_line(document);
  for (const StageInstance* stage : grouped) {
    try {
      item.places.push_back(stage->place(document));
    } catch (const std::exception& e) {
      throw std::runtime_error("stage '" + stage->handle().name + "' cannot place it: " + e.what());
    }
  }
}

void ItemRenderer::fail_unwritable(const ResolvedInput& in, Processed& processed, StreamItem& item,
                                   const std::string& why) {
  item.result_json.clear();
  item.stored.clear();
  item.series.clear();
  item.spill.clear();
  item.places.clear();
  processed.document.reset();
  processed.failure = DocumentFailure{in.id, in.source, "",
                                      in.source + ": the stages' output cannot be written: " + why, ExitCode::kStage};
}

void ItemRenderer::render_failed(const ResolvedInput& in, std::size_t seq, const Processed& processed,
                                 StreamItem& item) const {
  item.failure = processed.failure;
  try {
    const Json record = make_record(pipeline_hash, seq, in, processed);
    if (!stores.empty()) item.stored = render_for_stores(stores, record, nullptr);
    if (series_from_records) item.series = SeriesCollector::entries(record, projections);
  } catch (...) {
    item.error = std::current_exception();  // e.g. a file name that is not UTF-8
  }
}

// The answer's fields: "ok", result text, record, document text, spill line, places (JSON),
// then, when the stores could pack it, the record as each store appends it: rendered here,
// completely, so that the parent only copies it (record and text are then empty).
void ItemRenderer::work(WorkerChannel& channel, const DocumentProcessor& processor, const ResolvedInput& in,
                        std::size_t seq, const std::string& bytes, Processed& processed) const {
  processor.run(in, bytes, processed, [&](const std::string& stage) { channel.stage(stage); });
  if (processed.document) {
    try {
      std::string result = json ? result_document_text(*processed.document, kResultIndent) : std::string();
      std::string record, text, places;
      std::vector<std::string> packed = pack_for_stores(seq, processed);
      if (packed.empty() && (!stores.empty() || series_from_records)) {
        Json r = record_head(pipeline_hash, seq, processed);
        Json members = document_to_json(*processed.document);
        for (auto& [k, v] : members.items()) r[k] = std::move(v);
        record = r.dump();
        if (!stores.empty()) text = processed.document->text();
      }
      StreamItem corpus;
      render_for_corpus(*processed.document, corpus);
      if (spill) places = places_json(corpus.places);
      std::vector<std::string> fields{"ok", result, record, text, corpus.spill, places};
      for (auto& p : packed) fields.push_back(std::move(p));
      channel.answer(fields);
      return;
    } catch (const std::exception& e) {
      StreamItem unused;
      fail_unwritable(in, processed, unused, e.what());
    }
  }
  const DocumentFailure& f = *processed.failure;
  channel.answer({"failed", f.stage, f.message, std::to_string(static_cast<int>(f.code))});
}

bool ItemRenderer::run_isolated(const DocumentProcessor& processor, const ResolvedInput& in, std::size_t seq,
                                const std::string& bytes, Processed& processed, const WorkerLimits& limits,
                                StreamItem& item) const {
  const WorkerOutcome w = run_in_worker(
      [&](WorkerChannel& channel) { work(channel, processor, in, seq, bytes, processed); }, limits);
  const bool packed = w.answered && !stores.empty() && w.fields.size() == 6 + stores.size();
  const bool ok = w.answered && (w.fields.size() == 6 || packed) && w.fields[0] == "ok";
  const bool failed = w.answered && w.fields.size() == 4 && w.fields[0] == "failed";
  if (!ok && !failed) {
    const std::string where = w.stage.empty() ? "decoding" : "stage '" + w.stage + "'";
    processed.failure = DocumentFailure{in.id, in.source, w.stage, in.source + ": " + where + ": " + w.failure,
                                        ExitCode::kStage};
    return false;
  }
  if (failed) {
    int code = static_cast<int>(ExitCode::kStage);
    try {
      code = std::stoi(w.fields[3]);
    } catch (const std::exception&) {
    }
    processed.failure = DocumentFailure{in.id, in.source, w.fields[1], w.fields[2], static_cast<ExitCode>(code)};
    return false;
  }
  item.result_json = w.fields[1];
  item.spill = w.fields[4];
  try {
    if (packed) {
      for (std::size_t k = 0; k < stores.size(); ++k) item.stored.push_back(stores[k]->unpack(w.fields[6 + k]));
    } else if (!w.fields[2].empty()) {
      const Json record = Json::parse(w.fields[2]);
      for (const auto& s : stores) item.stored.push_back(s->render(record, &w.fields[3]));
      if (series_from_records) item.series = SeriesCollector::entries(record, projections);
    }
    if (spill) item.places = places_from_json(w.fields[5]);
  } catch (...) {
    item.error = std::current_exception();
  }
  return true;
}

}  // namespace reportlens
