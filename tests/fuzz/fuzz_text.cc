// Bytes to document text for the targets, as the runner decodes an input (fuzz_support.h).
#include "fuzz_support.h"
#include "input/decode.h"
#include "run/errors.h"

namespace reportlens::fuzz {

bool to_text(const std::uint8_t* data, std::size_t size, std::string& text) {
  DecodeOptions options;
  options.replace_invalid = true;
  try {
    text = decode_bytes(std::string(reinterpret_cast<const char*>(data), size), options, "fuzz-input").text;
  } catch (const HostError&) {
    return false;
  }
  return true;
}

}  // namespace reportlens::fuzz
