// The generated test inputs (make_inputs.py), made once per test program.
#pragma once

#include <filesystem>
#include <string>

namespace reportlens::test {

// The seed report the inputs are made from (in the repository).
std::filesystem::path seed_report();

// Makes (once per process) the files of `kind` (pdf, docx, md, table, errors) in a
// directory kept until the process ends and returns it; empty with `why` set when the
// generator cannot run (no /usr/bin/python3, a module missing): the caller skips.
std::filesystem::path generated_inputs(const std::string& kind, std::string& why);

}  // namespace reportlens::test

// Sets `dir` to the generated inputs of `kind`, or skips the test (generator modules missing)
// or fails it (the generator broke).
#define REPORTLENS_REQUIRE_INPUTS(kind, dir)                                 \
  std::string why_##dir;                                                     \
  const std::filesystem::path dir = generated_inputs(kind, why_##dir);       \
  if (dir.empty()) {                                                         \
    if (why_##dir.starts_with("make_inputs.py")) FAIL() << why_##dir;        \
    GTEST_SKIP() << "cannot generate the " kind " inputs: " << why_##dir;    \
  }
