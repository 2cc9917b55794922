#include "aho_corasick.h"

#include <algorithm>
#include <stdexcept>

namespace reportlens::entities {

std::uint32_t AhoCorasick::add(std::string_view key) {
  if (built_) throw std::logic_error("AhoCorasick::add after build");
  if (key.empty()) throw std::invalid_argument("AhoCorasick: empty key");
  const auto [it, inserted] = ids_.try_emplace(std::string(key), static_cast<std::uint32_t>(keys_.size()));
  if (inserted) {
    keys_.push_back(&it->first);
    key_length_.push_back(static_cast<std::uint32_t>(key.size()));
  }
  return it->second;
}

std::uint32_t AhoCorasick::child(std::uint32_t state, unsigned char byte) const {
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

void AhoCorasick::build() {
  if (built_) throw std::logic_error("AhoCorasick::build called twice");
  built_ = true;

  // 1. The trie, from the keys in byte order: each key shares its longest common prefix
  //    with the previous one, so only the rest of it creates states (depth first). Edges
  //    are recorded as (parent, byte) per created state; state s was created by edge s - 1.
  std::vector<std::uint32_t> order(keys_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return *keys_[a] < *keys_[b]; });
  std::vector<std::uint32_t> edge_parent;
  std::vector<unsigned char> created_byte;
  terminal_key_.assign(1, kNone);
  std::vector<std::uint32_t> path{0};  // states along the previous key
  const std::string* previous = nullptr;
  for (const std::uint32_t id : order) {
    const std::string& key = *keys_[id];
    std::size_t common = 0;
    if (previous != nullptr)
      while (common < key.size() && common < previous->size() && key[common] == (*previous)[common]) ++common;
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
    previous = &key;
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
  ids_.clear();
  keys_.clear();

  // Failure and output links, breadth first (a state's failure target is shallower).
  failure_.assign(n, 0);
  output_link_.assign(n, kNone);
  std::fill(std::begin(root_next_), std::end(root_next_), 0u);
  for (std::uint32_t e = edge_begin_[0]; e < edge_begin_[1]; ++e) root_next_[edge_byte_[e]] = edge_target_[e];
  std::vector<std::uint32_t> queue;
  queue.reserve(n);
  queue.push_back(0);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t s = queue[head];
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e) {
      const std::uint32_t t = edge_target_[e];
      failure_[t] = s == 0 ? 0 : step(failure_[s], edge_byte_[e]);
      const std::uint32_t f = failure_[t];
      output_link_[t] = terminal_key_[f] != kNone ? f : output_link_[f];
      queue.push_back(t);
    }
  }
}

}  // namespace reportlens::entities
