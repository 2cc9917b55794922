#include "output/output_jsonl.h"

#include "output/text_record.h"

#include <spdlog/spdlog.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <unordered_set>

#include "run/batch_identity.h"
#include "run/errors.h"
#include "output/json_text_writer.h"
#include "output/output_file_util.h"
#include "output/output_record_keys.h"
#include "output/output_run_log.h"
#include "output/result_writer.h"

namespace reportlens {
namespace fs = std::filesystem;

namespace {

struct LineInfo {
  RecordKeys keys;
  std::uintmax_t offset = 0;
  bool valid = false;
};

// Cuts a torn last line (no newline: the process died inside a write). Returns the size kept.
std::uintmax_t repair_tail(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size == 0) return 0;
  std::ifstream in(path, std::ios::binary);
  // Scan back from the end for the last newline, a block at a time.
  std::uintmax_t pos = size;
  std::string block;
  while (pos > 0) {
    const std::uintmax_t take = std::min<std::uintmax_t>(pos, 65536);
    pos -= take;
    block.resize(take);
    in.seekg(static_cast<std::streamoff>(pos));
    in.read(block.data(), static_cast<std::streamsize>(take));
    const auto nl = block.rfind('\n');
    if (nl != std::string::npos) {
      const std::uintmax_t keep = pos + nl + 1;
      if (keep != size) {
        spdlog::warn("{}: removing a torn last line ({} bytes) left by an interrupted run",
                     path.string(), size - keep);
        truncate_file(path, keep);
      }
      return keep;
    }
  }
  spdlog::warn("{}: removing a torn line left by an interrupted run", path.string());
  truncate_file(path, 0);
  return 0;
}

template <typename Fn>
void scan_lines(const fs::path& path, Fn&& fn) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::uintmax_t offset = 0;
  while (std::getline(in, line)) {
    LineInfo info;
    info.offset = offset;
    info.valid = read_record_keys(line, info.keys);
    fn(info, line);
    offset += line.size() + 1;
  }
}

// Whether a stored line can be trusted as a finished result: the whole line is JSON (not a
// record cut or altered mid-file) and its result key is the one its pipeline hash and input
// hash give. The top-level "sha256" is the first key of that name: records put it before
// meta and annotations, and a quote inside a string value is always escaped.
bool verified_record(const std::string& line, const RecordKeys& keys, std::string& why) {
  if (!Json::accept(line)) {
    why = "is not complete JSON";
    return false;
  }
  static constexpr std::string_view kSha = ",\"sha256\":\"";
  const auto at = line.find(kSha);
  const auto end = at == std::string::npos ? at : line.find('"', at + kSha.size());
  if (end == std::string::npos) {
    why = "has no sha256";
    return false;
  }
  const std::string sha = line.substr(at + kSha.size(), end - at - kSha.size());
  if (make_result_key(keys.pipeline_hash, sha) != keys.result_key) {
    why = "has a result_key that does not match its pipeline_hash and sha256";
    return false;
  }
  return true;
}

// Rewrites `path` keeping, for each id, only its last verified line with `pipeline_hash`.
void compact(const fs::path& path, const std::string& pipeline_hash) {
  std::unordered_map<std::string, std::uintmax_t> last;
  std::string why;
  const auto keep = [&](const LineInfo& info, const std::string& line) {
    return info.valid && info.keys.pipeline_hash == pipeline_hash && verified_record(line, info.keys, why);
  };
  scan_lines(path, [&](const LineInfo& info, const std::string& line) {
    if (keep(info, line)) last[info.keys.id] = info.offset;
  });
  const TemporaryFile temporary(temporary_beside(path));
  const fs::path& tmp = temporary.path();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw HostError(ExitCode::kOutput, tmp.string() + ": cannot create");
  std::string buffer;
  scan_lines(path, [&](const LineInfo& info, const std::string& line) {
    if (!keep(info, line) || last[info.keys.id] != info.offset) return;
    buffer += line;
    buffer += '\n';
    if (buffer.size() > (1u << 20)) {
      write_all(fd, buffer, tmp);
      buffer.clear();
    }
  });
  write_all(fd, buffer, tmp);
  sync_and_close(fd, tmp);
  replace_file(tmp, path);
}

class JsonlSink : public OutputSink {
 public:
  JsonlSink(fs::path path, SinkOptions options) : target_(std::move(path)), options_(options) {}
  ~JsonlSink() override {
    if (fd_ >= 0) ::close(fd_);
    // A fresh store destroyed before finish() (a failed or interrupted run): its temporary
    // file goes, the target stays as it was.
    if (options_.fresh && !finished_) remove_quietly(file_);
  }

  DoneMap open(const RunIdentity& run) override {
    hash_ = run.pipeline_hash;
    DoneMap done;
    std::error_code ec;
    if (options_.fresh) {
      file_ = temporary_beside(target_);
      fs::remove(file_, ec);
    } else {
      file_ = target_;
      if (fs::exists(file_, ec)) {
        repair_tail(file_);
        bool needs_compaction = false;
        std::size_t other = 0, line_number = 0;
        std::string why;
        scan_lines(file_, [&](const LineInfo& info, const std::string& line) {
          ++line_number;
          if (!info.valid || (info.keys.pipeline_hash == hash_ && !verified_record(line, info.keys, why))) {
            // Not taken as done: the document is run again and the line compacted away.
            spdlog::warn("{}:{}: damaged record ({}); its document will be run again", file_.string(),
                         line_number, info.valid ? why : "not a result record");
            needs_compaction = true;
            return;
          }
          if (info.keys.pipeline_hash != hash_) {
            ++other;
            needs_compaction = true;
            return;
          }
          if (done.count(info.keys.id)) needs_compaction = true;
          done[info.keys.id] = {info.keys.result_key, info.keys.status == "failed", info.keys.exit_code};
        });
        if (other > 0)
          spdlog::warn("{}: {} result(s) of another pipeline version are dropped and recomputed",
                       file_.string(), other);
        if (needs_compaction) compact(file_, hash_);
      }
    }
    for (const auto& [id, entry] : done) previous_.insert(id);
    fd_ = open_for_append(file_);
    run_log_.start(run);  // a line still `running` at the end of the log: the run was killed
    return done;
  }

  // One line of text, printed by the text writer as dump() would, faster (json_text_writer.h).
  using Line = TextRecord;

  std::unique_ptr<RenderedRecord> render(const Json& record, const std::string*) const override {
    auto line = std::make_unique<Line>();
    line->id = record.value("id", "");
    JsonTextWriter writer(line->text, -1, Json::error_handler_t::replace);
    writer.value(record);
    line->text += '\n';
    return line;
  }

  std::string pack(const RenderedRecord& record) const override { return pack_text_record(record); }
  std::string pack_owned(std::unique_ptr<RenderedRecord> record) const override {
    return pack_text_record(std::move(record));
  }

  std::unique_ptr<RenderedRecord> unpack(const std::string& bytes) const override {
    return unpack_text_record(bytes);
  }
  std::unique_ptr<RenderedRecord> unpack_owned(std::string&& bytes) const override {
    return unpack_text_record(std::move(bytes));
  }

  // Printed from the document itself: the same line as render() of the whole record.
  std::unique_ptr<RenderedRecord> render_document(const Json& head, const Document& document) const override {
    auto line = std::make_unique<Line>();
    line->id = document.id();
    // Room for the newline and for pack_text_record's head, which it then adds in place.
    render_json_text(line->text, -1, Json::error_handler_t::replace, 0, document.text().size(),
                     1 + packed_text_head_size(line->id), [&](JsonTextWriter& writer) {
                       writer.begin_object();
                       for (const auto& [k, v] : head.items()) {
                         writer.key(k);
                         writer.value(v);
                       }
                       write_document_members(writer, document);
                       writer.end_object();
                     });
    line->text += '\n';
    return line;
  }

  void append(const std::vector<const RenderedRecord*>& records) override {
    if (append_text_records(fd_, file_, records, previous_, last_sync_)) rewritten_ = true;
  }

  void finish(const Json& summary) override {
    sync_and_close(fd_, file_);
    if (rewritten_) compact(file_, hash_);
    if (options_.fresh) replace_file(file_, target_);
    run_log_.end(summary);
    finished_ = true;
  }

  fs::path path() const override { return target_; }

 private:
  fs::path target_, file_;
  SinkOptions options_;
  std::string hash_;
  int fd_ = -1;
  std::unordered_set<std::string> previous_;
  bool rewritten_ = false;
  bool finished_ = false;
  RunLog run_log_{target_, options_.fresh};
  std::chrono::steady_clock::time_point last_sync_ = std::chrono::steady_clock::now();
};

class JsonlReader : public RecordReader {
 public:
  explicit JsonlReader(fs::path path) : path_(std::move(path)) {
    if (!fs::exists(path_)) throw HostError(ExitCode::kInput, path_.string() + ": no such file");
    // Every record is verified before any is read: a line cut or altered mid-file is named
    // FILE:LINE. Only a last line without its newline (a write an interrupted run never
    // finished) is left out, with a warning.
    std::size_t line_number = 0;
    std::string why;
    const std::uintmax_t size = fs::file_size(path_);
    scan_lines(path_, [&](const LineInfo& info, const std::string& line) {
      ++line_number;
      const bool verified = info.valid && verified_record(line, info.keys, why);
      if (!verified && info.offset + line.size() == size) {
        spdlog::warn("{}:{}: leaving out a torn last record (an interrupted run)", path_.string(), line_number);
        return;
      }
      if (!verified)
        throw HostError(ExitCode::kInput, path_.string() + ":" + std::to_string(line_number) +
                                              ": damaged record: " + (info.valid ? why : "not a result record"));
      if (std::find(hashes_.begin(), hashes_.end(), info.keys.pipeline_hash) == hashes_.end())
        hashes_.push_back(info.keys.pipeline_hash);
      index_.push_back({info.keys.seq, info.keys.id, info.offset});
      if (identity_.pipeline_hash.empty()) {
        const Json first = Json::parse(line);
        identity_.pipeline_hash = info.keys.pipeline_hash;
        identity_.pipeline = first.value("pipeline", "");
      }
    });
    std::stable_sort(index_.begin(), index_.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.seq, a.id) < std::tie(b.seq, b.id);
    });
  }
  const RunIdentity& identity() const override { return identity_; }
  std::optional<RunState> last_run() const override { return read_last_run(path_); }
  std::vector<std::string> pipeline_hashes() const override { return hashes_; }
  std::unique_ptr<RecordCursor> cursor() const override { return std::make_unique<Cursor>(*this); }

 private:
  struct Entry {
    std::int64_t seq;
    std::string id;
    std::uintmax_t offset;
  };
  class Cursor : public RecordCursor {
   public:
    explicit Cursor(const JsonlReader& r) : reader_(r), in_(r.path_, std::ios::binary) {}
    bool next(Json& record) override {
      if (at_ >= reader_.index_.size()) return false;
      in_.clear();
      in_.seekg(static_cast<std::streamoff>(reader_.index_[at_++].offset));
      std::getline(in_, line_);
      record = Json::parse(line_);
      return true;
    }

   private:
    const JsonlReader& reader_;
    std::ifstream in_;
    std::string line_;
    std::size_t at_ = 0;
  };
  fs::path path_;
  RunIdentity identity_;
  std::vector<std::string> hashes_;
  std::vector<Entry> index_;
};

}  // namespace

std::unique_ptr<OutputSink> make_jsonl_sink(const fs::path& path, const SinkOptions& options) {
  return std::make_unique<JsonlSink>(path, options);
}

std::unique_ptr<RecordReader> make_jsonl_reader(const fs::path& path) {
  return std::make_unique<JsonlReader>(path);
}

}  // namespace reportlens
