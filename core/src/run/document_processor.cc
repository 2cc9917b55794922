#include "run/document_processor.h"

#include <fstream>
#include <new>
#include <stdexcept>

#include "input/document_reader.h"
#include "run/batch_worker.h"
#include "util/sha256.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// Inputs larger than this are refused rather than risking memory exhaustion.
constexpr std::uintmax_t kMaxInputBytes = 512ull * 1024 * 1024;

std::string read_file(const fs::path& path, const std::string& shown) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw HostError(ExitCode::kInput, shown + ": cannot read: " + ec.message());
  if (size > kMaxInputBytes)
    throw HostError(ExitCode::kInput, shown + ": " + std::to_string(size) +
                                          " bytes is larger than the 512 MiB limit for one input");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HostError(ExitCode::kInput, shown + ": cannot open for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size)
    throw HostError(ExitCode::kInput, shown + ": short read");
  return bytes;
}
// Stages grow their annotation lists by doubling, so up to half of a list is slack, held
// through rendering, where a document's memory peaks (docs/batch.md, "Memory per document").
// A large list with more than an eighth of slack is cut to size (one move of its elements).
void drop_slack(Document& doc) {
  constexpr std::size_t kMinBytes = 64 * 1024;  // small lists: not worth a move
  for (const auto& type : doc.annotation_types()) {
    auto& list = doc.mutable_annotations(type);
    const std::size_t slack = list.capacity() - list.size();
    if (slack * sizeof(Annotation) >= kMinBytes && slack > list.size() / 8) list.shrink_to_fit();
  }
}
}  // namespace

bool DocumentProcessor::read(const ResolvedInput& in, std::string& bytes, Processed& out) const {
  try {
    bytes = read_file(in.path, in.source);
    out.sha256 = sha256_hex(bytes);
    out.bytes = bytes.size();
    return true;
  } catch (const HostError& e) {
    out.failure = DocumentFailure{in.id, in.source, "", e.what(), e.code()};
    return false;
  }
}

void DocumentProcessor::run(const ResolvedInput& in, const std::string& bytes, Processed& out,
                            const std::function<void(const std::string&)>& on_stage) const {
  std::string stage;
  try {
    auto doc = read_document(in, bytes, out.sha256, p_.line_breaks);
    for (std::size_t k = 0; k < stages_.size(); ++k) {
      stage = p_.plan.document_stages[k].id;
      if (on_stage) on_stage(stage);
      ExitGuard::set_stage(stage);
      stages_[k]->run(*doc);
      // A stage may replace meta wholesale: the contract needs an object.
      if (!doc->meta().is_object())
        throw std::runtime_error(std::string("set the document's meta to a JSON ") + doc->meta().type_name() +
                                 ", not an object");
    }
    ExitGuard::set_stage("");
    drop_slack(*doc);
    if (p_.trace) out.trace_lines = take_trace_records(*doc);
    out.document = std::move(doc);
  } catch (const HostError& e) {
    out.failure = DocumentFailure{in.id, in.source, stage, e.what(), e.code()};
  } catch (const std::bad_alloc&) {
    out.failure = DocumentFailure{in.id, in.source, stage,
                                  in.source + ": stage '" + stage + "': out of memory", ExitCode::kStage};
  } catch (const std::exception& e) {
    std::string what = e.what();
    // A plugin passes its exception on as its what(): name the cause for bad_alloc.
    if (what == "std::bad_alloc") what = "out of memory (std::bad_alloc; see --doc-memory)";
    out.failure = DocumentFailure{in.id, in.source, stage,
                                  in.source + ": stage '" + stage + "': " + what, ExitCode::kStage};
  }
  ExitGuard::set_stage("");
}

void warm_up(const DocumentProcessor& processor) {
  static const std::string kText =
      "2023年政府工作报告\n一、2022年工作回顾\n全年地区生产总值增长5.2%，达到1234.5亿元；"
      "一般公共预算收入完成89亿元，同比增长6%。\n二、2023年主要目标\n城镇新增就业1.2万人以上。\n";
  ResolvedInput in;
  in.id = in.source = in.path = "(warm-up)";
  Processed ignored;
  processor.run(in, kText, ignored);
}

}  // namespace reportlens
