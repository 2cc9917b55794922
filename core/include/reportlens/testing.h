// Test harness for stage authors: run stages, through the real plugin loader, on a string or
// a file, and compare results with golden JSON files.
//
//   auto doc = reportlens::testing::run_stages({{"segment"}, {"numbers"}}, "增长1.5%。");
//   EXPECT_EQ(doc->annotations("quantity").size(), 1u);
//
// Plugins are found as `pipeline` finds them (REPORTLENS_PLUGIN_PATH, the install prefix,
// the build tree) plus `plugin_paths`. Settings are merged over the defaults of each stage's
// schema (unlike `pipeline`, the harness does not type-check them).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::testing {

struct StageRun {
  std::string stage;
  Json settings = Json::object();  // merged over the stage's defaults
};

// Runs document stages in order on `text`; throws std::runtime_error with the stage's message.
std::unique_ptr<Document> run_stages(const std::vector<StageRun>& stages, const std::string& text,
                                     Json meta = Json::object(),
                                     const std::vector<std::string>& plugin_paths = {},
                                     const std::string& id = "test.txt");

// Runs document stages on a file read as `pipeline run` reads an input: encoding detected
// (UTF-8, UTF-16 with BOM, GB18030/GBK), HTML reduced to its text, meta "encoding", "format"
// and "bytes" set (merged under `meta`). The document id is the file name.
std::unique_ptr<Document> run_stages_on_file(const std::vector<StageRun>& stages,
                                             const std::string& path, Json meta = Json::object(),
                                             const std::vector<std::string>& plugin_paths = {});

struct CorpusResult {
  std::vector<std::unique_ptr<Document>> documents;
  Json comparisons;
  std::map<std::string, std::string> side_outputs;
};

// Runs document stages on each (id, text) then the corpus stages among `stages`.
CorpusResult run_corpus(const std::vector<StageRun>& stages,
                        const std::vector<std::pair<std::string, std::string>>& documents,
                        const std::vector<Json>& metas = {},
                        const std::vector<std::string>& plugin_paths = {});

// The document as the JSON result contract writes it (code point offsets).
Json to_json(const Document& document);

// Golden files: compares `actual` with the JSON in `path`; when the environment variable
// REPORTLENS_UPDATE_GOLDEN is set, (re)writes the file instead. Returns "" when equal,
// else a short description of the first difference.
std::string compare_golden(const Json& actual, const std::string& path);

}  // namespace reportlens::testing
