// Document texts compressed as SQLite's SQL archive (sqlar) stores files: zlib's format
// (compress()), the uncompressed size beside it, and the bytes kept as they are when
// compressing would not make them smaller (size == length(data)). So the stock sqlite3 shell,
// which has sqlar_uncompress(data, size) built in, reads a store's texts without reportlens;
// every connection reportlens opens registers the same function (and sqlar_compress), so the
// views that cut spans out of the text work there too (docs/sqlite-schema.md).
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

namespace reportlens::sqlite {

// zlib level 1: a store's texts are written once and read rarely; level 6 compressed lawtext's
// texts 10% smaller (0.428 of the input against 0.477) for 2.7x the CPU (0.74 s against 0.27 s).
std::string sqlar_compress(std::string_view text);
// The text back from `data` and its uncompressed `size`; throws std::runtime_error when the
// data is damaged.
std::string sqlar_uncompress(std::string_view data, long long size);
// sqlar_compress(X) and sqlar_uncompress(X, SZ) as SQL functions on `db`, as the shell has them.
void register_sqlar_functions(sqlite3* db);

}  // namespace reportlens::sqlite
