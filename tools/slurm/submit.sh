#!/usr/bin/env bash
# Submits a sharded reportlens batch and its merge (docs/batch.md, "Slurm").
#
#   tools/slurm/submit.sh PIPELINE.yaml INPUT OUTDIR SHARDS [extra sbatch options...]
#
# The array runs tools/slurm/batch.sbatch for shards 1..SHARDS; the merge job starts when
# every task succeeded (afterok). A failed sbatch stops the script with its message.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 PIPELINE.yaml INPUT OUTDIR SHARDS [sbatch options...]" >&2
  exit 2
fi
pipeline_yaml=$1 input=$2 outdir=$3 shards=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
if ! [[ $shards =~ ^[1-9][0-9]*$ ]]; then
  echo "SHARDS must be a positive number, got '$shards'" >&2
  exit 2
fi
# Array indices above MaxArraySize-1 are rejected by Slurm; say so instead of half-submitting.
max=$(scontrol show config 2>/dev/null | awk '/^MaxArraySize/ {print $3}')
if [ -n "$max" ] && [ "$shards" -ge "$max" ]; then
  echo "SHARDS=$shards exceeds this cluster's MaxArraySize ($max): use fewer, larger shards" >&2
  exit 2
fi
mkdir -p "$outdir"
array=$(sbatch --parsable --array="1-$shards" "$@" "$here/batch.sbatch" "$pipeline_yaml" "$input" "$outdir")
array=${array%%;*}
echo "submitted array job $array (shards 1-$shards)"
merge=$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sbatch" "$outdir")
merge=${merge%%;*}
echo "submitted merge job $merge (runs after every shard succeeded)"
echo "watch: squeue -j $array,$merge    result: $outdir/merged.${FORMAT:-sqlite}"
