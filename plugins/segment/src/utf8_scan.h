// Finding a few characters in UTF-8 text without decoding the rest.
//
// The sentence splitter and the enumeration finder decide on a handful of punctuation
// marks; everything else (nearly all ideographs) only sits between them. Decoding every
// code point cost them ~30 instructions per character; testing each byte against a table
// of the marks' first bytes costs a few. The marks must be ASCII or three-byte characters
// (U+0800..U+FFFF), which all Chinese punctuation is.
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace reportlens::segment {

class CharFilter {
 public:
  // `chars`: the characters looked for (ASCII or U+0800..U+FFFF).
  // A constexpr filter with another character does not compile (the throw).
  constexpr explicit CharFilter(std::u32string_view chars) {
    for (const char32_t c : chars) {
      if (c >= 0x80 && (c < 0x800 || c > 0xFFFF))
        throw std::invalid_argument("CharFilter: ASCII and three-byte characters only");
      first_byte_[c < 0x80 ? c : 0xE0 | (c >> 12)] = true;
    }
  }

  // Calls visit(begin, end, c) for every character of `text` whose first byte is one of the
  // wanted characters' first bytes, in text order (byte offsets; c decoded). Some calls
  // are for characters outside the set (they share a first byte): the visitor checks c.
  // Other characters are never visited. Byte offsets and characters are the ones
  // decode_code_point() walks: ASCII bytes and valid three-byte sequences only ever start
  // a character there, also next to invalid bytes.
  template <class Visit>
  void scan(std::string_view text, Visit&& visit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
      // Most bytes are none of them: skip four at a time.
      while (i + 4 <= n && !first_byte_[p[i]] && !first_byte_[p[i + 1]] &&
             !first_byte_[p[i + 2]] && !first_byte_[p[i + 3]])
        i += 4;
      if (i >= n) break;
      const unsigned char b = p[i];
      if (!first_byte_[b]) {
        ++i;
        continue;
      }
      if (b < 0x80) {
        visit(i, i + 1, static_cast<char32_t>(b));
        ++i;
      } else if (i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
        const char32_t c = (static_cast<char32_t>(b & 0x0F) << 12) |
                           (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        visit(i, i + 3, c);
        i += 3;
      } else {
        ++i;  // an invalid byte: one U+FFFD to the decoder, nothing looked for
      }
    }
  }

 private:
  std::array<bool, 256> first_byte_{};
};

}  // namespace reportlens::segment
