// Turning input bytes into the UTF-8 text a Document holds.
#pragma once

#include <string>

namespace reportlens {

struct DecodeOptions {
  std::string encoding;          // empty: detect; else an ICU converter name (gb18030, utf-16le...)
  bool replace_invalid = false;  // on_invalid: replace -> U+FFFD and a warning
};

struct DecodedText {
  std::string text;       // valid UTF-8, BOM removed
  std::string encoding;   // what was used: UTF-8, UTF-16LE, UTF-16BE, GB18030
  std::size_t replaced = 0;  // invalid sequences replaced (only with replace_invalid)
};

// Detects the encoding (BOM; UTF-16 without BOM when nearly every code unit reads as text
// in one byte order and it is not valid UTF-8; strict UTF-8; then GB18030, which covers
// GBK and GB2312)
// and converts. Throws HostError(kInput) naming `file` and the byte offset of the first
// undecodable sequence.
DecodedText decode_bytes(const std::string& bytes, const DecodeOptions& options,
                         const std::string& file);

}  // namespace reportlens
