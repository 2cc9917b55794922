#!/usr/bin/env bash
# Throughput of the whole extract chain (decode, segment, numbers, indicators) on one core.
#
#   plugins/indicators/bench/extract_throughput.sh [BUILD_DIR] [CORPUS_DIR] [RUNS]
#
# Prints wall-clock and CPU MB/s per run and the best run. CPU time (user+sys) is shown as
# well because the machine is shared: wall time includes waiting for other processes.
set -euo pipefail
here=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$here/build-indicators}
corpus=${2:-$here/../shared/corpus/national}
runs=${3:-5}
pipeline_yaml=$(mktemp --suffix=.yaml)
out=$(mktemp --suffix=.json)
trap 'rm -f "$pipeline_yaml" "$out" "$out.time"' EXIT
cat > "$pipeline_yaml" <<YAML
name: extract-bench
stages:
  - use: segment
  - use: numbers
  - use: indicators
output:
  path: $out
YAML
bytes=$(cat "$corpus"/*.txt | wc -c)
echo "corpus: $corpus ($bytes bytes, $(ls "$corpus"/*.txt | wc -l) files), $runs runs, -j 1"
for i in $(seq "$runs"); do
  /usr/bin/time -o "$out.time" -f "%e %U %S" "$build/bin/pipeline" run "$pipeline_yaml" -j 1 \
    --input "$corpus" --output "$out" >/dev/null 2>&1 || echo "(pipeline exit status $?)"
  read -r wall user sys < <(tail -1 "$out.time")
  python3 - "$bytes" "$wall" "$user" "$sys" <<'PY'
import sys
b, wall, user, sys_ = int(sys.argv[1]), *map(float, sys.argv[2:])
mb = b / 1e6
print(f"run: wall {wall:.3f}s = {mb/wall:.1f} MB/s; cpu {user+sys_:.3f}s = {mb/(user+sys_):.1f} MB/s")
PY
done
