# shellcheck shell=bash
# A one-node Slurm cluster on localhost for the test (sourced by slurm_test.sh): MUNGE, slurmctld
# and slurmd run from a temporary directory with their own key, config, ports and state, in the
# foreground of background shells so that their PIDs are known and they are stopped by PID.
# Needs root (slurmd starts jobs as another user). Sets SLURM_CONF for the client commands.

cluster_pids=()
# Each daemon runs under `timeout`, which forwards our TERM to it and ends it by itself should
# this shell be killed outright (SIGKILL by a test driver) before stop_cluster.
daemon_limit=${SLURM_TEST_DAEMON_LIMIT:-1500}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $1 seconds for the command "$2..." to succeed.
wait_for() {
  local seconds=$1 i
  shift
  for ((i = 0; i < seconds * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# start_cluster DIR USER: returns 1 (with a message on stderr) if a daemon does not come up.
start_cluster() {
  local dir=$1 user=$2 node cpus mem
  node=$(hostname -s)
  cpus=$(nproc)
  mem=$(awk '/MemTotal/ {print int($2 / 1024 / 2)}' /proc/meminfo)
  mkdir -p "$dir"/{munge,state,spool}
  chmod 755 "$dir" "$dir/munge"  # the job user's sbatch reaches the MUNGE socket
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 600 "$dir/munge/munge.key"
  timeout "$daemon_limit" munged -F --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
    --seed-file="$dir/munge/munged.seed" >"$dir/munged.out" 2>&1 &
  cluster_pids+=($!)
  if ! wait_for 10 test -S "$dir/munge/munge.socket"; then
    echo "munged did not start: $(tail -3 "$dir/munged.out" "$dir/munge/munged.log" 2>/dev/null)" >&2
    return 1
  fi
  cat >"$dir/slurm.conf" <<CONF
ClusterName=reportlens-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
KillWait=5
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
  chmod 644 "$dir/slurm.conf"
  export SLURM_CONF=$dir/slurm.conf
  timeout "$daemon_limit" slurmctld -D -i -f "$SLURM_CONF" >"$dir/slurmctld.out" 2>&1 &
  cluster_pids+=($!)
  if ! wait_for 20 scontrol ping; then
    echo "slurmctld did not start: $(tail -5 "$dir/slurmctld.out" "$dir/slurmctld.log" 2>/dev/null)" >&2
    return 1
  fi
  timeout "$daemon_limit" slurmd -D -N "$node" -f "$SLURM_CONF" >"$dir/slurmd.out" 2>&1 &
  cluster_pids+=($!)
  if ! wait_for 30 node_idle; then
    echo "slurmd did not register an idle node: $(tail -5 "$dir/slurmd.out" "$dir/slurmd.log" 2>/dev/null)" >&2
    return 1
  fi
  # The job user runs the client commands: it must find the config.
  : "$user"
}

node_idle() { [ "$(sinfo -h -o %t 2>/dev/null)" = idle ]; }

# Stops the daemons started above, by PID, newest first (slurmd, slurmctld, munged).
stop_cluster() {
  local i pid
  # Jobs first (their ids, on this private cluster), so no job step outlives the daemons.
  if [ ${#cluster_pids[@]} -ge 2 ]; then
    squeue -h -o %A 2>/dev/null | sort -u | xargs -r scancel 2>/dev/null
    sleep 1
  fi
  for ((i = ${#cluster_pids[@]} - 1; i >= 0; i--)); do
    pid=${cluster_pids[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  cluster_pids=()
}
