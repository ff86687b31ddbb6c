#!/usr/bin/env bash
# Start a standalone Flink 1.19.0 session cluster (1 JobManager + N TaskManagers) from
# Maven-resolved jars. There is no flink-dist tarball, so this does what bin/start-cluster.sh
# would: build lib/, write conf/, launch the entry points with the right JVM flags.
# Stop it with stop.sh (same --work-dir). See README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

usage() {
  cat <<EOF
Usage: $(basename "$0") [--taskmanagers N] [--slots N] [--rest-port P] [--work-dir DIR]
                [--role all|jobmanager|taskmanager] [--timeout SECONDS]

  --taskmanagers N  TaskManager processes to start (default 1). With --role jobmanager it is
                    only used for parallelism.default.
  --slots N         taskmanager.numberOfTaskSlots (and taskmanager.cpu.cores), default 2
  --rest-port P     REST/web UI port, default 8081 (Beam: --flinkMaster=<host>:P)
  --work-dir DIR    lib/, conf/, log/, pids/, tmp/ live here (default $HERE/work)
  --role R          all (default): JobManager + TaskManagers on this machine;
                    jobmanager: only the JobManager; taskmanager: only TaskManagers that join
                    the JobManager at FLINK_JM_HOST (multi-host setups, see README.md)
  --timeout S       seconds to wait for the cluster to come up (default 90)

Environment overrides (sizes accept 1536, 1536m or 2g; all in MiB internally):
  FLINK_BIND_HOST (localhost)  interface JM/TM/REST listen on; 0.0.0.0 for real clusters
  FLINK_JM_HOST                address of the JobManager as seen by TMs/clients
                               (default localhost, or \`hostname -f\` when FLINK_BIND_HOST is not loopback)
  FLINK_TM_HOST                address each TaskManager advertises (same default as FLINK_JM_HOST)
  FLINK_RPC_PORT (6123)  FLINK_BLOB_PORT (6124)  FLINK_PARALLELISM (taskmanagers * slots)
  FLINK_TMP_DIRS (<work>/tmp; comma-separated list of local dirs for sort spills)
  FLINK_JM_HEAP (768m)
  FLINK_TM_HEAP (1536m task heap)  FLINK_TM_MANAGED (1024m)  FLINK_TM_NETWORK (128m)
  FLINK_TM_OFFHEAP (0m task off-heap)  FLINK_TM_FRAMEWORK_HEAP (128m)  FLINK_TM_FRAMEWORK_OFFHEAP (128m)
  FLINK_TM_METASPACE (256m)  FLINK_TM_OVERHEAD (192m)
  FLINK_TM_SORT_SHUFFLE_BUFFERS (64)  network buffers each blocking result partition reserves
  FLINK_CONF_APPEND  file of extra flat "key: value" config lines appended to config.yaml
  FLINK_JAVA_OPTS  extra JVM options for every process;  JAVA_HOME  which java to use
  FLINK_KEEP_ON_FAILURE=1  leave processes running when startup fails (for debugging)
EOF
}

die() { echo "start.sh: $*" >&2; exit 1; }

# Size string -> integer MiB ("1536", "1536m", "2g").
to_mb() {
  local v=${1,,}
  case "$v" in
    *[!0-9mg]* | "" | [mg]*) die "bad size '$1' (use e.g. 1536m or 2g)" ;;
    *g) echo $(( ${v%g} * 1024 )) ;;
    *m) echo $(( ${v%m} )) ;;
    *) echo $(( v )) ;;
  esac
}

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

is_loopback() { [[ $1 == localhost || $1 == 127.* || $1 == ::1 ]]; }

TASKMANAGERS=1
SLOTS=2
REST_PORT=8081
WORK_DIR="$HERE/work"
ROLE=all
TIMEOUT=90

while (( $# )); do
  case "$1" in
    --taskmanagers) TASKMANAGERS=${2:?--taskmanagers needs a value}; shift 2 ;;
    --slots) SLOTS=${2:?--slots needs a value}; shift 2 ;;
    --rest-port) REST_PORT=${2:?--rest-port needs a value}; shift 2 ;;
    --work-dir) WORK_DIR=${2:?--work-dir needs a value}; shift 2 ;;
    --role) ROLE=${2:?--role needs a value}; shift 2 ;;
    --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

if ! is_uint "$TASKMANAGERS" || (( TASKMANAGERS < 1 )); then die "--taskmanagers must be >= 1"; fi
if ! is_uint "$SLOTS" || (( SLOTS < 1 )); then die "--slots must be >= 1"; fi
if ! is_uint "$REST_PORT" || (( REST_PORT < 1 || REST_PORT > 65535 )); then die "bad --rest-port"; fi
is_uint "$TIMEOUT" || die "bad --timeout"
case "$ROLE" in all|jobmanager|taskmanager) ;; *) die "--role must be all, jobmanager or taskmanager" ;; esac

BIND_HOST=${FLINK_BIND_HOST:-localhost}
if is_loopback "$BIND_HOST"; then default_host=localhost; else default_host=$(hostname -f 2>/dev/null || hostname); fi
JM_HOST=${FLINK_JM_HOST:-$default_host}
TM_HOST=${FLINK_TM_HOST:-$default_host}
RPC_PORT=${FLINK_RPC_PORT:-6123}
BLOB_PORT=${FLINK_BLOB_PORT:-6124}
PARALLELISM=${FLINK_PARALLELISM:-$(( TASKMANAGERS * SLOTS ))}
for v in RPC_PORT BLOB_PORT PARALLELISM; do is_uint "${!v}" || die "bad $v: ${!v}"; done

JM_HEAP_MB=$(to_mb "${FLINK_JM_HEAP:-768m}")
TM_TASK_HEAP_MB=$(to_mb "${FLINK_TM_HEAP:-1536m}")
TM_MANAGED_MB=$(to_mb "${FLINK_TM_MANAGED:-1024m}")
TM_NETWORK_MB=$(to_mb "${FLINK_TM_NETWORK:-128m}")
TM_TASK_OFFHEAP_MB=$(to_mb "${FLINK_TM_OFFHEAP:-0m}")
TM_FRAMEWORK_HEAP_MB=$(to_mb "${FLINK_TM_FRAMEWORK_HEAP:-128m}")
TM_FRAMEWORK_OFFHEAP_MB=$(to_mb "${FLINK_TM_FRAMEWORK_OFFHEAP:-128m}")
TM_METASPACE_MB=$(to_mb "${FLINK_TM_METASPACE:-256m}")
TM_OVERHEAD_MB=$(to_mb "${FLINK_TM_OVERHEAD:-192m}")
TM_SORT_SHUFFLE_BUFFERS=${FLINK_TM_SORT_SHUFFLE_BUFFERS:-64}
is_uint "$TM_SORT_SHUFFLE_BUFFERS" && (( TM_SORT_SHUFFLE_BUFFERS >= 1 )) || die "bad FLINK_TM_SORT_SHUFFLE_BUFFERS"
# The JVM must match the config exactly as bin/taskmanager.sh would size it, or the TM
# fails (e.g. "Could not allocate enough memory segments for NetworkBufferPool").
TM_XMX_MB=$(( TM_FRAMEWORK_HEAP_MB + TM_TASK_HEAP_MB ))
TM_DIRECT_MB=$(( TM_FRAMEWORK_OFFHEAP_MB + TM_TASK_OFFHEAP_MB + TM_NETWORK_MB ))

if [[ -n ${JAVA_HOME:-} ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=$(command -v java || true); fi
[[ -n $JAVA && -x $JAVA ]] || die "java not found (set JAVA_HOME)"
command -v curl >/dev/null || die "curl is required"

mkdir -p "$WORK_DIR"
WORK=$(cd "$WORK_DIR" && pwd -P)
# The path goes into double-quoted YAML, and Flink splits io.tmp.dirs on ',' and ':'.
[[ $WORK != *[\",:\\]* && $WORK != *$'\n'* ]] || die "work dir must not contain , : \" or \\ : $WORK"
CONF="$WORK/conf"
LIB="$WORK/lib"
LOG="$WORK/log"
PIDS="$WORK/pids"
TMP_DIRS=${FLINK_TMP_DIRS:-$WORK/tmp}
# plugins/ stays empty unless you drop Flink plugins (e.g. an S3 filesystem) into subdirectories.
mkdir -p "$CONF" "$LIB" "$LOG" "$PIDS" "$WORK/tmp/web" "$WORK/plugins"
IFS=',' read -r -a tmp_list <<< "$TMP_DIRS"
for d in "${tmp_list[@]}"; do mkdir -p "$d" || die "cannot create tmp dir $d"; done

# --- Refuse to start twice on the same work dir ---
# shellcheck source-path=SCRIPTDIR source=cluster-lib.sh
source "$HERE/cluster-lib.sh"
for f in "$PIDS"/*.pid; do
  [[ -e $f ]] || continue
  pid=$(<"$f")
  if is_uint "$pid" && owned_by_this_cluster "$pid"; then
    die "a cluster is already running from $WORK (pid $pid, $(basename "$f")); run stop.sh --work-dir '$WORK' first"
  fi
  rm -f "$f"   # stale: process gone or PID reused by something else
done

# --- Fail early on busy ports, otherwise the readiness check could talk to a different cluster ---
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
if [[ $ROLE != taskmanager ]] && command -v ss >/dev/null; then
  for p in "$REST_PORT" "$RPC_PORT" "$BLOB_PORT"; do
    if port_busy "$p"; then
      die "port $p is already in use (another Flink cluster? try --rest-port / FLINK_RPC_PORT / FLINK_BLOB_PORT)"
    fi
  done
fi

# --- lib/: resolve once; re-resolve only when the pom changes ---
stamp=$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)
if [[ -f $LIB/.resolved && $(<"$LIB/.resolved") == "$stamp" ]] && compgen -G "$LIB/flink-runtime-*.jar" >/dev/null; then
  echo "lib: $(find "$LIB" -name '*.jar' | wc -l) jars already in $LIB"
else
  echo "lib: resolving Flink jars with Maven into $LIB ..."
  command -v mvn >/dev/null || die "mvn is required to resolve the jars"
  rm -f "$LIB"/*.jar "$LIB/.resolved"
  if ! mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$LIB" -DincludeScope=runtime > "$LOG/mvn.log" 2>&1; then
    tail -n 40 "$LOG/mvn.log" >&2
    die "Maven could not resolve the jars (full log: $LOG/mvn.log)"
  fi
  echo "$stamp" > "$LIB/.resolved"
  echo "lib: $(find "$LIB" -name '*.jar' | wc -l) jars"
fi

# --- conf/: render the template; a legacy flink-conf.yaml would silently win, so remove it ---
declare -A VALUES=(
  [JM_HOST]=$JM_HOST [BIND_HOST]=$BIND_HOST [TM_HOST]=$TM_HOST
  [RPC_PORT]=$RPC_PORT [REST_PORT]=$REST_PORT [BLOB_PORT]=$BLOB_PORT
  [SLOTS]=$SLOTS [PARALLELISM]=$PARALLELISM [JM_HEAP_MB]=$JM_HEAP_MB
  [TM_TASK_HEAP_MB]=$TM_TASK_HEAP_MB [TM_TASK_OFFHEAP_MB]=$TM_TASK_OFFHEAP_MB
  [TM_FRAMEWORK_HEAP_MB]=$TM_FRAMEWORK_HEAP_MB [TM_FRAMEWORK_OFFHEAP_MB]=$TM_FRAMEWORK_OFFHEAP_MB
  [TM_NETWORK_MB]=$TM_NETWORK_MB [TM_MANAGED_MB]=$TM_MANAGED_MB
  [TM_METASPACE_MB]=$TM_METASPACE_MB [TM_OVERHEAD_MB]=$TM_OVERHEAD_MB
  [TM_SORT_SHUFFLE_BUFFERS]=$TM_SORT_SHUFFLE_BUFFERS
  [TMP_DIR]=$TMP_DIRS [WEB_TMP_DIR]="$WORK/tmp/web"
)
render() {
  local out k
  out=$(<"$HERE/conf/config.yaml.template")
  for k in "${!VALUES[@]}"; do
    out=${out//@$k@/"${VALUES[$k]}"}   # quoted replacement: no '&' expansion (bash 5.2 patsub_replacement)
  done
  [[ $out != *@[A-Z_]*@* ]] || die "unreplaced placeholder in config template"
  printf '%s\n' "$out"
}
rm -f "$CONF/flink-conf.yaml"
render > "$CONF/config.yaml"
# Site-specific extras (e.g. fixed TaskManager ports for a firewall) as flat "key: value" lines;
# keys must not repeat ones the template sets.
if [[ -n ${FLINK_CONF_APPEND:-} ]]; then
  [[ -r $FLINK_CONF_APPEND ]] || die "FLINK_CONF_APPEND=$FLINK_CONF_APPEND is not readable"
  { echo; echo "# --- appended from $FLINK_CONF_APPEND"; cat "$FLINK_CONF_APPEND"; } >> "$CONF/config.yaml"
fi
cp "$HERE/conf/log4j2.properties" "$CONF/log4j2.properties"

# --- launch ---
# Flink's own Java 17 module flags (env.java.opts.all in flink-dist's config.yaml); the
# scripts would add them, here we must.
JOPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)
read -r -a EXTRA_OPTS <<< "${FLINK_JAVA_OPTS:-}"

# Keep the previous run's logs as *.1; inside one run the File appender appends.
for f in "$LOG"/*.log "$LOG"/*.out; do
  if [[ -e $f && $f != "$LOG/mvn.log" ]]; then mv -f "$f" "$f.1"; fi
done

# setsid: own session, so the cluster survives the caller's terminal/process group going away.
# nohup: ignore SIGHUP anyway. setsid execs in place (we are not a group leader), so $! is java's PID.
SETSID=()
command -v setsid >/dev/null && SETSID=(setsid)

launch() {  # launch <name> <main class> <jvm options...>
  local name=$1 main=$2; shift 2
  ( cd "$WORK" && FLINK_PLUGINS_DIR="$WORK/plugins" exec "${SETSID[@]}" nohup "$JAVA" "${JOPTS[@]}" "$@" "${EXTRA_OPTS[@]}" \
      -Dlog.file="$LOG/$name.log" -Dlog4j.configurationFile="$CONF/log4j2.properties" \
      -cp "$LIB/*" "$main" --configDir "$CONF" > "$LOG/$name.out" 2>&1 < /dev/null ) &
  echo $! > "$PIDS/$name.pid"
  STARTED+=("$name")
}

STARTED=()
t0=$(date +%s%N)
if [[ $ROLE != taskmanager ]]; then
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    -Xms"${JM_HEAP_MB}m" -Xmx"${JM_HEAP_MB}m" -XX:MaxMetaspaceSize=256m
fi
if [[ $ROLE != jobmanager ]]; then
  # Several TMs per host need no extra ports: TM RPC and data ports default to random.
  for (( i = 1; i <= TASKMANAGERS; i++ )); do
    launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
      -Xms"${TM_XMX_MB}m" -Xmx"${TM_XMX_MB}m" -XX:MaxDirectMemorySize="${TM_DIRECT_MB}m" \
      -XX:MaxMetaspaceSize="${TM_METASPACE_MB}m"
  done
fi

# --- wait until the cluster is usable ---
show_logs() {  # first ERROR lines (the cause) and the tail of every log of this start
  local n f
  for n in "${STARTED[@]}"; do
    for f in "$LOG/$n.log" "$LOG/$n.out"; do
      [[ -s $f ]] || continue
      echo "----- $f: first errors" >&2
      grep -m 3 -E ' ERROR |Exception|Error:' "$f" >&2 || true
      echo "----- $f: last lines" >&2
      tail -n 20 "$f" >&2
    done
  done
}
fail() {
  echo "start.sh: $*" >&2
  show_logs
  if [[ ${FLINK_KEEP_ON_FAILURE:-0} == 1 ]]; then
    echo "start.sh: FLINK_KEEP_ON_FAILURE=1, leaving processes running; stop with $HERE/stop.sh --work-dir '$WORK'" >&2
  else
    "$HERE/stop.sh" --work-dir "$WORK" >&2 || true
  fi
  exit 1
}

# Not owned_by_this_cluster(): right after launch the PID may still be the subshell on its way
# to exec'ing java. A zombie (exited, not yet reaped by us) counts as dead.
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }          # field 3 (state) follows the ")" closing the command name
  [[ ${stat%% *} != Z ]]
}

REST_URL="http://$JM_HOST:$REST_PORT"
deadline=$(( $(date +%s) + TIMEOUT ))
ready=0
while (( $(date +%s) < deadline )); do
  for n in "${STARTED[@]}"; do
    pid=$(<"$PIDS/$n.pid")
    alive "$pid" || fail "$n (pid $pid) exited during startup"
  done
  case "$ROLE" in
    all|jobmanager)
      overview=$(curl -s --max-time 2 "$REST_URL/overview" || true)
      tms=$(sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p' <<< "$overview")
      if [[ -n $tms ]] && { [[ $ROLE == jobmanager ]] || (( tms >= TASKMANAGERS )); }; then ready=1; break; fi
      ;;
    taskmanager)
      registered=0
      for n in "${STARTED[@]}"; do
        if grep -q 'Successful registration at resource manager' "$LOG/$n.log" 2>/dev/null; then
          registered=$(( registered + 1 ))
        fi
      done
      if (( registered == ${#STARTED[@]} )); then ready=1; break; fi
      ;;
  esac
  sleep 1
done
(( ready )) || fail "cluster not up after ${TIMEOUT}s (role $ROLE)"
t1=$(date +%s%N)
elapsed=$(( (t1 - t0) / 1000000 ))

echo "Flink session cluster up in $(( elapsed / 1000 )).$(printf '%03d' $(( elapsed % 1000 )))s (role $ROLE, work dir $WORK)"
for n in "${STARTED[@]}"; do echo "  $n pid $(<"$PIDS/$n.pid")  log $LOG/$n.log"; done
if [[ $ROLE != taskmanager ]]; then
  echo "  overview: $overview"
  echo "REST address: $REST_URL"
  echo "Beam: --runner=FlinkRunner --flinkMaster=$JM_HOST:$REST_PORT --parallelism=$PARALLELISM --filesToStage=<bundled jar>"
else
  echo "TaskManagers registered with the JobManager at $JM_HOST:$RPC_PORT"
fi
echo "Stop: $HERE/stop.sh --work-dir '$WORK'"
