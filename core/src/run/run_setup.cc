#include "run/run_setup.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "input/input_resolver.h"
#include "input/input_roles.h"
#include "output/output_sink.h"
#include "pipeline/config_issue.h"
#include "pipeline/yaml_guard.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

// "i/N" -> (i, N), 1 <= i <= N; nullopt when empty. Throws ConfigError when malformed.
std::optional<std::pair<std::size_t, std::size_t>> parse_shard(const std::string& shard) {
  if (shard.empty()) return std::nullopt;
  const auto slash = shard.find('/');
  // Digits only: stoul would take "-3" (as a huge number) and " 3".
  const bool digits = shard.find_first_not_of("0123456789/") == std::string::npos;
  std::size_t i = 0, n = 0;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    std::size_t used = 0;
    i = std::stoul(shard.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("junk");
    n = std::stoul(shard.substr(slash + 1), &used);
    if (used != shard.size() - slash - 1) throw std::invalid_argument("junk");
  } catch (const std::exception&) {
    n = 0;
  }
  if (!digits || n == 0 || i < 1 || i > n)
    throw ConfigError({{"--shard", 0, 0, "'" + shard + "': expected I/N with 1 <= I <= N, e.g. 3/8"}});
  return std::make_pair(i, n);
}

// FNV-1a of the document id: a shard's share depends only on the id, not on the order or
// the number of other inputs, so shards stay stable when inputs are added.
std::uint64_t id_hash(const std::string& id) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::vector<std::string> choose_formats(const RunOptions& o, const PipelineConfig& config,
                                        const fs::path& output) {
  std::vector<std::string> formats;
  const bool wants_series = std::find(config.output.formats.begin(), config.output.formats.end(),
                                      "series") != config.output.formats.end();
  const std::string by_extension = format_for_extension(output);
  if (!o.output.empty() && !by_extension.empty()) {
    formats.push_back(by_extension);  // --output x.sqlite: that store (plus the series report)
    if (wants_series) formats.push_back("series");
  } else if (config.output.formats_given) {
    formats = config.output.formats;
  } else {
    formats.push_back(by_extension.empty() ? "json" : by_extension);
  }
  formats.erase(std::remove(formats.begin(), formats.end(), "html"), formats.end());
  if (formats.empty() || (formats.size() == 1 && formats[0] == "series")) formats.insert(formats.begin(), "json");
  return formats;
}
}  // namespace

// --trace: every document stage with a `trace` setting gets it on; documents run in-process
// (the trace annotations travel with the document to the writer).
static void plan_trace(Prepared& p, const RunOptions& o, std::vector<ConfigIssue>& issues) {
  std::vector<std::pair<std::string, const Json*>> schemas;
  for (const auto& s : p.plan.document_stages) schemas.emplace_back(s.id, &s.handle->schema);
  std::vector<std::string> overrides = trace_overrides(schemas);
  if (overrides.empty())
    issues.push_back({"--trace", 0, 0, "no stage of " + p.config.file.string() + " has a trace setting"});
  if (o.isolate > 0) issues.push_back({"--trace", 0, 0, "runs documents in-process: drop --isolate"});
  if (overrides.empty() || o.isolate > 0) return;
  overrides.insert(overrides.begin(), o.settings.begin(), o.settings.end());
  p.plan = make_plan(p.config, p.registry, overrides);
}

Prepared prepare(const RunOptions& o) {
  Prepared p;
  // Every validation problem (structure, stages, settings, inputs) is collected and
  // reported at once; only an unreadable file or a plugin refusal stops earlier.
  std::vector<ConfigIssue> issues;
  {
    // What yaml-cpp would accept silently (yaml_guard.h) is refused before it is loaded.
    std::ifstream in(o.pipeline_file, std::ios::binary);
    if (in) {
      std::ostringstream bytes;
      bytes << in.rdbuf();
      check_pipeline_yaml(bytes.str(), o.pipeline_file.string(), issues);
      if (!issues.empty()) throw ConfigError(std::move(issues));
    }
  }
  p.config = load_pipeline_config(o.pipeline_file, issues);
  std::vector<std::string> used;  // only the plugins of these stages are opened
  for (const auto& st : p.config.stages) used.push_back(st.use);
  p.registry.discover_stages(PluginRegistry::search_path(o.plugin_paths), used);
  p.registry.throw_if_rejected();
  bool planned = true;
  try {
    p.plan = make_plan(p.config, p.registry, o.settings);
    if (!o.trace.empty()) plan_trace(p, o, issues);
  } catch (const ConfigError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
    planned = false;
  }

  std::optional<std::pair<std::size_t, std::size_t>> shard;
  try {
    shard = parse_shard(o.shard);
  } catch (const ConfigError& e) {
    issues.insert(issues.end(), e.issues().begin(), e.issues().end());
  }
  if (shard)
    p.in_shard = [i = shard->first, n = shard->second](const std::string& id) { return id_hash(id) % n == i - 1; };
  if (!o.inputs.empty()) {
    for (const auto& a : o.inputs) p.input_specs.push_back(parse_input_argument(a));
    p.input_base = fs::current_path();
    p.input_origin = "--input";
  } else {
    p.input_specs = p.config.inputs;
    p.input_base = p.config.dir;
    p.input_origin = p.config.file.string();
  }
  if (planned) check_input_roles(p.input_specs, p.input_origin, p.plan, issues);
  // One walk over the inputs checks them (and counts this run's share) before anything runs.
  check_inputs(p.input_specs, p.input_base, p.input_origin, p.in_shard, p.input_count, issues);
  if (o.inputs.empty() && p.config.inputs.empty())
    issues.push_back({p.config.file.string(), 0, 0, "no inputs: add 'inputs:' or pass --input"});
  if (!issues.empty()) throw ConfigError(std::move(issues));

  if (!o.output.empty()) p.output = o.output;
  else if (!p.config.output.path.empty())
    p.output = (p.config.dir / p.config.output.path).lexically_normal();
  else if (p.config.name.find_first_of("/\\") != std::string::npos || p.config.name.empty() ||
           p.config.name == "." || p.config.name == "..")
    // The default output is out/NAME.json: a name with a path in it would write elsewhere.
    throw ConfigError({{p.config.file.string(), 0, 0,
                        "name '" + p.config.name + "' is not a plain file name, so the default output out/" +
                            p.config.name + ".json would leave out/: rename it or set output.path / --output"}});
  else p.output = fs::path("out") / (p.config.name + ".json");
  if (const std::string problem = unsupported_output_extension(p.output); !problem.empty())
    throw ConfigError({{o.output.empty() ? p.config.file.string() : "--output", 0, 0, problem}});
  p.formats = choose_formats(o, p.config, p.output);
  return p;
}

bool wants(const Prepared& p, const std::string& format) {
  return std::find(p.formats.begin(), p.formats.end(), format) != p.formats.end();
}

RunIdentity identity_of(const Prepared& p, const RunOptions& o) {
  RunIdentity id;
  id.pipeline = p.config.name;
  id.pipeline_hash = make_pipeline_hash(p.plan);
  id.provenance = make_provenance(p.config, p.plan);
  id.provenance["pipeline_hash"] = id.pipeline_hash;
  id.shard = o.shard;
  return id;
}

unsigned job_count(const RunOptions& o, std::size_t n) {
  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(n, 1)));
}


std::vector<std::unique_ptr<StoreLock>> guard_outputs(const Prepared& p, const RunOptions& o) {
  std::vector<fs::path> input_files;
  for (const auto& spec : p.input_specs) {
    const fs::path path = (p.input_base / spec.path).lexically_normal();
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) input_files.push_back(path);
  }
  std::vector<std::unique_ptr<StoreLock>> locks;
  for (const auto& f : p.formats) {
    if (f == "series") continue;
    const fs::path path = path_for_format(p.output, f);
    check_not_an_input(path, input_files);
    std::error_code ec;
    if (fs::is_directory(path, ec))
      throw HostError(ExitCode::kOutput, path.string() + ": is a directory; give a file name for the output");
    if (f == "json") continue;  // written beside and renamed over: nothing to lock or check
    check_store_target(path, f);
    locks.push_back(std::make_unique<StoreLock>(path, o.wait_lock));
    check_store_target(path, f);  // again, now that no other run can be changing it
  }
  return locks;
}

}  // namespace reportlens
