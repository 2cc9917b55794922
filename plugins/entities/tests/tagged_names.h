// Shared by the stage-level entity tests: runs segment + entities (patterns only, no shipped
// gazetteers) on an invented text and returns each tagged name with its kind, rule and confidence.
#pragma once

#include <map>
#include <string>

#include "reportlens/testing.h"

namespace reportlens::entities::test {

struct Found {
  std::string kind, rule;
  double confidence = 0.0;
};

inline std::map<std::string, Found> tag(const std::string& text, Json settings = Json::object()) {
  settings["shipped_gazetteers"] = Json::array();
  auto doc = reportlens::testing::run_stages({{"segment"}, {"entities", settings}}, text, Json::object());
  std::map<std::string, Found> out;
  for (const auto& a : doc->annotations("entity"))
    out[std::string(doc->slice(a.begin, a.end))] = {a.attrs["kind"], a.attrs.value("rule", ""),
                                                    a.attrs["confidence"].get<double>()};
  return out;
}

}  // namespace reportlens::entities::test
