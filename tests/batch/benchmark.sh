#!/usr/bin/env bash
# Batch benchmark (not a test): generates a corpus by slicing and recombining paragraphs of
# the seed report and ../shared/corpus/national, then runs the extract pipeline into SQLite
# at -j 1 and -j 2, reporting docs/s, MB/s, CPU time, peak memory (/usr/bin/time) and the load
# average before and after (the machine is shared), for a small and a large corpus so that
# flat memory shows.
#
#   tests/batch/benchmark.sh [BUILD_DIR] [SMALL] [LARGE]    (defaults: build-batch 10000 100000)
#   RUNS='10000:2 100000:2' tests/batch/benchmark.sh          (only these SIZE:JOBS runs)
#   FORMAT=jsonl tests/batch/benchmark.sh                      (JSON Lines instead of SQLite)
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
  local ext=${FORMAT:-sqlite}
  local out="$work/out-$3-j$2.$ext"
  rm -f "$out" "$out-wal" "$out-shm"
  local load_before; load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-$3-j$2-$ext.txt" "$build/bin/pipeline" -q run \
      "$repo/pipelines/extract.yaml" --no-progress -i "$1" -o "$out" -j "$2" > /dev/null || true
  local docs bytes wall user sys rss
  if [ "$ext" = sqlite ]; then docs=$(sqlite3 "$out" "select count(*) from documents"); else docs=$(wc -l < "$out"); fi
  bytes=$(du -sb --exclude=.complete "$1" | cut -f1)
  read -r wall user sys rss < <(tail -n 1 "$work/time-$3-j$2-$ext.txt")
  printf "%-6s %-6s -j %s  %7d docs  %7.1f MB  wall %7.1f s  cpu %7.1f s (user %.1f sys %.1f)  %6.1f docs/s  %5.2f MB/s  %6.1f docs/cpu-s  peak RSS %6.1f MB  out %s  load %s -> %s\n" \
    "$3" "$ext" "$2" "$docs" "$(echo "$bytes/1000000" | bc -l)" "$wall" "$(echo "$user+$sys" | bc -l)" "$user" "$sys" \
    "$(echo "$docs/$wall" | bc -l)" "$(echo "$bytes/1000000/$wall" | bc -l)" "$(echo "$docs/($user+$sys)" | bc -l)" \
    "$(echo "$rss/1024" | bc -l)" "$(du -h "$out" | cut -f1)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

generate "$small" "$work/corpus-$small"
generate "$large" "$work/corpus-$large"
echo "stages: $(grep -E '^\s*- use:' "$repo/pipelines/extract.yaml" | awk '{print $3}' | paste -sd, -)"
# RUNS: "SIZE:JOBS ..." to choose (default: both sizes at -j 1 and -j 2).
for spec in ${RUNS:-$small:1 $large:1 $small:2 $large:2}; do
  run "$work/corpus-${spec%%:*}" "${spec##*:}" "${spec%%:*}"
done
