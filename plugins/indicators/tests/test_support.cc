#include "test_support.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "indicator_extractor.h"
#include "reportlens/testing.h"

namespace reportlens::indicators::testing {

const Lexicon& shipped_lexicon() {
  static const Lexicon lexicon = [] {
    Lexicon l;
    l.load_words(std::string(INDICATORS_DATA_DIR) + "/lexicon.yaml");
    l.load_catalogue(std::string(INDICATORS_DATA_DIR) + "/catalogue.yaml");
    return l;
  }();
  return lexicon;
}

std::unique_ptr<Document> run_all(const std::string& text, const std::string& id, Json meta) {
  try {
    return reportlens::testing::run_stages({{"segment"}, {"numbers"}, {"indicators"}}, text,
                                           std::move(meta), {}, id);
  } catch (const std::exception& e) {
    if (std::string(e.what()).find("numbers") != std::string::npos) return nullptr;
    throw;
  }
}

Json fact_with_evidence(const Document& doc, const std::string& surface, const std::string& type) {
  for (const auto& a : doc.annotations(type))
    if (a.attrs["evidence"].get<std::string>().find(surface) != std::string::npos) return a.attrs;
  return Json();
}

std::unique_ptr<Document> extract(const std::string& text, const std::vector<Q>& quantities,
                                  Json meta, const std::vector<Sec>& sections) {
  auto doc = std::make_unique<Document>("test.txt", "test.txt", text, std::move(meta));
  std::size_t from = 0;
  for (const auto& q : quantities) {
    std::size_t at = text.find(q.surface, from);
    if (at == std::string::npos) throw std::runtime_error("mention not in text: " + q.surface);
    Json attrs;
    attrs["kind"] = !q.kind.empty() ? q.kind : (q.unit == "percent" ? "percent" : "quantity");
    attrs["value"] = q.value;
    attrs["unit"] = q.unit;
    attrs["qualifier"] = q.qualifier.empty() ? Json() : Json(q.qualifier);
    attrs["surface_unit"] = "";
    doc->add("quantity", at, at + q.surface.size(), attrs);
    from = at + q.surface.size();
  }
  for (std::size_t i = 0; i < sections.size(); ++i) {
    std::size_t b = text.find(sections[i].heading);
    if (b == std::string::npos) throw std::runtime_error("heading not in text");
    std::size_t e = i + 1 < sections.size() ? text.find(sections[i + 1].heading) : text.size();
    doc->add("section", b, e,
             Json{{"level", 1}, {"title", sections[i].heading}, {"scope", sections[i].scope}});
  }
  extract_indicators(*doc, shipped_lexicon());
  return doc;
}

std::vector<Json> facts(const Document& doc) {
  std::vector<Json> out;
  for (const auto& a : doc.annotations("indicator")) out.push_back(a.attrs);
  return out;
}

Json find_fact(const Document& doc, const std::string& metric, int period) {
  for (const auto& a : doc.annotations("indicator"))
    if (a.attrs["metric"] == metric && a.attrs["period"] == period) return a.attrs;
  return Json();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace reportlens::indicators::testing
