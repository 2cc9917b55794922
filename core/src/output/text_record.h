// A record that a store appends as text (a JSON line, a document's CSV rows): its id and the
// finished text, and how it travels from a worker process as bytes (packed_bytes.h).
#pragma once

#include <memory>
#include <string>

#include "output/output_sink.h"
#include "output/packed_bytes.h"

namespace reportlens {

struct TextRecord : RenderedRecord {
  std::string id, text;
};

inline std::string pack_text_record(const RenderedRecord& record) {
  const TextRecord& r = static_cast<const TextRecord&>(record);
  std::string bytes;
  BytePacker out(bytes);
  out.text(r.id);
  out.text(r.text);
  return bytes;
}

inline std::unique_ptr<RenderedRecord> unpack_text_record(const std::string& bytes) {
  ByteUnpacker in(bytes);
  auto r = std::make_unique<TextRecord>();
  r->id = in.text();
  r->text = in.text();
  return r;
}

}  // namespace reportlens
