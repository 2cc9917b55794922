#include "output/output_sqlite_sqlar.h"

#include <zlib.h>

#include <stdexcept>

namespace reportlens::sqlite {

std::string sqlar_compress(std::string_view text) {
  uLongf room = compressBound(static_cast<uLong>(text.size()));
  std::string out(room, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &room, reinterpret_cast<const Bytef*>(text.data()),
                static_cast<uLong>(text.size()), 1) != Z_OK ||
      room >= text.size())
    return std::string(text);  // stored as it is, as sqlar does when compression does not help
  out.resize(room);
  return out;
}

std::string sqlar_uncompress(std::string_view data, long long size) {
  if (size < 0) throw std::runtime_error("damaged document text (negative size)");
  if (static_cast<std::size_t>(size) == data.size()) return std::string(data);
  std::string out(static_cast<std::size_t>(size), '\0');
  uLongf got = static_cast<uLongf>(size);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(data.data()),
                 static_cast<uLong>(data.size())) != Z_OK ||
      got != static_cast<uLongf>(size))
    throw std::runtime_error("damaged document text (zlib data does not inflate to its size)");
  return out;
}

namespace {

std::string_view blob_of(sqlite3_value* v) {
  const void* p = sqlite3_value_blob(v);
  return {static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

// As the shell's: a BLOB, the argument itself when compression does not make it smaller.
void compress_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const std::string out = sqlar_compress(blob_of(argv[0]));
  sqlite3_result_blob64(ctx, out.data(), out.size(), SQLITE_TRANSIENT);
}

// The last two blobs inflated on a connection: the view annotation_texts cuts every span of a
// document out of its text, one row after the other, and comparing the compressed bytes with
// the last ones costs a fraction of inflating them again (lawtext, `pipeline gazetteer build`
// over a store: 3.0 s of CPU without it). Two, because the view `annotations` below it
// inflates each annotation set too: one slot would alternate between the set and the text.
struct LastInflated {
  struct Slot {
    std::string data, text;
  };
  Slot slots[2];
  int next = 0;  // the slot to overwrite
};

// As the shell's: the argument itself when its length is the size, else the inflated BLOB.
void uncompress_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  const long long size = sqlite3_value_int64(argv[1]);
  const std::string_view data = blob_of(argv[0]);
  if (size == static_cast<long long>(data.size())) return sqlite3_result_value(ctx, argv[0]);
  auto& last = *static_cast<LastInflated*>(sqlite3_user_data(ctx));
  for (const LastInflated::Slot& s : last.slots)
    if (s.text.size() == static_cast<std::size_t>(size) && s.data == data)
      return sqlite3_result_blob64(ctx, s.text.data(), s.text.size(), SQLITE_TRANSIENT);
  LastInflated::Slot& slot = last.slots[last.next];
  try {
    slot.text = sqlar_uncompress(data, size);
    slot.data.assign(data);
    last.next = 1 - last.next;
    sqlite3_result_blob64(ctx, slot.text.data(), slot.text.size(), SQLITE_TRANSIENT);
  } catch (const std::exception& e) {
    slot.data.clear();
    slot.text.clear();
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

}  // namespace

void register_sqlar_functions(sqlite3* db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  sqlite3_create_function(db, "sqlar_compress", 1, flags, nullptr, compress_function, nullptr, nullptr);
  sqlite3_create_function_v2(db, "sqlar_uncompress", 2, flags, new LastInflated, uncompress_function, nullptr, nullptr,
                             [](void* p) { delete static_cast<LastInflated*>(p); });
}

}  // namespace reportlens::sqlite
