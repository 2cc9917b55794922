#!/usr/bin/env bash
# Compares two SQLite stores table by table (every row, in primary-key order) with the sqlite3
# shell; the runs table without its timestamps. Prints one line per table, exits 1 on any
# difference. For checking that a writer change keeps the stored contents identical.
#
#   tools/bench/compare_stores.sh A.sqlite B.sqlite
set -euo pipefail
[[ $# -eq 2 ]] || { sed -n '2,6p' "$0"; exit 2; }
status=0
for table in documents document_texts annotations indicators entities errors comparisons targets runs; do
  columns='*'
  [[ $table == runs ]] && columns='run_id, pipeline, pipeline_hash, shard, provenance, documents, failed, skipped, status, not_run'
  sums=()
  for db in "$1" "$2"; do
    sums+=("$(sqlite3 -readonly "$db" "SELECT $columns FROM $table ORDER BY 1" | sha256sum | cut -c1-16) $(sqlite3 -readonly "$db" "SELECT count(*) FROM $table")")
  done
  if [[ ${sums[0]} == "${sums[1]}" ]]; then
    echo "$table: same (${sums[0]#* } rows)"
  else
    echo "$table: DIFFERENT (${sums[0]} vs ${sums[1]})"
    status=1
  fi
done
exit $status
