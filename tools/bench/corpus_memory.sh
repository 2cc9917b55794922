#!/usr/bin/env bash
# Corpus-stage memory benchmark (issue 18, "streaming corpus stages"): peak RSS of the diff
# or panel pipeline over a collection copied 1, 7, ... times under other names. A benchmark,
# not a test: it prints figures.
#
#   tools/bench/corpus_memory.sh [-b BUILD_DIR] [-p PIPELINE] [-o EXT] [-j JOBS] [-d] CORPUS [COPIES ...]
#
#   CORPUS   a folder of reports, e.g. ../shared/corpus/lawtext (417 local reports)
#   COPIES   how many copies of it each run reads (default: 1 7). Copies are hard links under
#            other top folders (copy-1/, copy-2/ ...) in a scratch folder, so ids differ and
#            the text does not: a region's reports of every copy fall in the same group.
#   -d       distinct places: copy k >= 2 is read through a manifest that renames its
#            reports' regions (沈阳市 -> 沈阳市#k; corpus_copies.sh), so the copies are other
#            places and the largest group stays the original's whatever the copies: the
#            shape of a real collection of 30,000 reports. The regions are the segment
#            stage's own (one segment-only run over CORPUS first).
#   -p       pipeline (default pipelines/diff.yaml; pipelines/panel.yaml for the panel)
#   -o       output kind (default sqlite; json)
#   -b       build folder (default build)             -j  jobs (default 2)
#
# The diff is a streamed corpus stage (docs/writing-plugins.md): documents are spilled to
# disk as they finish and the diff is handed two consecutive reports of a region at a time,
# so peak RSS should stay flat as the copies grow. The panel is handed one region at a time
# (its reports of every year); the copies of a report fall in its region and year, where the
# panel keeps one, so its rows are the same for every K (the "results" column counts them and
# "panel md5" shows the CSV is the same file; with -d they grow with the copies). Whole-process figures from
# /usr/bin/time -v; the load average is printed first and last (wall time on a shared
# machine includes waiting, user CPU does not).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tools/bench/corpus_copies.sh"
build=$root/build
pipeline=$root/pipelines/diff.yaml
ext=sqlite
jobs=2
distinct=0
while getopts "b:p:o:j:dh" opt; do
  case $opt in
    b) build=$OPTARG ;;
    p) pipeline=$OPTARG ;;
    o) ext=$OPTARG ;;
    j) jobs=$OPTARG ;;
    d) distinct=1 ;;
    *) sed -n 2,28p "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n 2,28p "$0"; exit 2; }
corpus=$(cd "$1" && pwd); shift
copies=("$@"); [ ${#copies[@]} -gt 0 ] || copies=(1 7)
bin=$build/bin/pipeline
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/corpus-memory.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
places="copies share their regions"
if [ "$distinct" = 1 ]; then
  corpus_regions "$bin" "$corpus" "$scratch/regions.tsv"
  places="copies are distinct places ($(cut -f2 "$scratch/regions.tsv" | grep -c . || true) of $(wc -l <"$scratch/regions.tsv") reports name a region)"
fi
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)  pipeline: $pipeline  output: .$ext  -j$jobs"
echo "$places"
printf '%-7s %-9s %-12s %9s %9s %12s  %s\n' copies reports results "wall s" "user s" "peak RSS MB" "panel md5"
for k in "${copies[@]}"; do
  in=$scratch/x$k
  corpus_copies "$corpus" "$in" "$k"
  reports=$(find "$in" -type f | wc -l)
  input=$in
  if [ "$distinct" = 1 ]; then
    corpus_distinct_manifest "$in" "$k" "$scratch/regions.tsv"
    input=$in/manifest.csv
  fi
  out=$scratch/x$k.$ext
  code=0
  /usr/bin/time -v -o "$scratch/time" "$bin" run "$pipeline" -i "$input" -o "$out" -j "$jobs" --no-progress \
    >"$scratch/out" 2>"$scratch/err" || code=$?
  # Exit 5 (a report failed) still measures the run; anything else does not.
  if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then echo "x$k failed (exit $code):"; tail -5 "$scratch/err"; exit 1; fi
  read -r wall user rss < <(python3 - "$scratch/time" <<'PY'
import sys
f = {}
for line in open(sys.argv[1]):
    k, _, v = line.strip().rpartition(": ")
    f[k] = v
wall = 0.0
for part in f["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"):
    wall = wall * 60 + float(part)
print(wall, f["User time (seconds)"], int(f["Maximum resident set size (kbytes)"]) / 1024)
PY
)
  # results: the panel's rows when the run wrote a panel, else the diff's comparisons.
  panel_csv=$scratch/x$k.panel.csv
  sum=-
  if [ -f "$panel_csv" ]; then
    results=$(wc -l <"$scratch/x$k.panel.jsonl")  # a line a row (CSV cells may hold line breaks)
    sum=$(md5sum <"$panel_csv" | cut -c1-12)
  elif [ "$ext" = sqlite ]; then
    results=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from comparisons").fetchone()[0])' "$out")
  else
    results=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["comparisons"]))' "$out")
  fi
  printf '%-7s %-9s %-12s %9.1f %9.1f %12.1f  %s\n' "x$k" "$reports" "$results" "$wall" "$user" "$rss" "$sum"
  rm -rf "$in" "$scratch"/x$k.*
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
