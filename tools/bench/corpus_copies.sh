# Sourced by the benchmarks that scale a collection up (scale.sh, corpus_memory.sh).
#
# corpus_copies SOURCE DIR K: the collection K times under DIR, as copy-1/ … copy-K/: other
# document ids, the same texts, so a region's reports of every copy fall in one group. Hard
# links where the file system allows, so the copies cost no space.
corpus_copies() {
  local source=$1 dir=$2 k=$3 i
  mkdir -p "$dir"
  for i in $(seq "$k"); do
    mkdir -p "$dir/copy-$i"
    cp -al "$source/." "$dir/copy-$i/" 2>/dev/null || cp -a "$source/." "$dir/copy-$i/"
  done
}

# corpus_regions BIN SOURCE OUT_TSV: each report's region as the segment stage reads it from
# the text (id TAB region; "" when the text names none), from one segment-only run over SOURCE.
corpus_regions() {
  local bin=$1 source=$2 out=$3 work
  work=$(mktemp -d "${TMPDIR:-/tmp}/corpus-regions.XXXXXX")
  printf 'name: regions\nstages:\n  - use: segment\n' >"$work/segment.yaml"
  "$bin" run "$work/segment.yaml" -i "$source" -o "$work/regions.json" -j 2 --no-progress \
    >/dev/null 2>"$work/err" || { cat "$work/err" >&2; rm -rf "$work"; return 1; }
  python3 - "$work/regions.json" "$out" <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))["documents"]
with open(sys.argv[2], "w") as out:
    for d in docs:
        out.write(f'{d["id"]}\t{d.get("meta", {}).get("region", "")}\n')
PY
  rm -rf "$work"
}

# corpus_distinct_manifest DIR K REGIONS_TSV: DIR/manifest.csv listing the K copies made by
# corpus_copies, copy k ≥ 2 with its reports' regions renamed ("沈阳市" → "沈阳市#k"), so each
# copy is a collection of other places: the largest region group stays the size of the
# original's whatever K (the way a corpus of 30,000 distinct reports is grouped). Reports
# whose text names no region keep none. A renamed region no longer prefixes the reports'
# own figures (沈阳市地区生产总值), so a stage reading the region from the text may differ
# slightly between copies.
corpus_distinct_manifest() {
  local dir=$1 k=$2 regions=$3
  python3 - "$dir" "$k" "$regions" <<'PY'
import csv, sys
dir, k, regions = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [line.rstrip("\n").split("\t") for line in open(regions, encoding="utf-8")]
with open(f"{dir}/manifest.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["path", "region"])
    for i in range(1, k + 1):
        for doc_id, region in rows:
            renamed = region if (i == 1 or not region) else f"{region}#{i}"
            w.writerow([f"copy-{i}/{doc_id}", renamed])
PY
}
