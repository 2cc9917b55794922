#include "run/batch_identity.h"

#include "reportlens/text.h"

#include <algorithm>

#include "reportlens/abi.h"
#include "util/sha256.h"

namespace reportlens {

Json make_provenance(const PipelineConfig& config, const PipelinePlan& plan) {
  Json plugins = Json::array();
  std::vector<const LoadedPlugin*> used;
  Json stages = Json::array();
  for (const auto* list : {&plan.document_stages, &plan.corpus_stages}) {
    for (const auto& s : *list) {
      stages.push_back({{"id", s.id}, {"use", s.handle->name}, {"plugin", s.handle->plugin->name},
                        {"settings", s.context.settings}});
      if (std::find(used.begin(), used.end(), s.handle->plugin) == used.end())
        used.push_back(s.handle->plugin);
    }
  }
  for (const auto* pl : used)
    plugins.push_back({{"name", pl->name}, {"version", pl->version},
                       {"file", pl->file.filename().string()}});
  Json out = Json::object();
  out["tool"] = "reportlens";
  out["version"] = REPORTLENS_VERSION;
  out["abi"] = std::to_string(REPORTLENS_ABI_MAJOR) + "." + std::to_string(REPORTLENS_ABI_MINOR);
  out["pipeline_file"] = config.file.filename().string();
  out["pipeline_sha256"] = config.sha256;
  out["plugins"] = std::move(plugins);
  out["stages"] = std::move(stages);
  return out;
}

std::string make_pipeline_hash(const PipelinePlan& plan) {
  Json key = Json::object();
  key["tool"] = REPORTLENS_VERSION;
  key["abi"] = std::to_string(REPORTLENS_ABI_MAJOR) + "." + std::to_string(REPORTLENS_ABI_MINOR);
  Json stages = Json::array();
  for (const auto* list : {&plan.document_stages, &plan.corpus_stages})
    for (const auto& s : *list)
      stages.push_back({{"use", s.handle->name}, {"plugin", s.handle->plugin->name},
                        {"plugin_version", s.handle->plugin->version}, {"settings", s.context.settings}});
  key["stages"] = std::move(stages);
  return sha256_hex(key.dump());
}

std::string make_result_key(const std::string& pipeline_hash, const std::string& input_sha256) {
  return sha256_hex(pipeline_hash + ":" + input_sha256);
}

std::string utf8_name(const std::string& raw) {
  std::string_view rest(raw);
  if (find_invalid_utf8(rest) == std::string_view::npos && raw.find('%') == std::string::npos) return raw;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  const auto escape = [&](unsigned char c) {
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  while (!rest.empty()) {
    const std::size_t bad = find_invalid_utf8(rest);
    const std::string_view good = rest.substr(0, bad == std::string_view::npos ? rest.size() : bad);
    for (char c : good) {
      if (c == '%') escape('%');
      else out += c;
    }
    if (bad == std::string_view::npos) break;
    escape(static_cast<unsigned char>(rest[bad]));  // one byte at a time: the rest is scanned again
    rest.remove_prefix(bad + 1);
  }
  return out;
}

std::string printable(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      const auto c1 = static_cast<unsigned char>(text[++i]);  // U+0080..U+009F
      out += "\\u00";
      out += kHex[c1 >> 4];
      out += kHex[c1 & 15];
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace reportlens
