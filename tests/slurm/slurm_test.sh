#!/usr/bin/env bash
# The Slurm path of docs/batch.md on a real one-node cluster (ctest label `slurm`):
#   1. installs Debian's slurm-wlm daemons and MUNGE when root and absent (install.sh);
#   2. starts munged, slurmctld and slurmd on localhost from a temporary directory (cluster.sh);
#   3. as an unprivileged user, submits the documented command over ~200 reports in 4 shards
#      and checks that the merged store equals a single local run, table by table;
#   4. submits again into a new directory with shard 3 made to fail (its store path blocked):
#      the merge job must not stay pending, `pipeline merge` must refuse the incomplete set
#      (exit 7); then resubmits only index 3, as documented, and checks the merge again;
#   5. submits held (--hold reaches array and merge), resubmits index 2: the waiting merge is
#      cancelled and the new one waits for both arrays; released, the merge is checked again.
# Exit 77 (ctest SKIP) with a message where the daemons cannot be installed or started.
#
#   tests/slurm/slurm_test.sh SOURCE_DIR PIPELINE_EXE [SHARED_CORPUS_DIR]
set -uo pipefail
src=$(realpath "$1") exe=$(realpath "$2")
shared=${3:-${REPORTLENS_SHARED_CORPUS:-$src/../shared/corpus}}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
skip() { echo "SKIP: $*"; exit 77; }
die() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "[$(date -u +%H:%M:%S) +$((SECONDS))s] $*"; }

[ -x "$exe" ] || die "no pipeline executable at $exe"
[ "$(id -u)" = 0 ] || skip "needs root to start slurmd, which runs jobs as another user"
"$here/install.sh" || skip "Slurm and MUNGE are not installed and could not be installed"
for c in munged slurmctld slurmd sbatch squeue scontrol sqlite3 runuser python3; do
  command -v $c >/dev/null || skip "$c not found"
done

tmp=$(mktemp -d /tmp/reportlens-slurm.XXXXXX)
# shellcheck source=tests/slurm/cluster.sh
source "$here/cluster.sh"
cleanup() {
  stop_cluster
  if [ "${KEEP_SLURM_TEST_DIR:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# Jobs run as an ordinary user, never root.
user=reportlens-jobs
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" 2>/dev/null || user=nobody
fi
# The job user must read the source tree and the build; a checkout it cannot reach (say under
# /root) is copied: the scripts, pipelines and corpus, the executable with its library and
# plugins (SLURM_TEST_COPY=1 forces that).
if [ "${SLURM_TEST_COPY:-0}" = 1 ] || ! runuser -u "$user" -- "$exe" check "$src/pipelines/extract.yaml" >/dev/null 2>&1 ||
   ! runuser -u "$user" -- test -x "$src/tools/slurm/submit.sh"; then
  echo "note: $user cannot read $src or $exe: running from copies in $tmp"
  mkdir -p "$tmp/src" "$tmp/build/bin" "$tmp/build/lib"
  cp -r "$src/tools" "$src/pipelines" "$src/corpus" "$tmp/src/"
  cp "$exe" "$tmp/build/bin/"
  cp -a "$(dirname "$exe")/../lib/." "$tmp/build/lib/"
  src=$tmp/src exe=$tmp/build/bin/$(basename "$exe")
  chmod -R a+rX "$tmp/src" "$tmp/build"
  chmod 755 "$tmp"
  runuser -u "$user" -- "$exe" check "$src/pipelines/extract.yaml" >/dev/null ||
    die "$user cannot run the copied pipeline either"
fi
step "starting munged, slurmctld, slurmd in $tmp (jobs as $user)"
start_cluster "$tmp/cluster" "$user" || skip "the Slurm daemons could not start here (see above)"
step "cluster up: $(sinfo -h -o '%P %t %c CPUs')"

# ~200 reports: the repo's corpus, then the shared local reports when present, copied under
# other names when there are fewer.
work=$tmp/work
mkdir -p "$work/in/repo"
cp -r "$src/corpus/." "$work/in/repo/"
find "$work/in/repo" -type f ! -name '*.txt' -delete
want=200
if [ -d "$shared/lawtext" ]; then
  n=$(find "$work/in" -name '*.txt' | wc -l)
  while IFS= read -r f; do
    [ "$n" -lt $want ] || break
    n=$((n + 1))
    rel=${f#"$shared/lawtext/"}
    mkdir -p "$work/in/lawtext/$(dirname "$rel")"
    cp "$f" "$work/in/lawtext/$rel"
  done < <(find "$shared/lawtext" -name '*.txt' | LC_ALL=C sort)
else
  echo "note: $shared/lawtext absent: running with the repository's corpus copied to $want reports"
fi
mapfile -t have < <(find "$work/in" -name '*.txt' | LC_ALL=C sort)
[ ${#have[@]} -gt 0 ] || die "no .txt reports under $src/corpus"
k=0
for ((n = ${#have[@]}; n < want; n++)); do
  f=${have[k % ${#have[@]}]}
  mkdir -p "$work/in/copies/$((k / ${#have[@]}))"
  cp "$f" "$work/in/copies/$((k / ${#have[@]}))/$(basename "$(dirname "$f")")-$(basename "$f")"
  k=$((k + 1))
done
chown -R "$user" "$work"
chmod 755 "$tmp"
step "corpus: $(find "$work/in" -name '*.txt' | wc -l) reports, $(du -sh "$work/in" | cut -f1)"

# The reference: one local run, from the directory holding the input (as the jobs run).
(cd "$work" && "$exe" run "$src/pipelines/extract.yaml" -i in -o "$tmp/single.sqlite" -j 2 -q --no-progress) ||
  die "the single local run failed"
step "single local run done"

# Runs as the job user from the source tree: the commands as docs/batch.md gives them.
as_user() {
  runuser -u "$user" -- env SLURM_CONF="$SLURM_CONF" PIPELINE="$exe" PATH="$PATH" bash -c "cd '$src' && $1"
}
job_ids() { awk -v k="$1" '$1 == k {print $2}' "$2/logs/slurm-jobs"; }
state_of() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u | paste -sd,; }
# Waits (at most $1 s) until none of the jobs "$2" is pending or running.
wait_jobs() {
  local limit=$1 jobs=$2 i
  for ((i = 0; i < limit; i += 2)); do
    [ -z "$(squeue -h -j "$jobs" -t PENDING,RUNNING,CONFIGURING,COMPLETING -o %i 2>/dev/null)" ] && return 0
    sleep 2
  done
  squeue -j "$jobs"
  return 1
}
dump() {  # every table's rows that a run decides (run_id and runs rows differ by design)
  sqlite3 "$1" "SELECT doc_id, id, seq, source, sha256, pipeline_hash, result_key, status, region, report_year,
                       plan_year, kind, title, meta FROM documents ORDER BY doc_id;
                SELECT * FROM annotations ORDER BY annotation_id; SELECT * FROM indicators ORDER BY annotation_id;
                SELECT * FROM entities ORDER BY annotation_id; SELECT * FROM errors ORDER BY error_id;
                SELECT * FROM document_texts ORDER BY doc_id;" | sha256sum | cut -d' ' -f1
}
expect_same() {
  local merged=$1
  [ -f "$merged" ] || die "no $merged (logs: $(cat "$(dirname "$merged")"/logs/*.log 2>/dev/null | tail -20))"
  local a b
  a=$(dump "$tmp/single.sqlite") b=$(dump "$merged")
  [ "$a" = "$b" ] || die "$merged differs from the single run (documents: $(sqlite3 "$merged" 'select count(*) from documents') vs $(sqlite3 "$tmp/single.sqlite" 'select count(*) from documents'))"
  step "$merged equals the single run ($(sqlite3 "$merged" 'select count(*) from documents') documents, all tables)"
}

# 1. The documented submission.
out=$work/out/run1
as_user "tools/slurm/submit.sh pipelines/extract.yaml $work/in $out 4" || die "submit.sh failed"
array=$(job_ids array "$out") merge=$(job_ids merge "$out")
wait_jobs 180 "$array,$merge" || die "jobs $array,$merge still queued after 180 s"
[ "$(state_of "$merge")" = COMPLETED ] || die "merge job $merge ended $(state_of "$merge"): $(tail -5 "$out"/logs/merge-*.log)"
step "4 shards and the merge done (array $array: $(state_of "$array"))"
expect_same "$out/merged.sqlite"

# 2. Shard 3 fails (its store path is a directory), the merge job must not hang.
out=$work/out/run2
mkdir -p "$out/shard-3.sqlite"
chown -R "$user" "$work/out"
as_user "tools/slurm/submit.sh pipelines/extract.yaml $work/in $out 4" || die "submit.sh failed"
array=$(job_ids array "$out") merge=$(job_ids merge "$out")
wait_jobs 180 "$array,$merge" || die "jobs $array,$merge still queued after 180 s (a merge waiting forever?)"
[[ $(state_of "$array") == *FAILED* ]] || die "shard 3 should have failed: array $array ended $(state_of "$array")"
[ "$(state_of "$merge")" = CANCELLED ] || die "merge job $merge should be cancelled after a failed shard, is $(state_of "$merge")"
[ ! -f "$out/merged.sqlite" ] || die "a merge was written from a failed set"
step "shard 3 failed as intended; merge job $merge cancelled"
"$exe" merge "$tmp/partial.sqlite" "$out"/shard-{1,2,4}.sqlite >/dev/null 2>"$tmp/merge.err"
code=$?
[ $code = 7 ] || die "merging shards 1,2,4 of 4 should exit 7, got $code: $(cat "$tmp/merge.err")"
grep -q "shard(s) 3 of 4 missing" "$tmp/merge.err" || die "unexpected refusal: $(cat "$tmp/merge.err")"
step "pipeline merge refuses the incomplete set: $(cat "$tmp/merge.err")"

# Resubmit only that index, as docs/batch.md says.
rmdir "$out/shard-3.sqlite"
as_user "tools/slurm/submit.sh --only=3 pipelines/extract.yaml $work/in $out 4" || die "resubmission failed"
array2=$(job_ids array "$out" | tail -1) merge2=$(job_ids merge "$out" | tail -1)
{ [ "$array2" != "$array" ] && [ "$merge2" != "$merge" ]; } || die "the resubmission made no new jobs"
wait_jobs 180 "$array2,$merge2" || die "jobs $array2,$merge2 still queued after 180 s"
[ "$(state_of "$merge2")" = COMPLETED ] || die "merge job $merge2 ended $(state_of "$merge2"): $(tail -5 "$out"/logs/merge-job"$merge2".log)"
grep -q "shard 3/4" "$out"/logs/shard-3-job"$array2".log || die "the resubmitted task did not run shard 3/4"
expect_same "$out/merged.sqlite"

# 3. sbatch options reach every job (--hold: array and merge held), and a resubmission while
#    the first merge still waits cancels it; the new merge also waits for the first array.
out=$work/out/run3
as_user "tools/slurm/submit.sh pipelines/extract.yaml $work/in $out 4 --hold" || die "submit.sh --hold failed"
array=$(job_ids array "$out") merge=$(job_ids merge "$out")
scontrol show job "$merge" | grep -q "Reason=JobHeldUser" || die "--hold did not reach merge job $merge"
[ "$(state_of "$array")" = PENDING ] || die "--hold did not reach array $array: $(state_of "$array")"
scancel "${array}_2"  # what the resubmission redoes must not run twice at once
as_user "tools/slurm/submit.sh --only=2 pipelines/extract.yaml $work/in $out 4" || die "resubmission failed"
array2=$(job_ids array "$out" | tail -1) merge2=$(job_ids merge "$out" | tail -1)
is_cancelled() { [ "$(state_of "$1")" = CANCELLED ]; }
wait_for 10 is_cancelled "$merge" || die "the waiting merge $merge was not replaced: $(state_of "$merge")"
scontrol show job "$merge2" | grep -q "Dependency=.*afterany:${array}" || die "merge $merge2 does not wait for array $array"
scontrol release "$array"
wait_jobs 180 "$array,$array2,$merge2" || die "jobs $array,$array2,$merge2 still queued after 180 s"
[ "$(state_of "$merge2")" = COMPLETED ] || die "merge job $merge2 ended $(state_of "$merge2"): $(tail -5 "$out"/logs/merge-job"$merge2".log)"
expect_same "$out/merged.sqlite"
step "PASS"
