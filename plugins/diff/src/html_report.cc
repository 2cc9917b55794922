#include "html_report.h"

#include <algorithm>
#include <cmath>
#include <map>
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
td.op{width:5em;white-space:nowrap;font-size:.85em;color:#333}
.note{font-size:.85em;color:#555}
.tag{display:inline-block;font-size:.75em;padding:0 .4em;margin-left:.4em;border-radius:3px;background:#dde}
.side{table-layout:fixed}.side td.b,.side td.c{width:46%}
)css";

std::string figure(const Json& part) {
  if (!part.is_object()) return "-";
  return figure_text(part.value("value", Json(nullptr)), part.value("unit", Json(nullptr)),
                     part.value("qualifier", Json(nullptr)));
}

// Spans to highlight inside one document, sorted by start.
struct Highlight {
  std::size_t begin, end;
  char kind;  // 'n' number, 'e' entity
};

std::vector<Highlight> highlights_of(const DocView& v) {
  std::vector<Highlight> out;
  for (const auto& a : v.doc->annotations("quantity")) out.push_back({a.begin, a.end, 'n'});
  for (const auto& e : v.entities) out.push_back({e.begin, e.end, 'e'});
  if (v.doc->annotations("quantity").empty()) {
    // Without a numbers stage, mark the Arabic numbers the diff itself parsed.
    const std::string& text = v.doc->text();
    for (const auto& s : v.sentences) {
      for (const auto& n : parse_numbers(std::string_view(text).substr(s.begin, s.end - s.begin)))
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

const char* row_label(RowOp op) {
  switch (op) {
    case RowOp::kSame: return "";
    case RowOp::kChanged: return "改动";
    case RowOp::kRemoved: return "删除";
    case RowOp::kAdded: return "新增";
    case RowOp::kMovedOut: return "移出";
    case RowOp::kMovedIn: return "移入";
  }
  return "";
}

std::string section_heading(const DocView& v, long index) {
  if (index < 0) return "";
  const SectionView& s = v.sections[static_cast<std::size_t>(index)];
  std::string number = s.number;
  // Numbers may already be part of the title as annotated.
  if (!number.empty() && s.title.rfind(number, 0) == 0) number.clear();
  return number + (number.empty() || number.find("）") != std::string::npos ? "" : "、") + s.title;
}

void render_targets(std::ostringstream& out, const Json& targets) {
  out << "<h3>目标与实际 Targets vs actuals</h3>\n";
  if (targets.empty()) {
    out << "<p class=\"note\">No targets in the earlier report.</p>\n";
    return;
  }
  out << "<table class=\"targets\"><tr><th>指标 metric</th><th>年份</th><th>目标 target</th>"
         "<th>实际 actual</th><th>方向 direction</th><th>结论 verdict</th><th>依据 evidence</th></tr>\n";
  for (const auto& t : targets) {
    const std::string verdict = t["verdict"].get<std::string>();
    const Json& a = t["actual"];
    std::string actual = figure_text(a["value"], a["unit"], a["qualifier"]);
    if (a.value("status", "") == "estimate") actual += "（预计）";
    if (a.value("qualitative", false)) actual += "（文字）";
    std::string evidence = "<b>" + escape_html(t["target"]["doc"].get<std::string>()) + "</b>: " +
                           escape_html(t["target"]["evidence"]["text"].get<std::string>());
    if (a["evidence"].is_object())
      evidence += "<br><b>" + escape_html(a["doc"].get<std::string>()) + "</b>: " +
                  escape_html(a["evidence"]["text"].get<std::string>());
    if (t.contains("reason")) evidence += "<br><span class=\"note\">" + escape_html(t["reason"].get<std::string>()) + "</span>";
    out << "<tr class=\"" << verdict << "\"><td>" << escape_html(t["metric"].get<std::string>())
        << "</td><td class=\"num\">" << t["target"]["period"].get<int>() << "</td><td class=\"num\">"
        << escape_html(figure_text(t["target"]["value"], t["target"]["unit"], t["target"]["qualifier"]))
        << "</td><td class=\"num\">" << escape_html(actual) << "</td><td>"
        << escape_html(t["direction"].get<std::string>()) << "</td><td class=\"verdict\">" << verdict
        << "</td><td>" << evidence << "</td></tr>\n";
  }
  out << "</table>\n";
}

// Targets without a figure, with the Chinese verdict word a reader of these reports expects.
void render_qualitative(std::ostringstream& out, const Json& items) {
  if (items.empty()) return;
  out << "<h3>定性目标 Qualitative targets</h3>\n"
         "<table class=\"targets qualitative\"><tr><th>目标表述 statement</th><th>年份</th>"
         "<th>关系 relation</th><th>结论 verdict</th><th>依据 evidence</th></tr>\n";
  for (const auto& q : items) {
    const std::string verdict = q["verdict"].get<std::string>();
    const char* zh = verdict == "met" ? "达成" : verdict == "missed" ? "未达成" : "无法判断";
    const Json& a = q["actual"];
    std::string evidence = "<b>" + escape_html(q["target"]["doc"].get<std::string>()) + "</b>: " +
                           escape_html(q["target"]["evidence"]["text"].get<std::string>());
    for (const auto& f : a["figures"])
      evidence += "<br><b>" + escape_html(a["doc"].get<std::string>()) + "</b>: " +
                  escape_html(f["evidence"]["text"].get<std::string>());
    for (const auto& e : a["evidence"])
      evidence += "<br><b>" + escape_html(a["doc"].get<std::string>()) + "</b>: " +
                  escape_html(e["text"].get<std::string>());
    if (!q["reason"].get<std::string>().empty())
      evidence += "<br><span class=\"note\">" + escape_html(q["reason"].get<std::string>()) + "</span>";
    out << "<tr class=\"" << verdict << "\"><td>" << escape_html(q["statement"].get<std::string>())
        << "</td><td class=\"num\">" << q["period"].get<int>() << "</td><td>"
        << escape_html(q["relation"].get<std::string>()) << "</td><td class=\"verdict\">" << zh
        << " " << verdict << "</td><td>" << evidence << "</td></tr>\n";
  }
  out << "</table>\n";
}

void render_indicators(std::ostringstream& out, const Json& indicators) {
  out << "<h3>指标变化 Indicator deltas</h3>\n";
  if (indicators.empty()) {
    out << "<p class=\"note\">No indicator appears in both reports.</p>\n";
    return;
  }
  out << "<table class=\"indicators\"><tr><th>指标 metric</th><th>基期 base</th><th>对比 compare</th>"
         "<th>总量变化 level Δ</th><th>增速变化 growth Δ</th></tr>\n";
  for (const auto& i : indicators) {
    const Json& d = i["delta"];
    std::string level_delta = "-", growth_delta = "-";
    if (d.contains("level")) {
      Json v = d["level"]["value"];
      level_delta = (v.get<double>() >= 0 ? "+" : "") + figure_text(v, d["level"]["unit"], Json(nullptr));
      if (d["level"]["percent"].is_number())
        level_delta += " (" + std::string(d["level"]["percent"].get<double>() >= 0 ? "+" : "") +
                       format_number(d["level"]["percent"].get<double>(), 1) + "%)";
    }
    if (d.contains("growth")) {
      const double g = d["growth"]["value"].get<double>();
      growth_delta = (g >= 0 ? "+" : "") + format_number(g) +
                     (d["growth"]["unit"] == "percentage_point" ? "个百分点" : "");
    }
    const auto side = [](const Json& s) {
      std::string text = "<span class=\"note\">" + std::to_string(s["period"].get<int>()) + "</span> ";
      if (s["level"].is_object()) text += escape_html(figure(s["level"]));
      if (s["growth"].is_object()) {
        const double g = s["growth"]["value"].is_number() ? s["growth"]["value"].get<double>() : 0;
        text += std::string(s["level"].is_object() ? "，" : "") + (g >= 0 ? "增长" : "下降") +
                escape_html(figure_text(s["growth"]["value"].is_number() ? Json(std::fabs(g)) : s["growth"]["value"],
                                        s["growth"]["unit"], Json(nullptr)));
      }
      return text;
    };
    // The metric, and for a vague one the words around its figure (惠及居民).
    out << "<tr><td>" << escape_html(i.value("label", i["metric"].get<std::string>()))
        << "</td><td>" << side(i["base"])
        << "</td><td>" << side(i["compare"]) << "</td><td class=\"num\">" << escape_html(level_delta)
        << "</td><td class=\"num\">" << escape_html(growth_delta) << "</td></tr>\n";
  }
  out << "</table>\n";
}

void render_entities(std::ostringstream& out, const Json& entities) {
  out << "<h3>企业与园区 Entities</h3>\n<table class=\"entities\"><tr><th>变化</th><th>名称 (次数)</th></tr>\n";
  const auto row = [&](const char* label, const Json& list, const char* cls) {
    std::string names;
    for (const auto& e : list) {
      if (!names.empty()) names += "、";
      names += escape_html(e["canonical"].get<std::string>()) + " <span class=\"note\">(" +
               std::to_string(e["base_count"].get<std::size_t>()) + "→" +
               std::to_string(e["compare_count"].get<std::size_t>()) + ")</span>";
    }
    out << "<tr class=\"" << cls << "\"><td>" << label << " " << list.size() << "</td><td>"
        << (names.empty() ? "-" : names) << "</td></tr>\n";
  };
  row("新增 added", entities["added"], "met");
  row("消失 removed", entities["removed"], "missed");
  row("保留 kept", entities["kept"], "same");
  out << "</table>\n";
}

void render_sections(std::ostringstream& out, const Comparison& c) {
  out << "<h3>章节对照 Sections side by side</h3>\n";
  const SentenceRenderer left(*c.base), right(*c.compare);
  for (const SectionPair& p : c.sections) {
    if (p.rows.empty()) continue;
    std::string title_b = p.preamble ? "(开头)" : section_heading(*c.base, p.base);
    std::string title_c = p.preamble ? "(开头)" : section_heading(*c.compare, p.compare);
    out << "<h4>" << escape_html(title_b.empty() ? "—" : title_b) << " ⇄ "
        << escape_html(title_c.empty() ? "—" : title_c);
    if (!p.preamble && p.base < 0) out << "<span class=\"tag\">新增章节</span>";
    if (!p.preamble && p.compare < 0) out << "<span class=\"tag\">删除章节</span>";
    if (p.renumbered) out << "<span class=\"tag\">重新编号</span>";
    if (p.retitled && p.base >= 0 && p.compare >= 0) out << "<span class=\"tag\">标题改动</span>";
    if (p.moved) out << "<span class=\"tag\">位置移动</span>";
    out << "</h4>\n<table class=\"side\"><tr><th class=\"b\">" << escape_html(c.base->doc->id())
        << "</th><th class=\"op\"></th><th class=\"c\">" << escape_html(c.compare->doc->id()) << "</th></tr>\n";
    for (const Row& r : p.rows) {
      // A sentence moved elsewhere shows once on each side: its old place (left) and its
      // new place (right).
      const long b = r.op == RowOp::kMovedIn ? -1 : r.base;
      const long cmp = r.op == RowOp::kMovedOut ? -1 : r.compare;
      out << "<tr class=\"" << row_class(r.op) << "\"><td class=\"b\">" << left.render(b)
          << "</td><td class=\"op\">" << row_label(r.op);
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

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string render_html_head() {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>reportlens 年度对比 year-over-year diff</title><style>"
      << kStyle << "</style></head><body>\n<h1>年度对比 Year-over-year diff</h1>\n";
  return out.str();
}

std::string render_html_comparisons(const std::vector<Comparison>& comparisons) {
  std::ostringstream out;
  for (const Comparison& c : comparisons) {
    out << "<h2>" << escape_html(c.base->doc->id()) << " → " << escape_html(c.compare->doc->id())
        << "</h2>\n";
    render_targets(out, c.json["targets"]);
    render_qualitative(out, c.json.value("qualitative_targets", Json::array()));
    render_indicators(out, c.json["indicators"]);
    render_entities(out, c.json["entities"]);
    render_sections(out, c);
  }
  return out.str();
}

std::string render_html_tail(bool no_comparisons) {
  return std::string(no_comparisons ? "<p>No pairs of reports to compare.</p>\n" : "") + "</body></html>\n";
}

std::string render_html(const std::vector<Comparison>& comparisons) {
  if (comparisons.empty()) return render_html_head() + render_html_tail(true);
  return render_html_head() + render_html_comparisons(comparisons) + render_html_tail(false);
}

}  // namespace reportlens::diff
