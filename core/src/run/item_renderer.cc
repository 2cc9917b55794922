#include "run/item_renderer.h"

#include <unistd.h>

#include <string_view>

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
    std::string bytes = s->pack_owned(s->render_document(head, *processed.document));
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
      // Moved, not copied (an initializer list copies): a large document's result and
      // records are held once in the worker.
      std::vector<std::string> fields;
      fields.reserve(6 + packed.size());
      fields.push_back("ok");
      fields.push_back(std::move(result));
      fields.push_back(std::move(record));
      fields.push_back(std::move(text));
      fields.push_back(std::move(corpus.spill));
      fields.push_back(std::move(places));
      for (auto& p : packed) fields.push_back(std::move(p));
      packed.clear();
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

// What a worker needs to run a document it did not fork with: the input, its sequence
// number, what reading it gave (sha256, size) and its bytes. Every member of ResolvedInput
// is here (a new member must be added, or a reused worker runs without it).
static std::vector<std::string_view> request_for(const ResolvedInput& in, const std::string& seq, const std::string& meta,
                                                 const std::string& size, const Processed& processed,
                                                 const std::string& bytes) {
  return {in.path, in.id, in.source, in.role, meta, in.encoding, in.format, in.replace_invalid ? "1" : "0",
          seq, processed.sha256, size, bytes};
}

void ItemRenderer::serve(WorkerChannel& channel, const DocumentProcessor& processor,
                         const std::vector<std::string>& request) const {
  if (request.size() != 12) _exit(1);  // not a request from this parent
  ResolvedInput in;
  in.path = request[0];
  in.id = request[1];
  in.source = request[2];
  in.role = request[3];
  const auto& meta = request[4];
  in.meta = Json::from_msgpack(meta.begin(), meta.end());
  in.encoding = request[5];
  in.format = request[6];
  in.replace_invalid = request[7] == "1";
  Processed processed;
  processed.sha256 = request[9];
  processed.bytes = std::stoull(request[10]);
  work(channel, processor, in, std::stoull(request[8]), request[11], processed);
}

bool ItemRenderer::run_isolated(const DocumentProcessor& processor, const ResolvedInput& in, std::size_t seq,
                                const std::string& bytes, Processed& processed, const WorkerLimits& limits,
                                StreamItem& item) const {
  // One worker per thread, kept while its documents succeed (batch_worker.h). A worker
  // started here serves with this renderer and processor as they are now: both are the
  // same for every document of the run.
  thread_local Worker worker;
  std::string meta;
  Json::to_msgpack(in.meta, meta);  // exact (numbers, bytes) both ways, unlike text JSON
  const std::string seq_text = std::to_string(seq), size = std::to_string(processed.bytes);
  WorkerOutcome w = worker.run(
      request_for(in, seq_text, meta, size, processed, bytes),
      [this, &processor](const std::vector<std::string>& request, WorkerChannel& channel) {
        serve(channel, processor, request);
      },
      limits);
  if (w.interrupted) {
    item.interrupted = true;  // not the document's fault: nothing recorded, the rerun runs it
    return true;
  }
  const bool packed = w.answered && !stores.empty() && w.fields.size() == 6 + stores.size();
  const bool ok = w.answered && (w.fields.size() == 6 || packed) && w.fields[0] == "ok";
  const bool failed = w.answered && w.fields.size() == 4 && w.fields[0] == "failed";
  if (!ok) worker.stop();  // the next document starts in a fresh worker
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
  item.result_json = std::move(w.fields[1]);  // the answer's fields are not needed after this
  item.spill = std::move(w.fields[4]);
  try {
    if (packed) {
      for (std::size_t k = 0; k < stores.size(); ++k) item.stored.push_back(stores[k]->unpack_owned(std::move(w.fields[6 + k])));
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
