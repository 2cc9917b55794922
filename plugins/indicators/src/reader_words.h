// Small questions the reader's rules ask of the words around a figure: where a noun phrase
// ends, what of a subject is scope or verb, whether a year dates a figure. Every word they
// look for is in the lexicon (data/lexicon.yaml); nothing here knows a Chinese word.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "lexicon.h"
#include "reportlens/document.h"
#include "sentence_reader.h"

namespace reportlens::indicators {

inline constexpr std::size_t npos = std::string_view::npos;

// (inline: asked for every character of every sentence)
inline bool is_clause_mark(char32_t cp, const Lexicon& lex) { return cp == U'\n' || lex.clause_marks.has(cp); }
bool is_ratio(const std::string& unit);
bool ascii_alnum(char c);
char32_t first_cp(std::string_view s);
char32_t last_cp(std::string_view s);
// A character that can start or continue a noun phrase.
bool nominal(char32_t cp, const Lexicon& lex);
std::string_view trim_spaces(std::string_view s);
// Drops a leading "2022年" style year.
std::string_view drop_leading_year(std::string_view s, const Lexicon& lex);
// A leading duration of several years that is not part of the subject (五年, 今后三年, 两年来,
// 五年内): its byte length (0 if none), the years in *years.
std::size_t leading_duration(std::string_view s, int* years, const Lexicon& lex);
// A leading plan period before the subject (“十三五”时期…): its byte length, 0 if none.
std::size_t leading_plan_period(std::string_view s, const Lexicon& lex);
// True when the year mention quantities[i] dates the figure right after it (由2002年7703元).
bool dating_year(std::string_view text, std::span<const QuantityView> quantities, std::size_t i,
                 const Lexicon& lex);
// The length of the predicate verb `s` ends with, or 0 (also when that verb is a noun there).
std::size_t predicate_suffix(std::string_view s, const Lexicon& lex);
// 规模以上工业企业实现营业收入 -> 规模以上工业企业营业收入.
std::string without_inner_light_verb(std::string_view subject, const Lexicon& lex);
// True when `s` holds 等 ("etc.") outside a compound word.
bool has_etc(std::string_view s, const Lexicon& lex);
// Strips scope, predicate, connector and qualifier words from both ends of a subject.
std::string_view strip_subject(std::string_view s, const Lexicon& lex);
// True when `s` is only words the lexicon drops (比上年, 、, 实现).
bool only_function_words(std::string_view s, const Lexicon& lex);
// A noun stop at `at` inside a compound word: the end of that word, or 0.
std::size_t compound_end(std::string_view s, std::size_t previous, std::size_t at, const Lexicon& lex);
// The noun phrase right after a figure (270个|口袋公园|，).
std::string_view noun_after(std::string_view r, const Lexicon& lex);
// The object of the last predicate verb of `clause`, or empty.
std::string_view object_after_last_verb(std::string_view clause, const Lexicon& lex);
// True when every character of `s` can stand in a noun phrase.
bool all_nominal(std::string_view s, const Lexicon& lex);

Json negate(const Json& v);
// A negated value keeps the meaning of its bound: 下降3.1%以上 is growth <= -3.1.
std::string mirror(const std::string& q);
double magnitude(const Json& v);

}  // namespace reportlens::indicators
