#!/usr/bin/env bash
# The stores, two ways. A benchmark, not a test: it prints figures and differences.
#
#   tools/bench/compare_stores.sh A.sqlite B.sqlite
#       Compares two SQLite stores table by table (every row, in primary-key order, every table
#       of either store: the projected ones too) and their schema, the runs table without its
#       timestamps, then the views `annotations` and `document_texts` (the schema-2 shapes: type
#       names, attrs JSON, plain texts), which agree even where two stores numbered their
#       annotation shapes differently (a merge). One line per table; exits 1 on any difference.
#       For checking that a writer change keeps the stored contents.
#
#   tools/bench/compare_stores.sh -c CORPUS [-b BUILD_DIR] [-k COPIES] [-r RUNS]
#       Times pipelines/extract.yaml into SQLite and into JSON Lines at -j2 and at -j1 over CORPUS
#       copied COPIES times (default 7; tools/bench/corpus_copies.sh) and prints, from
#       /usr/bin/time -v: SQLite/JSONL wall (and user, user+sys CPU) at each -j, the -j2/-j1
#       speed-up of each store, the store sizes over the input size, and a last line with the
#       three ratios issue 18 sets goals for, and the SQLite store's size by table and index
#       (dbstat; the sqlite3 shell needs it, Debian's has it). RUNS (default 1) repeats every run
#       and keeps the fastest. The load average is printed before and after every run: on a
#       busy machine wall time includes waiting, so read CPU (user, and user+sys: the isolated
#       workers spend system time too). ISOLATION (default: the
#       stores' default, --isolate) is passed to every run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

compare() {
  local status=0 table columns
  local tables
  tables=$( (sqlite3 -readonly "$1" "SELECT name FROM sqlite_master WHERE type = 'table'"
             sqlite3 -readonly "$2" "SELECT name FROM sqlite_master WHERE type = 'table'") | sort -u)
  local views
  views=$( (sqlite3 -readonly "$1" "SELECT name FROM sqlite_master WHERE type = 'view' AND name IN ('annotations', 'document_texts')"
            sqlite3 -readonly "$2" "SELECT name FROM sqlite_master WHERE type = 'view' AND name IN ('annotations', 'document_texts')") | sort -u)
  for table in schema $tables $views; do
    columns='*'
    [[ $table == runs ]] && columns='run_id, pipeline, pipeline_hash, shard, provenance, documents, failed, skipped, status, not_run'
    local sums=() db
    for db in "$1" "$2"; do
      if [[ $table == schema ]]; then
        # By name: a run builds some indexes when it finishes (output_sqlite.cc, defer_indexes), a
        # merge with its tables, so the same schema is listed in another order.
        sums+=("$(sqlite3 -readonly "$db" "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name" | sha256sum | cut -c1-16) -")
      else
        sums+=("$(sqlite3 -readonly "$db" "SELECT $columns FROM \"$table\" ORDER BY 1" 2>/dev/null | sha256sum | cut -c1-16) $(sqlite3 -readonly "$db" "SELECT count(*) FROM \"$table\"" 2>/dev/null || echo absent)")
      fi
    done
    if [[ ${sums[0]} == "${sums[1]}" ]]; then
      echo "$table: same (${sums[0]#* } rows)"
    else
      echo "$table: DIFFERENT (${sums[0]} vs ${sums[1]})"
      status=1
    fi
  done
  return $status
}

if [[ $# -eq 2 && $1 != -* ]]; then
  compare "$1" "$2"
  exit
fi

build=$root/build
corpus=
copies=7
runs=1
while getopts "b:c:k:r:h" opt; do
  case $opt in
    b) build=$OPTARG ;;
    c) corpus=$OPTARG ;;
    k) copies=$OPTARG ;;
    r) runs=$OPTARG ;;
    *) sed -n '2,22p' "$0"; exit 2 ;;
  esac
done
[[ -n $corpus ]] || { sed -n '2,22p' "$0"; exit 2; }
pipeline=$build/bin/pipeline
[[ -x $pipeline ]] || { echo "compare_stores.sh: $pipeline: not built" >&2; exit 2; }
[[ -d $corpus ]] || { echo "compare_stores.sh: $corpus: no such directory" >&2; exit 2; }
isolation=${ISOLATION:---isolate}
. "$root/tools/bench/corpus_copies.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/reportlens-stores.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
corpus_copies "$corpus" "$tmp/in" "$copies"
files=$(find "$tmp/in" -type f | wc -l)
bytes=$(find "$tmp/in" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "corpus: $corpus x $copies = $files files, $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB; $(nproc) cores; $isolation"
echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# run NAME FORMAT JOBS: the fastest of $runs runs; "wall user sys" in $tmp/NAME.
run() {
  local name=$1 format=$2 jobs=$3 i best=
  for i in $(seq "$runs"); do
    local out=$tmp/out-$name.$format load
    rm -rf "$out" "$out"-* "$out".*
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S' -o "$tmp/$name.time" "$pipeline" run "$root/pipelines/extract.yaml" -i "$tmp/in" \
      -o "$out" -j "$jobs" --no-progress "$isolation" >/dev/null 2>"$tmp/$name.err" ||
      { echo "$name failed:"; tail -5 "$tmp/$name.err"; exit 1; }
    read -r wall user sys <"$tmp/$name.time"
    printf '%-10s run %d: wall %7.2f s  user %7.2f s  sys %6.2f s  (load %s -> %s)\n' "$name" "$i" "$wall" "$user" "$sys" \
      "$load" "$(cut -d' ' -f1 /proc/loadavg)"
    if [[ -z $best ]] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN{exit !(a < b)}'; then best="$wall $user $sys"; fi
  done
  echo "$best" >"$tmp/$name"
  stat -c %s "$tmp/out-$name.$format" >"$tmp/$name.size"
}
field() { awk -v i="$2" '{print $i}' "$tmp/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }

for jobs in 2 1; do
  run "sqlite-j$jobs" sqlite "$jobs"
  run "jsonl-j$jobs" jsonl "$jobs"
done
echo
cpu() { awk -v u="$(field "$1" 2)" -v s="$(field "$1" 3)" 'BEGIN{printf "%.2f", u + s}'; }
for jobs in 2 1; do
  echo "SQLite/JSONL at -j$jobs: wall $(ratio "$(field sqlite-j$jobs 1)" "$(field jsonl-j$jobs 1)")x, user CPU $(ratio "$(field sqlite-j$jobs 2)" "$(field jsonl-j$jobs 2)")x, user+sys CPU $(cpu sqlite-j$jobs) / $(cpu jsonl-j$jobs) s = $(ratio "$(cpu sqlite-j$jobs)" "$(cpu jsonl-j$jobs)")x"
done
for s in sqlite jsonl; do
  echo "$s -j2 over -j1: $(ratio "$(field $s-j1 1)" "$(field $s-j2 1)")x faster (wall), user CPU -j2/-j1 $(ratio "$(field $s-j2 2)" "$(field $s-j1 2)")"
done
sq=$(cat "$tmp/sqlite-j2.size")
js=$(cat "$tmp/jsonl-j2.size")
echo "store size / input size: SQLite $(ratio "$sq" "$bytes")x ($(ratio "$sq" 1e6) MB), JSONL $(ratio "$js" "$bytes")x ($(ratio "$js" 1e6) MB)"
# The three figures issue 18 sets goals for (wall times: meaningful on an idle machine only).
echo "goals: SQLite/JSONL wall at -j2 $(ratio "$(field sqlite-j2 1)" "$(field jsonl-j2 1)")x (<= 1.25), SQLite -j2/-j1 $(ratio "$(field sqlite-j1 1)" "$(field sqlite-j2 1)")x (>= 1.7), SQLite store $(ratio "$sq" "$bytes")x the input (<= 2)"
echo "SQLite store by table and index (MB):"
sqlite3 -readonly "$tmp/out-sqlite-j2.sqlite" \
  "SELECT printf('  %-28s %8.1f', name, sum(pgsize) / 1e6) FROM dbstat GROUP BY name HAVING sum(pgsize) >= 100000 ORDER BY sum(pgsize) DESC" ||
  echo "  (no dbstat in this sqlite3 shell)"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
