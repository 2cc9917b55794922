// Declaring a plugin: one macro per library.
//
//   class Counter : public reportlens::DocumentStage { ... };
//
//   REPORTLENS_PLUGIN("counter", "1.0.0", "Counts policy terms",
//     reportlens::document_stage<Counter>(
//         "count-terms", "Counts terms from a list",
//         /*consumes=*/"sentence", /*produces=*/"term",
//         R"({"type":"object","properties":{"terms":{"type":"array","items":{"type":"string"},
//             "default":[]}},"additionalProperties":false})"));
//
// The macro builds the C descriptor (abi.h), wraps every call so that no exception leaves
// the library, and exports the entry point as a Boost.DLL alias.
#pragma once

#include <concepts>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>

#include <boost/dll/alias.hpp>

#include "reportlens/abi.h"
#include "reportlens/stage.h"

namespace reportlens::detail {

inline void write_error(char* buffer, std::size_t size, const char* message) {
  if (buffer != nullptr && size > 0) std::snprintf(buffer, size, "%s", message);
}

template <class Fn>
int guarded(char* error, std::size_t error_size, Fn&& fn) noexcept {
  try {
    fn();
    return 0;
  } catch (const std::exception& e) {
    write_error(error, error_size, e.what());
  } catch (...) {
    write_error(error, error_size, "unknown exception");
  }
  return 1;
}

template <class StageT>
void* create_stage(const void* context, char* error, std::size_t error_size) noexcept {
  void* made = nullptr;
  guarded(error, error_size, [&] {
    made = new StageT(*static_cast<const StageContext*>(context));
  });
  return made;
}

template <class StageT, class Target>
int run_stage(void* stage, void* target, char* error, std::size_t error_size) noexcept {
  return guarded(error, error_size, [&] {
    static_cast<const StageT*>(stage)->process(*static_cast<Target*>(target));
  });
}

template <class StageT>
void destroy_stage(void* stage) noexcept {
  delete static_cast<StageT*>(stage);
}

// A stage that supplies LineBreakRules (stage.h): defines `line_break_rules() const`.
template <class StageT>
concept SuppliesLineBreakRules = requires(const StageT& s) {
  { s.line_break_rules() } -> std::convertible_to<LineBreakRules>;
};

template <class StageT>
int stage_line_break_rules(void* stage, void* target, char* error, std::size_t error_size) noexcept {
  return guarded(error, error_size, [&] {
    *static_cast<LineBreakRules*>(target) = static_cast<const StageT*>(stage)->line_break_rules();
  });
}

// The descriptor's line_break_rules call: filled in when the stage defines it.
template <class StageT>
constexpr decltype(reportlens_stage_info::line_break_rules) line_break_rules_call() {
  if constexpr (SuppliesLineBreakRules<StageT>) return &stage_line_break_rules<StageT>;
  return nullptr;
}

// The streaming corpus stage's calls (abi.h, reportlens_grouped_op).
template <class StageT>
int run_grouped(void* stage, int32_t op, void* target, char* error, std::size_t error_size) noexcept {
  return guarded(error, error_size, [&] {
    const StageT& s = *static_cast<const StageT*>(stage);
    switch (op) {
      case REPORTLENS_GROUPED_GROUPING: *static_cast<Grouping*>(target) = s.grouping(); break;
      case REPORTLENS_GROUPED_PLACE: {
        auto& call = *static_cast<PlaceCall*>(target);
        call.place = s.place(*call.document);
        break;
      }
      case REPORTLENS_GROUPED_BEGIN: s.begin(*static_cast<Corpus*>(target)); break;
      case REPORTLENS_GROUPED_GROUP: {
        auto& call = *static_cast<GroupCall*>(target);
        s.process_group(*call.group, *call.corpus);
        break;
      }
      case REPORTLENS_GROUPED_FINISH: s.finish(*static_cast<Corpus*>(target)); break;
      default: throw std::invalid_argument("unknown grouped corpus stage call " + std::to_string(op));
    }
  });
}

}  // namespace reportlens::detail

namespace reportlens {

// A stage's descriptor as REPORTLENS_PLUGIN takes it: the C struct of abi.h, with the
// optional declarations of ABI minor 2 added by chaining:
//
//   reportlens::document_stage<Indicators>("indicators", "...", "sentence,quantity", "indicator", kSchema)
//       .meta("report_year,plan_year,kind", "")   // document meta keys it reads, and sets
//       .projects(kProjections)                    // how its annotation types become table columns
//
// Strings are kept by pointer: pass literals or other static storage.
class StageDescriptor {
 public:
  explicit StageDescriptor(const reportlens_stage_info& info) : info_(info) {}
  // Document meta keys (comma-separated) the stage reads and sets: a pipeline whose stage
  // reads a key no earlier stage sets is refused at plan time.
  StageDescriptor& meta(const char* consumes, const char* produces) {
    info_.meta_consumes = consumes;
    info_.meta_produces = produces;
    return *this;
  }
  // JSON: for each annotation type the stage produces, its table, columns and series roles.
  StageDescriptor& projects(const char* projections) {
    info_.projections = projections;
    return *this;
  }
  operator reportlens_stage_info() const { return info_; }  // NOLINT: REPORTLENS_PLUGIN's array

 private:
  reportlens_stage_info info_;
};

// Describes a DocumentStage subclass. `consumes`/`produces`: comma-separated annotation
// types. `settings_schema`: JSON schema of the `with:` settings (see docs/writing-plugins.md).
// A stage class that defines `LineBreakRules line_break_rules() const` (stage.h) supplies
// them through the descriptor (ABI minor 3); document_stage and corpus_stage see it themselves.
template <class StageT>
StageDescriptor document_stage(const char* name, const char* summary, const char* consumes, const char* produces,
                               const char* settings_schema) {
  static_assert(std::is_base_of_v<DocumentStage, StageT>, "StageT must derive DocumentStage");
  return StageDescriptor({sizeof(reportlens_stage_info), name, summary, REPORTLENS_DOCUMENT_STAGE, consumes,
                          produces, settings_schema, &detail::create_stage<StageT>,
                          &detail::run_stage<StageT, Document>, &detail::destroy_stage<StageT>, nullptr, nullptr,
                          nullptr, nullptr, detail::line_break_rules_call<StageT>()});
}

// Describes a CorpusStage subclass. A GroupedCorpusStage is streamed by the host (its
// `grouped` calls are filled in); any other CorpusStage sees the whole corpus at once.
template <class StageT>
StageDescriptor corpus_stage(const char* name, const char* summary, const char* consumes, const char* produces,
                             const char* settings_schema) {
  static_assert(std::is_base_of_v<CorpusStage, StageT>, "StageT must derive CorpusStage");
  decltype(reportlens_stage_info::grouped) grouped = nullptr;
  if constexpr (std::is_base_of_v<GroupedCorpusStage, StageT>) grouped = &detail::run_grouped<StageT>;
  return StageDescriptor({sizeof(reportlens_stage_info), name, summary, REPORTLENS_CORPUS_STAGE, consumes,
                          produces, settings_schema, &detail::create_stage<StageT>,
                          &detail::run_stage<StageT, Corpus>, &detail::destroy_stage<StageT>, grouped, nullptr,
                          nullptr, nullptr, detail::line_break_rules_call<StageT>()});
}

}  // namespace reportlens

#define REPORTLENS_PLUGIN(NAME, VERSION, DESCRIPTION, ...)                                    \
  namespace {                                                                                 \
  const reportlens_stage_info reportlens_stages_[] = {__VA_ARGS__};                           \
  const reportlens_plugin_info reportlens_info_ = {                                           \
      sizeof(reportlens_plugin_info), REPORTLENS_ABI_MAJOR, REPORTLENS_ABI_MINOR,             \
      REPORTLENS_BUILD_KEY, NAME, VERSION, DESCRIPTION, "see plugin README",                 \
      static_cast<uint32_t>(sizeof(reportlens_stages_) / sizeof(reportlens_stages_[0])),      \
      reportlens_stages_};                                                                    \
  }                                                                                           \
  extern "C" const reportlens_plugin_info* reportlens_plugin_entry() { return &reportlens_info_; } \
  BOOST_DLL_ALIAS(reportlens_plugin_entry, reportlens_plugin_info_v1)
