#include "run/corpus_spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "run/errors.h"

namespace reportlens {
namespace fs = std::filesystem;

std::string spill_line(const Document& document) {
  Json types = Json::array(), spans = Json::array();
  for (const std::string& type : document.annotation_types()) {
    types.push_back(type);
    for (const Annotation& a : document.annotations(type))
      spans.push_back(Json::array({types.size() - 1, a.begin, a.end, a.attrs}));
  }
  Json line = Json::object();
  line["id"] = document.id();
  line["source"] = document.source();
  line["meta"] = document.meta();
  line["types"] = std::move(types);
  line["spans"] = std::move(spans);
  line["text"] = document.text();
  return line.dump() + "\n";
}

std::string places_json(const std::vector<GroupPlace>& places) {
  Json out = Json::array();
  for (const GroupPlace& p : places) out.push_back(Json::array({p.group, p.order}));
  return out.dump();
}

std::vector<GroupPlace> places_from_json(const std::string& text) {
  std::vector<GroupPlace> out;
  for (const Json& p : Json::parse(text)) out.push_back({p.at(0).get<std::string>(), p.at(1).get<long long>()});
  return out;
}

SpillFile::SpillFile(const fs::path& dir) {
  std::string name = ((dir.empty() ? fs::path(".") : dir) / ".reportlens-corpus-XXXXXX").string();
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0)
    throw HostError(ExitCode::kOutput, name + ": cannot create the corpus stages' temporary file: " +
                                           std::strerror(errno));
  ::unlink(name.c_str());  // only the descriptor keeps it: gone when the run ends, however
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t SpillFile::append(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(end_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw HostError(ExitCode::kOutput, std::string("cannot write the corpus stages' temporary file: ") +
                                             std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  const std::size_t at = end_;
  end_ += bytes.size();
  return at;
}

std::string SpillFile::read(std::size_t offset, std::size_t size) const {
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd_, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw HostError(ExitCode::kOutput, std::string("cannot read the corpus stages' temporary file: ") +
                                             (n == 0 ? "short read" : std::strerror(errno)));
    done += static_cast<std::size_t>(n);
  }
  return bytes;
}

void CorpusSpill::add(std::string id, std::string role, const std::string& line, std::vector<GroupPlace> places) {
  const std::size_t at = file_.append(line);
  documents_.push_back({at, line.size(), std::move(id), std::move(role), std::move(places)});
}

std::unique_ptr<Document> CorpusSpill::load(std::size_t i) const {
  const SpilledDocument& d = documents_.at(i);
  const std::string bytes = file_.read(d.offset, d.size);
  Json line = Json::parse(bytes);
  auto doc = std::make_unique<Document>(line["id"].get<std::string>(), line["source"].get<std::string>(),
                                        std::move(line["text"].get_ref<std::string&>()), std::move(line["meta"]), line_breaks_);
  const Json& types = line["types"];
  // Types a stage made without annotations are kept as they were (empty).
  for (const Json& t : types) doc->mutable_annotations(t.get<std::string>());
  for (Json& s : line["spans"])
    doc->mutable_annotations(types[s[0].get<std::size_t>()].get<std::string>())
        .push_back({types[s[0].get<std::size_t>()].get<std::string>(), s[1].get<std::size_t>(),
                    s[2].get<std::size_t>(), std::move(s[3])});
  return doc;
}

}  // namespace reportlens
