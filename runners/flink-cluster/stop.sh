#!/usr/bin/env bash
# Stop the Flink session cluster that start.sh launched from a work dir.
# Only PIDs recorded in <work>/pids/ are touched, and only while they still are a java process
# started with --configDir <work>/conf (a recycled PID is left alone). Idempotent.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
WORK_DIR="$HERE/work"
GRACE=${FLINK_STOP_GRACE:-20}   # seconds between TERM and KILL

while (( $# )); do
  case "$1" in
    --work-dir) WORK_DIR=${2:?--work-dir needs a value}; shift 2 ;;
    -h|--help) echo "Usage: $(basename "$0") [--work-dir DIR]   (default $HERE/work)"; exit 0 ;;
    *) echo "stop.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [[ ! -d $WORK_DIR/pids ]]; then
  echo "stop.sh: no $WORK_DIR/pids, nothing to stop"
  exit 0
fi
WORK=$(cd "$WORK_DIR" && pwd -P)
CONF="$WORK/conf"
PIDS="$WORK/pids"

# shellcheck source-path=SCRIPTDIR source=cluster-lib.sh
source "$HERE/cluster-lib.sh"

# TaskManagers first, so they do not spend the grace period retrying a vanished JobManager.
files=()
for f in "$PIDS"/taskmanager-*.pid; do
  if [[ -e $f ]]; then files+=("$f"); fi
done
for f in "$PIDS"/*.pid; do
  if [[ -e $f && $(basename "$f") != taskmanager-* ]]; then files+=("$f"); fi
done
if (( ${#files[@]} == 0 )); then
  echo "stop.sh: no recorded processes in $PIDS, nothing to stop"
  exit 0
fi

live=()      # "name:pid" of processes we signalled
for f in "${files[@]}"; do
  name=$(basename "$f" .pid)
  pid=$(<"$f")
  if [[ $pid =~ ^[0-9]+$ ]] && owned_by_this_cluster "$pid"; then
    echo "stop.sh: TERM $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    live+=("$name:$pid")
  else
    echo "stop.sh: $name (pid $pid) is not running (or the PID now belongs to something else); skipping"
  fi
done

# Wait for a clean shutdown, then KILL whatever is still ours.
deadline=$(( $(date +%s) + GRACE ))
while :; do
  remaining=()
  for e in "${live[@]+"${live[@]}"}"; do
    if owned_by_this_cluster "${e##*:}"; then remaining+=("$e"); fi
  done
  (( ${#remaining[@]} == 0 )) && break
  if (( $(date +%s) >= deadline )); then
    for e in "${remaining[@]}"; do
      if owned_by_this_cluster "${e##*:}"; then
        echo "stop.sh: ${e%%:*} (pid ${e##*:}) still alive after ${GRACE}s; KILL"
        kill -KILL "${e##*:}" 2>/dev/null || true
      fi
    done
    sleep 1
    break
  fi
  sleep 0.5
done

rc=0
for e in "${live[@]+"${live[@]}"}"; do
  if owned_by_this_cluster "${e##*:}"; then
    echo "stop.sh: ${e%%:*} (pid ${e##*:}) did not exit" >&2
    rc=1
  fi
done
if (( rc == 0 )); then
  rm -f "${files[@]}"
  echo "stop.sh: stopped (${#live[@]} process(es)); pid files removed"
fi
exit "$rc"
