#!/usr/bin/env bash
# Installs Debian's Slurm (controller, node daemon, client), MUNGE and the sqlite3 shell (the
# test compares stores with it) when they are absent and we are root; otherwise does nothing.
# Exit 0: the commands are there; 1: they are not.
# Only Debian's mirror is contacted (apt-get), and no service is started (policy-rc.d).
set -uo pipefail
have() { command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null &&
         command -v munged >/dev/null && command -v sqlite3 >/dev/null; }
have && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "slurm/munge not installed and cannot install them (needs root and apt-get)" >&2
  exit 1
fi
# Packages' postinst would start the daemons through invoke-rc.d; the test starts its own.
policy=/usr/sbin/policy-rc.d created_policy=0
if [ ! -e $policy ]; then
  printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy && created_policy=1
fi
export DEBIAN_FRONTEND=noninteractive
ok=1
if ! timeout 600 apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge sqlite3 >/tmp/reportlens-slurm-apt.log 2>&1; then
  # A stale package index: refresh once and retry.
  timeout 300 apt-get update -q >>/tmp/reportlens-slurm-apt.log 2>&1
  timeout 600 apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge sqlite3 \
    >>/tmp/reportlens-slurm-apt.log 2>&1 || ok=0
fi
[ $created_policy = 1 ] && rm -f $policy
if [ $ok = 0 ] || ! have; then
  echo "apt-get install slurmctld slurmd slurm-client munge sqlite3 failed (log: /tmp/reportlens-slurm-apt.log)" >&2
  exit 1
fi
exit 0
