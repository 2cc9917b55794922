// A plugin as the SDK of ABI 1.2 built it: its stage descriptors end after `meta_produces`
// (no line_break_rules call). The host must load it, read its 1.2 declarations and treat the
// missing line-break rules as none.
#include <cstddef>

#include "reportlens/plugin.h"

namespace {

class Mark : public reportlens::DocumentStage {
 public:
  explicit Mark(const reportlens::StageContext&) {}
  void process(reportlens::Document& doc) const override { doc.meta()["abi2_mark"] = "ran"; }
};

// The 1.2 layout: reportlens_stage_info up to and including `meta_produces`.
struct StageInfoMinor2 {
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
  const char* projections;
  const char* meta_consumes;
  const char* meta_produces;
};
static_assert(sizeof(StageInfoMinor2) == offsetof(reportlens_stage_info, line_break_rules));

const StageInfoMinor2 stages[] = {
    {sizeof(StageInfoMinor2), "abi2-mark", "an ABI 1.2 stage", REPORTLENS_DOCUMENT_STAGE, "", "",
     R"({"type":"object","properties":{}})", &reportlens::detail::create_stage<Mark>,
     &reportlens::detail::run_stage<Mark, reportlens::Document>, &reportlens::detail::destroy_stage<Mark>, nullptr,
     nullptr, "", "abi2_mark"}};

const reportlens_plugin_info info = {sizeof(reportlens_plugin_info), REPORTLENS_ABI_MAJOR, 2, REPORTLENS_BUILD_KEY,
                                     "abi2", "1.2.0", "core test plugin built as for ABI 1.2", "see plugin README",
                                     1, reinterpret_cast<const reportlens_stage_info*>(stages)};

}  // namespace

extern "C" const reportlens_plugin_info* reportlens_plugin_entry() { return &info; }
BOOST_DLL_ALIAS(reportlens_plugin_entry, reportlens_plugin_info_v1)
