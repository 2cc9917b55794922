#!/usr/bin/env bash
# Batch benchmark (not a test): generates a corpus by slicing and recombining paragraphs of
# the seed report and ../shared/corpus/national, then runs the extract pipeline into SQLite
# at -j 1 and -j 2, reporting docs/s, MB/s and peak memory (/usr/bin/time -v), for a small
# and a large corpus so that flat memory shows.
#
#   tests/batch/benchmark.sh [BUILD_DIR] [SMALL] [LARGE]    (defaults: build-batch 10000 100000)
#   RUNS='10000:2 100000:2' tests/batch/benchmark.sh          (only these SIZE:JOBS runs)
# Corpus and outputs go to ${BENCH_DIR:-/tmp/reportlens-bench} (never committed).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$repo/build-batch}
small=${2:-10000}
large=${3:-100000}
work=${BENCH_DIR:-/tmp/reportlens-bench}
national=${REPORTLENS_SHARED:-$repo/../shared}/corpus/national
mkdir -p "$work"

generate() {  # generate N DIR
  [ -f "$2/.complete" ] && return
  rm -rf "$2"
  python3 - "$1" "$2" "$repo/corpus/tiexi/2022-plan-report.txt" "$national" <<'PY'
import os, random, sys, glob
n, out, seed, national = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
paras = [l for l in open(seed, encoding="utf-8").read().split("\n") if len(l) > 30]
for f in sorted(glob.glob(os.path.join(national, "*.txt"))):
    paras += [l for l in open(f, encoding="utf-8").read().split("\n") if len(l) > 30]
rng = random.Random(8)
for i in range(n):
    d = os.path.join(out, "region%03d" % (i % 500))
    os.makedirs(d, exist_ok=True)
    year = 1990 + i % 33
    body = "\n".join(rng.choice(paras) for _ in range(rng.randint(6, 18)))
    with open(os.path.join(d, "%d-report-%06d.txt" % (year, i)), "w", encoding="utf-8") as fh:
        fh.write("%d年政府工作报告\n%s\n" % (year, body))
open(os.path.join(out, ".complete"), "w").close()
PY
}

run() {  # run CORPUS JOBS LABEL
  local out="$work/out-$3-j$2.sqlite"
  rm -f "$out" "$out-wal" "$out-shm"
  /usr/bin/time -v "$build/bin/pipeline" -q run "$repo/pipelines/extract.yaml" --no-progress \
      -i "$1" -o "$out" -j "$2" > /dev/null 2> "$work/time-$3-j$2.txt" || true
  local docs bytes secs rss
  docs=$(sqlite3 "$out" "select count(*) from documents")
  bytes=$(du -sb --exclude=.complete "$1" | cut -f1)
  secs=$(grep "Elapsed (wall clock)" "$work/time-$3-j$2.txt" | awk '{print $NF}' |
         awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident set size" "$work/time-$3-j$2.txt" | awk '{print $NF}')
  printf "%-6s -j %s  %7d docs  %8.1f MB  %8.1f s  %8.1f docs/s  %6.2f MB/s  peak RSS %6.1f MB  db %s\n" \
    "$3" "$2" "$docs" "$(echo "$bytes/1000000" | bc -l)" "$secs" "$(echo "$docs/$secs" | bc -l)" \
    "$(echo "$bytes/1000000/$secs" | bc -l)" "$(echo "$rss/1024" | bc -l)" "$(du -h "$out" | cut -f1)"
}

generate "$small" "$work/corpus-$small"
generate "$large" "$work/corpus-$large"
echo "stages: $(grep -E '^\s*- use:' "$repo/pipelines/extract.yaml" | awk '{print $3}' | paste -sd, -)"
# RUNS: "SIZE:JOBS ..." to choose (default: both sizes at -j 1 and -j 2).
for spec in ${RUNS:-$small:1 $large:1 $small:2 $large:2}; do
  run "$work/corpus-${spec%%:*}" "${spec##*:}" "${spec%%:*}"
done
