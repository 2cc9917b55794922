#include "quantity_scanner.h"

#include <algorithm>
#include <cstdio>

#include "reportlens/stage.h"
#include "text_context.h"

namespace reportlens::numbers {

namespace {

using Json = nlohmann::ordered_json;

// Arabic with thousands separators or PDF spaces ("1,100.9", "1 200"), or plain digits;
// Chinese numeral characters (lexicon.yaml `numerals`) with an optional fraction after the
// point (七点五); pieces may alternate (3万4000).
std::string run_pattern(const NumeralChars& script) {
  std::string point, fraction;
  append_utf8(point, script.point);
  for (const char32_t c : script.fraction_chars) append_utf8(fraction, c);
  return "(?:(?:[0-9]{1,3}(?:(?:,[0-9]{3})+|(?: [0-9]{3})+)|[0-9]+)(?:\\.[0-9]+)?"
         "|[" + script.run_chars() + "]+(?:" + RE2::QuoteMeta(point) + "[" + fraction + "]+)?)+";
}
// Roman water quality classes (III类): the numeral, then grammar.class_suffix.
constexpr const char* kRoman = "(?:IV|V?I{1,3}|V)";
// The characters the run and kRoman start with besides the numerals' own (and the ordinal
// prefix, from the grammar).
constexpr std::u32string_view kAsciiStarts = U"0123456789IV";

// The character literals left in this file are script-level: quotation marks, brackets,
// 、 and 。 (the punctuation of Chinese text). Words are lexicon data.

// Inside a short quotation (“…”, at most 40 characters, within one sentence): slogans
// and names. Looked up only for the few numerals that need it.
bool in_short_quote(std::string_view text, std::size_t pos) {
  constexpr int kMaxChars = 40;
  std::size_t i = pos;
  int steps = 0;
  std::size_t open = std::string_view::npos;
  while (i > 0 && steps++ < kMaxChars) {
    std::size_t start = 0;
    const char32_t cp = code_point_before(text, i, &start);
    if (cp == U'“') {
      open = start;
      break;
    }
    if (cp == U'”' || cp == U'。' || cp == U'\n') return false;
    i = start;
  }
  if (open == std::string_view::npos) return false;
  i = pos;
  while (i < text.size() && steps++ < kMaxChars) {
    std::size_t next = i;
    const char32_t cp = code_point_at(text, i, &next);
    if (cp == U'”') return true;
    if (cp == U'“' || cp == U'。' || cp == U'\n') return false;
    i = next;
  }
  return false;
}

bool is_chinese_only(std::string_view run) {
  for (char c : run)
    if (static_cast<unsigned char>(c) < 0x80) return false;
  return true;
}

bool is_plain_digits(std::string_view run) {
  return !run.empty() &&
         std::all_of(run.begin(), run.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<long long> small_integer(const ParsedNumeral& n) {
  if (n.is_range) return std::nullopt;
  const auto v = n.low.to_uint64();
  if (!v || *v > 100000000ULL) return std::nullopt;
  return static_cast<long long>(*v);
}

std::string two_digits(long long v) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02lld", v);
  return buffer;
}

// "2022-05", or "--05" (ISO 8601 month without a year) when the year is unknown.
std::string month_text(int year, long long month) {
  return (year > 0 ? std::to_string(year) : std::string("-")) + "-" + two_digits(month);
}

}  // namespace

// Everything one scan() call needs; the scanner itself stays immutable (thread-safe).
struct QuantityScanner::Scan {
  const NumberLexicon& lex;
  const RE2& run_re;
  std::string_view text;
  int report_year;
  std::vector<Mention> out;

  const NumberGrammar& g() const { return lex.grammar(); }
  bool any_at(std::size_t pos, const std::vector<std::string>& words) const {
    return word_at(text, pos, words) != nullptr;
  }

  bool quoted(std::size_t pos) const { return in_short_quote(text, pos); }

  // --- small readers -------------------------------------------------------------------

  // Length of the numeral run anchored at `pos`, 0 if none.
  std::size_t run_at(std::size_t pos) const {
    if (pos >= text.size()) return 0;
    re2::StringPiece m;
    if (!run_re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(),
                      RE2::ANCHOR_START, &m, 1))
      return 0;
    return m.size();
  }

  bool at_line_start(std::size_t pos) const {
    while (pos > 0 && text[pos - 1] == ' ') --pos;
    return pos == 0 || text[pos - 1] == '\n';
  }

  void add(Mention m) { out.push_back(std::move(m)); }

  // Ordinals, dates and years: their kind doubles as their unit.
  static Mention tagged(const char* kind, std::size_t b, std::size_t e,
                        nlohmann::ordered_json value, std::string number, std::string exact) {
    Mention m;
    m.begin = b;
    m.end = e;
    m.kind = kind;
    m.value = std::move(value);
    m.unit = kind;
    m.number = std::move(number);
    m.exact = std::move(exact);
    return m;
  }

  Mention ordinal(std::size_t b, std::size_t e, long long value, std::string number) const {
    return tagged("ordinal", b, e, value, std::move(number), std::to_string(value));
  }

  Mention date(std::size_t b, std::size_t e, std::string iso, std::string number) const {
    return tagged("date", b, e, iso, std::move(number), iso);
  }

  Mention year(std::size_t b, std::size_t e, long long value, std::string number) const {
    return tagged("year", b, e, value, std::move(number), std::to_string(value));
  }

  // --- the main loop -------------------------------------------------------------------

  void fixed_expression(std::size_t b) {
    std::size_t n = 0;
    const FixedExpression* f = lex.fixed_at(text, b, &n);
    if (!f) return;
    Mention m;
    m.begin = b;
    m.end = b + n;
    m.kind = f->kind;
    m.value = f->value.to_json();
    m.unit = f->unit;
    m.surface_unit = f->surface;
    m.number = f->surface;
    m.exact = f->value.to_string();
    add(std::move(m));
  }

  // Reads the candidate at [b, e); returns where scanning continues.
  std::size_t candidate(std::size_t b, std::size_t e) {
    const std::string_view run = text.substr(b, e - b);
    const char32_t before = code_point_before(text, b);
    const char32_t after = code_point_at(text, e);
    const bool arabic = !is_chinese_only(run);

    // Designators and codes: 5G, i3, PM2.5, G20; formula parts “6+2”, “1+4+N”.
    if (arabic && (is_ascii_letter(before) || is_ascii_letter(after) || before == U'+' ||
                   after == U'+' || before == U'.' || before == U'_'))
      return e;
    // Ratios (1:61:38) and fractions (1/3) are not quantities of one thing.
    if ((after == U':' || after == U'/' || after == U'∶') &&
        is_ascii_digit(code_point_at(text, e + 1)))
      return skip_run_after(e + 1);
    if ((before == U':' || before == U'∶' || before == U'/') && b >= 2 &&
        is_ascii_digit(code_point_before(text, b - 1)))
      return e;
    // 百分之七点五: percent written in words.
    if (starts_with_at(text, b, g().percent_in_words)) return percent_in_words(b);
    if (starts_with_at(text, e, g().fraction_in_words)) return skip_run_after(e + g().fraction_in_words.size());

    auto parsed = parse_numeral(run, lex.numerals());

    if (ends_with_at(text, b, g().ordinal_prefix)) return ordinal_after_di(b, e, parsed);
    if (parsed && !parsed->digit_sequence && !parsed->is_range) {
      if (const auto v = small_integer(*parsed); v && *v > 0 && *v <= 100) {
        // （一） (1): section and list markers.
        if ((before == U'（' || before == U'(') && (after == U'）' || after == U')')) {
          add(ordinal(b, e, *v, std::string(run)));
          return e;
        }
        // 一、 at the start of a line or after punctuation; 1. at the start of a line.
        if ((after == U'、' && !is_ideograph(before) && !is_ascii_digit(before)) ||
            (after == U'.' && at_line_start(b))) {
          add(ordinal(b, e, *v, std::string(run)));
          return e;
        }
        // 一是 … 五是: enumerated points.
        if (!arabic && starts_with_at(text, e, g().enumeration_marker) && !is_ideograph(before) && *v <= 20) {
          add(ordinal(b, e, *v, std::string(run)));
          return e;
        }
      }
    }
    if (const std::size_t next = dates_and_years(b, e, parsed); next != 0) return next;
    if (const std::size_t next = ordinal_by_suffix(b, e, parsed); next != 0) return next;
    if (const std::size_t next = named_set(b, e, parsed); next != 0) return next;
    return quantity(b, e, parsed);
  }

  std::size_t skip_run_after(std::size_t pos) {
    const std::size_t n = run_at(pos);
    return pos + n;
  }

  // --- ordinals ------------------------------------------------------------------------

  std::size_t ordinal_after_di(std::size_t b, std::size_t e,
                               const std::optional<ParsedNumeral>& parsed) {
    const std::size_t di = b - g().ordinal_prefix.size();
    if (!parsed || parsed->digit_sequence) return e;
    const auto v = small_integer(*parsed);
    if (!v) return e;
    if (starts_with_at(text, e, g().quarter) && *v >= 1 && *v <= 4) {
      const std::size_t end = e + g().quarter.size();
      add(date(di, end, quarter(*v), std::string(text.substr(b, e - b))));
      return end;
    }
    std::size_t end = e;
    if (const std::string* counter = word_at(text, e, lex.ordinal_counters()))
      end += counter->size();
    add(ordinal(di, end, *v, std::string(text.substr(b, e - b))));
    return end;
  }

  std::size_t ordinal_by_suffix(std::size_t b, std::size_t e,
                                const std::optional<ParsedNumeral>& parsed) {
    if (!parsed || parsed->is_range) return 0;
    const std::string_view run = text.substr(b, e - b);
    const bool chinese = is_chinese_only(run);
    if (starts_with_at(text, b, g().cardinal_only)) return 0;  // 两 is only ever a cardinal
    for (const auto& s : lex.ordinal_suffixes()) {
      if (!starts_with_at(text, e, s.suffix)) continue;
      if (s.numerals == NumeralScript::kChinese && !chinese) continue;
      if (s.numerals == NumeralScript::kArabic && chinese) continue;
      std::size_t keep_end = e;
      for (int k = 0; k < s.keep; ++k) code_point_at(text, keep_end, &keep_end);
      if (parsed->digit_sequence) {
        // 三四环: two ring roads, one ordinal each.
        if (!chinese || parsed->sequence.size() > 3) return 0;
        std::size_t pos = b;
        for (int digit : parsed->sequence) {
          std::size_t next = pos;
          code_point_at(text, pos, &next);
          add(ordinal(pos, next, digit, std::string(text.substr(pos, next - pos))));
          pos = next;
        }
        return keep_end;
      }
      const auto v = small_integer(*parsed);
      if (!v || *v == 0 || (!parsed->trailing_scale.empty() && *v >= 10000)) return 0;
      add(ordinal(b, keep_end, *v, std::string(run)));
      return keep_end;
    }
    return 0;
  }

  // 四大物流基地 (a set of four: a count) or 党的十九大 (the 19th congress: an ordinal).
  std::size_t named_set(std::size_t b, std::size_t e, const std::optional<ParsedNumeral>& parsed) {
    if (!parsed || parsed->digit_sequence || parsed->is_range) return 0;
    const std::string_view run = text.substr(b, e - b);
    if (!is_chinese_only(run) || !starts_with_at(text, e, g().named_set)) return 0;
    const auto v = small_integer(*parsed);
    if (!v || *v < 2 || *v > 99) return 0;
    const std::size_t after_da = e + g().named_set.size();
    const bool congress = word_before(text, b, lex.congress_before()) != nullptr ||
                          word_at(text, after_da, lex.congress_after()) != nullptr ||
                          !is_ideograph(code_point_at(text, after_da));
    if (congress) {
      if (*v < 7 || *v > 30) return 0;  // party congresses run from the 7th on
      add(ordinal(b, after_da, *v, std::string(run)));
      return after_da;
    }
    if (quoted(b)) return e;  // “两大” in a slogan
    Mention m;
    m.begin = b;
    m.end = e;
    m.kind = "quantity";
    m.value = *v;
    m.unit = "item";
    m.number = std::string(run);
    m.exact = std::to_string(*v);
    add(std::move(m));
    return e;
  }

  // --- dates and years -----------------------------------------------------------------

  std::string quarter(long long n) const {
    return month_text(report_year, 3 * n - 2) + "/" + month_text(report_year, 3 * n);
  }

  // Reads 12月14日 / 5月下旬 at `pos`; returns the end and fills month/day (0 if none).
  std::size_t month_day(std::size_t pos, long long* month, long long* day) {
    *month = *day = 0;
    const std::size_t n = run_at(pos);
    if (n == 0) return pos;
    const auto m = parse_numeral(text.substr(pos, n), lex.numerals());
    if (!m || m->digit_sequence) return pos;
    const auto mv = small_integer(*m);
    if (!mv || *mv < 1 || *mv > 12 || !starts_with_at(text, pos + n, g().month)) return pos;
    *month = *mv;
    std::size_t end = pos + n + g().month.size();
    const std::size_t dn = run_at(end);
    if (dn > 0) {
      const auto d = parse_numeral(text.substr(end, dn), lex.numerals());
      const auto dv = d && !d->digit_sequence ? small_integer(*d) : std::nullopt;
      const std::string* day_word = word_at(text, end + dn, g().day);
      if (dv && *dv >= 1 && *dv <= 31 && day_word) {
        *day = *dv;
        return end + dn + day_word->size();
      }
    }
    if (const std::string* part = word_at(text, end, lex.month_parts())) end += part->size();
    return end;
  }

  std::string iso(long long y, long long month, long long day) const {
    std::string s = y > 0 ? std::to_string(y) : std::string("-");
    if (month > 0) s += "-" + two_digits(month);
    if (day > 0) s += "-" + two_digits(day);
    return s;
  }

  bool plausible_bare_year(long long v) const {
    if (report_year > 0) return v >= report_year - 60 && v <= report_year + 30;
    return v >= 1949 && v <= 2100;
  }

  // Returns the end of a year/date mention starting at b, or 0 if it is none.
  std::size_t dates_and_years(std::size_t b, std::size_t e,
                              const std::optional<ParsedNumeral>& parsed) {
    if (!parsed) return 0;
    const std::string_view run = text.substr(b, e - b);
    const bool four_arabic = is_plain_digits(run) && run.size() == 4;
    const bool four_chinese = parsed->digit_sequence && parsed->sequence.size() == 4;
    const auto v = small_integer(*parsed);
    // 2022年, 2022年12月14日, 二〇二二年.
    if ((four_arabic || four_chinese) && v && *v >= 1800 && *v <= 2200 &&
        starts_with_at(text, e, g().year) && !starts_with_at(text, e, g().decade)) {
      const std::size_t after_nian = e + g().year.size();
      long long month = 0, day = 0;
      const std::size_t end = month_day(after_nian, &month, &day);
      if (month > 0) {
        add(date(b, end, iso(*v, month, day), std::string(run)));
        return end;
      }
      add(year(b, after_nian, *v, std::string(run)));
      return after_nian;
    }
    // 2024-12-27.
    if (four_arabic && v && text.substr(e).size() >= 4 && text[e] == '-') {
      long long month = 0, day = 0;
      std::size_t p = e + 1;
      std::size_t q = p;
      while (q < text.size() && q - p < 2 && is_ascii_digit(static_cast<unsigned char>(text[q]))) ++q;
      if (q > p && q < text.size() && text[q] == '-') {
        month = std::stoll(std::string(text.substr(p, q - p)));
        std::size_t r = q + 1;
        while (r < text.size() && r - q - 1 < 2 && is_ascii_digit(static_cast<unsigned char>(text[r]))) ++r;
        if (r > q + 1) day = std::stoll(std::string(text.substr(q + 1, r - q - 1)));
        if (month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
            !is_ascii_digit(code_point_at(text, r))) {
          add(date(b, r, iso(*v, month, day), std::string(text.substr(b, r - b))));
          return r;
        }
      }
    }
    if (parsed->digit_sequence || parsed->is_range || !v) return 0;
    // 1-10月, 1至11月: the months from one to the other (local reports' 累计 figures).
    if (*v >= 1 && *v <= 12 && !starts_with_at(text, b, g().cardinal_only)) {
      if (const std::string* connector = word_at(text, e, lex.range_connectors())) {
        const std::size_t second = e + connector->size();
        const std::size_t n = run_at(second);
        const auto to = n ? parse_numeral(text.substr(second, n), lex.numerals()) : std::nullopt;
        const auto tv = to && !to->digit_sequence ? small_integer(*to) : std::nullopt;
        const std::size_t month_end = second + n + g().month.size();
        if (tv && *tv > *v && *tv <= 12 && starts_with_at(text, second + n, g().month) &&
            !starts_with_at(text, second + n, g().month_number) && !any_at(month_end, lex.month_parts())) {
          const std::size_t end = month_end;
          add(date(b, end, month_text(report_year, *v) + "/" + month_text(report_year, *tv),
                   std::string(text.substr(b, second + n - b))));
          return end;
        }
      }
    }
    // 12月14日, 5月下旬 (the year is the report's).
    if (starts_with_at(text, e, g().month) && *v >= 1 && *v <= 12 &&
        !starts_with_at(text, b, g().cardinal_only)) {
      long long month = 0, day = 0;
      const std::size_t end = month_day(b, &month, &day);
      if (month > 0) {
        // 去年10月: the year before the report's; 明年3月: the one after.
        int y = report_year;
        if (y > 0 && word_before(text, b, g().year_before)) --y;
        if (y > 0 && word_before(text, b, g().year_after)) ++y;
        add(date(b, end, iso(y, month, day), std::string(run)));
        return end;
      }
    }
    // 前三季度 (January to September), 一季度, 前10个月.
    const bool qian = ends_with_at(text, b, g().first_n);
    const std::size_t qian_begin = qian ? b - g().first_n.size() : b;
    if (starts_with_at(text, e, g().quarter) && *v >= 1 && *v <= 4 &&
        !starts_with_at(text, b, g().cardinal_only)) {
      const std::size_t end = e + g().quarter.size();
      const std::string value =
          qian ? month_text(report_year, 1) + "/" + month_text(report_year, 3 * *v) : quarter(*v);
      add(date(qian ? qian_begin : b, end, value, std::string(run)));
      return end;
    }
    if (qian && starts_with_at(text, e, g().months) && *v >= 1 && *v <= 12) {
      const std::size_t end = e + g().months.size();
      add(date(qian_begin, end, month_text(report_year, 1) + "/" + month_text(report_year, *v),
               std::string(run)));
      return end;
    }
    return 0;
  }

  // --- quantities ----------------------------------------------------------------------

  struct Reading {
    std::size_t begin = 0, number_end = 0, end = 0;  // end: after 余/多, scale and unit
    ParsedNumeral numeral;
    ExactDecimal low, high;
    const UnitInfo* unit = nullptr;
    std::string surface_unit;
    std::optional<std::string> inside_qualifier;
  };

  // Where a run should stop so that a unit beginning with a scale character keeps it:
  // 66千伏 reads 66 + 千伏, 1000万千瓦 reads 1000万 + 千瓦.
  std::size_t cut_before_unit(std::size_t b, std::size_t e) const {
    std::size_t pos = b;
    code_point_at(text, pos, &pos);  // the first character is always the numeral's
    while (pos < e) {
      std::size_t next = pos;
      const char32_t cp = code_point_at(text, pos, &next);
      if (lex.numerals().scale(cp) > 0 && lex.numerals().scale(cp) < 4) {
        std::size_t n = 0;
        if (lex.unit_at(text, pos, &n) != nullptr) return pos;
      }
      pos = next;
    }
    return e;
  }

  // `parsed_run`: the caller's reading of exactly [b, e), reused when no unit cuts it.
  std::optional<Reading> read_quantity(std::size_t b, std::size_t e,
                                       const std::optional<ParsedNumeral>* parsed_run = nullptr) const {
    Reading r;
    r.begin = b;
    const std::size_t whole_end = e;
    e = cut_before_unit(b, e);
    auto parsed = parsed_run && e == whole_end ? *parsed_run : parse_numeral(text.substr(b, e - b), lex.numerals());
    if (!parsed || parsed->digit_sequence) return std::nullopt;
    if (parsed->is_range && parsed->trailing_scale.empty() &&
        parsed->low.to_uint64().value_or(100) < 10)
      return std::nullopt;  // a bare 几 is "a few", not a number
    r.numeral = *parsed;
    r.number_end = e;
    r.low = parsed->low;
    r.high = parsed->high;
    std::string scale_text = parsed->trailing_scale;
    std::size_t pos = e;
    // 8万余个, 4万多亿元, 90余场.
    for (const auto& q : lex.approximate_inside()) {
      if (!starts_with_at(text, pos, q.word)) continue;
      std::size_t after = pos + q.word.size();
      // Scale characters after it belong to the numeral: 4万多亿 = 4万亿, and
      // 四亿零七百多万 = 四亿零七百万 (the 万 scales only the block after 亿).
      std::string extra;
      for (;;) {
        std::size_t next = after;
        const int s = lex.numerals().scale(code_point_at(text, after, &next));
        if (s == 0) break;
        std::size_t n = 0;
        if (s < 4 && lex.unit_at(text, after, &n)) break;
        extra.append(text.substr(after, next - after));
        after = next;
      }
      if (!extra.empty()) {
        const auto whole = parse_numeral(std::string(text.substr(b, e - b)) + extra, lex.numerals());
        if (!whole || whole->digit_sequence) return std::nullopt;
        r.low = whole->low;
        r.high = whole->high;
        scale_text = whole->trailing_scale;
      }
      r.inside_qualifier = q.qualifier;
      pos = after;
      break;
    }
    std::size_t n = 0;
    r.unit = lex.unit_at(text, pos, &n);
    // "5.5 %", "1 200 套" from PDFs: one space between an Arabic number and its unit.
    if (!r.unit && pos + 1 < text.size() && text[pos] == ' ' && r.numeral.has_arabic &&
        scale_text.empty()) {
      r.unit = lex.unit_at(text, pos + 1, &n);
      if (r.unit) ++pos;
    }
    // 家庭, 国家, 年代: the counter is the first character of another word.
    if (r.unit && word_at(text, pos, lex.not_units())) r.unit = nullptr;
    if (r.unit) {
      r.surface_unit = scale_text + r.unit->surface;
      pos += n;
    } else {
      r.surface_unit = scale_text;
    }
    r.end = pos;
    return r;
  }

  // A word of `words` ending at `pos` (spaces allowed between), with its qualifier.
  std::optional<std::string> qualifier_before(std::size_t pos, std::size_t* word_begin) const {
    while (pos > 0 && text[pos - 1] == ' ') --pos;
    for (const auto& q : lex.qualifiers_before()) {
      if (ends_with_at(text, pos, q.word)) {
        *word_begin = pos - q.word.size();
        return q.qualifier;
      }
    }
    *word_begin = pos;
    return std::nullopt;
  }

  std::optional<std::string> qualifier_after(std::size_t pos) const {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    for (const auto& q : lex.qualifiers_after())
      if (starts_with_at(text, pos, q.word)) return q.qualifier;
    return std::nullopt;
  }

  bool money_before(std::size_t pos) const {
    const std::size_t start = clause_start(text, pos, 90);
    const std::string_view clause = text.substr(start, pos - start);
    for (const auto& w : lex.money_context())
      if (clause.find(w) != std::string_view::npos) return true;
    return false;
  }

  bool decrease_before(std::size_t pos) const {
    // 下降11.8%, 分别下降8.2%、31.8%: the word right before, or the list it continues.
    if (word_before(text, pos, lex.decrease_words())) return true;
    // A minus sign (tables: -3.2%), but not a dash between two numbers (2021-2025).
    if (pos > 0 && text[pos - 1] == '-' && !is_ascii_digit(code_point_before(text, pos - 1)))
      return true;
    if (!out.empty() && out.back().negated_context && out.back().end < pos && pos - out.back().end <= 3) {
      const std::string_view between = text.substr(out.back().end, pos - out.back().end);
      const auto& joiners = g().list_joiners;
      return std::find(joiners.begin(), joiners.end(), between) != joiners.end();
    }
    return false;
  }

  // A range 6.5%－7%, 3至5个, 6%—6.5%: returns the second reading if `first` opens one.
  std::optional<Reading> range_tail(const Reading& first) const {
    const std::size_t pos = first.unit ? first.end : first.number_end;
    const std::string* connector = word_at(text, pos, lex.range_connectors());
    if (!connector) return std::nullopt;
    const std::size_t second_begin = pos + connector->size();
    const std::size_t n = run_at(second_begin);
    if (n == 0) return std::nullopt;
    auto second = read_quantity(second_begin, second_begin + n);
    if (!second || !second->unit) return std::nullopt;
    // 1979到1983年: two calendar years, not a duration range.
    const std::string_view first_run = text.substr(first.begin, first.number_end - first.begin);
    if (second->unit->unit == "year" && is_plain_digits(first_run) && first_run.size() == 4)
      return std::nullopt;
    if (first.unit && first.unit->unit != second->unit->unit) return std::nullopt;
    // 由40.8%到21.1%: a change from one value to another.
    const std::size_t start = clause_start(text, first.begin, 60);
    const std::string_view clause = text.substr(start, first.begin - start);
    for (const auto& blocker : lex.range_blockers())
      if (clause.find(blocker) != std::string_view::npos) return std::nullopt;
    return second;
  }

  std::size_t quantity(std::size_t b, std::size_t e, const std::optional<ParsedNumeral>& parsed) {
    // 数亿人, 数十个: "several", no figure.
    if (lex.numerals().scale(code_point_at(text, b)) > 0 && word_before(text, b, lex.vague_before()))
      return e;
    auto reading = read_quantity(b, e, &parsed);
    if (!reading) return e;
    Reading& r = *reading;
    const std::string_view run = text.substr(b, r.number_end - b);
    const bool chinese = is_chinese_only(run);
    // A scale with no digit right after Latin letters or digits is the tail of garbled
    // text (25l亿元, 1 3 9 9 亿美元), not 亿元 on its own.
    if (!r.numeral.has_digit) {
      std::size_t p = b;
      while (p > 0 && text[p - 1] == ' ') --p;
      const char32_t prev = code_point_before(text, p);
      if (is_ascii_letter(prev) || is_ascii_digit(prev)) return r.end;
    }

    std::optional<Reading> tail = range_tail(r);
    if (!r.unit && !tail) {
      // No unit: a bare year (2022中国沈阳海智…), a count with a scale (用户3.4亿, 突破百亿)
      // or nothing at all.
      const auto v = small_integer(r.numeral);
      if (is_plain_digits(run) && run.size() == 4 && v && plausible_bare_year(*v) &&
          !r.inside_qualifier) {
        add(year(b, e, *v, std::string(run)));
        return e;
      }
      const bool big_scale = std::any_of(g().large_scales.begin(), g().large_scales.end(), [&](const std::string& w) {
        return r.surface_unit.find(w) != std::string::npos;
      });
      if (!big_scale) return r.number_end;
      std::size_t qb = 0;
      const bool money = money_before(b);
      if (chinese && !money && !qualifier_before(b, &qb)) return r.number_end;
      if (chinese && quoted(b)) return r.number_end;
      static const UnitInfo kMoney{"", "CNY", ExactDecimal::from_integer(1), "quantity"};
      static const UnitInfo kCount{"", "item", ExactDecimal::from_integer(1), "quantity"};
      r.unit = money ? &kMoney : &kCount;
    }
    // Chinese numerals in a short quotation are a slogan's parts (“一件事”, “三美”).
    if (chinese && quoted(b)) return tail ? tail->end : r.end;
    // 一个重要成果, 一项长期任务, 一批重大项目, 一个中国原则: a lone 一 before these counters is
    // the indefinite article (or "a batch of"), not a count; a count of one is written 1个.
    // A measure built on the counter (一个百分点) has its own unit and stays.
    if (!tail && run == g().one && r.unit &&
        std::find(lex.article_counters().begin(), lex.article_counters().end(), r.unit->surface) !=
            lex.article_counters().end())
      return r.end;
    // Durations: 近5年来 is "over the last five years", not fewer than five.
    Mention m;
    m.begin = b;
    m.end = tail ? tail->end : r.end;
    const UnitInfo* unit_info = r.unit ? r.unit : tail->unit;
    m.kind = unit_info->kind;
    m.unit = unit_info->unit;
    m.surface_unit = tail && tail->unit ? tail->surface_unit : r.surface_unit;
    m.number = std::string(text.substr(b, (tail ? tail->number_end : r.number_end) - b));
    m.negated_context = decrease_before(b);
    if (tail) {
      ExactDecimal low = r.low, high = tail->high;
      // 3至5万人: the first number borrows the second's scale and unit.
      if (!r.unit && r.numeral.trailing_scale.empty() && !tail->numeral.trailing_scale.empty()) {
        const auto scale = parse_numeral(tail->numeral.trailing_scale, lex.numerals());
        if (scale) {
          // Multiply by the scale: shift by its number of decimal digits minus one.
          const int digits = static_cast<int>(scale->low.to_string().size()) - 1;
          low = low.shifted(digits);
        }
      }
      const UnitInfo* unit = tail->unit;
      low = scaled(low, *unit);
      high = scaled(high, *unit);
      if (!(low < high)) return m.end;  // 2021-2021 or 7-5: not a range
      m.kind = unit->kind;
      m.unit = unit->unit;
      m.value = Json::array({low.to_json(), high.to_json()});
      m.exact = low.to_string() + "/" + high.to_string();
      m.qualifier = "range";
      add(std::move(m));
      return tail->end;
    }
    if (r.numeral.is_range) {
      const ExactDecimal low = scaled(r.low, *r.unit), high = scaled(r.high, *r.unit);
      m.value = Json::array({low.to_json(), high.to_json()});
      m.exact = low.to_string() + "/" + high.to_string();
      m.qualifier = "range";
      add(std::move(m));
      return r.end;
    }
    const ExactDecimal value = scaled(r.low, *r.unit);
    m.value = value.to_json();
    m.exact = value.to_string();
    std::size_t qualifier_word = 0;
    auto before = qualifier_before(b, &qualifier_word);
    // 近五年, 近两年来: "the last five years", not fewer than five.
    if (before && *before == "<" && (m.unit == "year" || m.unit == "month") &&
        ends_with_at(text, qualifier_word + g().recent.size(), g().recent))
      before.reset();
    if (auto after = qualifier_after(r.end)) m.qualifier = after;
    else if (before) m.qualifier = before;
    else m.qualifier = r.inside_qualifier;
    if (!m.negated_context && qualifier_word != b) m.negated_context = decrease_before(qualifier_word);
    add(std::move(m));
    return r.end;
  }

  static ExactDecimal scaled(const ExactDecimal& v, const UnitInfo& unit) {
    // Factors are powers of ten in practice (兆瓦 = 1000 kW); others are rejected at load.
    const std::string f = unit.factor.to_string();
    return v.shifted(static_cast<int>(f.size()) - 1);
  }

  std::size_t percent_in_words(std::size_t b) {
    const std::size_t start = b + g().percent_in_words.size();
    const std::size_t n = run_at(start);
    if (n == 0) return start;
    const auto parsed = parse_numeral(text.substr(start, n), lex.numerals());
    if (!parsed || parsed->digit_sequence) return start + n;
    Mention m;
    m.begin = b;
    m.end = start + n;
    m.kind = "percent";
    m.unit = "percent";
    m.surface_unit = g().percent_in_words;
    m.number = std::string(text.substr(start, n));
    m.negated_context = decrease_before(b);
    std::size_t qb = 0;
    auto before = qualifier_before(b, &qb);
    // 百分之六至百分之七 / 百分之六到七: a range.
    const std::string* connector = word_at(text, m.end, lex.range_connectors());
    if (connector) {
      std::size_t p = m.end + connector->size();
      if (starts_with_at(text, p, g().percent_in_words)) p += g().percent_in_words.size();
      const std::size_t n2 = run_at(p);
      const auto second = n2 ? parse_numeral(text.substr(p, n2), lex.numerals()) : std::nullopt;
      if (second && !second->digit_sequence && parsed->low < second->low) {
        m.end = p + n2;
        m.value = Json::array({parsed->low.to_json(), second->low.to_json()});
        m.exact = parsed->low.to_string() + "/" + second->low.to_string();
        m.qualifier = "range";
        add(std::move(m));
        return p + n2;
      }
    }
    m.value = parsed->low.to_json();
    m.exact = parsed->low.to_string();
    if (auto after = qualifier_after(m.end)) m.qualifier = after;
    else m.qualifier = before;
    add(std::move(m));
    return start + n;
  }
};

namespace {

RE2::Options scanner_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

}  // namespace

QuantityScanner::QuantityScanner(const NumberLexicon& lexicon) : lexicon_(lexicon) {
  // One pass finds everything; at one position the earlier alternative wins: a stop word
  // (进一步, 十四五) before a fixed expression (一刻钟) before 第+numeral before a bare run.
  const NumberGrammar& g = lexicon.grammar();
  const std::string run = run_pattern(lexicon.numerals());
  candidate_pattern_ = "(" + lexicon.stop_pattern() + ")|(" + lexicon.fixed_pattern() + ")|(" +
                       RE2::QuoteMeta(g.ordinal_prefix) + run + ")|(" + run + ")|(" + kRoman +
                       RE2::QuoteMeta(g.class_suffix) + ")";
  run_ = std::make_unique<RE2>(run, scanner_options());
  if (!run_->ok()) throw StageError("numbers: numeral pattern does not compile: " + run_->error());
  std::vector<std::string> words = lexicon.stop_words();
  for (auto& surface : lexicon.fixed_surfaces()) words.push_back(std::move(surface));
  const NumeralChars& script = lexicon.numerals();
  std::u32string built_in_starts(kAsciiStarts);
  built_in_starts += script.digit_chars + script.scale_chars;
  built_in_starts.push_back(script.several);
  built_in_starts.push_back(code_point_at(g.ordinal_prefix, 0));
  starts_ = std::make_unique<CandidateStarts>(built_in_starts, words, lexicon.stop_patterns());
  matcher_ = std::make_unique<CandidateMatcher>(lexicon, *starts_);
  // The hand matcher stands in for the candidate regex, whose compilation (every stop word
  // in one alternation) costs about a millisecond per stage: compiled only when the regex
  // is used, i.e. now when the lexicon keeps the matcher off.
  if (!matcher_->enabled()) candidate();
}

const RE2& QuantityScanner::candidate() const {
  std::call_once(candidate_once_, [this] { candidate_ = std::make_unique<RE2>(candidate_pattern_, scanner_options()); });
  if (!candidate_->ok())
    throw StageError("numbers: candidate pattern does not compile: " + candidate_->error());
  return *candidate_;
}

namespace {

// "1，753亿元", "33，212万吨": old reports group thousands with the full-width comma, which
// normalisation keeps (it is also the clause comma). It is a separator only inside a
// number: one to three digits, then one group of exactly three digits, then a unit, a
// scale or a decimal part. So "1，2，3", "8，10个", "2012，2013年" and "100，200，300个"
// stay apart. Returns the extended end
// after the last group (the caller adds a scale that follows: 1，753亿), or `e` unchanged.
std::size_t full_width_groups_end(std::string_view text, std::size_t b, std::size_t e,
                                  std::string_view comma) {
  if (e - b > 3 || !starts_with_at(text, e, comma)) return e;
  for (std::size_t i = b; i < e; ++i)
    if (!is_ascii_digit(static_cast<unsigned char>(text[i]))) return e;
  // Not the continuation of a list or of another number (1，2，753亿; 3.1，500).
  std::size_t before_at = b;
  const char32_t before = code_point_before(text, b, &before_at);
  if (before == U'.' || before == U',' || before == U'、') return e;
  if (before == U'，' && before_at > 0 && is_ascii_digit(code_point_before(text, before_at))) return e;
  // One group only: with the scales 万 and 亿 a Chinese number never needs a second one,
  // while "100，200，300" is far more likely a list.
  const std::size_t g = e + comma.size();
  std::size_t n = 0;
  while (g + n < text.size() && is_ascii_digit(static_cast<unsigned char>(text[g + n]))) ++n;
  if (n != 3) return e;
  std::size_t r = g + 3;
  const char32_t after = code_point_at(text, r);
  const bool decimal = after == U'.' && r + 1 < text.size() && is_ascii_digit(static_cast<unsigned char>(text[r + 1]));
  if (!decimal && !is_ideograph(after) && after != U'%') return e;
  if (decimal) {
    r += 1;
    while (r < text.size() && is_ascii_digit(static_cast<unsigned char>(text[r]))) ++r;
  }
  return r;
}

}  // namespace

std::vector<Mention> QuantityScanner::scan(std::string_view text, int report_year) const {
  Scan s{lexicon_, *run_, text, report_year, {}};
  // A Mention is five strings and a Json: growing the vector by doubling moved each one
  // about twice. Reports hold one number per 150-200 bytes (lawtext: 131,909 quantities in
  // 21.6 MB), so this is about the final size: at most one reallocation on dense tables.
  s.out.reserve(text.size() / 128 + 16);
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece whole;
  std::size_t pos = 0;
  // Only the whole match is asked for: extracting groups costs RE2 a second, slower
  // engine on every match. Which alternative matched is told apart afterwards, in the
  // same priority order as the pattern.
  const bool by_hand = matcher_->enabled();
  const RE2* candidate_re = by_hand ? nullptr : &candidate();
  while (pos < text.size()) {
    std::size_t b = 0, e = 0;
    std::optional<CandidateKind> kind;  // known when matched by hand
    if (by_hand) {
      const auto m = matcher_->next(text, pos);
      if (!m) break;
      b = m->begin;
      e = m->end;
      kind = m->kind;
    } else {
      // Start the search near the next numeral: the regex need not walk the prose between.
      const std::size_t from = starts_->search_from(text, pos);
      if (from >= text.size() ||
          !candidate_re->Match(input, from, text.size(), RE2::UNANCHORED, &whole, 1))
        break;
      b = static_cast<std::size_t>(whole.data() - text.data());
      e = b + whole.size();
    }
    if (e == b) {
      pos = b + 1;
      continue;
    }
    const unsigned char first = static_cast<unsigned char>(text[b]);
    const NumberGrammar& g = lexicon_.grammar();
    const bool di = starts_with_at(text, b, g.ordinal_prefix);
    const bool roman = first == 'I' || first == 'V';
    // The stop alternative comes first, so a span is a stop word or pattern exactly when
    // the stop alternative produced it (and a fixed expression likewise).
    const auto is_stop = [&] {
      return kind ? *kind == CandidateKind::kStop : lexicon_.is_stop(text, b, e);
    };
    const auto is_fixed = [&] {
      if (kind) return *kind == CandidateKind::kFixed;
      std::size_t fixed_length = 0;
      // (a match that is no fixed expression skips the regex: only these few spans need it)
      return lexicon_.is_fixed_expression(text.substr(b, e - b)) &&
             lexicon_.fixed_at(text, b, &fixed_length) && fixed_length == e - b;
    };
    if (!roman && is_stop()) {
      pos = e;  // not a number: 进一步, 一体化, 十四五, 一户一策
      continue;
    }
    if (first >= 0x80 && is_fixed()) {
      s.fixed_expression(b);
      pos = e;
      continue;
    }
    if (roman) {
      // III类 / IV类 water quality classes.
      if (!is_ascii_letter(code_point_before(text, b))) {
        const std::string_view numeral = text.substr(b, e - b - g.class_suffix.size());
        static const std::pair<std::string_view, int> kRomans[] = {
            {"I", 1}, {"II", 2}, {"III", 3}, {"IV", 4}, {"V", 5}, {"VI", 6}, {"VII", 7}, {"VIII", 8}};
        for (const auto& [r, v] : kRomans)
          if (numeral == r) s.add(s.ordinal(b, e, v, std::string(numeral)));
      }
      pos = e;
      continue;
    }
    if (di) b += g.ordinal_prefix.size();
    else if (const std::size_t grouped = full_width_groups_end(text, b, e, g.thousands_comma); grouped != e)
      e = grouped + s.run_at(grouped);  // 1，753亿: the scale after the last group is part of the run
    const std::size_t next = s.candidate(b, e);
    pos = std::max(next, e);
  }
  // Mentions come out in order but for a few look-backs; moving them all is not cheap.
  const auto by_begin = [](const Mention& a, const Mention& b) { return a.begin < b.begin; };
  if (!std::is_sorted(s.out.begin(), s.out.end(), by_begin))
    std::stable_sort(s.out.begin(), s.out.end(), by_begin);
  return std::move(s.out);
}

std::vector<std::pair<std::size_t, std::size_t>> QuantityScanner::candidate_spans(
    std::string_view text, bool regex) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece whole;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t b = 0, e = 0;
    if (regex) {
      if (!candidate().Match(input, pos, text.size(), RE2::UNANCHORED, &whole, 1)) break;
      b = static_cast<std::size_t>(whole.data() - text.data());
      e = b + whole.size();
    } else {
      const auto m = matcher_->next(text, pos);
      if (!m) break;
      b = m->begin;
      e = m->end;
    }
    out.emplace_back(b, e);
    pos = e > b ? e : b + 1;
  }
  return out;
}

}  // namespace reportlens::numbers
