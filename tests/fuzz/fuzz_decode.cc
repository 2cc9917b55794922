// Input decoding: encoding detection and conversion of any bytes (input/decode.cc). The text
// must come out valid UTF-8 or be refused with HostError.
#include <cstdlib>

#include "input/decode.h"
#include "reportlens/text.h"
#include "run/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const bool replace : {false, true}) {
    reportlens::DecodeOptions options;
    options.replace_invalid = replace;
    try {
      const auto decoded = reportlens::decode_bytes(bytes, options, "fuzz-input");
      if (reportlens::find_invalid_utf8(decoded.text) != std::string_view::npos) std::abort();
    } catch (const reportlens::HostError&) {
    }
  }
  return 0;
}
