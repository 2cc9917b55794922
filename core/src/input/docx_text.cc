// The DOCX reader of libreportlens-readers.so (docx_text.h says what it reads, binary_readers.h
// why it is a library of its own).
#include "input/binary_readers.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "run/errors.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using XmlPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

ZipPtr open_zip(const std::string& bytes, const std::string& file) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  if (!z) {
    const std::string why = zip_error_strerror(&error);
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    throw HostError(ExitCode::kInput, file + ": damaged zip archive (not a readable DOCX): " + why);
  }
  zip_error_fini(&error);
  return ZipPtr(z);
}

// The entry's bytes; nullopt when the archive has no such entry. An entry that is there but
// cannot be inflated (a damaged archive) throws.
std::optional<std::string> read_entry(zip_t* z, const std::string& name, const std::string& file) {
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::nullopt;
  const auto damaged = [&](const std::string& why) {
    return HostError(ExitCode::kInput, file + ": damaged DOCX: " + name + " cannot be read (" + why + ")");
  };
  if (!(st.valid & ZIP_STAT_SIZE)) throw damaged("no size");
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen(z, name.c_str(), 0), zip_fclose);
  if (!f) throw damaged(zip_strerror(z));
  std::string data(st.size, '\0');
  const zip_int64_t got = zip_fread(f.get(), data.data(), st.size);
  if (got != static_cast<zip_int64_t>(st.size)) throw damaged(got < 0 ? zip_file_strerror(f.get()) : "short read");
  return data;
}

XmlPtr parse_xml(const std::string& data, const std::string& part, const std::string& file) {
  xmlDoc* doc = xmlReadMemory(data.data(), static_cast<int>(data.size()), part.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (!doc || !xmlDocGetRootElement(doc)) {
    const xmlError* e = xmlGetLastError();
    throw HostError(ExitCode::kInput, file + ": " + part + (e ? ":" + std::to_string(e->line) : "") +
                                          ": damaged XML in the Word document");
  }
  return XmlPtr(doc);
}

bool is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST kWordNs) &&
         xmlStrEqual(n->name, BAD_CAST name);
}

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST kWordNs);
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

const xmlNode* child(const xmlNode* n, const char* name) {
  for (const xmlNode* c = n->children; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

// The main document part, as _rels/.rels names it (word/document.xml when it does not).
std::string main_part(zip_t* z, const std::string& file) {
  const auto rels = read_entry(z, "_rels/.rels", file);
  if (!rels) return "word/document.xml";
  const XmlPtr doc = parse_xml(*rels, "_rels/.rels", file);
  for (const xmlNode* r = xmlDocGetRootElement(doc.get())->children; r; r = r->next) {
    if (r->type != XML_ELEMENT_NODE) continue;
    xmlChar* type = xmlGetProp(r, BAD_CAST "Type");
    xmlChar* target = xmlGetProp(r, BAD_CAST "Target");
    std::string t = type ? reinterpret_cast<const char*>(type) : "";
    std::string path = target ? reinterpret_cast<const char*>(target) : "";
    xmlFree(type);
    xmlFree(target);
    if (t.ends_with("/officeDocument") && !path.empty()) return path[0] == '/' ? path.substr(1) : path;
  }
  return "word/document.xml";
}

// Heading level of each paragraph style: "heading N" -> N, Title -> 1, outline level k -> k+1.
std::map<std::string, int> heading_styles(zip_t* z, const std::string& file) {
  std::map<std::string, int> levels;
  const auto styles = read_entry(z, "word/styles.xml", file);
  if (!styles) return levels;
  const XmlPtr doc = parse_xml(*styles, "word/styles.xml", file);
  for (const xmlNode* s = xmlDocGetRootElement(doc.get())->children; s; s = s->next) {
    if (!is(s, "style")) continue;
    const xmlNode* name = child(s, "name");
    std::string n = name ? attr(name, "val") : "";
    for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int level = 0;
    if (n.starts_with("heading ") && n.size() == 9 && n[8] >= '1' && n[8] <= '9') level = n[8] - '0';
    else if (n == "title") level = 1;
    const xmlNode* ppr = child(s, "pPr");
    const xmlNode* outline = ppr ? child(ppr, "outlineLvl") : nullptr;
    if (level == 0 && outline) {
      const std::string v = attr(outline, "val");
      if (v.size() == 1 && v[0] >= '0' && v[0] <= '8') level = v[0] - '0' + 1;
    }
    if (level > 0) levels[attr(s, "styleId")] = level;
  }
  return levels;
}

class BodyReader {
 public:
  explicit BodyReader(std::map<std::string, int> styles) : styles_(std::move(styles)) {}

  void blocks(const xmlNode* parent) {
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (is(n, "p")) paragraph(n);
      else if (is(n, "tbl")) table(n);
      else if (is(n, "sdt")) {
        if (const xmlNode* content = child(n, "sdtContent")) blocks(content);
      } else if (n->type == XML_ELEMENT_NODE && !is(n, "sectPr")) {
        blocks(n);  // customXml and other wrappers around paragraphs
      }
    }
  }

  ExtractedText finish() { return std::move(out_); }

 private:
  // Text of the runs below `n`, in order.
  void inline_text(const xmlNode* n, std::string& text) const {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, "t")) {
        xmlChar* content = xmlNodeGetContent(c);
        if (content) text += reinterpret_cast<const char*>(content);
        xmlFree(content);
      } else if (is(c, "tab")) {
        text += '\t';
      } else if (is(c, "br") || is(c, "cr")) {
        text += '\n';
      } else if (is(c, "noBreakHyphen")) {
        text += '-';
      } else if (is(c, "del") || is(c, "instrText") || is(c, "delText") || is(c, "pPr") || is(c, "rPr")) {
        continue;  // deleted text, field codes, formatting
      } else {
        inline_text(c, text);  // r, ins, hyperlink, smartTag, fldSimple, sdt...
      }
    }
  }

  int level_of(const xmlNode* p) const {
    const xmlNode* ppr = child(p, "pPr");
    if (!ppr) return 0;
    if (const xmlNode* outline = child(ppr, "outlineLvl")) {
      const std::string v = attr(outline, "val");
      if (v.size() == 1 && v[0] >= '0' && v[0] <= '8') return v[0] - '0' + 1;
    }
    const xmlNode* style = child(ppr, "pStyle");
    const auto it = style ? styles_.find(attr(style, "val")) : styles_.end();
    return it == styles_.end() ? 0 : it->second;
  }

  void append_block(const std::string& text, int level) {
    if (text.find_first_not_of(" \t\n") == std::string::npos) return;
    if (!out_.text.empty()) {
      out_.text += "\n\n";
      code_points_ += 2;
    }
    const std::size_t begin = code_points_;
    out_.text += text;
    code_points_ += code_point_count(text);
    if (level > 0) add_heading_hint(out_.meta, begin, code_points_, level, text);
  }

  void paragraph(const xmlNode* p) {
    std::string text;
    inline_text(p, text);
    append_block(text, level_of(p));
  }

  // One line per row, cells separated by tabs (a cell's paragraphs joined by spaces).
  void table(const xmlNode* tbl) {
    std::string rows;
    for (const xmlNode* tr = tbl->children; tr; tr = tr->next) {
      if (!is(tr, "tr")) continue;
      std::string row;
      bool first = true;
      for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
        if (!is(tc, "tc")) continue;
        std::string cell;
        for (const xmlNode* p = tc->children; p; p = p->next) {
          if (!is(p, "p")) continue;
          std::string text;
          inline_text(p, text);
          if (!text.empty()) cell += (cell.empty() ? "" : " ") + text;
        }
        for (char& c : cell)
          if (c == '\t' || c == '\n') c = ' ';
        row += (first ? "" : "\t") + cell;
        first = false;
      }
      if (row.find_first_not_of('\t') != std::string::npos) rows += (rows.empty() ? "" : "\n") + row;
    }
    append_block(rows, 0);
  }

  std::map<std::string, int> styles_;
  ExtractedText out_;
  std::size_t code_points_ = 0;
};

}  // namespace

ExtractedText binary_readers::docx_text(const std::string& bytes, const std::string& file) {
  static std::once_flag once;  // libxml2 wants its parser set up once before threads use it
  std::call_once(once, [] { xmlInitParser(); });
  const ZipPtr z = open_zip(bytes, file);
  const std::string part = main_part(z.get(), file);
  const auto body_xml = read_entry(z.get(), part, file);
  if (!body_xml) {
    const bool word_like = zip_name_locate(z.get(), "[Content_Types].xml", 0) >= 0;
    throw HostError(ExitCode::kInput,
                    word_like ? file + ": damaged DOCX: the archive has no " + part + " (its main document part)"
                              : file + ": a zip archive, not a Word document (no " + part +
                                    "); only DOCX files are read from zip archives");
  }
  const XmlPtr doc = parse_xml(*body_xml, part, file);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const xmlNode* body = child(root, "body");
  if (!body) throw HostError(ExitCode::kInput, file + ": " + part + ": no w:body element: not a Word document");
  BodyReader reader(heading_styles(z.get(), file));
  reader.blocks(body);
  ExtractedText out = reader.finish();
  if (find_invalid_utf8(out.text) != std::string::npos)
    throw HostError(ExitCode::kInput, file + ": " + part + ": text is not valid UTF-8");
  return out;
}

bool binary_readers::zip_holds_word_document(const std::string& path) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!z) return false;
  const bool found = zip_name_locate(z, "word/document.xml", 0) >= 0;
  zip_discard(z);
  return found;
}

}  // namespace reportlens
