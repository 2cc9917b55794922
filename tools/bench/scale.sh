#!/usr/bin/env bash
# Scale benchmark (issue 18): how the stores, -j and the corpus stages behave on a collection
# copied several times under other names. A benchmark, not a test: it prints figures.
#
#   tools/bench/scale.sh [-b BUILD_DIR] [-c CORPUS_DIR] [-k COPIES] [-d DIFF_COPIES] [-s STEPS]
#
#   -c  collection (default ../shared/corpus/lawtext: 417 local reports)
#   -k  copies of it, each under another top folder (default 7: ~2,900 reports)
#   -d  copies the diff run reads (default 1: the diff keeps every document, ~1.5 GB for the
#       417 reports; 7 copies need ~10 GB, so ask for it on a machine that has it)
#   -s  steps to run, any of: stores jobs diff jieba (default: all)
#
# Whole-process figures from /usr/bin/time -v: wall, user CPU, system CPU, peak RSS. It prints
# the load average first and last: on a shared machine wall time includes waiting for other
# processes and -j2 cannot show its scaling without a free core, so compare user CPU too.
#   stores  extract into SQLite and into JSON Lines at -j2: SQLite/JSONL wall and user ratio,
#           store sizes against the input
#   jobs    the same at -j1: -j2/-j1 speed-up for each store
#   diff    pipelines/diff.yaml over the collection (-d copies) into SQLite: peak RSS
#   jieba   extract (JSON Lines, -j1) against @node-rs/jieba only segmenting the same files
#           (node script, one thread); needs node and npm: the package is installed into a
#           cache folder (REPORTLENS_BENCH_CACHE, default ~/.cache/reportlens-bench)
# Store runs isolate each document in a worker process by default (docs/batch.md); the figures
# here are the stores' own speed, so runs get ISOLATION (default --no-isolate). Set
# ISOLATION=--isolate to include the cost of isolation.
set -euo pipefail
isolation=${ISOLATION:---no-isolate}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tools/bench/corpus_copies.sh"
build=$root/build
corpus=$root/../shared/corpus/lawtext
copies=7
diff_copies=1
steps="stores jobs diff jieba"
while getopts "b:c:k:d:s:h" opt; do
  case $opt in
    b) build=$OPTARG ;;
    c) corpus=$OPTARG ;;
    k) copies=$OPTARG ;;
    d) diff_copies=$OPTARG ;;
    s) steps=$OPTARG ;;
    *) sed -n '2,23p' "$0"; exit 2 ;;
  esac
done
pipeline=$build/bin/pipeline
[[ -x $pipeline ]] || { echo "scale.sh: $pipeline: not built" >&2; exit 2; }
[[ -d $corpus ]] || { echo "scale.sh: $corpus: no such directory" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/reportlens-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

corpus_copies "$corpus" "$tmp/in" "$copies"
files=$(find "$tmp/in" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | wc -l)
bytes=$(find "$tmp/in" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) -printf '%s\n' | awk '{s += $1} END {print s}')
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "store runs: $isolation"
echo "collection: $corpus x $copies = $files files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# timed NAME CMD...: runs CMD under /usr/bin/time -v, keeps "wall user sys rss_kb" in $tmp/NAME.
timed() {
  local name=$1; shift
  /usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
    { echo "$name failed:"; tail -5 "$tmp/$name.err"; return 1; }
  python3 - "$tmp/$name.time" >"$tmp/$name" <<'PY'
import sys
f = {}
for line in open(sys.argv[1]):
    k, _, v = line.strip().rpartition(": ")
    f[k] = v
wall = 0.0
for part in f["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"):
    wall = wall * 60 + float(part)
print(wall, f["User time (seconds)"], f["System time (seconds)"], f["Maximum resident set size (kbytes)"])
PY
  read -r wall user sys rss <"$tmp/$name"
  printf '%-22s wall %7.2f s  user %7.2f s  sys %6.2f s  peak RSS %7.1f MB\n' "$name" "$wall" "$user" "$sys" \
    "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
}
field() { awk -v i="$2" '{print $i}' "$tmp/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }

extract() {  # extract NAME FORMAT JOBS
  local out=$tmp/out-$1.$2
  rm -rf "$out" "$out".*
  timed "$1" "$pipeline" run "$root/pipelines/extract.yaml" -i "$tmp/in" -o "$out" -j "$3" --no-progress $isolation
}

has() { [[ " $steps " == *" $1 "* ]]; }

if has stores || has jobs; then
  extract sqlite-j2 sqlite 2
  extract jsonl-j2 jsonl 2
  echo "SQLite/JSONL at -j2: wall $(ratio "$(field sqlite-j2 1)" "$(field jsonl-j2 1)"), user CPU $(ratio "$(field sqlite-j2 2)" "$(field jsonl-j2 2)")"
  sq=$(stat -c %s "$tmp/out-sqlite-j2.sqlite")
  js=$(stat -c %s "$tmp/out-jsonl-j2.jsonl")
  echo "store sizes: SQLite $(ratio "$sq" 1e6) MB = $(ratio "$sq" "$bytes")x the input, JSONL $(ratio "$js" 1e6) MB = $(ratio "$js" "$bytes")x"
fi
if has jobs; then
  extract sqlite-j1 sqlite 1
  extract jsonl-j1 jsonl 1
  for s in sqlite jsonl; do
    echo "$s -j2 speed-up over -j1: wall $(ratio "$(field $s-j1 1)" "$(field $s-j2 1)")x, user CPU -j2/-j1 $(ratio "$(field $s-j2 2)" "$(field $s-j1 2)")"
  done
fi
if has diff; then
  corpus_copies "$corpus" "$tmp/diff-in" "$diff_copies"
  n=$(find "$tmp/diff-in" -type f -name '*.txt' | wc -l)
  timed diff "$pipeline" run "$root/pipelines/diff.yaml" -i "$tmp/diff-in" -o "$tmp/diff.sqlite" -j 2 --no-progress $isolation
  echo "diff over $n reports ($diff_copies copies): peak RSS $(awk -v k="$(field diff 4)" 'BEGIN{printf "%.0f", k/1024}') MB"
  rm -rf "$tmp/diff-in" "$tmp"/diff.*
fi
if has jieba; then
  cache=${REPORTLENS_BENCH_CACHE:-$HOME/.cache/reportlens-bench}
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "jieba: skipped (node or npm not found)"
  elif ! [[ -d $cache/node_modules/@node-rs/jieba ]] &&
       ! (mkdir -p "$cache" && cd "$cache" && npm install --no-audit --no-fund --silent @node-rs/jieba >/dev/null 2>&1); then
    echo "jieba: skipped (npm install @node-rs/jieba failed)"
  else
    # Segments every file (default mode, no HMM off) and counts the words, one thread.
    cat >"$tmp/jieba.js" <<'JS'
const fs = require('fs'), path = require('path');
const mod = require(path.join(process.argv[2], 'node_modules/@node-rs/jieba'));
let cut;
if (mod.Jieba) {
  const { dict } = require(path.join(process.argv[2], 'node_modules/@node-rs/jieba/dict'));
  const j = mod.Jieba.withDict(dict);
  cut = (t) => j.cut(t, false);
} else {
  mod.load();
  cut = (t) => mod.cut(t, false);
}
let words = 0;
for (const f of fs.readFileSync(process.argv[3], 'utf8').split('\n').filter(Boolean))
  words += cut(fs.readFileSync(f, 'utf8')).length;
console.log(words);
JS
    find "$tmp/in" -type f -name '*.txt' | sort >"$tmp/files.txt"
    timed jieba node "$tmp/jieba.js" "$cache" "$tmp/files.txt"
    [[ -f $tmp/jsonl-j1 ]] || extract jsonl-j1 jsonl 1
    echo "extract (JSONL, -j1) / jieba segmenting: wall $(ratio "$(field jsonl-j1 1)" "$(field jieba 1)"), user CPU $(ratio "$(field jsonl-j1 2)" "$(field jieba 2)") ($(cat "$tmp/jieba.out") words)"
  fi
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
