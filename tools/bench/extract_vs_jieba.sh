#!/usr/bin/env bash
# Whole extract pipeline (JSON result) at -j 1 and at -j 2 against @node-rs/jieba only
# word-segmenting the same files: the yardstick of issue 18 ("a faster extract": extract
# ≤ 0.5× jieba's wall time). jieba is single-threaded; the extract at -j 2 is what a user of a
# two-core machine gets, the one at -j 1 the per-core comparison.
#
#   tools/bench/extract_vs_jieba.sh [-b BUILD_DIR] [-r RUNS] [-p PIPELINE.yaml] [-j "1 2"] CORPUS_DIR
#
# Every side is timed as a whole process (start-up and dictionary loading included), RUNS times
# each (default 3), alternating; the fastest wall time of each counts. Prints the machine's load,
# wall, user and system seconds of the best runs, the ratios extract/jieba of wall and of user
# CPU (on a shared machine user CPU is the steadier figure), and the extract's -j2/-j1 wall
# speed-up (which needs a second free core: compare it with the load). -j lists the job counts
# to time (default "1 2"). The peer is looked up in $JIEBA_DIR/node_modules (default
# ~/.cache/reportlens-jieba); without node or the package the script says how to install them
# and exits 0 (skipped), so it never fails for a missing peer:
#   npm install --prefix ~/.cache/reportlens-jieba @node-rs/jieba
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
runs=3
pipeline=$root/pipelines/extract.yaml
job_counts="1 2"
while getopts "b:r:p:j:h" opt; do
  case $opt in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) pipeline=$OPTARG ;;
    j) job_counts=$OPTARG ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 && -d $1 ]] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p PIPELINE] [-j \"1 2\"] CORPUS_DIR" >&2; exit 2; }
corpus=$(cd "$1" && pwd)
jieba_dir=${JIEBA_DIR:-$HOME/.cache/reportlens-jieba}

if ! command -v node >/dev/null; then
  echo "skipped: node not found (apt-get install nodejs npm)"
  exit 0
fi
if ! NODE_PATH=$jieba_dir/node_modules node -e "require.resolve('@node-rs/jieba')" 2>/dev/null; then
  echo "skipped: @node-rs/jieba not found under $jieba_dir/node_modules" \
       "(npm install --prefix $jieba_dir @node-rs/jieba, or set JIEBA_DIR)"
  exit 0
fi
[[ -x $build/bin/pipeline ]] || { echo "no $build/bin/pipeline: build first (or -b BUILD_DIR)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The peer: read every file under the folder (sorted, recursively) and cut it, default mode.
cat > "$tmp/cut.js" <<'EOF'
const fs = require('fs'), path = require('path');
const { Jieba } = require('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict');
const jieba = Jieba.withDict(dict);
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).map((e) => e.name).sort()
  .flatMap((n) => fs.statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]);
let files = 0, words = 0;
for (const f of walk(process.argv[2])) { words += jieba.cut(fs.readFileSync(f, 'utf8')).length; ++files; }
console.log(`${files} files, ${words} words`);
EOF

# best_of NAME CMD...: runs CMD once, keeping the line "wall user sys" of the fastest run so far.
best_of() {
  local name=$1; shift
  /usr/bin/time -o "$tmp/t" -f "%e %U %S" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
    { echo "$name failed:" >&2; cat "$tmp/$name.err" >&2; exit 1; }
  if [[ ! -f $tmp/$name.best ]] || awk '{w=$1} END {exit !(w < best)}' best="$(cut -d' ' -f1 "$tmp/$name.best")" "$tmp/t"; then
    cp "$tmp/t" "$tmp/$name.best"
  fi
}

echo "corpus: $corpus ($(find "$corpus" -type f | wc -l) files, $(find "$corpus" -type f -exec cat {} + | wc -c) bytes)"
echo "pipeline: $pipeline, JSON result, -j $job_counts; peer: @node-rs/jieba cut; best of $runs runs each"
echo "load before: $(uptime | sed 's/.*load average: //')"
for _ in $(seq "$runs"); do
  for j in $job_counts; do
    best_of "extract-j$j" "$build/bin/pipeline" run "$pipeline" -j "$j" --no-progress --input "$corpus" --output "$tmp/out-j$j.json"
  done
  NODE_PATH=$jieba_dir/node_modules best_of jieba node "$tmp/cut.js" "$corpus"
done
echo "load after:  $(uptime | sed 's/.*load average: //')"
echo "jieba:   $(cat "$tmp/jieba.out")"
read -r jw ju js < "$tmp/jieba.best"
printf 'jieba:         wall %6.2f s  user %6.2f s  sys %5.2f s\n' "$jw" "$ju" "$js"
first=""
for j in $job_counts; do
  read -r ew eu es < "$tmp/extract-j$j.best"
  printf 'extract -j%-3s wall %6.2f s  user %6.2f s  sys %5.2f s\n' "$j" "$ew" "$eu" "$es"
  awk -v j="$j" -v ew="$ew" -v jw="$jw" -v eu="$eu" -v ju="$ju" \
    'BEGIN {printf "  extract -j%s/jieba: wall %.2fx  user CPU %.2fx  (issue 18 target: wall <= 0.50x)\n", j, ew/jw, eu/ju}'
  if [[ -z $first ]]; then
    first=$j
  else
    # Every job count writes the same bytes (deterministic output whatever -j).
    cmp -s "$tmp/out-j$first.json" "$tmp/out-j$j.json" || echo "  WARNING: -j$j output differs from -j$first" >&2
    awk -v a="$first" -v b="$j" -v wa="$(cut -d' ' -f1 "$tmp/extract-j$first.best")" -v wb="$ew" \
      'BEGIN {printf "  extract -j%s/-j%s wall speed-up: %.2fx\n", b, a, wa/wb}'
  fi
done
