/* reportlens plugin ABI: the C descriptor a plugin hands to the host.
 *
 * A plugin is a shared library that exports one entry point, the Boost.DLL alias
 * `reportlens_plugin_info_v1`, returning a pointer to a static `reportlens_plugin_info`.
 * The host reads and checks this plain C struct (ABI major/minor and build key) before any
 * C++ object crosses the boundary. Fields are only ever appended; `struct_size` tells the
 * host how much of the struct a plugin knows about.
 *
 * Plugin authors never fill this struct by hand: use REPORTLENS_PLUGIN in plugin.h.
 */
#ifndef REPORTLENS_ABI_H
#define REPORTLENS_ABI_H

#include <stddef.h>
#include <stdint.h>

/* Major: bumped on any incompatible change (a plugin must match exactly).
 * Minor: bumped when fields are appended (a plugin's minor must be <= the host's). */
#ifndef REPORTLENS_ABI_MAJOR
#define REPORTLENS_ABI_MAJOR 1
#endif
#define REPORTLENS_ABI_MINOR 3

#define REPORTLENS_ENTRY_POINT "reportlens_plugin_info_v1"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum reportlens_stage_kind {
  REPORTLENS_DOCUMENT_STAGE = 1, /* sees one document at a time; runs in parallel */
  REPORTLENS_CORPUS_STAGE = 2    /* sees every document of the run, after document stages */
} reportlens_stage_kind;

/* Every callback catches its own exceptions and reports them through `error`
 * (a buffer of `error_size` bytes), returning NULL / non-zero. */
typedef struct reportlens_stage_info {
  uint32_t struct_size;
  const char* name;           /* unique across all plugins, e.g. "segment" */
  const char* summary;        /* one line */
  int32_t kind;               /* reportlens_stage_kind */
  const char* consumes;       /* comma-separated annotation types it needs, "" for none */
  const char* produces;       /* comma-separated annotation types it adds */
  const char* settings_schema;/* JSON schema of its `with:` settings (object with properties) */
  void* (*create)(const void* context, char* error, size_t error_size);
  int (*run)(void* stage, void* target, char* error, size_t error_size);
  void (*destroy)(void* stage);
  /* Minor 1: a streaming corpus stage (stage.h, GroupedCorpusStage) answers these calls;
   * NULL for every other stage. `op` is a reportlens_grouped_op, `target` what it names. */
  int (*grouped)(void* stage, int32_t op, void* target, char* error, size_t error_size);
  /* Minor 2 (NULL or absent in older plugins: nothing declared).
   * projections: JSON object keyed by annotation type, how each type this stage produces
   *   projects into table columns (SQLite table, CSV columns, series roles); see
   *   docs/writing-plugins.md "Table projections".
   * meta_consumes / meta_produces: comma-separated document meta keys it reads / sets
   *   (report_meta.h), checked at plan time like `consumes`. */
  const char* projections;
  const char* meta_consumes;
  const char* meta_produces;
  /* Minor 3 (NULL or absent in older plugins: no rules).
   * line_break_rules: fills `target`, a reportlens::LineBreakRules* (text.h), with the words
   *   the stage wants the core's normaliser to keep line breaks at (headings, paragraph
   *   openers). Called once on each created stage, before any document is read. */
  int (*line_break_rules)(void* stage, void* target, char* error, size_t error_size);
} reportlens_stage_info;

typedef enum reportlens_grouped_op {
  REPORTLENS_GROUPED_GROUPING = 1, /* target: reportlens::Grouping*, filled in */
  REPORTLENS_GROUPED_PLACE = 2,    /* target: reportlens::detail::PlaceCall* */
  REPORTLENS_GROUPED_BEGIN = 3,    /* target: reportlens::Corpus* */
  REPORTLENS_GROUPED_GROUP = 4,    /* target: reportlens::detail::GroupCall* */
  REPORTLENS_GROUPED_FINISH = 5    /* target: reportlens::Corpus* */
} reportlens_grouped_op;

typedef struct reportlens_plugin_info {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;
  const char* build_key;      /* compiler, standard library, build type, Boost/ICU majors */
  const char* name;
  const char* version;
  const char* description;
  const char* license;
  uint32_t stage_count;
  const reportlens_stage_info* stages;
} reportlens_plugin_info;

#ifdef __cplusplus
}
#endif

/* The build key both sides compute from their own compiler flags. Objects such as
 * std::string and nlohmann::json cross the boundary, so these must agree exactly. */
#define REPORTLENS_STR2(x) #x
#define REPORTLENS_STR(x) REPORTLENS_STR2(x)
#if defined(__clang__)
#define REPORTLENS_COMPILER "clang-" REPORTLENS_STR(__clang_major__)
#elif defined(__GNUC__)
#define REPORTLENS_COMPILER "gcc-" REPORTLENS_STR(__GNUC__)
#else
#define REPORTLENS_COMPILER "unknown"
#endif
#if defined(_GLIBCXX_RELEASE)
#define REPORTLENS_STDLIB "libstdc++-" REPORTLENS_STR(_GLIBCXX_RELEASE) "-cxx11abi" REPORTLENS_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define REPORTLENS_STDLIB "libc++-" REPORTLENS_STR(_LIBCPP_VERSION)
#else
#define REPORTLENS_STDLIB "stdlib-unknown"
#endif
#ifdef NDEBUG
#define REPORTLENS_BUILD_TYPE "release"
#else
#define REPORTLENS_BUILD_TYPE "debug"
#endif
/* Boost and ICU majors are passed in by CMake (reportlens_add_plugin and the core). */
#ifndef REPORTLENS_BOOST_MAJOR
#define REPORTLENS_BOOST_MAJOR unknown
#endif
#ifndef REPORTLENS_ICU_MAJOR
#define REPORTLENS_ICU_MAJOR unknown
#endif
#define REPORTLENS_BUILD_KEY                                                               \
  REPORTLENS_COMPILER ";" REPORTLENS_STDLIB ";c++" REPORTLENS_STR(__cplusplus) ";"         \
  REPORTLENS_BUILD_TYPE ";boost-" REPORTLENS_STR(REPORTLENS_BOOST_MAJOR) ";icu-" \
  REPORTLENS_STR(REPORTLENS_ICU_MAJOR)

#endif /* REPORTLENS_ABI_H */
