#include "entity_diff.h"

#include <algorithm>
#include <map>
#include <optional>

#include "fact_context.h"

namespace reportlens::diff {
namespace {

struct Tally {
  std::string kind;
  std::vector<std::string> surfaces;  // distinct surface forms, in order of first mention
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
    std::string surface(v.doc->slice(e.begin, e.end));
    auto& forms = it->second.surfaces;
    if (std::find(forms.begin(), forms.end(), surface) == forms.end()) forms.push_back(surface);
  }
  return out;
}

// Where the other report still names an entity the entity stage did not annotate there
// (宝马 inside 华晨宝马里达工厂, 中德园 inside 中德园氢能产业园): the first occurrence of its
// canonical name or one of its surface forms. Names of fewer than three characters are not
// searched (紫光, 伟嘉 also occur inside unrelated words).
std::optional<std::pair<std::size_t, std::size_t>> unannotated_mention(const DocView& other,
                                                                       const std::string& canonical,
                                                                       const Tally& t) {
  std::vector<std::string> names{canonical};
  names.insert(names.end(), t.surfaces.begin(), t.surfaces.end());
  const std::string& text = other.doc->text();
  std::optional<std::pair<std::size_t, std::size_t>> first;
  for (const auto& n : names) {
    if (code_point_count(n) < 3) continue;
    const std::size_t at = text.find(n);
    if (at != std::string::npos && (!first || at < first->first)) first = {{at, at + n.size()}};
  }
  return first;
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
  // An entity annotated in one report only, whose name still occurs in the other's text, is
  // not really dropped or new: it is kept, with a count of 0 on the unannotated side and the
  // text occurrence as its evidence ("matched_by": "text").
  const auto kept_by_text = [](Json j, const DocView& other, std::pair<std::size_t, std::size_t> at,
                               const char* evidence_key) {
    j[evidence_key] = other.evidence(at.first, at.second);
    j["matched_by"] = "text";
    return j;
  };
  for (const auto& [name, t] : a) {
    auto it = b.find(name);
    if (it != b.end()) kept.push_back(item(name, &t, &it->second, base, compare));
    else if (auto at = unannotated_mention(compare, name, t))
      kept.push_back(kept_by_text(item(name, &t, nullptr, base, compare), compare, *at, "compare_evidence"));
    else removed.push_back(item(name, &t, nullptr, base, compare));
  }
  for (const auto& [name, t] : b) {
    if (a.count(name)) continue;
    if (auto at = unannotated_mention(base, name, t))
      kept.push_back(kept_by_text(item(name, nullptr, &t, base, compare), base, *at, "base_evidence"));
    else added.push_back(item(name, nullptr, &t, base, compare));
  }
  return {{"added", added}, {"removed", removed}, {"kept", kept}};
}

}  // namespace reportlens::diff
