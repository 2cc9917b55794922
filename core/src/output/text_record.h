// A record that a store appends as text (a JSON line, a document's CSV rows): its id and the
// finished text, and how it travels from a worker process as bytes (packed_bytes.h).
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
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

// A record at least this large is written to its file as it is, not copied into the block
// of records written together.
constexpr std::size_t kWrittenAsIs = std::size_t{1} << 20;

// Bytes pack_text_record puts before the text: the id's length and the id, the text's length.
inline std::size_t packed_text_head_size(const std::string& id) { return 2 * sizeof(long long) + id.size(); }

// The same bytes from a record no longer needed: its text becomes the packed bytes, the head
// inserted in place (the renderers leave room for it), so a large record is never held twice
// in a worker.
inline std::string pack_text_record(std::unique_ptr<RenderedRecord> record) {
  TextRecord& r = static_cast<TextRecord&>(*record);
  std::string head;
  BytePacker out(head);
  out.text(r.id);
  out.integer(static_cast<long long>(r.text.size()));
  std::string bytes = std::move(r.text);
  bytes.insert(0, head);
  return bytes;
}

// The record again from bytes no longer needed (the parent's copy of a worker's answer): the
// text is cut out of them in place.
inline std::unique_ptr<RenderedRecord> unpack_text_record(std::string&& bytes) {
  auto r = std::make_unique<TextRecord>();
  std::size_t head = 0;
  {
    ByteUnpacker in(bytes);
    r->id = in.text();
    const long long n = in.integer();
    head = packed_text_head_size(r->id);
    if (n < 0 || static_cast<std::size_t>(n) != bytes.size() - head)
      throw std::runtime_error("damaged rendered record (text length)");
  }
  bytes.erase(0, head);
  r->text = std::move(bytes);
  return r;
}

inline std::unique_ptr<RenderedRecord> unpack_text_record(const std::string& bytes) {
  ByteUnpacker in(bytes);
  auto r = std::make_unique<TextRecord>();
  r->id = in.text();
  r->text = in.text();
  return r;
}

}  // namespace reportlens
