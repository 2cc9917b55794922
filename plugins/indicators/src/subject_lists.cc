#include "subject_lists.h"

#include <algorithm>

#include "reader_words.h"
#include "reportlens/text.h"

namespace reportlens::indicators {

namespace {

// Splits `s` at every list separator (、).
std::vector<std::string_view> split_list(std::string_view s, const Lexicon& lex) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (true) {
    std::size_t length = 0;
    const std::size_t found = lex.list_separators.find_first(s.substr(start), &length);
    const std::size_t at = found == npos ? npos : start + found;
    items.push_back(s.substr(start, at == npos ? npos : at - start));
    if (at == npos) break;
    start = at + length;
  }
  return items;
}

// "城镇、农村居民人均可支配收入": short leading items are modifiers of the last item's head;
// they take its tail after a modifier as long as the item before it.
void distribute_shared_tail(std::vector<std::string>& items) {
  if (items.size() < 2) return;
  const std::string& last = items.back();
  std::size_t modifier_cps = code_point_count(items[items.size() - 2]);
  if (modifier_cps == 0 || modifier_cps > 3 || code_point_count(last) < modifier_cps + 3) return;
  for (std::size_t k = 0; k + 1 < items.size(); ++k)
    if (code_point_count(items[k]) > 3) return;
  std::size_t cut = 0;
  for (std::size_t n = 0; n < modifier_cps; ++n) next_code_point(last, cut);
  std::string tail = last.substr(cut);
  for (std::size_t k = 0; k + 1 < items.size(); ++k) items[k] += tail;
}

// "第一、二、三产业增加值" -> 第一产业增加值, 第二产业增加值, 第三产业增加值 ("一、二、三产增加值" ->
// 一产增加值…): numerals listed before a head that the last one carries share that head.
// True when the items were such numerals (and are now named).
bool name_numbered_items(std::vector<std::string>& items, const Lexicon& lex) {
  if (items.size() < 2) return false;
  // The numeral of an item (without 第) and where it ends, or an empty numeral.
  auto numeral_of = [&lex](std::string_view item, std::size_t* after) {
    const std::size_t start = lex.ordinal_prefixes.prefix_match(item);
    std::size_t i = start;
    const int value = i < item.size() ? chinese_digit_value(next_code_point(item, i)) : -1;
    *after = i;
    return value >= 1 ? item.substr(start, i - start) : std::string_view();
  };
  std::vector<std::string> numerals;
  std::size_t after = 0;
  for (const auto& item : items) {
    const std::string_view numeral = numeral_of(item, &after);
    const bool last = &item == &items.back();
    if (numeral.empty() || (last ? after >= item.size() : after != item.size())) return false;
    numerals.emplace_back(numeral);
  }
  const std::string head = items.back().substr(after);
  // (产业 after a bare numeral is written with 第: 第一产业; 一产 is the short form)
  std::string prefix;
  if (const std::size_t n = lex.ordinal_prefixes.prefix_match(items.front()); n > 0)
    prefix = items.front().substr(0, n);
  else if (lex.ordinal_heads.prefix_match(head) > 0 && !lex.ordinal_prefixes.as_written().empty())
    prefix = lex.ordinal_prefixes.as_written().front();
  for (std::size_t k = 0; k < items.size(); ++k) items[k] = prefix + numerals[k] + head;
  return true;
}

}  // namespace

bool listed_numeral(std::string_view text, std::size_t begin, std::size_t end, const Lexicon& lex) {
  auto bare = [&lex](std::string_view s) {
    s.remove_prefix(lex.ordinal_prefixes.prefix_match(s));
    if (s.empty()) return false;
    for (std::size_t i = 0; i < s.size();)
      if (chinese_digit_value(next_code_point(s, i)) < 1) return false;
    return true;
  };
  std::string_view rest = text.substr(end);
  const std::size_t separator = lex.list_separators.prefix_match(rest);
  if (!bare(text.substr(begin, end - begin)) || separator == 0) return false;
  rest.remove_prefix(separator);
  rest.remove_prefix(lex.ordinal_prefixes.prefix_match(rest));
  std::size_t i = 0;
  return !rest.empty() && chinese_digit_value(next_code_point(rest, i)) >= 1;
}

std::vector<std::string> coordinated_items(std::string_view subject, const Lexicon& lex) {
  std::vector<std::string> items;
  if (lex.list_separators.find_first(subject) == npos || has_etc(subject, lex)) return items;
  for (std::string_view item : split_list(subject, lex)) items.emplace_back(item);
  std::size_t head = lex.metric_heads.suffix_match(items.back());
  if (head == 0) return {};
  distribute_shared_tail(items);
  std::string head_word = items.back().substr(items.back().size() - head);
  // (地区生产总值、固定资产投资、社会消费品零售总额、一般公共预算收入均增长6%: items that end with
  // a head of their own are whole names; the last one's head is not shared)
  for (std::size_t k = 0; k + 1 < items.size(); ++k)
    if (!std::string_view(items[k]).ends_with(head_word) &&
        (lex.metric_heads.suffix_match(items[k]) > 0 || lex.money_heads.suffix_match(items[k]) > 0))
      head_word.clear();
  for (auto& item : items) {
    if (code_point_count(item) < 2 || lex.predicate_verbs.contains(item) ||
        code_point_count(item) > 12)
      return {};
    if (!std::string_view(item).ends_with(head_word)) item += head_word;
  }
  return items;
}

namespace {

// Where the list before 分别 ends: at the first verb or noun stop (not a joiner of the list).
std::size_t list_end(std::string_view before, const Lexicon& lex) {
  for (std::size_t i = 0, previous = 0; i < before.size();) {
    std::string_view rest = before.substr(i);
    int sign = 0;
    const bool stop = lex.noun_stops.prefix_match(rest) > 0 && lex.list_joiners.prefix_match(rest) == 0;
    const bool verb = lex.growth_verbs.prefix_match(rest, &sign) > 0;
    if (stop || verb)
      if (std::size_t e = compound_end(before, previous, i, lex); e > 0) {  // 中、高等职业教育在校生, 增加值
        previous = i;
        i = e;
        continue;
      }
    if (i > 0 && (stop || verb)) return i;
    previous = i;
    next_code_point(before, i);
  }
  return before.size();
}

}  // namespace

std::vector<std::string> respective_subjects(std::string_view before, const Lexicon& lex) {
  before = trim_spaces(before);
  // "比上年分别下降…": no subjects here (they are in the clause before).
  if (only_function_words(before, lex)) return {};
  std::string_view list = strip_subject(before.substr(0, list_end(before, lex)), lex);
  std::vector<std::string> items;
  for (std::string_view item : split_list(list, lex)) items.emplace_back(strip_subject(item, lex));
  if (items.size() == 1) {
    // "A和B" when there is no 、
    std::string only = items[0];
    for (std::string_view joiner : lex.pair_joiners.as_written()) {
      std::size_t at = only.find(joiner);
      if (at != std::string::npos && at > 0) {
        items = {only.substr(0, at), only.substr(at + joiner.size())};
        break;
      }
    }
  }
  items.erase(std::remove_if(items.begin(), items.end(), [](const auto& s) { return s.empty(); }),
              items.end());
  if (!name_numbered_items(items, lex)) distribute_shared_tail(items);
  return items;
}

std::vector<std::string> split_coordinated_prefix(const std::string& subject, std::size_t figures,
                                                  const Lexicon& lex) {
  for (const auto& [prefix, groups] : lex.coordinated_prefixes) {
    if (!subject.starts_with(prefix) || subject.size() == prefix.size() || groups.size() != figures)
      continue;
    std::vector<std::string> items;
    for (const auto& group : groups) items.push_back(group + subject.substr(prefix.size()));
    return items;
  }
  return {subject};
}

}  // namespace reportlens::indicators
