#!/usr/bin/env bash
# Where the extract pipeline's CPU goes, stage by stage, without a profiler: runs the pipeline
# with no stage, then segment, then segment+numbers, ... up to the whole extract chain (JSON
# result, -j 1), and prints the best user CPU seconds of each and what each stage added.
#
#   tools/bench/extract_stage_costs.sh [-b BUILD_DIR] [-r RUNS] CORPUS_DIR
#
# The no-stage run is the floor every run pays: start-up, reading, decoding, normalising,
# hashing and writing each document's JSON. A stage's increment is its own work plus the
# rendering and writing of the annotations it adds (for numbers, indicators and entities that
# is most of their output), so the increments add up to the whole run. User CPU, not wall: on
# a shared machine wall time mostly measures the neighbours (the load is printed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
runs=3
while getopts "b:r:h" opt; do
  case $opt in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 && -d $1 ]] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] CORPUS_DIR" >&2; exit 2; }
corpus=$(cd "$1" && pwd)
[[ -x $build/bin/pipeline ]] || { echo "no $build/bin/pipeline: build first (or -b BUILD_DIR)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The extract chain in its order (pipelines/extract.yaml); prefix k runs its first k stages.
stages=(segment numbers indicators entities)

# user_cpu YAML: the smallest user CPU seconds of RUNS runs.
user_cpu() {
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp/t" -f "%U" "$build/bin/pipeline" run "$1" -j 1 --no-progress \
      --input "$corpus" --output "$tmp/out.json" >/dev/null 2>"$tmp/err" ||
      { echo "pipeline failed on $1:" >&2; cat "$tmp/err" >&2; exit 1; }
    best=$(awk -v t="$(tail -1 "$tmp/t")" -v b="$best" 'BEGIN {print (b == "" || t < b) ? t : b}')
  done
  echo "$best"
}

echo "corpus: $corpus ($(find "$corpus" -type f | wc -l) files, $(find "$corpus" -type f -exec cat {} + | wc -c) bytes)"
echo "build: $build; JSON result, -j 1; best user CPU of $runs runs each"
echo "load before: $(uptime | sed 's/.*load average: //')"
names=("no stage") seconds=()
printf 'name: no-stage\nstages: []\n' > "$tmp/p0.yaml"
seconds+=("$(user_cpu "$tmp/p0.yaml")")
for k in $(seq 1 ${#stages[@]}); do
  {
    echo "name: prefix-$k"
    echo "stages:"
    for s in "${stages[@]:0:k}"; do echo "  - use: $s"; done
  } > "$tmp/p$k.yaml"
  names+=("+ ${stages[k-1]}")
  seconds+=("$(user_cpu "$tmp/p$k.yaml")")
done
echo "load after:  $(uptime | sed 's/.*load average: //')"
total=${seconds[-1]}
printf '%-14s %9s %9s %7s\n' "run" "user s" "added s" "share"
prev=0
for i in "${!names[@]}"; do
  awk -v n="${names[i]}" -v s="${seconds[i]}" -v p="$prev" -v t="$total" \
    'BEGIN {printf "%-14s %9.2f %9.2f %6.1f%%\n", n, s, s - p, 100 * (s - p) / t}'
  prev=${seconds[i]}
done
