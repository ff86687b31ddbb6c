#!/usr/bin/env bash
# Where an import's time goes, from Flink's own task log: runs one import on embedded Flink with Flink's logging on
# (into a temporary file), then prints when the job started and when each task (a chain of steps) finished, in
# seconds since the JVM started, with the step that ends each chain. BENCHMARKS.md's "Where the time goes" is read
# off this output.
#
# Usage: bench/phases.sh SCAN [scan2db import options...]     e.g. bench/phases.sh bench/out/...l10m.list.all.log
# The database goes to a temporary directory unless --db or --out-dir is given.
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  [ $# -lt 1 ] && exit 2 || exit 0
fi
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/flink.log"

args=("$@")
if [[ " $* " != *" --db "* && " $* " != *" --out-dir "* ]]; then
  args+=(--out-dir "$work")
fi
opts="-Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true"
opts+=" -Dorg.slf4j.simpleLogger.logFile=$log"
start="$(date +%s.%N)"
SCAN2DB_JAVA_OPTS="${SCAN2DB_JAVA_OPTS:-} $opts" "$root/scan2db" import "${args[@]}" --quiet
end="$(date +%s.%N)"

awk -v wall="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" '
  # simplelogger lines start with the milliseconds since the JVM started.
  / switched from state CREATED to RUNNING/ && !job { job = $1 }
  / switched from RUNNING to FINISHED/ && /taskmanager\.Task/ {
    name = $0
    sub(/.*taskmanager\.Task - /, "", name)
    sub(/ \([0-9]+\/[0-9]+\)#.*/, "", name)
    # The last step of a chain names what the task did.
    n = split(name, steps, / -> /)
    last = steps[n]
    into = ""
    if (last ~ /Key Extractor/ && n > 1) { last = steps[n - 1]; into = " (into the sort)" }
    if (last ~ /DiscardingOutputFormat/) { next }
    sub(/^(FlatMap|Map|GroupReduce|GroupCombine|Filter|DataSource|DataSink) \(/, "", last)
    sub(/^(FlatMap |GroupReduce |GroupCombine |Map )?(at )?/, "", last)
    gsub(/(\/Map)?\/ParMultiDo\([A-Za-z]*\)(\.output)?/, "", last)
    sub(/^(ExplodeWindows|GroupCombine): /, "", last)
    if (gsub(/\(/, "(", last) < gsub(/\)/, ")", last)) { sub(/\)$/, "", last) }
    last = last into
    if (!(name in done) || $1 > done[name]) { done[name] = $1; label[name] = last }
  }
  END {
    printf "%8s  %s\n", "seconds", "event (seconds since the JVM started)"
    printf "%8.1f  job running\n", job / 1000
    for (k in done) { printf "%8.1f  finished: %s\n", done[k] / 1000, substr(label[k], 1, 100) | "sort -n" }
    close("sort -n")
    printf "%8s  command, wall clock\n", wall
  }' "$log"
