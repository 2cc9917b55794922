#include "candidate_matcher.h"

#include <algorithm>

#include "reportlens/text.h"
#include "text_context.h"

namespace reportlens::numbers {

namespace {

bool is_digit_byte(std::string_view text, std::size_t i) {
  return i < text.size() && text[i] >= '0' && text[i] <= '9';
}

std::size_t digits_from(std::string_view text, std::size_t i) {
  std::size_t j = i;
  while (is_digit_byte(text, j)) ++j;
  return j - i;
}

// [零〇一二两三四五六七八九十百千万亿几] and, after 点, [零〇一二三四五六七八九].
bool is_fraction_char(char32_t c) {
  switch (c) {
    case U'零': case U'〇': case U'一': case U'二': case U'三': case U'四': case U'五':
    case U'六': case U'七': case U'八': case U'九':
      return true;
    default:
      return false;
  }
}
bool is_run_char(char32_t c) {
  switch (c) {
    case U'两': case U'十': case U'百': case U'千': case U'万': case U'亿': case U'几':
      return true;
    default:
      return is_fraction_char(c);
  }
}

// (?:[0-9]{1,3}(?:(?:,[0-9]{3})+|(?: [0-9]{3})+)|[0-9]+)(?:\.[0-9]+)? at a digit.
std::size_t arabic_piece_end(std::string_view text, std::size_t q) {
  const std::size_t d = digits_from(text, q);
  std::size_t r = q + d;
  // Grouped thousands need a group right after at most three digits; the comma form is
  // tried before the space form (both only ever start with their own separator).
  if (d <= 3 && r < text.size() && (text[r] == ',' || text[r] == ' ')) {
    const char sep = text[r];
    while (r < text.size() && text[r] == sep && is_digit_byte(text, r + 1) &&
           is_digit_byte(text, r + 2) && is_digit_byte(text, r + 3))
      r += 4;
  }
  if (r < text.size() && text[r] == '.' && is_digit_byte(text, r + 1))
    r += 1 + digits_from(text, r + 1);
  return r;
}

// [零…几]+(?:点[零…九]+)? at a numeral character.
std::size_t chinese_piece_end(std::string_view text, std::size_t q) {
  std::size_t r = q, next = q;
  while (r < text.size() && is_run_char(code_point_at(text, r, &next))) r = next;
  constexpr std::string_view kPoint = "点";  // part of kRun's script, like its numerals
  if (starts_with_at(text, r, kPoint)) {
    std::size_t f = r + kPoint.size();
    const std::size_t fraction_begin = f;
    while (f < text.size() && is_fraction_char(code_point_at(text, f, &next))) f = next;
    if (f > fraction_begin) r = f;
  }
  return r;
}

// (?:IV|V?I{1,3}|V) then the class suffix (III类) at `p`, 0 if none.
std::size_t roman_at(std::string_view text, std::size_t p, std::string_view kLei) {
  if (starts_with_at(text, p, "IV") && starts_with_at(text, p + 2, kLei)) return 2 + kLei.size();
  for (const bool with_v : {true, false}) {
    std::size_t q = p;
    if (with_v) {
      if (q >= text.size() || text[q] != 'V') continue;
      ++q;
    }
    std::size_t n = 0;
    while (q + n < text.size() && text[q + n] == 'I') ++n;
    // I{1,3} backs off from the longest: only the full count can reach 类.
    if (n >= 1 && n <= 3 && starts_with_at(text, q + n, kLei)) return q + n - p + kLei.size();
  }
  if (starts_with_at(text, p, "V") && starts_with_at(text, p + 1, kLei)) return 1 + kLei.size();
  return 0;
}

std::size_t longest_word_at(const WordsByStart& index, std::string_view text, std::size_t p) {
  std::size_t second = 0;
  const char32_t c1 = code_point_at(text, p, &second);
  const char32_t c2 = second < text.size() ? code_point_at(text, second) : 0;
  // Words of two characters or more are keyed by both (they all outrank one-character
  // words, being longer), then the one-character words by the first alone.
  for (const auto key : {WordsByStart::key(c1, c2), WordsByStart::key(c1, 0)}) {
    if (!index.may_hold(key)) continue;
    if (const auto it = index.words.find(key); it != index.words.end())
      for (const auto& w : it->second)
        if (starts_with_at(text, p, w)) return w.size();
  }
  return 0;
}

void index_words(const std::vector<std::string>& words, WordsByStart* out) {
  for (const auto& w : words) {
    if (w.empty()) continue;
    std::size_t second = 0;
    const char32_t c1 = code_point_at(w, 0, &second);
    const char32_t c2 = second < w.size() ? code_point_at(w, second) : 0;
    const auto key = WordsByStart::key(c1, c2);
    out->words[key].push_back(w);
    out->filter[WordsByStart::bit(key) >> 6] |= std::uint64_t{1} << (WordsByStart::bit(key) & 63);
  }
  for (auto& [key, list] : out->words)
    std::stable_sort(list.begin(), list.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

}  // namespace

std::size_t numeral_run_at(std::string_view text, std::size_t p) {
  std::size_t q = p;
  for (;;) {
    if (is_digit_byte(text, q)) {
      q = arabic_piece_end(text, q);
    } else if (q < text.size() && static_cast<unsigned char>(text[q]) >= 0x80 &&
               is_run_char(code_point_at(text, q))) {
      q = chinese_piece_end(text, q);
    } else {
      break;
    }
  }
  return q - p;
}

CandidateMatcher::CandidateMatcher(const NumberLexicon& lexicon, const CandidateStarts& starts)
    : starts_(starts), grammar_(lexicon.grammar()), pattern_first_(0x10000 / 64, 0) {
  enabled_ = starts.enabled();
  index_words(lexicon.stop_words(), &stop_words_);
  index_words(lexicon.fixed_surfaces(), &fixed_);
  std::string alternation;
  for (const auto& p : lexicon.stop_patterns()) {
    std::u32string chars32;
    for (std::size_t i = 0; i < p.size();) chars32 += next_code_point(p, i);
    std::vector<char32_t> firsts;
    if (!CandidateStarts::pattern_start_chars(chars32, &firsts)) enabled_ = false;
    for (char32_t c : firsts) {
      if (c >= 0x10000) enabled_ = false;
      else pattern_first_[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
    alternation += (alternation.empty() ? "" : "|") + std::string("(?:") + p + ")";
  }
  if (!alternation.empty()) {
    RE2::Options options;
    options.set_log_errors(false);
    patterns_ = std::make_unique<RE2>("(?:" + alternation + ")", options);
    if (!patterns_->ok()) enabled_ = false;
  }
}

std::size_t CandidateMatcher::stop_at(std::string_view text, std::size_t p) const {
  if (const std::size_t n = longest_word_at(stop_words_, text, p)) return n;
  if (!patterns_) return 0;
  const char32_t c = code_point_at(text, p);
  if (c >= 0x10000 || !((pattern_first_[c >> 6] >> (c & 63)) & 1)) return 0;
  re2::StringPiece m;
  if (!patterns_->Match(re2::StringPiece(text.data(), text.size()), p, text.size(),
                        RE2::ANCHOR_START, &m, 1))
    return 0;
  return m.size();
}

std::size_t CandidateMatcher::fixed_at(std::string_view text, std::size_t p) const {
  return longest_word_at(fixed_, text, p);
}

bool CandidateMatcher::match_at(std::string_view text, std::size_t p, CandidateMatch* m) const {
  std::size_t n = 0;
  CandidateKind kind = CandidateKind::kStop;
  if ((n = stop_at(text, p)) > 0) {
    kind = CandidateKind::kStop;
  } else if ((n = fixed_at(text, p)) > 0) {
    kind = CandidateKind::kFixed;
  } else if (starts_with_at(text, p, grammar_.ordinal_prefix) &&
             (n = numeral_run_at(text, p + grammar_.ordinal_prefix.size())) > 0) {
    n += grammar_.ordinal_prefix.size();
    kind = CandidateKind::kOrdinalRun;
  } else if ((n = numeral_run_at(text, p)) > 0) {
    kind = CandidateKind::kRun;
  } else if ((n = roman_at(text, p, grammar_.class_suffix)) > 0) {
    kind = CandidateKind::kRoman;
  } else {
    return false;
  }
  *m = {p, p + n, kind};
  return true;
}

std::optional<CandidateMatch> CandidateMatcher::next(std::string_view text, std::size_t pos) const {
  while (pos < text.size()) {
    std::size_t trigger = text.size();
    const std::size_t from = starts_.search_from(text, pos, &trigger);
    if (trigger >= text.size()) return std::nullopt;
    // Every candidate at or after pos starts in [from, trigger] or after the trigger.
    CandidateMatch m;
    for (std::size_t p = from, next = from; p <= trigger; p = next) {
      code_point_at(text, p, &next);
      if (match_at(text, p, &m)) return m;
    }
    code_point_at(text, trigger, &pos);
  }
  return std::nullopt;
}

}  // namespace reportlens::numbers
