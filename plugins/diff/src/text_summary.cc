#include "text_summary.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "number_text.h"
#include "reportlens/text.h"

namespace reportlens::diff {
namespace {

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = display_width(s);
  return s + std::string(w < width ? width - w : 1, ' ');
}

std::string clip(const std::string& s, std::size_t max_columns) {
  if (display_width(s) <= max_columns) return s;
  std::string out;
  std::size_t i = 0, w = 0;
  while (i < s.size()) {
    std::size_t j = i;
    next_code_point(s, j);
    const std::size_t cw = display_width(std::string_view(s).substr(i, j - i));
    if (w + cw > max_columns - 1) break;
    out.append(s, i, j - i);
    w += cw;
    i = j;
  }
  return out + "…";
}

// Size of the largest move of an indicator entry, for ranking: relative level change in
// percent, or the growth change in percentage points.
double move_size(const Json& entry) {
  const Json& d = entry["delta"];
  double size = 0;
  if (d.contains("level") && d["level"]["percent"].is_number())
    size = std::max(size, std::fabs(d["level"]["percent"].get<double>()));
  if (d.contains("growth") && d["growth"]["value"].is_number())
    size = std::max(size, std::fabs(d["growth"]["value"].get<double>()));
  return size;
}

std::string part_text(const Json& part, const Labels& labels) {
  if (!part.is_object()) return "-";
  return labels.figure(part["value"], part["unit"], Json(nullptr));
}

}  // namespace

namespace {

// Targets without a figure: statement, verdict and the first evidence of the later report.
void render_qualitative(std::ostringstream& out, const Json& items, const Labels& labels) {
  if (items.empty()) return;
  std::size_t met = 0, missed = 0;
  for (const auto& q : items) {
    met += q["verdict"] == "met";
    missed += q["verdict"] == "missed";
  }
  out << "  Qualitative targets: " << items.size() << " (met " << met << ", missed " << missed
      << ", unclear " << items.size() - met - missed << ")\n";
  for (const auto& q : items) {
    std::string why;
    const Json& a = q["actual"];
    if (!a["evidence"].empty()) why = a["evidence"][0]["text"].get<std::string>();
    else if (!a["figures"].empty()) {
      for (const auto& f : a["figures"])
        why += (why.empty() ? "" : ", ") + f["metric"].get<std::string>() + " " +
               labels.figure(f["value"], f["unit"], Json(nullptr));
    }
    out << "    " << pad(clip(q["statement"].get<std::string>(), 30), 32)
        << pad(q["verdict"].get<std::string>(), 9) << clip(why, 40) << "\n";
  }
}

}  // namespace

std::string render_summary(const std::vector<Comparison>& comparisons) {
  std::ostringstream out;
  if (comparisons.empty()) {
    out << "diff: no pairs to compare (need two reports of the same region, or --input base=A "
           "--input compare=B)\n";
    return out.str();
  }
  for (const Comparison& c : comparisons) {
    const Json& j = c.json;
    const Labels& labels = c.base->words->labels;
    out << "── " << j["base"].get<std::string>() << " → " << j["compare"].get<std::string>() << "\n";
    const Json& targets = j["targets"];
    std::size_t met = 0, missed = 0, unclear = 0;
    for (const auto& t : targets) {
      const auto v = t["verdict"].get<std::string>();
      (v == "met" ? met : v == "missed" ? missed : unclear)++;
    }
    out << "  Targets: " << targets.size() << " (met " << met << ", missed " << missed
        << ", unclear " << unclear << ")\n";
    if (!targets.empty()) {
      out << "    " << pad("metric", 26) << pad("year", 6) << pad("target", 14) << pad("actual", 16)
          << "verdict\n";
      // Targets the later report gives no figure for are many in full reports (every
      // planned project count); list them only for metrics of the directions file.
      std::size_t hidden = 0;
      for (const auto& t : targets) {
        const Json& a = t["actual"];
        if (t["verdict"] == "unclear" && a["value"].is_null() && !a.value("qualitative", false) &&
            !t.value("known_metric", false)) {
          ++hidden;
          continue;
        }
        std::string actual = a["value"].is_null() ? (a.value("qualitative", false) ? "(text)" : "-")
                                                  : labels.figure(a["value"], a["unit"], a["qualifier"]);
        if (a.value("status", "") == "estimate") actual += " (est.)";
        out << "    " << pad(clip(t["metric"].get<std::string>(), 24), 26)
            << pad(std::to_string(t["target"]["period"].get<int>()), 6)
            << pad(labels.figure(t["target"]["value"], t["target"]["unit"], t["target"]["qualifier"]), 14)
            << pad(actual, 16) << t["verdict"].get<std::string>() << "\n";
      }
      if (hidden > 0)
        out << "    … and " << hidden << " more unclear: no figure in the later report (see the HTML report)\n";
    }
    render_qualitative(out, j.value("qualitative_targets", Json::array()), labels);
    std::vector<const Json*> moves;
    for (const auto& i : j["indicators"])
      if (move_size(i) > 0) moves.push_back(&i);
    std::stable_sort(moves.begin(), moves.end(),
                     [](const Json* x, const Json* y) { return move_size(*x) > move_size(*y); });
    if (!moves.empty()) {
      out << "  Largest indicator moves (" << j["indicators"].size() << " matched):\n";
      for (std::size_t k = 0; k < moves.size() && k < 8; ++k) {
        const Json& i = *moves[k];
        const Json& d = i["delta"];
        std::string text;
        if (d.contains("level")) {
          text += part_text(i["base"]["level"], labels) + " → " + part_text(i["compare"]["level"], labels);
          if (d["level"]["percent"].is_number())
            text += " (" + std::string(d["level"]["percent"].get<double>() >= 0 ? "+" : "") +
                    format_number(d["level"]["percent"].get<double>(), 1) + "%)";
        }
        if (d.contains("growth")) {
          if (!text.empty()) text += "; ";
          const double g = d["growth"]["value"].get<double>();
          text += "growth " + part_text(i["base"]["growth"], labels) + " → " + part_text(i["compare"]["growth"], labels) +
                  " (" + (g >= 0 ? "+" : "") + format_number(g, 2) +
                  (d["growth"]["unit"] == "percentage_point" ? " pp" : "") + ")";
        }
        out << "    " << pad(clip(i.value("label", i["metric"].get<std::string>()), 24), 26) << text
            << "\n";
      }
    }
    const Json& e = j["entities"];
    const std::string separator = labels.text("figures", "list_separator");
    const auto names = [&separator](const Json& list) {
      std::string s;
      for (std::size_t k = 0; k < list.size() && k < 10; ++k)
        s += (k ? separator : "") + list[k]["canonical"].get<std::string>();
      if (list.size() > 10) s += " …";
      return s;
    };
    out << "  Entities: " << e["added"].size() << " new" << (e["added"].empty() ? "" : " (" + names(e["added"]) + ")")
        << ", " << e["removed"].size() << " dropped"
        << (e["removed"].empty() ? "" : " (" + names(e["removed"]) + ")") << ", " << e["kept"].size()
        << " kept";
    std::size_t by_text = 0;
    for (const auto& k : e["kept"]) by_text += k.value("matched_by", "") == "text";
    if (by_text > 0) out << " (" << by_text << " of them named but not annotated in one report)";
    out << "\n";
    std::size_t aligned = 0, added = 0, removed = 0, renumbered = 0, moved = 0, retitled = 0;
    std::size_t s_changed = 0, s_added = 0, s_removed = 0, s_moved = 0;
    for (const auto& s : j["sections"]) {
      const auto status = s["status"].get<std::string>();
      (status == "added" ? added : status == "removed" ? removed : aligned)++;
      renumbered += s["renumbered"].get<bool>();
      retitled += s["retitled"].get<bool>() && status == "aligned";
      moved += s["moved"].get<bool>();
      for (const auto& ch : s["changes"]) {
        const auto op = ch["op"].get<std::string>();
        if (op == "changed") ++s_changed;
        else if (op == "added") ++s_added;
        else if (op == "removed") ++s_removed;
        else if (op == "moved") ++s_moved;
      }
    }
    out << "  Sections: " << aligned << " aligned (" << renumbered << " renumbered, " << retitled
        << " retitled, " << moved << " moved), " << added << " new, " << removed << " dropped; sentences: "
        << s_changed << " changed, " << s_added << " added, " << s_removed << " removed, " << s_moved
        << " moved\n";
  }
  return out.str();
}

}  // namespace reportlens::diff
