# Sourced by start.sh and stop.sh: the one test of which processes belong to a cluster, so that neither script
# ever signals a process it did not start. Needs $CONF, the cluster's conf dir.

# Whether PID is a java process started with "--configDir $CONF". A zombie or exited process has no cmdline and
# counts as gone.
owned_by_this_cluster() {
  local pid=$1 argv i
  [[ -r /proc/$pid/cmdline ]] || return 1
  mapfile -d '' -t argv < "/proc/$pid/cmdline" 2>/dev/null || return 1
  (( ${#argv[@]} > 0 )) && [[ $(basename "${argv[0]}") == java ]] || return 1
  for (( i = 0; i + 1 < ${#argv[@]}; i++ )); do
    [[ ${argv[i]} == --configDir && ${argv[i+1]} == "$CONF" ]] && return 0
  done
  return 1
}
