// A byte-level Aho–Corasick automaton: every key is found in one left-to-right pass.
//
// Keys and text are UTF-8. Because UTF-8 is self-synchronising, a match of a valid UTF-8
// key in valid UTF-8 text always starts and ends on character boundaries, so working on
// bytes needs no decoding and no per-character tables. Identical keys share one id, which
// is what the gazetteer layer wants (one surface form, several entries).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reportlens::entities {

class AhoCorasick {
 public:
  // Adds `key` (non-empty) before build(); returns its id (the existing id if already added).
  std::uint32_t add(std::string_view key);
  // Computes failure and output links. Must be called once, after the last add().
  void build();

  std::size_t key_count() const { return key_length_.size(); }
  std::size_t state_count() const { return edge_begin_.empty() ? 0 : edge_begin_.size() - 1; }
  std::size_t key_length(std::uint32_t id) const { return key_length_[id]; }

  // Calls on_match(key_id, begin, end) for every occurrence of every key (byte offsets into
  // `text`), ordered by end offset, longer keys first at the same end.
  template <class OnMatch>
  void for_each_match(std::string_view text, OnMatch&& on_match) const {
    std::uint32_t state = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      state = step(state, static_cast<unsigned char>(text[i]));
      for (std::uint32_t s = terminal_key_[state] != kNone ? state : output_link_[state];
           s != kNone; s = output_link_[s]) {
        const std::uint32_t id = terminal_key_[s];
        on_match(id, i + 1 - key_length_[id], i + 1);
      }
    }
  }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::uint32_t step(std::uint32_t state, unsigned char byte) const {
    while (true) {
      if (state == 0) return root_next_[byte];
      const std::uint32_t next = child(state, byte);
      if (next != kNone) return next;
      state = failure_[state];
    }
  }
  std::uint32_t child(std::uint32_t state, unsigned char byte) const;

  // Construction: keys are collected in one contiguous pool (an open-addressing table of
  // ids gives each distinct key its id at once), and build() makes the trie from the keys
  // in sorted order, which creates states depth-first along shared prefixes with no
  // per-byte lookups at all.
  std::string_view key_text(std::uint32_t id) const {
    return std::string_view(pool_).substr(key_offset_[id], key_length_[id]);
  }
  void grow_slots();
  std::string pool_;
  std::vector<std::uint32_t> key_offset_;
  std::vector<std::uint32_t> slots_;  // key ids by hash; kNone = empty
  bool built_ = false;

  // Matching form: edges of state s are edge_byte_/edge_target_[edge_begin_[s], edge_begin_[s+1]),
  // sorted by byte; the root has a dense 256-entry table.
  std::vector<std::uint32_t> edge_begin_;
  std::vector<unsigned char> edge_byte_;
  std::vector<std::uint32_t> edge_target_;
  std::uint32_t root_next_[256] = {};
  std::vector<std::uint32_t> failure_;
  std::vector<std::uint32_t> output_link_;   // nearest proper suffix state that ends a key
  std::vector<std::uint32_t> terminal_key_;  // key ending exactly at this state, or kNone
  std::vector<std::uint32_t> key_length_;
};

}  // namespace reportlens::entities
