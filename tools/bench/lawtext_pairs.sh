#!/usr/bin/env bash
# The stop check's lawtext score: each gold pair of local reports through pipelines/diff.yaml
# (--input base=… --input compare=…), the documents and comparisons merged into one result,
# scored with the shared gold.
#
#   tools/bench/lawtext_pairs.sh [-b BUILD_DIR] [-o OUT_DIR]
#
# Needs ../shared (corpus/lawtext, eval/score.py, eval/gold) beside the checkout; prints the
# scorer's report. OUT_DIR (default: a temporary one) keeps lt.json and the per-pair results.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
out=""
while getopts "b:o:h" opt; do
  case $opt in
    b) build=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
  esac
done
shared=$(cd "$root/.." && pwd)/shared
lt=$shared/corpus/lawtext
[ -d "$lt" ] && [ -f "$shared/eval/score.py" ] || { echo "lawtext_pairs: $shared: no corpus/lawtext or eval/score.py" >&2; exit 3; }
[ -x "$build/bin/pipeline" ] || { echo "lawtext_pairs: $build/bin/pipeline: not built" >&2; exit 3; }
[ -n "$out" ] || { out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; }
mkdir -p "$out"
rm -f "$out"/lt-*.json
for pair in "沈阳市 2021 2022" "沈阳市 2022 2023" "沈阳市 2023 2024" "沈阳市 2024 2025" "大连市 2023 2024" "辽宁省 2023 2024"; do
  set -- $pair
  "$build/bin/pipeline" run "$root/pipelines/diff.yaml" --input "base=$lt/$1/$2.txt" --input "compare=$lt/$1/$3.txt" \
    --output "$out/lt-$1-$2.json" >/dev/null 2>"$out/lt.err" || { echo "lawtext_pairs: $1 $2–$3 failed:" >&2; tail -3 "$out/lt.err" >&2; exit 1; }
done
python3 - "$out" <<'PY'
import glob, json, sys
docs, comps, seen = [], [], set()
for f in sorted(glob.glob(sys.argv[1] + "/lt-*.json")):
    r = json.load(open(f, encoding="utf-8"))
    for d in r["documents"]:
        if d["id"] not in seen: seen.add(d["id"]); docs.append(d)
    comps += r.get("comparisons", [])
json.dump({"documents": docs, "comparisons": comps, "errors": [], "provenance": {}},
          open(sys.argv[1] + "/lt.json", "w", encoding="utf-8"), ensure_ascii=False)
PY
python3 "$shared/eval/score.py" "$out/lt.json" "$shared/eval/gold" --corpus "$shared/corpus" --only-present
