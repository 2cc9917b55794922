#include "entity_diff.h"

#include <map>

namespace reportlens::diff {
namespace {

struct Tally {
  std::string kind;
  std::size_t count = 0;
  std::size_t first_begin = 0, first_end = 0;
};

std::map<std::string, Tally> tally(const DocView& v) {
  std::map<std::string, Tally> out;
  for (const auto& e : v.entities) {
    auto [it, inserted] = out.try_emplace(e.canonical);
    if (inserted) {
      it->second.kind = e.kind;
      it->second.first_begin = e.begin;
      it->second.first_end = e.end;
    }
    ++it->second.count;
  }
  return out;
}

Json item(const std::string& canonical, const Tally* a, const Tally* b, const DocView& base,
          const DocView& compare) {
  Json j = Json::object();
  j["canonical"] = canonical;
  j["kind"] = (b ? b : a)->kind;
  j["base_count"] = a ? a->count : 0;
  j["compare_count"] = b ? b->count : 0;
  if (a) j["base_evidence"] = base.evidence(a->first_begin, a->first_end);
  if (b) j["compare_evidence"] = compare.evidence(b->first_begin, b->first_end);
  return j;
}

}  // namespace

Json diff_entities(const DocView& base, const DocView& compare) {
  const auto a = tally(base);
  const auto b = tally(compare);
  Json added = Json::array(), removed = Json::array(), kept = Json::array();
  for (const auto& [name, t] : a) {
    auto it = b.find(name);
    if (it == b.end()) removed.push_back(item(name, &t, nullptr, base, compare));
    else kept.push_back(item(name, &t, &it->second, base, compare));
  }
  for (const auto& [name, t] : b)
    if (!a.count(name)) added.push_back(item(name, nullptr, &t, base, compare));
  return {{"added", added}, {"removed", removed}, {"kept", kept}};
}

}  // namespace reportlens::diff
