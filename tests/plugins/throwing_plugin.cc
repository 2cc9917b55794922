// Stages that fail in every way a plugin can, for the loader and runner tests. None of these
// failures may crash the host: each must come back as a one-line error naming the stage.
#include <stdexcept>

#include "reportlens/plugin.h"

namespace {

using reportlens::Document;
using reportlens::DocumentStage;
using reportlens::StageContext;

constexpr const char* kNoSettings = R"({"type":"object","properties":{}})";

class ThrowInCreate : public DocumentStage {
 public:
  explicit ThrowInCreate(const StageContext&) {
    throw reportlens::StageError("units.yaml:3: deliberate failure while creating the stage");
  }
  void process(Document&) const override {}
};

class ThrowInProcess : public DocumentStage {
 public:
  explicit ThrowInProcess(const StageContext&) {}
  void process(Document&) const override {
    throw std::runtime_error("deliberate failure while processing");
  }
};

// Throws something that is not a std::exception.
class ThrowUnknown : public DocumentStage {
 public:
  explicit ThrowUnknown(const StageContext&) {}
  void process(Document&) const override { throw 42; }
};

// Adds a span past the end of the text: Document::add must refuse it.
class SpanOutOfBounds : public DocumentStage {
 public:
  explicit SpanOutOfBounds(const StageContext&) {}
  void process(Document& d) const override { d.add("broken", 0, d.text().size() + 10); }
};

// Adds a span that ends inside a multi-byte character (if the text has one).
class SpanMidCharacter : public DocumentStage {
 public:
  explicit SpanMidCharacter(const StageContext&) {}
  void process(Document& d) const override {
    const std::string& t = d.text();
    for (std::size_t i = 0; i < t.size(); ++i)
      if (static_cast<unsigned char>(t[i]) >= 0x80) {
        d.add("broken", i, i + 1);
        return;
      }
  }
};

}  // namespace

REPORTLENS_PLUGIN(
    "throwing", "1.0.0", "core test plugin: stages that fail",
    reportlens::document_stage<ThrowInCreate>("throw-in-create", "throws from its constructor",
                                              "", "", kNoSettings),
    reportlens::document_stage<ThrowInProcess>("throw-in-process", "throws from process()", "",
                                               "", kNoSettings),
    reportlens::document_stage<ThrowUnknown>("throw-unknown", "throws an int", "", "",
                                             kNoSettings),
    reportlens::document_stage<SpanOutOfBounds>("span-out-of-bounds", "adds an impossible span",
                                                "", "broken", kNoSettings),
    reportlens::document_stage<SpanMidCharacter>("span-mid-character",
                                                 "adds a span inside a character", "", "broken",
                                                 kNoSettings));
