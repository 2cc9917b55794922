#!/usr/bin/env bash
# Memory per document (docs/batch.md, "Memory per document"): peak RSS of a run and its
# workers (/usr/bin/time, ru_maxrss of the whole waited-for tree) on one document, minus the
# same run on a one-line document, over the input's size; for each output kind, isolated and
# in-process. Inputs: generated line-rich text (every short line a paragraph, a sentence and
# a quantity: the worst case), the same text on one line, and the largest lawtext report.
#
#   tools/bench/doc_memory.sh [-b BUILD] [-n LINES] [-c CORPUS]
# prints one row per input, kind and isolation: bytes, peak KiB, base KiB, (peak-base)/bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$here/build lines=100000 corpus=$here/../shared/corpus/lawtext
while getopts b:n:c: o; do
  case $o in b) build=$OPTARG ;; n) lines=$OPTARG ;; c) corpus=$OPTARG ;; *) exit 2 ;; esac
done
work=$(mktemp -d /tmp/doc-memory.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/base" "$work/lines" "$work/oneline" "$work/law"
printf '增长5.9%%\n' > "$work/base/base.txt"
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; ++i) printf "增长%d.%d%%\n", i % 9 + 1, i % 10 }' > "$work/lines/lines.txt"
# The same quantities in one line of clauses (no line break anywhere).
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; ++i) printf "增长%d.%d%%，", i % 9 + 1, i % 10; printf "\n" }' \
  > "$work/oneline/oneline.txt"
if [ -d "$corpus" ]; then
  largest=$(find "$corpus" -type f -name '*.txt' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
  cp "$largest" "$work/law/law.txt"
fi
peak() {  # input-dir kind isolation -> peak KiB
  local out=$work/out.$2
  rm -rf "$out" "$out".* "$work"/*.lock 2>/dev/null || true
  /usr/bin/time -f %M -o "$work/time" "$build/bin/pipeline" run "$here/pipelines/extract.yaml" -i "$1" \
    -o "$out" -j1 --no-progress "$3" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; return 1; }
  cat "$work/time"
}
printf '%-8s %-6s %-12s %10s %10s %10s %8s\n' input kind isolation bytes peak_KiB base_KiB x_input
for kind in json jsonl csv sqlite; do
  for iso in --no-isolate --isolate; do
    base=$(peak "$work/base" $kind $iso)
    for input in lines oneline law; do
      [ -d "$work/$input" ] && [ -n "$(ls "$work/$input")" ] || continue
      bytes=$(stat -c %s "$work/$input"/*)
      p=$(peak "$work/$input" $kind $iso)
      printf '%-8s %-6s %-12s %10s %10s %10s %8.1f\n' $input $kind $iso $bytes $p $base \
        "$(echo "($p - $base) * 1024 / $bytes" | bc -l)"
    done
  done
done
