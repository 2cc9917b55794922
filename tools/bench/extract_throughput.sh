#!/usr/bin/env bash
# Single-core throughput of a pipeline (default: the whole extract chain) over a corpus.
#
#   tools/bench/extract_throughput.sh [-b BUILD_DIR] [-c CORPUS_DIR] [-r RUNS] [-p PIPELINE.yaml|segment]
#
# Runs `pipeline run PIPELINE --input CORPUS -j 1` RUNS times and prints, per run and for the
# best run, MB/s from USER CPU time (the machine is shared: wall time includes waiting for
# other processes, user time does not), plus system time and peak RSS. `-p segment` runs a
# segment-only pipeline: what the core costs around one cheap stage.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
corpus=$root/../shared/corpus/national
runs=5
pipeline=$root/pipelines/extract.yaml
while getopts "b:c:r:p:h" opt; do
  case $opt in
    b) build=$OPTARG ;;
    c) corpus=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) pipeline=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ $pipeline == segment ]]; then
  pipeline=$tmp/segment-only.yaml
  printf 'name: segment-only\nstages:\n  - use: segment\n' > "$pipeline"
fi
bytes=$(cat "$corpus"/*.txt | wc -c)
echo "pipeline: $pipeline"
echo "corpus: $corpus ($bytes bytes, $(ls "$corpus"/*.txt | wc -l) files), $runs runs, -j 1"
for i in $(seq "$runs"); do
  /usr/bin/time -o "$tmp/time" -f "%e %U %S %M" "$build/bin/pipeline" run "$pipeline" -j 1 \
    --input "$corpus" --output "$tmp/out.json" >/dev/null 2>"$tmp/stderr" ||
    { echo "pipeline failed:"; cat "$tmp/stderr"; exit 1; }
  tail -1 "$tmp/time"
done > "$tmp/runs"
python3 - "$bytes" "$tmp/runs" <<'PY'
import sys
mb = int(sys.argv[1]) / 1e6
runs = []
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) == 4 and parts[0][0].isdigit():
        runs.append(tuple(map(float, parts)))
for wall, user, sys_, rss in runs:
    print(f"run: user {user:.2f}s = {mb/max(user, 0.01):.1f} MB/s; sys {sys_:.2f}s; wall {wall:.2f}s; peak RSS {rss/1024:.0f} MB")
wall, user, sys_, rss = min(runs, key=lambda r: r[1])
print(f"best: user {user:.2f}s = {mb/max(user, 0.01):.1f} MB/s (user+sys {user+sys_:.2f}s = {mb/max(user+sys_, 0.01):.1f} MB/s), peak RSS {rss/1024:.0f} MB")
PY
