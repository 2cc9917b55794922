// The entry of libreportlens-readers.so (binary_readers.h): the PDF and DOCX readers behind a
// table of functions that turn their exceptions into outcomes.
#include <new>

#include "input/binary_readers.h"
#include "run/errors.h"

namespace reportlens::binary_readers {
namespace {

template <class Call>
Outcome guarded(Call&& call) {
  try {
    call();
    return {};
  } catch (const HostError& e) {
    return {static_cast<int>(e.code()), e.what()};
  } catch (const std::bad_alloc&) {
    return {Outcome::kBadAlloc, "std::bad_alloc"};
  } catch (const std::exception& e) {
    return {Outcome::kOther, e.what()};
  } catch (...) {
    return {Outcome::kOther, "unknown exception in the PDF/DOCX reader"};
  }
}

Outcome read_pdf(const std::string& bytes, const std::string& file, ExtractedText& out) {
  return guarded([&] { out = pdf_text(bytes, file); });
}
Outcome read_docx(const std::string& bytes, const std::string& file, ExtractedText& out) {
  return guarded([&] { out = docx_text(bytes, file); });
}
Outcome holds_word_document(const std::string& path, bool& holds) {
  return guarded([&] { holds = zip_holds_word_document(path); });
}

constexpr Table kTable{kVersion, read_pdf, read_docx, holds_word_document};

}  // namespace
}  // namespace reportlens::binary_readers

extern "C" __attribute__((visibility("default"))) const reportlens::binary_readers::Table*
reportlens_binary_readers_v1() {
  return &reportlens::binary_readers::kTable;
}
