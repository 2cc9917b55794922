// A plugin as the SDK of ABI 1.1 built it: its stage descriptors end after `grouped` (no
// projections, no meta keys), so its stages array has elements smaller than this host's
// reportlens_stage_info. The host must still load both stages (stepping by the plugin's
// struct_size) and treat the missing declarations as none.
#include <cstddef>

#include "reportlens/plugin.h"

namespace {

class NoOp : public reportlens::DocumentStage {
 public:
  explicit NoOp(const reportlens::StageContext&) {}
  void process(reportlens::Document&) const override {}
};

// Marks the document, so a test sees that the second stage of the array really ran.
class Mark : public reportlens::DocumentStage {
 public:
  explicit Mark(const reportlens::StageContext&) {}
  void process(reportlens::Document& doc) const override { doc.meta()["old_abi_mark"] = "ran"; }
};

// The 1.1 layout: reportlens_stage_info up to and including `grouped`.
struct StageInfoMinor1 {
  uint32_t struct_size;
  const char* name;
  const char* summary;
  int32_t kind;
  const char* consumes;
  const char* produces;
  const char* settings_schema;
  void* (*create)(const void* context, char* error, size_t error_size);
  int (*run)(void* stage, void* target, char* error, size_t error_size);
  void (*destroy)(void* stage);
  int (*grouped)(void* stage, int32_t op, void* target, char* error, size_t error_size);
};
static_assert(sizeof(StageInfoMinor1) == offsetof(reportlens_stage_info, projections));

constexpr const char* kNoSettings = R"({"type":"object","properties":{}})";

template <class StageT>
StageInfoMinor1 minor1_stage(const char* name, const char* produces) {
  return {sizeof(StageInfoMinor1), name, "an ABI 1.1 stage", REPORTLENS_DOCUMENT_STAGE, "", produces, kNoSettings,
          &reportlens::detail::create_stage<StageT>, &reportlens::detail::run_stage<StageT, reportlens::Document>,
          &reportlens::detail::destroy_stage<StageT>, nullptr};
}

const StageInfoMinor1 stages[] = {minor1_stage<NoOp>("old-abi-first", ""), minor1_stage<Mark>("old-abi-mark", "")};

const reportlens_plugin_info info = {sizeof(reportlens_plugin_info), REPORTLENS_ABI_MAJOR, 1, REPORTLENS_BUILD_KEY,
                                     "oldabi", "1.1.0", "core test plugin built as for ABI 1.1", "see plugin README",
                                     2, reinterpret_cast<const reportlens_stage_info*>(stages)};

}  // namespace

extern "C" const reportlens_plugin_info* reportlens_plugin_entry() { return &info; }
BOOST_DLL_ALIAS(reportlens_plugin_entry, reportlens_plugin_info_v1)
