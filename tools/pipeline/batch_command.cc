#include "batch_command.h"

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "merge/batch_merge.h"
#include "run/batch_signals.h"
#include "run/batch_worker.h"

namespace reportlens::cli {

void add_batch_options(CLI::App* run, RunOptions& o) {
  run->add_flag("--retry-failed", o.retry_failed,
                "Rerun documents the output records as failed (done ones are always skipped)");
  run->add_option("--max-errors", o.max_errors, "Stop taking documents after this many failed ones, for every output (default: never); exit 3 or 5");
  run->add_option("--shard", o.shard, "Take the I-th of N deterministic shares of the inputs: I/N (1-based)");
  run->add_flag("!--no-progress", o.progress, "No progress line on stderr (shown only on a terminal anyway)");
  run->add_flag("--csv-bom", o.csv_bom, "Start CSV outputs with a UTF-8 BOM (for Excel)");
  o.isolate = -1;  // the command line isolates stores by default
  run->add_flag("--wait-lock", o.wait_lock,
                "Wait while another run writes into the same store (default: refuse at once, exit 6)");
  run->add_flag_function(
      "--isolate,!--no-isolate",
      [&o](std::int64_t count) { o.isolate = count > 0 ? 1 : 0; },
      "Run each document in a worker process, so a crashing, hanging or exiting stage fails only that "
      "document (default: on for .jsonl/.sqlite/.csv stores, off for the JSON result)");
  run->add_option_function<std::string>(
         "--doc-timeout", [&o](const std::string& v) {
           try {
             o.doc_timeout_seconds = parse_duration_seconds(v);
           } catch (const std::invalid_argument& e) {
             throw CLI::ValidationError("--doc-timeout", e.what());
           }
         },
         "Fail an isolated document whose stages run longer than this: seconds, or 10m, 1.5h (default 600; 0: none)")
      ->type_name("SECONDS");
  run->add_option_function<std::string>(
         "--doc-memory", [&o](const std::string& v) {
           try {
             o.doc_memory_bytes = parse_byte_size(v);
           } catch (const std::invalid_argument& e) {
             throw CLI::ValidationError("--doc-memory", e.what());
           }
         },
         "Address-space limit of each isolated worker (RLIMIT_AS), e.g. 4G (default: none)")
      ->type_name("SIZE");
}

CLI::App* add_merge_command(CLI::App& app, MergeArgs& args) {
  CLI::App* merge = app.add_subcommand(
      "merge", "Combine shard outputs (.sqlite or .jsonl) into OUT, refusing mixed pipeline versions");
  merge->add_option("output", args.output, "Merged store: .sqlite, .jsonl or .csv")->required();
  merge->add_option("inputs", args.inputs, "Shard stores (.sqlite or .jsonl)")->required();
  merge->add_flag("--csv-bom", args.csv_bom, "Start a CSV output with a UTF-8 BOM");
  merge->add_flag("--allow-partial", args.allow_partial,
                  "Merge even when shards are missing or did not run to completion (otherwise exit 7)");
  return merge;
}

int run_merge(const MergeArgs& args, bool quiet) {
  std::vector<std::filesystem::path> inputs(args.inputs.begin(), args.inputs.end());
  MergeReport r;
  try {
    r = merge_outputs(args.output, inputs, args.csv_bom, args.allow_partial);
  } catch (const Interrupted& e) {
    std::cerr << "merge: interrupted by " << signal_name(e.signal()) << ": nothing written (" << args.output
              << " left as it was)\n";
    end_by_signal(e.signal());
    return 128 + e.signal();
  }
  if (!quiet)
    std::cerr << "merge: " << r.documents << " document(s) (" << r.failed << " failed) from " << inputs.size()
              << " store(s)" << (r.duplicates ? ", " + std::to_string(r.duplicates) + " duplicate(s) dropped" : "")
              << (r.gaps.empty() ? "" : ", PARTIAL: " + std::to_string(r.gaps.size()) + " gap(s) in the shard set")
              << "\n";
  std::cout << "result: " << r.output.string() << "\n";
  return 0;
}

std::string summary_line(const RunReport& r) {
  if (r.discarded)
    return std::string("pipeline: interrupted by ") + signal_name(r.signal) +
           " before the outputs were complete: nothing written (existing files left as they were)";
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.2f MB/s", r.seconds > 0 ? r.bytes / 1e6 / r.seconds : 0.0);
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
  std::string line = "pipeline: " + std::to_string(r.documents - r.failed - r.not_run) + " of " +
                     std::to_string(r.documents) + " document(s) done, " + std::to_string(r.failed) +
                     " failed, " + std::to_string(r.bytes / 1024) + " KiB in " + seconds + " s";
  if (r.skipped > 0) {
    line += ", " + std::to_string(r.skipped) + " skipped as already done";
    if (r.known_failed > 0)
      line += " (" + std::to_string(r.known_failed) + " recorded failure(s); --retry-failed reruns them)";
  }
  line += ", " + std::string(rate);
  const std::string left = std::to_string(r.not_run) + " document(s) not run";
  if (r.signal != 0 && r.not_run > 0)
    line += std::string("; interrupted by ") + signal_name(r.signal) + ", " + left + ": rerun to resume";
  else if (r.signal != 0)
    line += std::string("; interrupted by ") + signal_name(r.signal) + " after every document was written";
  else if (r.stopped_early) line += "; stopped early (--max-errors), " + left;
  return line;
}

void end_by_signal(int signal) {
  std::cout.flush();
  std::cerr.flush();
  spdlog::shutdown();
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace reportlens::cli
