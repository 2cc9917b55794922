#include "aho_corasick.h"

#include <algorithm>
#include <stdexcept>

namespace reportlens::entities {

std::uint32_t AhoCorasick::add(std::string_view key) {
  if (built_) throw std::logic_error("AhoCorasick::add after build");
  if (key.empty()) throw std::invalid_argument("AhoCorasick: empty key");
  std::uint32_t state = 0;
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    std::uint32_t child = nodes_[state].first_child;
    while (child != kNone && nodes_[child].byte != byte) child = nodes_[child].next_sibling;
    if (child == kNone) {
      child = static_cast<std::uint32_t>(nodes_.size());
      BuildNode node;
      node.byte = byte;
      node.next_sibling = nodes_[state].first_child;
      nodes_.push_back(node);
      nodes_[state].first_child = child;
    }
    state = child;
  }
  if (nodes_[state].key == kNone) {
    nodes_[state].key = static_cast<std::uint32_t>(key_length_.size());
    key_length_.push_back(static_cast<std::uint32_t>(key.size()));
  }
  return nodes_[state].key;
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
  const std::size_t n = nodes_.size();

  // Renumber states in breadth-first order so that failure links always point to states
  // already processed, and lay edges out contiguously (sorted by byte) per state.
  std::vector<std::uint32_t> order;
  order.reserve(n);
  order.push_back(0);
  std::vector<std::uint32_t> new_id(n, kNone);
  new_id[0] = 0;
  std::vector<std::pair<unsigned char, std::uint32_t>> kids;
  edge_begin_.assign(n + 1, 0);
  edge_byte_.reserve(n);
  edge_target_.reserve(n);
  terminal_key_.assign(n, kNone);
  for (std::size_t head = 0; head < order.size(); ++head) {
    const std::uint32_t old = order[head];
    terminal_key_[head] = nodes_[old].key;
    kids.clear();
    for (std::uint32_t c = nodes_[old].first_child; c != kNone; c = nodes_[c].next_sibling)
      kids.emplace_back(nodes_[c].byte, c);
    std::sort(kids.begin(), kids.end());
    edge_begin_[head] = static_cast<std::uint32_t>(edge_byte_.size());
    for (const auto& [byte, c] : kids) {
      new_id[c] = static_cast<std::uint32_t>(order.size());
      order.push_back(c);
      edge_byte_.push_back(byte);
      edge_target_.push_back(new_id[c]);
    }
  }
  edge_begin_[n] = static_cast<std::uint32_t>(edge_byte_.size());
  std::vector<BuildNode>().swap(nodes_);  // the construction trie is no longer needed

  failure_.assign(n, 0);
  output_link_.assign(n, kNone);
  std::fill(std::begin(root_next_), std::end(root_next_), 0u);
  for (std::uint32_t e = edge_begin_[0]; e < edge_begin_[1]; ++e) root_next_[edge_byte_[e]] = edge_target_[e];
  // BFS order == state order now.
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e) {
      const std::uint32_t t = edge_target_[e];
      if (s == 0) {
        failure_[t] = 0;
      } else {
        failure_[t] = step(failure_[s], edge_byte_[e]);
      }
      const std::uint32_t f = failure_[t];
      output_link_[t] = terminal_key_[f] != kNone ? f : output_link_[f];
    }
  }
  output_link_[0] = kNone;
}

}  // namespace reportlens::entities
