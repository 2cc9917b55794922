// A shared library named like a plugin (libreportlens-noentry.so) that does not declare
// REPORTLENS_PLUGIN: the loader must refuse it by name instead of crashing.
extern "C" __attribute__((visibility("default"))) int reportlens_noentry_answer() { return 42; }
