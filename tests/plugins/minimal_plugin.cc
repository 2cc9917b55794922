// The smallest valid plugin: one document stage that adds nothing. Compiled several times by
// tests/plugins/CMakeLists.txt with different names, versions, ABI majors and build keys.
#include "reportlens/plugin.h"

#ifndef TEST_PLUGIN_NAME
#error "TEST_PLUGIN_NAME, TEST_STAGE_NAME and TEST_PLUGIN_VERSION are set by CMake"
#endif

namespace {

class NoOp : public reportlens::DocumentStage {
 public:
  explicit NoOp(const reportlens::StageContext&) {}
  void process(reportlens::Document&) const override {}
};

}  // namespace

REPORTLENS_PLUGIN(TEST_PLUGIN_NAME, TEST_PLUGIN_VERSION, "core test plugin " TEST_PLUGIN_NAME,
                  reportlens::document_stage<NoOp>(TEST_STAGE_NAME, "does nothing", "", "",
                                                   R"({"type":"object","properties":{}})"));
