// The PDF and DOCX readers live in their own library, libreportlens-readers.so, which the host
// loads the first time it meets a PDF or a zip archive (binary_readers.cc), not at start-up.
//
// Why: poppler (with NSS, libcrypto, lcms, freetype, libtiff ...) and libzip + libxml2 are
// 30 of the 45 shared libraries `pipeline` used to load, and about 9,700 of its 15,500
// start-up relocations: 5 ms of CPU (perf stat: an empty program linking them, 8.4 ms against
// 3.3 ms without them) in every run, most of which never reads a PDF or a DOCX. A run of a
// few small text reports spends more on that than on the reports.
//
// The library is built with the host, from these sources, by the same compiler: C++ objects
// cross the boundary by reference. Errors come back as an exit code and a message (rethrown
// by the host as the HostError the reader raised), not as exceptions.
#pragma once

#include <string>

#include "input/extracted_text.h"

namespace reportlens::binary_readers {

// The readers themselves (pdf_text.cc, docx_text.cc), inside the library.
ExtractedText pdf_text(const std::string& bytes, const std::string& file);
ExtractedText docx_text(const std::string& bytes, const std::string& file);
bool zip_holds_word_document(const std::string& path);

// What a call returns besides its result: kOk, or the error to raise.
struct Outcome {
  int code = 0;  // an ExitCode; kBadAlloc for std::bad_alloc, kOther for any other exception
  std::string message;
  static constexpr int kBadAlloc = -1;
  static constexpr int kOther = -2;
};

// The library's one exported symbol, kEntry, returns this table.
struct Table {
  int version;  // kVersion: a library left over from another build is refused
  Outcome (*pdf_text)(const std::string& bytes, const std::string& file, ExtractedText& out);
  Outcome (*docx_text)(const std::string& bytes, const std::string& file, ExtractedText& out);
  Outcome (*zip_holds_word_document)(const std::string& path, bool& holds);
};
constexpr int kVersion = 1;
constexpr const char* kEntry = "reportlens_binary_readers_v1";
constexpr const char* kLibrary = "libreportlens-readers.so";

}  // namespace reportlens::binary_readers
