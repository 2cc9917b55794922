// What identifies a pipeline's results: the provenance written into every output and the
// pipeline hash that keys resumable results.
#pragma once

#include <string>

#include "pipeline/pipeline_config.h"
#include "pipeline/pipeline_plan.h"
#include "reportlens/document.h"

namespace reportlens {

// tool, version, ABI, pipeline file and its sha256, plugins (name, version, file), stages.
Json make_provenance(const PipelineConfig& config, const PipelinePlan& plan);

// sha256 over what decides a document's result: each stage (name, plugin, plugin version,
// validated settings, in order) and the tool's version and ABI. Not the YAML bytes: adding
// an input or editing a comment must not invalidate finished results.
std::string make_pipeline_hash(const PipelinePlan& plan);

// A file name (id or shown path) as valid UTF-8, losslessly and uniquely: a name that is
// valid UTF-8 and holds no '%' is kept as it is; otherwise each '%' and each byte of an
// invalid sequence become %XX (e.g. a GBK name from a Windows zip: "%B1%A8%B8%E6.txt").
// Two different names never give the same result, and the bytes can be recovered.
std::string utf8_name(const std::string& raw);

// `text` for a terminal line: control characters (C0, DEL, C1: escape sequences, carriage
// returns, bells from file names or stage messages) become \xNN / \u00NN, never raw.
std::string printable(const std::string& text);

// sha256(pipeline_hash ":" input_sha256): equal keys mean an equal result.
std::string make_result_key(const std::string& pipeline_hash, const std::string& input_sha256);

}  // namespace reportlens
