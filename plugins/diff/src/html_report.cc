#include "html_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "number_text.h"

namespace reportlens::diff {
namespace {

// Styles only; no scripts, fonts or images, so the file renders offline. The font stack
// names common CJK system fonts and falls back to the generic family.
constexpr const char* kStyle = R"css(
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Micro Hei",
"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em;color:#1d1d1f;line-height:1.5}
h1{font-size:1.5em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:2px solid #ccd}
h3{font-size:1.05em;margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.5em 0;width:100%}
th,td{border:1px solid #ccd;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#eef}
td.num{text-align:right;white-space:nowrap}
.met{background:#dff5df}.missed{background:#fbdada}.unclear{background:#f3f3d8}
.verdict{font-weight:bold}
span.n{background:#fff1b8;border-radius:2px}
span.e{border-bottom:2px solid #4a7bd0}
tr.same td{color:#555}
tr.changed td{background:#fff8e6}
tr.added td.c{background:#e3f7e3}tr.removed td.b{background:#fde5e5}
tr.moved td{background:#e8eefc}
td.op{white-space:nowrap;font-size:.85em;color:#333}
.note{font-size:.85em;color:#555}
.tag{display:inline-block;font-size:.75em;padding:0 .4em;margin-left:.4em;border-radius:3px;background:#dde}
.side{table-layout:fixed}.side td{overflow-wrap:anywhere}
.side col.b,.side col.c{width:calc(50% - 3.5em)}.side col.op{width:7em}
.charts{display:flex;flex-wrap:wrap;gap:10px}.charts svg{border:1px solid #dde;max-width:100%;height:auto}
)css";

std::string figure(const Json& part, const Labels& L) {
  if (!part.is_object()) return "-";
  return L.figure(part.value("value", Json(nullptr)), part.value("unit", Json(nullptr)),
                     part.value("qualifier", Json(nullptr)));
}

// Spans to highlight inside one document, sorted by start.
struct Highlight {
  std::size_t begin, end;
  char kind;  // 'n' number, 'e' entity
};

std::vector<Highlight> highlights_of(const DocView& v) {
  const NumberWords& words = v.words->numbers;
  std::vector<Highlight> out;
  for (const auto& a : v.doc->annotations("quantity")) out.push_back({a.begin, a.end, 'n'});
  for (const auto& e : v.entities) out.push_back({e.begin, e.end, 'e'});
  if (v.doc->annotations("quantity").empty()) {
    // Without a numbers stage, mark the Arabic numbers the diff itself parsed.
    const std::string& text = v.doc->text();
    for (const auto& s : v.sentences) {
      for (const auto& n : parse_numbers(std::string_view(text).substr(s.begin, s.end - s.begin), words))
        if (!n.is_year) out.push_back({s.begin + n.begin, s.begin + n.end + n.unit.size(), 'n'});
    }
  }
  std::sort(out.begin(), out.end(), [](const Highlight& a, const Highlight& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

class SentenceRenderer {
 public:
  explicit SentenceRenderer(const DocView& v) : view_(v), marks_(highlights_of(v)) {}

  std::string render(long sentence) const {
    if (sentence < 0) return "";
    const SentenceView& s = view_.sentences[static_cast<std::size_t>(sentence)];
    const std::string& text = view_.doc->text();
    std::string out;
    std::size_t at = s.begin;
    auto it = std::lower_bound(marks_.begin(), marks_.end(), s.begin,
                               [](const Highlight& h, std::size_t b) { return h.begin < b; });
    for (; it != marks_.end() && it->begin < s.end; ++it) {
      if (it->begin < at || it->end > s.end) continue;  // overlapping or crossing the sentence
      out += escape_html(std::string_view(text).substr(at, it->begin - at));
      out += it->kind == 'n' ? "<span class=\"n\">" : "<span class=\"e\">";
      out += escape_html(std::string_view(text).substr(it->begin, it->end - it->begin));
      out += "</span>";
      at = it->end;
    }
    out += escape_html(std::string_view(text).substr(at, s.end - at));
    return out;
  }

 private:
  const DocView& view_;
  std::vector<Highlight> marks_;
};

const char* row_class(RowOp op) {
  switch (op) {
    case RowOp::kSame: return "same";
    case RowOp::kChanged: return "changed";
    case RowOp::kRemoved: return "removed";
    case RowOp::kAdded: return "added";
    case RowOp::kMovedOut:
    case RowOp::kMovedIn: return "moved";
  }
  return "";
}

std::string row_label(RowOp op, const Labels& L) {
  switch (op) {
    case RowOp::kSame: return "";
    case RowOp::kChanged: return L.text("sections", "changed");
    case RowOp::kRemoved: return L.text("sections", "removed");
    case RowOp::kAdded: return L.text("sections", "added");
    case RowOp::kMovedOut: return L.text("sections", "moved_out");
    case RowOp::kMovedIn: return L.text("sections", "moved_in");
  }
  return "";
}

std::string section_heading(const DocView& v, long index) {
  if (index < 0) return "";
  const Labels& L = v.words->labels;
  const SectionView& s = v.sections[static_cast<std::size_t>(index)];
  std::string number = s.number;
  // Numbers may already be part of the title as annotated.
  if (!number.empty() && s.title.rfind(number, 0) == 0) number.clear();
  const bool closed = number.find(L.text("sections", "number_close")) != std::string::npos;
  return number + (number.empty() || closed ? "" : L.text("sections", "number_mark")) + s.title;
}

// Opens a table with one header cell per label key of the `html` group.
void table_head(std::ostringstream& out, const Labels& L, const char* cls,
                std::initializer_list<const char*> keys) {
  out << "<table class=\"" << cls << "\"><tr>";
  for (const char* k : keys) out << "<th>" << escape_html(L.text("html", k)) << "</th>";
  out << "</tr>\n";
}

std::string evidence_line(const Json& doc, const Json& evidence_text) {
  return "<b>" + escape_html(doc.get<std::string>()) + "</b>: " +
         escape_html(evidence_text.get<std::string>());
}

void render_targets(std::ostringstream& out, const Json& targets, const Labels& L) {
  out << "<h3>" << escape_html(L.text("html", "targets")) << "</h3>\n";
  if (targets.empty()) {
    out << "<p class=\"note\">No targets in the earlier report.</p>\n";
    return;
  }
  table_head(out, L, "targets", {"metric", "year", "target", "actual", "direction", "verdict", "evidence"});
  for (const auto& t : targets) {
    const std::string verdict = t["verdict"].get<std::string>();
    const Json& a = t["actual"];
    std::string actual = L.figure(a["value"], a["unit"], a["qualifier"]);
    if (a.value("status", "") == "estimate") actual += L.text("figures", "estimate_note");
    if (a.value("qualitative", false)) actual += L.text("figures", "textual_note");
    std::string evidence = evidence_line(t["target"]["doc"], t["target"]["evidence"]["text"]);
    if (a["evidence"].is_object()) evidence += "<br>" + evidence_line(a["doc"], a["evidence"]["text"]);
    if (t.contains("reason")) evidence += "<br><span class=\"note\">" + escape_html(t["reason"].get<std::string>()) + "</span>";
    out << "<tr class=\"" << verdict << "\"><td>" << escape_html(t["metric"].get<std::string>())
        << "</td><td class=\"num\">" << t["target"]["period"].get<int>() << "</td><td class=\"num\">"
        << escape_html(L.figure(t["target"]["value"], t["target"]["unit"], t["target"]["qualifier"]))
        << "</td><td class=\"num\">" << escape_html(actual) << "</td><td>"
        << escape_html(L.direction(t["direction"].get<std::string>())) << "</td><td class=\"verdict\">"
        << escape_html(L.verdict(verdict)) << " " << verdict << "</td><td>" << evidence << "</td></tr>\n";
  }
  out << "</table>\n";
}

// Targets without a figure, with the Chinese verdict word a reader of these reports expects.
void render_qualitative(std::ostringstream& out, const Json& items, const Labels& L) {
  if (items.empty()) return;
  out << "<h3>" << escape_html(L.text("html", "qualitative")) << "</h3>\n";
  table_head(out, L, "targets qualitative", {"statement", "year", "relation", "verdict", "evidence"});
  for (const auto& q : items) {
    const std::string verdict = q["verdict"].get<std::string>();
    const Json& a = q["actual"];
    std::string evidence = evidence_line(q["target"]["doc"], q["target"]["evidence"]["text"]);
    for (const auto& f : a["figures"]) evidence += "<br>" + evidence_line(a["doc"], f["evidence"]["text"]);
    for (const auto& e : a["evidence"]) evidence += "<br>" + evidence_line(a["doc"], e["text"]);
    if (!q["reason"].get<std::string>().empty())
      evidence += "<br><span class=\"note\">" + escape_html(q["reason"].get<std::string>()) + "</span>";
    out << "<tr class=\"" << verdict << "\"><td>" << escape_html(q["statement"].get<std::string>())
        << "</td><td class=\"num\">" << q["period"].get<int>() << "</td><td>"
        << escape_html(q["relation"].get<std::string>()) << "</td><td class=\"verdict\">"
        << escape_html(L.verdict(verdict)) << " " << verdict << "</td><td>" << evidence << "</td></tr>\n";
  }
  out << "</table>\n";
}

// One side of an indicator entry: "<period> 1200亿元，增长5%".
std::string indicator_side(const Json& s, const Labels& L) {
  std::string text = "<span class=\"note\">" + std::to_string(s["period"].get<int>()) + "</span> ";
  if (s["level"].is_object()) text += escape_html(figure(s["level"], L));
  if (s["growth"].is_object()) {
    const Json& value = s["growth"]["value"];
    const double g = value.is_number() ? value.get<double>() : 0;
    text += (s["level"].is_object() ? L.text("figures", "clause_separator") : std::string()) +
            L.text("figures", g >= 0 ? "growth" : "decline") +
            escape_html(L.figure(value.is_number() ? Json(std::fabs(g)) : value, s["growth"]["unit"], Json(nullptr)));
  }
  return text;
}

void render_indicators(std::ostringstream& out, const Json& indicators, const Labels& L) {
  out << "<h3>" << escape_html(L.text("html", "indicators")) << "</h3>\n";
  if (indicators.empty()) {
    out << "<p class=\"note\">No indicator appears in both reports.</p>\n";
    return;
  }
  table_head(out, L, "indicators", {"metric", "base", "compare", "level_delta", "growth_delta"});
  for (const auto& i : indicators) {
    const Json& d = i["delta"];
    std::string level_delta = "-", growth_delta = "-";
    if (d.contains("level")) {
      Json v = d["level"]["value"];
      level_delta = (v.get<double>() >= 0 ? "+" : "") + L.figure(v, d["level"]["unit"], Json(nullptr));
      if (d["level"]["percent"].is_number())
        level_delta += " (" + std::string(d["level"]["percent"].get<double>() >= 0 ? "+" : "") +
                       format_number(d["level"]["percent"].get<double>(), 1) + "%)";
    }
    if (d.contains("growth")) {
      const double g = d["growth"]["value"].get<double>();
      growth_delta = (g >= 0 ? "+" : "") + format_number(g) +
                     (d["growth"]["unit"] == "percentage_point" ? L.text("figures", "percentage_point") : "");
    }
    // The metric, and for a vague one the words around its figure (惠及居民).
    out << "<tr><td>" << escape_html(i.value("label", i["metric"].get<std::string>()))
        << "</td><td>" << indicator_side(i["base"], L)
        << "</td><td>" << indicator_side(i["compare"], L) << "</td><td class=\"num\">" << escape_html(level_delta)
        << "</td><td class=\"num\">" << escape_html(growth_delta) << "</td></tr>\n";
  }
  out << "</table>\n";
}

// The chart of one matched standard indicator: its figure in both reports (growth when both
// state one, else level) and the earlier report's targets for it, coloured by verdict.
std::optional<ChartSpec> indicator_chart(const Json& indicator, const Json& targets, const Labels& L) {
  const std::string measure =
      indicator["base"]["growth"].is_object() && indicator["compare"]["growth"].is_object() ? "growth" : "level";
  const Json& b = indicator["base"][measure];
  const Json& c = indicator["compare"][measure];
  if (!b.is_object() || !c.is_object() || !b["value"].is_number() || !c["value"].is_number()) return std::nullopt;
  ChartSpec spec;
  spec.title = indicator["metric"].get<std::string>();
  spec.unit = b.value("unit", "");
  if (c.value("unit", "") != spec.unit) return std::nullopt;
  spec.width = 300;
  spec.height = 200;
  const auto point_at = [&spec](int year) -> ChartPoint& {
    for (auto& p : spec.points)
      if (p.year == year) return p;
    spec.points.push_back({});
    spec.points.back().year = year;
    return spec.points.back();
  };
  for (const Json* side : {&indicator["base"], &indicator["compare"]}) {
    ChartPoint& p = point_at((*side)["period"].get<int>());
    p.actual = (*side)[measure]["value"].get<double>();
    p.estimate = (*side).value("status", "") == "estimate";
  }
  std::string direction;
  for (const auto& t : targets) {
    const Json& tv = t["target"];
    if (t.value("canonical", "") != spec.title || tv.value("measure", "") != measure ||
        tv.value("unit", "") != spec.unit)
      continue;
    ChartPoint& p = point_at(tv["period"].get<int>());
    const Json& v = tv["value"];
    if (v.is_number()) p.target = v.get<double>();
    if (v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number())
      p.target = v[0].get<double>(), p.target_high = v[1].get<double>();
    if (!p.target) continue;
    p.target_text = L.figure(v, tv["unit"], tv["qualifier"]);
    p.verdict = t["verdict"].get<std::string>();
    direction = t.value("direction", "");
  }
  // A level in percent (城镇调查失业率5.5%) is a rate, not an amount.
  const std::string kind = measure == "level" && spec.unit == "percent" ? "rate" : measure;
  spec.subtitle = L.text("chart", kind) + (direction.empty() ? "" : " · " + L.direction(direction));
  return spec;
}

void render_indicator_charts(std::ostringstream& out, const Json& indicators, const Json& targets,
                             const Labels& L) {
  std::string charts;
  for (const auto& i : indicators) {
    if (i.value("matched_by", "") != "known_metric") continue;
    if (const auto spec = indicator_chart(i, targets, L)) charts += render_svg_chart(*spec, L) + "\n";
  }
  if (charts.empty()) return;
  out << "<h3>" << escape_html(L.text("html", "charts")) << "</h3>\n<div class=\"charts\">\n" << charts << "</div>\n";
}

void render_entities(std::ostringstream& out, const Json& entities, const Labels& L) {
  out << "<h3>" << escape_html(L.text("html", "entities")) << "</h3>\n";
  table_head(out, L, "entities", {"change", "names"});
  const std::string separator = L.text("figures", "list_separator");
  const auto row = [&](const char* label, const Json& list, const char* cls) {
    std::string names;
    for (const auto& e : list) {
      if (!names.empty()) names += separator;
      names += escape_html(e["canonical"].get<std::string>()) + " <span class=\"note\">(" +
               std::to_string(e["base_count"].get<std::size_t>()) + "→" +
               std::to_string(e["compare_count"].get<std::size_t>()) + ")</span>";
    }
    out << "<tr class=\"" << cls << "\"><td>" << escape_html(L.text("html", label)) << " " << list.size()
        << "</td><td>" << (names.empty() ? "-" : names) << "</td></tr>\n";
  };
  row("entities_added", entities["added"], "met");
  row("entities_removed", entities["removed"], "missed");
  row("entities_kept", entities["kept"], "same");
  out << "</table>\n";
}

// A section pair's heading: both titles and the tags of what changed.
void section_pair_heading(std::ostringstream& out, const Comparison& c, const SectionPair& p,
                          const Labels& L) {
  const std::string preamble = L.text("sections", "preamble");
  const std::string title_b = p.preamble ? preamble : section_heading(*c.base, p.base);
  const std::string title_c = p.preamble ? preamble : section_heading(*c.compare, p.compare);
  out << "<h4>" << escape_html(title_b.empty() ? "—" : title_b) << " ⇄ "
      << escape_html(title_c.empty() ? "—" : title_c);
  const auto tag = [&](bool on, const char* key) {
    if (on) out << "<span class=\"tag\">" << escape_html(L.text("sections", key)) << "</span>";
  };
  tag(!p.preamble && p.base < 0, "section_added");
  tag(!p.preamble && p.compare < 0, "section_removed");
  tag(p.renumbered, "renumbered");
  tag(p.retitled && p.base >= 0 && p.compare >= 0, "retitled");
  tag(p.moved, "moved");
  out << "</h4>\n";
}

void render_sections(std::ostringstream& out, const Comparison& c, const Labels& L) {
  out << "<h3>" << escape_html(L.text("html", "sections")) << "</h3>\n";
  const SentenceRenderer left(*c.base), right(*c.compare);
  for (const SectionPair& p : c.sections) {
    if (p.rows.empty()) continue;
    section_pair_heading(out, c, p, L);
    // With table-layout:fixed the columns take their widths from <col>, not from the cells:
    // two equal text columns and a narrow one for the change marks between them.
    out << "<table class=\"side\"><colgroup><col class=\"b\"><col class=\"op\"><col class=\"c\"></colgroup>"
        << "<tr><th class=\"b\">" << escape_html(c.base->doc->id())
        << "</th><th class=\"op\"></th><th class=\"c\">" << escape_html(c.compare->doc->id()) << "</th></tr>\n";
    for (const Row& r : p.rows) {
      // A sentence moved elsewhere shows once on each side: its old place (left) and its
      // new place (right).
      const long b = r.op == RowOp::kMovedIn ? -1 : r.base;
      const long cmp = r.op == RowOp::kMovedOut ? -1 : r.compare;
      out << "<tr class=\"" << row_class(r.op) << "\"><td class=\"b\">" << left.render(b)
          << "</td><td class=\"op\">" << escape_html(row_label(r.op, L));
      for (const auto& n : r.numbers)
        out << "<br><span class=\"note\">" << escape_html(n.delta_text)
            << (n.percent ? " (" + std::string(*n.percent >= 0 ? "+" : "") + format_number(*n.percent, 1) + "%)" : "")
            << "</span>";
      out << "</td><td class=\"c\">" << right.render(cmp) << "</td></tr>\n";
    }
    out << "</table>\n";
  }
}

}  // namespace

std::string render_html_head(const std::vector<Comparison>& comparisons) {
  std::ostringstream out;
  // The words come with the documents' views; without a comparison only English is written.
  const Labels* L = comparisons.empty() ? nullptr : &comparisons.front().base->words->labels;
  const auto label = [&](const char* key, const char* fallback) {
    return escape_html(L ? L->text("html", key) : std::string(fallback));
  };
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" << label("title", "reportlens year-over-year diff") << "</title><style>"
      << kStyle << "</style></head><body>\n<h1>" << label("heading", "Year-over-year diff") << "</h1>\n";
  return out.str();
}

std::string render_html_comparisons(const std::vector<Comparison>& comparisons) {
  std::ostringstream out;
  for (const Comparison& c : comparisons) {
    const Labels& L = c.base->words->labels;
    out << "<h2>" << escape_html(c.base->doc->id()) << " → " << escape_html(c.compare->doc->id())
        << "</h2>\n";
    render_targets(out, c.json["targets"], L);
    render_qualitative(out, c.json.value("qualitative_targets", Json::array()), L);
    render_indicators(out, c.json["indicators"], L);
    render_indicator_charts(out, c.json["indicators"], c.json["targets"], L);
    render_entities(out, c.json["entities"], L);
    render_sections(out, c, L);
  }
  return out.str();
}

std::string render_html_tail(bool no_comparisons) {
  return std::string(no_comparisons ? "<p>No pairs of reports to compare.</p>\n" : "") + "</body></html>\n";
}

std::string render_html(const std::vector<Comparison>& comparisons) {
  return render_html_head(comparisons) + render_html_comparisons(comparisons) + render_html_tail(comparisons.empty());
}

}  // namespace reportlens::diff
