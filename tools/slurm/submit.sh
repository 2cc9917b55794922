#!/usr/bin/env bash
# Submits a sharded reportlens batch and its merge to Slurm (docs/batch.md, "Slurm").
#
#   tools/slurm/submit.sh [--only=LIST] PIPELINE.yaml INPUT OUTDIR SHARDS [sbatch options...]
#
# An array job runs tools/slurm/batch.sbatch for shards 1..SHARDS (or only the indices of LIST,
# e.g. --only=3,17 to resubmit those: a shard resumes where it stopped), then a merge job writes
# OUTDIR/merged.<format> once they succeeded. Everything a job needs is resolved here and
# passed to it as arguments: the pipeline executable (PIPELINE, else `pipeline` on PATH, else
# this checkout's build/bin/pipeline), absolute paths, and SHARDS itself. sbatch options
# (--partition, --account, --cpus-per-task, --mem, --time...) go to every job, array and
# merge. A merge job of an earlier submission to OUTDIR still queued or running is cancelled and
# replaced. Environment: FORMAT (sqlite|jsonl), RETRY_FAILED=1, ALLOW_FAILED=1, EXTRA_ARGS
# (more `pipeline run` options), ALLOW_PARTIAL=1 (merge even an incomplete shard set).
set -euo pipefail
usage() {
  echo "usage: $0 [--only=LIST] PIPELINE.yaml INPUT OUTDIR SHARDS [sbatch options...]" >&2
  exit 2
}
only=
case ${1:-} in
  --only=*) only=${1#--only=}; shift ;;
  --only) [ $# -ge 2 ] || usage; only=$2; shift 2 ;;
esac
[ $# -ge 4 ] || usage
pipeline_yaml=$1 input=$2 outdir=$3 shards=$4
shift 4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fail() { echo "submit.sh: $*" >&2; exit 2; }

[[ $shards =~ ^[1-9][0-9]*$ ]] || fail "SHARDS must be a positive number, got '$shards'"
if [ -z "$only" ]; then
  only="1-$shards"
else
  # Indices and ranges (3,17,20-25), each within 1..SHARDS: the shard is I of SHARDS.
  [[ $only =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || fail "--only takes indices like 3,17,20-25, got '$only'"
  IFS=, read -ra parts <<<"$only"
  for part in "${parts[@]}"; do
    for i in ${part/-/ }; do
      { [ "$i" -ge 1 ] && [ "$i" -le "$shards" ]; } || fail "--only: index $i is not within 1-$shards"
    done
  done
fi
for opt in "$@"; do
  case $opt in
    --array*|-a|--dependency*|-d|--chdir*|-D) fail "$opt is set by submit.sh (use --only=LIST to choose indices)" ;;
  esac
done

# The executable, resolved now: a job runs a copy of its script elsewhere, with another PATH.
exe=${PIPELINE:-}
if [ -z "$exe" ]; then
  exe=$(command -v pipeline || true)
  [ -n "$exe" ] || exe=$here/../../build/bin/pipeline
fi
{ [ -x "$exe" ] && [ -f "$exe" ]; } || fail "pipeline executable '$exe' not found (set PIPELINE=/path/to/pipeline or put it on PATH)"
exe=$(realpath "$exe")
[ -f "$pipeline_yaml" ] || fail "$pipeline_yaml: no such pipeline file"
pipeline_yaml=$(realpath "$pipeline_yaml")
case $input in /*) ;; *) input=$PWD/$input ;; esac
# Jobs run in the directory holding INPUT (for a glob: its part before the first wildcard),
# so documents.source (the input path relative to the working directory) starts with INPUT's
# own name whatever directory this script is run from.
plain=${input%%[*?[]*}
[ "$plain" = "$input" ] || plain=${plain%/*}
[ -e "$plain" ] || fail "$input: no such input"
base=$(dirname "$(realpath "$plain")")
format=${FORMAT:-sqlite}
case $format in sqlite|jsonl) ;; *) fail "FORMAT must be sqlite or jsonl, got '$format'" ;; esac
mkdir -p "$outdir/logs"
outdir=$(realpath "$outdir")

# Array indices above MaxArraySize-1 are rejected by Slurm; say so instead of half-submitting.
max=$(scontrol show config 2>/dev/null | awk '/^MaxArraySize/ {print $3}')
if [ -n "$max" ] && [ "$shards" -ge "$max" ]; then
  fail "SHARDS=$shards exceeds this cluster's MaxArraySize ($max): use fewer, larger shards"
fi

# Jobs of earlier submissions to OUTDIR: a merge still queued is replaced by this one; arrays
# still queued or running must end before it.
jobs_file=$outdir/logs/slurm-jobs
still_queued() { [ -n "$(squeue -h -j "$1" -o %i 2>/dev/null || true)" ]; }
after=()
if [ -f "$jobs_file" ]; then
  while read -r kind id; do
    still_queued "$id" || continue
    if [ "$kind" = merge ]; then
      scancel "$id" 2>/dev/null || true
      echo "cancelled merge job $id of an earlier submission (replaced below)"
    else
      after+=("$id")
    fi
  done <"$jobs_file"
fi

run_args=()
[ "${RETRY_FAILED:-0}" = 1 ] && run_args+=(--retry-failed)
# shellcheck disable=SC2206
[ -n "${EXTRA_ARGS:-}" ] && run_args+=(${EXTRA_ARGS})
array=$(sbatch --parsable --array="$only" --chdir="$base" --output="$outdir/logs/shard-%a-job%A.log" "$@" \
          "$here/batch.sbatch" "$exe" "$pipeline_yaml" "$input" "$outdir" "$shards" "$format" \
          "${ALLOW_FAILED:-0}" "${run_args[@]}")
array=${array%%;*}
echo "array $array" >>"$jobs_file"
echo "submitted array job $array (shards $only of $shards)"

dependency="afterok:$array"
[ ${#after[@]} -eq 0 ] || dependency+=",afterany:$(IFS=:; echo "${after[*]}")"
merge=$(sbatch --parsable --dependency="$dependency" --kill-on-invalid-dep=yes --chdir="$base" \
          --output="$outdir/logs/merge-job%j.log" "$@" \
          "$here/merge.sbatch" "$exe" "$outdir" "$shards" "$format" "${ALLOW_PARTIAL:-0}")
merge=${merge%%;*}
echo "merge $merge" >>"$jobs_file"
echo "submitted merge job $merge (runs when the shards succeeded; cancelled by Slurm if one fails)"
echo "watch: squeue -j $array,$merge    logs: $outdir/logs/    result: $outdir/merged.$format"
