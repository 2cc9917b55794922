// A byte-level Aho–Corasick automaton: every key is found in one left-to-right pass.
//
// Keys and text are UTF-8. Because UTF-8 is self-synchronising, a match of a valid UTF-8
// key in valid UTF-8 text always starts and ends on character boundaries, so working on
// bytes needs no decoding and no per-character tables. Identical keys share one id, which
// is what the gazetteer layer wants (one surface form, several entries).
#pragma once

#include <algorithm>
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
    if (dense_.empty()) return;  // not built
    std::uint32_t cursor = 0, state = 0;
    for (std::size_t i = 0; (i = advance(text, i, cursor, state)) != 0;) {
      for (std::uint32_t s = terminal_key_[state] != kNone ? state : output_link_[state]; s != kNone;
           s = output_link_[s]) {
        const std::uint32_t id = terminal_key_[s];
        on_match(id, i - key_length_[id], i);
      }
    }
  }

  // Number of states with a full transition row (for tests).
  std::size_t dense_state_count() const { return dense_states_; }
  // At most this many row entries (state x byte class) are tabulated; deeper states are
  // walked through their edges. Tests lower it to exercise the walk.
  void set_dense_budget(std::size_t entries) { dense_budget_ = entries; }

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // Transition values carry "the target state ends a key (itself or through its output
  // links)" in the top bit, so the scan tests for matches without another load.
  static constexpr std::uint32_t kHasOutput = 0x80000000u;
  static constexpr std::uint32_t kStateMask = 0x7FFFFFFFu;

  // Runs the automaton over text[from, ...) from `cursor` until a state that ends a key:
  // returns the end offset of that key and sets `state` to it, or returns 0 at the end of
  // the text. Out of line on purpose: a small loop of its own keeps the scan's variables in
  // registers.
  std::size_t advance(std::string_view text, std::size_t from, std::uint32_t& cursor, std::uint32_t& state) const;

  // The scan walks "cursors", not state numbers: a state with a row is the offset of its row
  // (state x classes, so the next lookup needs no multiplication), any other state follows
  // the rows (dense_end_ + its number - dense_states_).
  std::uint32_t cursor_of(std::uint32_t state) const {
    return state < dense_states_ ? state * class_count_ : dense_end_ + (state - dense_states_);
  }
  std::uint32_t state_of(std::uint32_t cursor) const {
    return cursor < dense_end_ ? cursor / class_count_ : cursor - dense_end_ + dense_states_;
  }
  std::uint32_t cursor_with_output_flag(std::uint32_t state) const {
    const std::uint32_t cursor = cursor_of(state);
    return terminal_key_[state] != kNone || output_link_[state] != kNone ? cursor | kHasOutput : cursor;
  }
  std::uint32_t step(std::uint32_t state, unsigned char byte) const {
    while (true) {
      if (state == 0) return root_next_[byte];
      const std::uint32_t next = child(state, byte);
      if (next != kNone) return next;
      state = failure_[state];
    }
  }
  std::uint32_t child(std::uint32_t state, unsigned char byte) const {
    std::uint32_t lo = edge_begin_[state], hi = edge_begin_[state + 1];
    // Most states have one or two edges: a linear scan beats binary search there.
    if (hi - lo <= 8) {
      for (; lo < hi; ++lo)
        if (edge_byte_[lo] == byte) return edge_target_[lo];
      return kNone;
    }
    const auto begin = edge_byte_.begin() + lo, end = edge_byte_.begin() + hi;
    const auto it = std::lower_bound(begin, end, byte);
    if (it == end || *it != byte) return kNone;
    return edge_target_[static_cast<std::size_t>(it - edge_byte_.begin())];
  }

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

  // The dense front: bytes that occur in no key share class 0 (they always lead back to the
  // root), every other byte has its own class; states below dense_states_ (breadth-first
  // numbers, so the shallow ones) have a full row of next cursors (with kHasOutput).
  void build_dense();
  std::uint16_t byte_class_[256] = {};  // up to 257 classes when every byte value occurs in keys
  std::uint32_t class_count_ = 1;
  std::uint32_t dense_states_ = 0;
  std::uint32_t dense_end_ = 0;  // dense_states_ * class_count_
  std::size_t dense_budget_ = std::size_t{1} << 20;  // entries: 4 MB at most
  std::vector<std::uint32_t> dense_;
};

}  // namespace reportlens::entities
