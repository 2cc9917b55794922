#include "input/decode.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>
#include <string_view>

#include "run/errors.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts with ICU. Strict mode stops at the first illegal sequence and reports its
// byte offset; replace mode substitutes U+FFFD and counts the substitutions.
DecodedText convert(const std::string& bytes, std::size_t skip, const char* encoding,
                    bool replace, const std::string& file) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(encoding, &status));
  if (U_FAILURE(status)) {
    throw HostError(ExitCode::kInput, file + ": unknown encoding '" + encoding +
                                          "'; expected an ICU converter name such as "
                                          "UTF-8, GB18030, UTF-16LE");
  }
  if (!replace) {
    ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  }
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const char* src = bytes.data() + skip;
  const char* const limit = bytes.data() + bytes.size();
  std::size_t replaced = 0;
  while (src < limit) {
    status = U_ZERO_ERROR;
    const char* before = src;
    const UChar32 cp = ucnv_getNextUChar(conv.get(), &src, limit, &status);
    if (U_FAILURE(status)) {
      throw HostError(ExitCode::kInput,
                      file + ": byte " + std::to_string(before - bytes.data()) +
                          ": invalid " + encoding +
                          " sequence; set `encoding:` for this input or `on_invalid: replace`");
    }
    if (cp == 0xFFFD) ++replaced;
    append_utf8(out, static_cast<char32_t>(cp));
  }
  return {std::move(out), encoding, replaced};
}

// How much of `s` reads as UTF-8: valid multi-byte characters, and invalid bytes.
struct Utf8Census {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
  std::size_t first_invalid = std::string::npos;
};

Utf8Census utf8_census(std::string_view s) {
  Utf8Census c;
  // The common case, checked fast (multibyte only matters when something is invalid).
  if (find_invalid_utf8(s) == std::string_view::npos) return c;
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    // find_invalid_utf8 on the rest tells whether the character at i is valid.
    const std::size_t bad = find_invalid_utf8(s.substr(i, std::min<std::size_t>(4, s.size() - i)));
    std::size_t j = i;
    next_code_point(s, j);
    if (bad != 0 && (bad == std::string_view::npos || bad >= j - i)) {
      ++c.multibyte;
      i = j;
    } else {
      if (c.first_invalid == std::string::npos) c.first_invalid = i;
      ++c.invalid;
      ++i;
    }
  }
  return c;
}

// UTF-16 without a byte order mark. Read both ways, text of the kind these reports hold
// (ASCII, CJK ideographs and punctuation, full-width forms, general punctuation) makes up
// almost every code unit in the right byte order and far fewer in the wrong one, while
// UTF-8 and GB18030 bytes paired up land in Hangul, surrogates and private use. Returns
// the ICU name of the byte order, or nullptr. Conservative: valid UTF-8 without NUL bytes
// is never taken for UTF-16, and the caller decodes strictly.
bool plausible_text_unit(char16_t u) {
  if (u >= 0x20 && u < 0x7F) return true;
  if (u == u'\n' || u == u'\r' || u == u'\t' || u == u'\f') return true;
  return (u >= 0x00A0 && u <= 0x00FF) ||  // Latin-1 signs: × · °
         (u >= 0x2000 && u <= 0x2BFF) ||  // punctuation — “” …, letterlike ℃, ①, arrows
         (u >= 0x3000 && u <= 0x33FF) ||  // CJK punctuation, kana, ㎡
         (u >= 0x4E00 && u <= 0x9FFF) ||  // ideographs (not the rare extension A, where
                                          // GB18030's four-byte sequences land)
         (u >= 0xF900 && u <= 0xFAFF) ||  // compatibility ideographs
         (u >= 0xFE30 && u <= 0xFE4F) ||  // vertical forms
         (u >= 0xFF00 && u <= 0xFFEF);    // full-width forms
}

const char* bomless_utf16(const std::string& bytes) {
  const std::size_t units = bytes.size() / 2;
  if (bytes.size() % 2 != 0 || units < 2) return nullptr;
  // Checked first: it settles the common case (UTF-8) without the scans below.
  if (bytes.find('\0') == std::string::npos &&
      find_invalid_utf8(bytes) == std::string_view::npos)
    return nullptr;
  // Plausible units each way; on a tie (ASCII digits read backwards are ideographs), the
  // way with clearly fewer U+xx00 units wins: ASCII read backwards gives them, text rarely
  // (but 一 is U+4E00, so one such unit decides nothing).
  std::size_t le = 0, be = 0, le_xx00 = 0, be_xx00 = 0;
  for (std::size_t i = 0; i < units; ++i) {
    const auto lo = static_cast<unsigned char>(bytes[2 * i]);
    const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
    le += plausible_text_unit(static_cast<char16_t>(hi << 8 | lo));
    be += plausible_text_unit(static_cast<char16_t>(lo << 8 | hi));
    le_xx00 += lo == 0 && hi != 0;
    be_xx00 += hi == 0 && lo != 0;
  }
  if (le == be) {
    if (le_xx00 + 1 >= be_xx00 && be_xx00 + 1 >= le_xx00) return nullptr;
    (le_xx00 < be_xx00 ? le : be) += 1;
  }
  const std::size_t best = std::max(le, be);
  if (best * 10 < units * 9) return nullptr;  // fewer than 90% plausible
  // Every surrogate paired, so the strict conversion that follows cannot fail.
  const bool little = le > be;
  bool expect_low = false;
  for (std::size_t i = 0; i < units; ++i) {
    const auto a = static_cast<unsigned char>(bytes[2 * i]);
    const auto b = static_cast<unsigned char>(bytes[2 * i + 1]);
    const char16_t u = little ? static_cast<char16_t>(b << 8 | a) : static_cast<char16_t>(a << 8 | b);
    const bool low = u >= 0xDC00 && u <= 0xDFFF;
    if (low != expect_low) return nullptr;
    expect_low = u >= 0xD800 && u <= 0xDBFF;
  }
  if (expect_low) return nullptr;
  return little ? "UTF-16LE" : "UTF-16BE";
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::string_view(s).substr(0, prefix.size()) == prefix;
}

}  // namespace

DecodedText decode_bytes(const std::string& bytes, const DecodeOptions& options,
                         const std::string& file) {
  if (bytes.empty()) throw HostError(ExitCode::kInput, file + ": empty input (0 bytes)");

  DecodedText result;
  if (!options.encoding.empty()) {
    const std::size_t skip = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
    result = convert(bytes, skip, options.encoding.c_str(), options.replace_invalid, file);
    if (result.encoding == "utf-8" || result.encoding == "utf8") result.encoding = "UTF-8";
  } else if (starts_with(bytes, "\xEF\xBB\xBF")) {
    result = convert(bytes, 3, "UTF-8", options.replace_invalid, file);
  } else if (starts_with(bytes, "\xFF\xFE")) {
    result = convert(bytes, 2, "UTF-16LE", options.replace_invalid, file);
  } else if (starts_with(bytes, "\xFE\xFF")) {
    result = convert(bytes, 2, "UTF-16BE", options.replace_invalid, file);
  } else if (bytes.find('\0') == std::string::npos &&
             find_invalid_utf8(bytes) == std::string_view::npos) {
    result = {bytes, "UTF-8", 0};  // the common case: valid UTF-8 (never UTF-16, see above)
  } else if (const char* utf16 = bomless_utf16(bytes)) {
    result = convert(bytes, 0, utf16, options.replace_invalid, file);
  } else {
    const Utf8Census census = utf8_census(bytes);
    if (census.invalid == 0) {
      result = {bytes, "UTF-8", 0};
    } else if (census.multibyte >= 4 * census.invalid) {
      // Mostly valid UTF-8 with a few bad bytes: a damaged UTF-8 file. Reading it as
      // GB18030 (which accepts almost any byte pair) would corrupt it silently.
      if (!options.replace_invalid)
        throw HostError(ExitCode::kInput,
                        file + ": byte " + std::to_string(census.first_invalid) +
                            ": invalid UTF-8 sequence (" + std::to_string(census.invalid) +
                            " bad byte(s) in an otherwise UTF-8 file); fix the file, set "
                            "`encoding:` for this input or `on_invalid: replace`");
      result = convert(bytes, 0, "UTF-8", true, file);
    } else {
      // Not UTF-8: GB18030 (a superset of GBK and GB2312) is what Chinese government files
      // use.
      try {
        result = convert(bytes, 0, "GB18030", false, file);
      } catch (const HostError& e) {
        if (!options.replace_invalid) {
          throw HostError(ExitCode::kInput,
                          std::string(e.what()) + " (the input is neither UTF-8, whose first " +
                              "invalid byte is at " + std::to_string(census.first_invalid) +
                              ", nor GB18030)");
        }
        result = convert(bytes, 0, "GB18030", true, file);
      }
    }
  }
  if (result.text.find('\0') != std::string::npos) {
    throw HostError(ExitCode::kInput, file + ": byte " +
                                          std::to_string(result.text.find('\0')) +
                                          ": NUL character; this looks like a binary file");
  }
  return result;
}

}  // namespace reportlens
