#!/usr/bin/env bash
# Document metadata from the text alone, checked on a corpus laid out as <place>/<plan year>.txt
# (every file a 政府工作报告): each report is copied to an opaque name (0001.txt …) so that
# the file name carries nothing, the segment stage runs on the copies, and the region, plan
# year and kind it infers are compared with the directory (region) and file name (plan year).
# Prints the three shares and every failure with what was inferred.
#
#   tools/metadata_check.sh [CORPUS_DIR] [PIPELINE_BIN]
#     CORPUS_DIR    default ../shared/corpus/lawtext
#     PIPELINE_BIN  default build/bin/pipeline
# Exit status: 0 when the check ran (whatever the shares), 2 on bad arguments or a failed run.
set -euo pipefail

corpus=${1:-../shared/corpus/lawtext}
pipeline=${2:-build/bin/pipeline}
if [[ ! -d "$corpus" ]]; then
  echo "metadata_check: $corpus: no such directory (expected <place>/<year>.txt)" >&2
  exit 2
fi
if [[ ! -x "$pipeline" ]]; then
  echo "metadata_check: $pipeline: not an executable (build first)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/docs"
n=0
: >"$work/truth.tsv"
while IFS= read -r -d '' f; do
  n=$((n + 1))
  id=$(printf '%04d' "$n")
  cp "$f" "$work/docs/$id.txt"
  place=$(basename "$(dirname "$f")")
  year=$(basename "$f" .txt)
  printf '%s.txt\t%s\t%s\n' "$id" "$place" "$year" >>"$work/truth.tsv"
done < <(find "$corpus" -mindepth 2 -maxdepth 2 -name '*.txt' -print0 | sort -z)
if [[ $n -eq 0 ]]; then
  echo "metadata_check: $corpus: no <place>/<year>.txt files" >&2
  exit 2
fi

cat >"$work/metadata.yaml" <<'EOF'
name: metadata-check
description: The segment stage alone, for its document metadata.
inputs:
  - docs
stages:
  - use: segment
output:
  path: out.json
EOF
if ! "$pipeline" run "$work/metadata.yaml" --output "$work/out.json" >"$work/log" 2>&1; then
  echo "metadata_check: the pipeline failed:" >&2
  tail -5 "$work/log" >&2
  exit 2
fi

python3 - "$work/truth.tsv" "$work/out.json" <<'EOF'
import json, sys
truth = {}
for line in open(sys.argv[1], encoding="utf-8"):
    name, place, year = line.rstrip("\n").split("\t")
    truth[name] = (place, int(year))
docs = {d["id"].split("/")[-1]: d["meta"] for d in json.load(open(sys.argv[2], encoding="utf-8"))["documents"]}
ok = {"region": 0, "plan_year": 0, "kind": 0}
fails = []
for name, (place, year) in sorted(truth.items(), key=lambda kv: (kv[1][0], kv[1][1])):
    m = docs.get(name, {})
    got = {"region": m.get("region"), "plan_year": m.get("plan_year"), "kind": m.get("kind")}
    want = {"region": place, "plan_year": year, "kind": "work_report"}
    bad = [k for k in ok if got[k] != want[k]]
    for k in ok:
        ok[k] += k not in bad
    if bad:
        fails.append(f"  {place}/{year}.txt ({name}): " + ", ".join(f"{k}={got[k]!r}" for k in bad)
                     + f"  [report_year={m.get('report_year')!r}, meeting_date={m.get('meeting_date')!r}]")
total = len(truth)
with_date = sum(1 for n in truth if docs.get(n, {}).get("meeting_date"))
with_review = sum(1 for n in truth if docs.get(n, {}).get("report_year") is not None)
print(f"reports: {total}")
for k, v in ok.items():
    print(f"{k}: {v}/{total} = {v / total:.4f}")
print(f"meeting_date found: {with_date}/{total}; report_year set: {with_review}/{total}")
print(f"failures: {len(fails)}")
print("\n".join(fails))
EOF
