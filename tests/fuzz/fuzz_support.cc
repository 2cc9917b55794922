#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "plugins/plugin_registry.h"
#include "run/errors.h"

namespace reportlens::fuzz {

struct StageChain::Impl {
  PluginRegistry registry;
  std::vector<StageContext> contexts;
  std::vector<std::unique_ptr<StageInstance>> stages;
};

StageChain::StageChain(const std::vector<std::string>& names) : impl_(std::make_unique<Impl>()) {
  impl_->registry.discover_stages({REPORTLENS_FUZZ_PLUGIN_DIR}, names);
  impl_->contexts.reserve(names.size());
  for (const auto& name : names) {
    const StageHandle* h = impl_->registry.find_stage(name);
    if (h == nullptr) {
      std::fprintf(stderr, "fuzz: no stage '%s' in %s\n", name.c_str(), REPORTLENS_FUZZ_PLUGIN_DIR);
      std::abort();
    }
    StageContext ctx;
    // Named, not iterated as a temporary: items() only refers to the object, so a range-for
    // over value(...).items() walked a destroyed copy (ASan: stack-use-after-scope).
    const Json properties = h->schema.value("properties", Json::object());
    for (const auto& [key, spec] : properties.items())
      if (spec.contains("default")) ctx.settings[key] = spec["default"];
    ctx.pipeline_dir = std::filesystem::current_path();
    ctx.data_dir = h->plugin->data_dir;
    impl_->contexts.push_back(ctx);
    impl_->stages.push_back(std::make_unique<StageInstance>(*h, impl_->contexts.back()));
  }
}

StageChain::~StageChain() = default;

void StageChain::run(const std::string& text) const {
  Document doc("fuzz.txt", "fuzz.txt", text);
  // A stage that refuses a document fails that document only (StageError): not a finding.
  // Crashes, sanitizer reports, hangs and anything else thrown are.
  for (const auto& stage : impl_->stages) {
    try {
      stage->run(doc);
    } catch (const StageError&) {
      return;
    }
  }
}

}  // namespace reportlens::fuzz
