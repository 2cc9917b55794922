#include "word_breaker.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <array>
#include <cstdint>
#include <string>

#include "reportlens/stage.h"

namespace reportlens::segment {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Extends a number token over what ICU splits off: a decimal part after a lone '.', a
// trailing % or ‰.
std::size_t extend_number(std::string_view t, std::size_t end) {
  for (;;) {
    if (end + 1 < t.size() && t[end] == '.' && is_digit(t[end + 1])) {
      end += 1;
      while (end < t.size() && is_digit(t[end])) ++end;
      continue;
    }
    if (end < t.size() && t[end] == '%') {
      ++end;
      continue;
    }
    if (t.substr(end, 3) == "‰") {
      end += 3;
      continue;
    }
    return end;
  }
}

// How a character takes part in the fast path.
enum CharClass : std::uint8_t {
  kOther,   // word material for the BreakIterator: letters, digits, symbols
  kSkip,    // punctuation and spaces ICU never makes a word of between ideographs
  kHan,     // a BMP ideograph, NFKC-normal: HanDictionary segments runs of these
  kJoiner,  // may join an ideograph or needs ICU's own handling: kana, Hangul, Thai...,
            // compatibility ideographs, combining marks and format characters
};

bool is_punctuation_or_space(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_Z_MASK)) != 0 || c == '\t' || c == '\n' ||
         c == '\r' || c == '\f' || c == '\v';
}

CharClass classify(UChar32 c, const icu::UnicodeSet& han, const icu::UnicodeSet& joiners) {
  if (han.contains(c))
    return c <= 0xFFFF && u_getIntPropertyValue(c, UCHAR_NFKC_QUICK_CHECK) == UNORM_YES ? kHan
                                                                                      : kJoiner;
  if (joiners.contains(c)) return kJoiner;
  const int32_t wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
  if (wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ) return kJoiner;
  return kOther;  // kSkip is granted by asking ICU, see CharClasses
}

struct CharClasses {
  icu::UnicodeSet han, joiners;
  std::array<CharClass, 0x10000> bmp{};

  CharClasses() {
    UErrorCode status = U_ZERO_ERROR;
    han.applyPattern(icu::UnicodeString(u"[:Han:]"), status);
    // Every other script ICU's word break hands to a dictionary engine.
    joiners.applyPattern(icu::UnicodeString(u"[[:Hiragana:][:Katakana:]\\u30fc\\uff70\\uff9e"
                                            u"\\uff9f[:Hangul:][:Line_Break=Complex_Context:]]"),
                         status);
    if (U_FAILURE(status))
      throw StageError(std::string("ICU character properties unavailable: ") + u_errorName(status));
    han.freeze();
    joiners.freeze();
    for (UChar32 c = 0; c < 0x10000; ++c) bmp[static_cast<std::size_t>(c)] = classify(c, han, joiners);
    mark_skippable_punctuation();
  }

  // Punctuation and spaces that ICU's word rules never make a word of: '@', Armenian
  // marks and a few more count as letters there, so ask the iterator itself, each
  // candidate alone between two ideographs (the only place the fast path skips them).
  void mark_skippable_punctuation() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) return;  // nothing skipped: every gap goes to the iterator
    // Script-level: the probe needs an ideograph on each side of the candidate, any one does.
    constexpr UChar32 kIdeograph = 0x4E2D;  // 中
    icu::UnicodeString probe;
    for (UChar32 c = 0; c < 0x10000; ++c) {
      if (bmp[static_cast<std::size_t>(c)] != kOther || !is_punctuation_or_space(c)) continue;
      probe.append(kIdeograph);
      probe.append(c);
    }
    probe.append(kIdeograph);
    it->setText(probe);
    int32_t from = it->first();
    for (int32_t to = it->next(); to != icu::BreakIterator::DONE; from = to, to = it->next()) {
      const UChar32 c = probe.char32At(from);
      const int32_t tag = it->getRuleStatus();
      if (c != kIdeograph && to - from == 1 && tag >= UBRK_WORD_NONE && tag < UBRK_WORD_NONE_LIMIT)
        bmp[static_cast<std::size_t>(c)] = kSkip;
    }
  }

  CharClass of(char32_t c) const {
    return c < 0x10000 ? bmp[c] : classify(static_cast<UChar32>(c), han, joiners);
  }
};

const CharClasses& char_classes() {
  static const CharClasses classes;  // built once, ~65k property look-ups
  return classes;
}

}  // namespace

WordBreaker::WordBreaker(Engine engine) {
  UErrorCode status = U_ZERO_ERROR;
  prototype_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status) || !prototype_)
    throw StageError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
  if (engine == Engine::kFast) {
    dictionary_ = HanDictionary::open_icu_cjdict();
    if (dictionary_) char_classes();
  }
}

WordBreaker::~WordBreaker() = default;

std::vector<Word> WordBreaker::words(std::string_view t) const {
  std::vector<Word> out;
  words(t, out);
  return out;
}

void WordBreaker::words(std::string_view t, std::vector<Word>& out) const {
  out.clear();
  if (!dictionary_) {
    iterator_words(t, 0, t.size(), out);
    return;
  }
  const CharClasses& classes = char_classes();
  thread_local std::u16string run;
  thread_local std::vector<std::uint32_t> ends;
  std::size_t gap_begin = 0;          // text since the last run of ideographs
  bool gap_has_word_material = false;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t at = i;
    const char32_t c = decode_code_point(t, i);
    const CharClass k = classes.of(c);
    if (k == kJoiner) {  // ideographs may not stand apart here: let ICU see it all
      out.clear();
      iterator_words(t, 0, t.size(), out);
      return;
    }
    if (k != kHan) {
      gap_has_word_material = gap_has_word_material || k == kOther;
      continue;
    }
    if (gap_has_word_material) iterator_words(t, gap_begin, at, out);
    // The run of ideographs from `at`: three UTF-8 bytes each (all are in the BMP above
    // U+07FF), so word ends map back by multiplication.
    run.assign(1, static_cast<char16_t>(c));
    while (i < t.size()) {
      std::size_t j = i;
      const char32_t d = decode_code_point(t, j);
      if (classes.of(d) != kHan) break;
      run.push_back(static_cast<char16_t>(d));
      i = j;
    }
    dictionary_->split(run.data(), run.size(), ends);
    std::size_t word_begin = at;
    for (const std::uint32_t e : ends) {
      const std::size_t word_end = at + 3 * static_cast<std::size_t>(e);
      out.push_back({word_begin, word_end, false});
      word_begin = word_end;
    }
    gap_begin = i;
    gap_has_word_material = false;
  }
  if (gap_has_word_material) iterator_words(t, gap_begin, t.size(), out);
}

// ICU's word BreakIterator on t[begin, end), words appended with byte offsets into t.
void WordBreaker::iterator_words(std::string_view t, std::size_t begin, std::size_t end,
                                 std::vector<Word>& out) const {
  // ICU's iterators run on UTF-16: converting once (with a map back to UTF-8 byte offsets)
  // is faster than iterating a UTF-8 UText.
  thread_local std::u16string u16;
  thread_local std::vector<std::uint32_t> to_byte;  // UTF-16 index -> byte offset in t
  u16.clear();
  to_byte.clear();
  for (std::size_t i = begin; i < end;) {
    const std::size_t at = i;
    const char32_t cp = decode_code_point(t, i);
    if (cp > 0xFFFF) {
      u16.push_back(static_cast<char16_t>(0xD7C0 + (cp >> 10)));
      u16.push_back(static_cast<char16_t>(0xDC00 | (cp & 0x3FF)));
      to_byte.push_back(static_cast<std::uint32_t>(at));
    } else {
      u16.push_back(static_cast<char16_t>(cp));
    }
    to_byte.push_back(static_cast<std::uint32_t>(at));
  }
  to_byte.push_back(static_cast<std::uint32_t>(end));

  // One iterator per thread, cloned once (every WordBreaker's prototype is the same
  // Chinese word iterator).
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) it.reset(prototype_->clone());
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  utext_openUChars(&text, u16.data(), static_cast<int64_t>(u16.size()), &status);
  it->setText(&text, status);
  utext_close(&text);  // the iterator keeps its own shallow clone
  if (U_FAILURE(status)) throw StageError(std::string("ICU word break failed: ") + u_errorName(status));

  std::size_t consumed = begin;  // numbers extended past ICU's boundaries (bytes)
  int32_t from = it->first();
  for (int32_t to = it->next(); to != icu::BreakIterator::DONE; from = to, to = it->next()) {
    const std::size_t eb = to_byte[static_cast<std::size_t>(to)];
    if (eb <= consumed) continue;
    const std::size_t b = std::max<std::size_t>(to_byte[static_cast<std::size_t>(from)], consumed);
    std::size_t e = eb;
    const int32_t tag = it->getRuleStatus();
    if (tag >= UBRK_WORD_NONE && tag < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    const bool number = tag >= UBRK_WORD_NUMBER && tag < UBRK_WORD_NUMBER_LIMIT;
    if (number) e = extend_number(t, e);
    consumed = e;
    out.push_back({b, e, number});
  }
}

}  // namespace reportlens::segment
