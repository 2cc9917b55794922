#include "aho_corasick.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace reportlens::entities {

void AhoCorasick::grow_slots() {
  std::vector<std::uint32_t> slots(slots_.empty() ? 1024 : slots_.size() * 2, kNone);
  const std::size_t mask = slots.size() - 1;
  for (std::uint32_t id = 0; id < key_length_.size(); ++id) {
    std::size_t slot = std::hash<std::string_view>{}(key_text(id)) & mask;
    while (slots[slot] != kNone) slot = (slot + 1) & mask;
    slots[slot] = id;
  }
  slots_.swap(slots);
}

std::uint32_t AhoCorasick::add(std::string_view key) {
  if (built_) throw std::logic_error("AhoCorasick::add after build");
  if (key.empty()) throw std::invalid_argument("AhoCorasick: empty key");
  if ((key_length_.size() + 1) * 2 > slots_.size()) grow_slots();
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = std::hash<std::string_view>{}(key) & mask;
  for (; slots_[slot] != kNone; slot = (slot + 1) & mask)
    if (key_text(slots_[slot]) == key) return slots_[slot];
  const auto id = static_cast<std::uint32_t>(key_length_.size());
  key_offset_.push_back(static_cast<std::uint32_t>(pool_.size()));
  key_length_.push_back(static_cast<std::uint32_t>(key.size()));
  pool_.append(key);
  slots_[slot] = id;
  return id;
}

void AhoCorasick::build() {
  if (built_) throw std::logic_error("AhoCorasick::build called twice");
  built_ = true;

  // 1. The trie, from the keys in byte order: each key shares its longest common prefix
  //    with the previous one, so only the rest of it creates states (depth first). Edges
  //    are recorded as (parent, byte) per created state; state s was created by edge s - 1.
  std::vector<std::uint32_t> order(key_length_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key_text(a) < key_text(b); });
  std::vector<std::uint32_t> edge_parent;
  std::vector<unsigned char> created_byte;
  terminal_key_.assign(1, kNone);
  std::vector<std::uint32_t> path{0};  // states along the previous key
  std::string_view previous;
  for (const std::uint32_t id : order) {
    const std::string_view key = key_text(id);
    std::size_t common = 0;
    while (common < key.size() && common < previous.size() && key[common] == previous[common]) ++common;
    path.resize(common + 1);
    std::uint32_t state = path.back();
    for (std::size_t i = common; i < key.size(); ++i) {
      const auto child = static_cast<std::uint32_t>(terminal_key_.size());
      terminal_key_.push_back(kNone);
      edge_parent.push_back(state);
      created_byte.push_back(static_cast<unsigned char>(key[i]));
      path.push_back(child);
      state = child;
    }
    terminal_key_[state] = id;
    previous = key;
  }
  const std::size_t n = terminal_key_.size();

  // 2. Edges grouped by parent (a stable counting sort keeps them in byte order, the order
  //    the sorted keys created them in).
  edge_begin_.assign(n + 1, 0);
  for (const std::uint32_t parent : edge_parent) ++edge_begin_[parent + 1];
  for (std::size_t s = 0; s < n; ++s) edge_begin_[s + 1] += edge_begin_[s];
  edge_byte_.assign(edge_parent.size(), 0);
  edge_target_.assign(edge_parent.size(), 0);
  {
    std::vector<std::uint32_t> fill(edge_begin_.begin(), edge_begin_.end() - 1);
    for (std::size_t e = 0; e < edge_parent.size(); ++e) {
      const std::uint32_t at = fill[edge_parent[e]]++;
      edge_byte_[at] = created_byte[e];
      edge_target_[at] = static_cast<std::uint32_t>(e + 1);
    }
  }
  std::vector<std::uint32_t>().swap(slots_);
  std::string().swap(pool_);
  std::vector<std::uint32_t>().swap(key_offset_);

  // 3. Renumber states breadth first. Failure links always point to shallower states; with
  //    breadth-first numbers those sit at the front of the arrays and stay in cache, and a
  //    plain loop over the states visits parents before children.
  {
    std::vector<std::uint32_t> order;  // new -> old
    order.reserve(n);
    order.push_back(0);
    for (std::size_t head = 0; head < order.size(); ++head)
      for (std::uint32_t e = edge_begin_[order[head]]; e < edge_begin_[order[head] + 1]; ++e)
        order.push_back(edge_target_[e]);
    std::vector<std::uint32_t> begin(n + 1, 0);
    std::vector<unsigned char> bytes(edge_byte_.size());
    std::vector<std::uint32_t> targets(edge_target_.size());
    std::vector<std::uint32_t> terminal(n);
    std::uint32_t next_child = 1, at = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t old = order[i];
      begin[i] = at;
      terminal[i] = terminal_key_[old];
      for (std::uint32_t e = edge_begin_[old]; e < edge_begin_[old + 1]; ++e, ++at) {
        bytes[at] = edge_byte_[e];
        targets[at] = next_child++;  // children get consecutive breadth-first numbers
      }
    }
    begin[n] = at;
    edge_begin_.swap(begin);
    edge_byte_.swap(bytes);
    edge_target_.swap(targets);
    terminal_key_.swap(terminal);
  }

  // 4. Failure and output links, in state (breadth-first) order.
  failure_.assign(n, 0);
  output_link_.assign(n, kNone);
  std::fill(std::begin(root_next_), std::end(root_next_), 0u);
  for (std::uint32_t e = edge_begin_[0]; e < edge_begin_[1]; ++e) root_next_[edge_byte_[e]] = edge_target_[e];
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e) {
      const std::uint32_t t = edge_target_[e];
      failure_[t] = s == 0 ? 0 : step(failure_[s], edge_byte_[e]);
      const std::uint32_t f = failure_[t];
      output_link_[t] = terminal_key_[f] != kNone ? f : output_link_[f];
    }
  }
  build_dense();
}

std::size_t AhoCorasick::advance(std::string_view text, std::size_t from, std::uint32_t& cursor,
                                 std::uint32_t& state) const {
  const std::uint32_t* const dense = dense_.data();
  const std::uint16_t* const byte_class = byte_class_;
  const std::uint32_t dense_end = dense_end_;
  const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::uint32_t c = cursor;
  for (std::size_t i = from; i < size; ++i) {
    // Shallow states (where the scan spends nearly all its time) take one table load and,
    // unless the next one ends a key or has no row, nothing else.
    std::uint32_t next;
    if (c < dense_end) [[likely]] {
      next = dense[c + byte_class[bytes[i]]];
      if (next < dense_end) [[likely]] {
        c = next;
        continue;
      }
    } else {
      // A deep state: walk edges and failure links until a child or a state with a row.
      std::uint32_t s = c - dense_end + dense_states_, t = kNone;
      while (s >= dense_states_ && (t = child(s, bytes[i])) == kNone) s = failure_[s];
      next = s < dense_states_ ? dense[s * class_count_ + byte_class[bytes[i]]] : cursor_with_output_flag(t);
    }
    c = next & kStateMask;
    if (next & kHasOutput) {
      cursor = c;
      state = state_of(c);
      return i + 1;
    }
  }
  cursor = c;
  return 0;
}

void AhoCorasick::build_dense() {
  // Byte classes: class 0 is "in no key", every byte used by some key has its own (up to
  // 257 classes in all).
  bool used[256] = {};
  for (const unsigned char b : edge_byte_) used[b] = true;
  class_count_ = 1;
  unsigned char representative[257] = {};
  for (int b = 0; b < 256; ++b) {
    byte_class_[b] = 0;
    if (!used[b]) continue;
    byte_class_[b] = static_cast<std::uint16_t>(class_count_);
    representative[class_count_] = static_cast<unsigned char>(b);
    ++class_count_;
  }
  const std::size_t n = terminal_key_.size();
  if (n > kStateMask) throw std::length_error("AhoCorasick: too many states");
  dense_states_ = static_cast<std::uint32_t>(std::min<std::size_t>(n, std::max<std::size_t>(1, dense_budget_ / class_count_)));
  if (static_cast<std::size_t>(dense_states_) * class_count_ + (n - dense_states_) > kStateMask)
    throw std::length_error("AhoCorasick: too many states");
  dense_end_ = dense_states_ * class_count_;
  dense_.assign(dense_end_, 0);
  // The root's row: its edges, every other byte stays at the root (0, which ends no key).
  for (std::uint32_t c = 1; c < class_count_; ++c) {
    const std::uint32_t next = root_next_[representative[c]];
    dense_[c] = next != 0 ? cursor_with_output_flag(next) : 0;
  }
  // Any other state goes where its failure state goes, but for its own edges: its row is
  // the failure state's row with the edges written over it (one copy instead of a child
  // lookup per class). Breadth-first numbering: the failure state is shallower, so it has
  // a smaller number and its row is complete before this one needs it.
  const std::size_t row_bytes = class_count_ * sizeof(std::uint32_t);
  for (std::uint32_t s = 1; s < dense_states_; ++s) {
    std::uint32_t* row = &dense_[static_cast<std::size_t>(s) * class_count_];
    std::memcpy(row, &dense_[static_cast<std::size_t>(failure_[s]) * class_count_], row_bytes);
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e)
      row[byte_class_[edge_byte_[e]]] = cursor_with_output_flag(edge_target_[e]);
  }
}

}  // namespace reportlens::entities
