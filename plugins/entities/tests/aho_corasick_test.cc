#include "aho_corasick.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <tuple>

using reportlens::entities::AhoCorasick;

namespace {

std::set<std::tuple<std::string, std::size_t, std::size_t>> all_matches(const AhoCorasick& ac,
                                                                       const std::vector<std::string>& keys,
                                                                       std::string_view text) {
  std::set<std::tuple<std::string, std::size_t, std::size_t>> out;
  ac.for_each_match(text, [&](std::uint32_t id, std::size_t b, std::size_t e) { out.emplace(keys[id], b, e); });
  return out;
}

}  // namespace

TEST(AhoCorasick, FindsEveryOverlappingAndNestedKey) {
  AhoCorasick ac;
  const std::vector<std::string> keys = {"宝马", "华晨宝马", "华晨宝马里达工厂", "里达"};
  for (const auto& k : keys) ac.add(k);
  ac.build();
  const std::string text = "华晨宝马里达工厂竣工";
  const auto got = all_matches(ac, keys, text);
  EXPECT_EQ(got.size(), 4u);
  EXPECT_TRUE(got.count({"华晨宝马", 0, 12}));
  EXPECT_TRUE(got.count({"宝马", 6, 12}));
  EXPECT_TRUE(got.count({"里达", 12, 18}));
  EXPECT_TRUE(got.count({"华晨宝马里达工厂", 0, 24}));
}

TEST(AhoCorasick, IdenticalKeysShareOneId) {
  AhoCorasick ac;
  const auto a = ac.add("中德园");
  const auto b = ac.add("中德");
  EXPECT_EQ(ac.add("中德园"), a);
  EXPECT_NE(a, b);
  ac.build();
  EXPECT_EQ(ac.key_count(), 2u);
}

TEST(AhoCorasick, MatchesAgreeWithNaiveSearchOnFailureHeavyInput) {
  // Keys sharing prefixes and suffixes exercise failure and output links.
  const std::vector<std::string> keys = {"aab", "ab", "b", "abab", "bab", "aaaa"};
  AhoCorasick ac;
  for (const auto& k : keys) ac.add(k);
  ac.build();
  const std::string text = "aaaababbabaabab";
  std::set<std::tuple<std::string, std::size_t, std::size_t>> naive;
  for (const auto& k : keys)
    for (std::size_t p = text.find(k); p != std::string::npos; p = text.find(k, p + 1)) naive.emplace(k, p, p + k.size());
  EXPECT_EQ(all_matches(ac, keys, text), naive);
}

TEST(AhoCorasick, LongerKeysComeFirstAtTheSameEnd) {
  AhoCorasick ac;
  const std::vector<std::string> keys = {"创意园", "文化创意园"};
  for (const auto& k : keys) ac.add(k);
  ac.build();
  std::vector<std::string> order;
  ac.for_each_match("1905文化创意园", [&](std::uint32_t id, std::size_t, std::size_t) { order.push_back(keys[id]); });
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], "文化创意园");
}

TEST(AhoCorasick, RejectsEmptyKeysAndLateAdds) {
  AhoCorasick ac;
  EXPECT_THROW(ac.add(""), std::invalid_argument);
  ac.add("x");
  ac.build();
  EXPECT_THROW(ac.add("y"), std::logic_error);
}

TEST(AhoCorasick, RandomCjkKeysAgreeWithNaiveSearch) {
  // Keys from a small alphabet share many prefixes and suffixes; compare every match with
  // a naive search.
  const std::vector<std::string> alphabet = {"园", "区", "中", "德", "产", "业", "a", "公"};
  std::mt19937 rng(7);
  std::vector<std::string> keys;
  AhoCorasick ac;
  for (int i = 0; i < 300; ++i) {
    std::string k;
    const int len = 1 + static_cast<int>(rng() % 4);
    for (int j = 0; j < len; ++j) k += alphabet[rng() % alphabet.size()];
    if (ac.add(k) == keys.size()) keys.push_back(k);
  }
  ac.build();
  std::string text;
  for (int j = 0; j < 400; ++j) text += alphabet[rng() % alphabet.size()];
  std::set<std::tuple<std::string, std::size_t, std::size_t>> naive;
  for (const auto& k : keys)
    for (std::size_t p = text.find(k); p != std::string::npos; p = text.find(k, p + 1)) naive.emplace(k, p, p + k.size());
  EXPECT_EQ(all_matches(ac, keys, text), naive);
  EXPECT_GT(naive.size(), 400u);
}

TEST(AhoCorasick, TableAndEdgeWalkAgreeAtEveryDenseBudget) {
  // The scan uses full transition rows for the shallow states and walks edges and failure
  // links below them; every split between the two must find the same matches, including
  // the split that leaves only the root in the table.
  const std::vector<std::string> alphabet = {"园", "区", "中", "德", "产", "业", "a", "公", "b"};
  std::mt19937 rng(11);
  std::vector<std::string> keys;
  {
    AhoCorasick probe;
    for (int i = 0; i < 200; ++i) {
      std::string k;
      const int len = 1 + static_cast<int>(rng() % 5);
      for (int j = 0; j < len; ++j) k += alphabet[rng() % (alphabet.size() - 1)];  // "b" is in no key
      if (probe.add(k) == keys.size()) keys.push_back(k);
    }
  }
  std::string text;
  for (int j = 0; j < 600; ++j) text += alphabet[rng() % alphabet.size()];
  std::set<std::tuple<std::string, std::size_t, std::size_t>> naive;
  for (const auto& k : keys)
    for (std::size_t p = text.find(k); p != std::string::npos; p = text.find(k, p + 1)) naive.emplace(k, p, p + k.size());
  ASSERT_GT(naive.size(), 500u);
  for (const std::size_t budget : {std::size_t{1}, std::size_t{40}, std::size_t{500}, std::size_t{1} << 20}) {
    AhoCorasick ac;
    ac.set_dense_budget(budget);
    for (const auto& k : keys) ac.add(k);
    ac.build();
    if (budget == 1) EXPECT_EQ(ac.dense_state_count(), 1u);
    if (budget == (std::size_t{1} << 20)) EXPECT_EQ(ac.dense_state_count(), ac.state_count());
    EXPECT_EQ(all_matches(ac, keys, text), naive) << "budget " << budget;
  }
}

TEST(AhoCorasick, UnbuiltAutomatonMatchesNothing) {
  AhoCorasick ac;
  ac.add("公园");
  int matches = 0;
  ac.for_each_match("劳动公园", [&](std::uint32_t, std::size_t, std::size_t) { ++matches; });
  EXPECT_EQ(matches, 0);
}

TEST(AhoCorasick, KeysUsingEveryByteValue) {
  // 256 one-byte keys plus longer ones: 257 byte classes (one more than fits in a byte).
  std::vector<std::string> keys;
  AhoCorasick ac;
  for (int b = 0; b < 256; ++b) keys.emplace_back(1, static_cast<char>(b));
  keys.push_back(std::string("\xff\x01", 2));
  keys.push_back(std::string("\x80\x80\x80", 3));
  for (const auto& k : keys) ac.add(k);
  ac.build();
  std::string text;
  for (int i = 0; i < 600; ++i) text += static_cast<char>((i * 37) % 256);
  text += std::string("\xff\x01\x80\x80\x80", 5);
  std::set<std::tuple<std::string, std::size_t, std::size_t>> naive;
  for (const auto& k : keys)
    for (std::size_t p = text.find(k); p != std::string::npos; p = text.find(k, p + 1)) naive.emplace(k, p, p + k.size());
  EXPECT_EQ(all_matches(ac, keys, text), naive);
}
