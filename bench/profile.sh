#!/usr/bin/env bash
# Where an import's CPU goes: runs one import under a sampling profiler, then prints the share of samples per thread
# (Flink names each task's thread after the chain of steps it runs) and the methods most often on top of the stack
# (self) and anywhere in it (inclusive, scan2db's and sqlite-jdbc's own).
#
# With async-profiler (its jar tools.profiler:async-profiler:3.0 in the local Maven repository, fetched once by
# `mvn dependency:get -Dartifact=tools.profiler:async-profiler:3.0`, or ASYNC_PROFILER naming its
# libasyncProfiler.so) the samples are of all CPU time: SQLite's C code, the JIT compilers and the collector
# included. Without it, Java Flight Recorder's execution samples: Java code only (native method samples are summed
# apart), and a method in a hot loop can be charged for its neighbours' time (JFR put 13% of the 15M-line import
# on PathText.firstInvalid, async-profiler none).
#
# Usage: bench/profile.sh SCAN [scan2db import options...]
#   e.g. SCAN2DB_JAVA_OPTS=-Xmx1g bench/profile.sh bench/out/20260115_bench_d15m.list.all.log
#        bench/profile.sh RECORDING.jfr|RECORDING.collapsed      prints the tables of an earlier recording
# The recording is kept as bench/out/profile-<scan name>.jfr or .collapsed (async-profiler's collapsed stacks, one
# line per stack, thread first, with its count).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  usage
  [ $# -lt 1 ] && exit 2 || exit 0
fi
scan="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p bench/out
agent="${ASYNC_PROFILER:-}"
if [ -z "$agent" ] && [[ "$scan" != *.jfr ]]; then
  ap_jar="${HOME}/.m2/repository/tools/profiler/async-profiler/3.0/async-profiler-3.0.jar"
  if [ -f "$ap_jar" ] && [ "$(uname -sm)" = "Linux x86_64" ]; then
    unzip -q -o "$ap_jar" 'linux-x64/libasyncProfiler.so' -d "$work" && agent="$work/linux-x64/libasyncProfiler.so"
  fi
fi

# Each sample as one line: the thread, then its frames from the top, separated by tabs.
samples() {
  jfr print --events "$1" --stack-depth 64 "$jfr_file" | awk '
    /^jdk\./ { if (n) print line; line = ""; n = 0; next }
    /sampledThread = "/ { t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); gsub(/[0-9]+/, "#", t)
                          line = t; n = 1; next }
    /line:/ { f = $1; sub(/\(.*/, "", f); line = line "\t" f }
    END { if (n) print line }'
}
# The same from async-profiler's collapsed stacks ("[thread tid=N];bottom;...;top COUNT"): a line per sample.
collapsed_samples() {
  awk '{
    n = $NF; sub(/ [0-9]+$/, ""); k = split($0, f, ";")
    t = f[1]; sub(/^\[/, "", t); sub(/ tid=[0-9]+\]$/, "", t); gsub(/[0-9]+/, "#", t)
    line = t; for (i = k; i >= 2 && i > k - 64; i--) { g = f[i]; if (g ~ /^[a-z]+\//) gsub(/\//, ".", g); line = line "\t" g }
    for (j = 0; j < n; j++) print line }' "$1"
}
if [[ "$scan" == *.jfr ]]; then
  jfr_file="$scan"
elif [[ "$scan" == *.collapsed ]]; then
  jfr_file="$scan"
  collapsed_samples "$scan" > "$work/java.tsv"
  : > "$work/native.tsv"
elif [ -n "$agent" ]; then
  jfr_file="$root/bench/out/profile-$(basename "$scan").collapsed"
  SCAN2DB_JAVA_OPTS="${SCAN2DB_JAVA_OPTS:-} -agentpath:$agent=start,event=cpu,interval=5ms,threads,collapsed,file=$jfr_file" \
    ./scan2db import "$scan" --db "$work/scan.db" --quiet "$@" 2>/dev/null
  collapsed_samples "$jfr_file" > "$work/java.tsv"
  : > "$work/native.tsv"
else
  jfr_file="$root/bench/out/profile-$(basename "$scan").jfr"
  SCAN2DB_JAVA_OPTS="${SCAN2DB_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$jfr_file,settings=profile" \
    ./scan2db import "$scan" --db "$work/scan.db" --quiet "$@" 2>/dev/null
fi
if [[ "$jfr_file" == *.jfr ]]; then
  samples jdk.ExecutionSample > "$work/java.tsv"
  samples jdk.NativeMethodSample > "$work/native.tsv"
fi
total="$(wc -l < "$work/java.tsv")"

echo "# Samples of $(basename "$jfr_file"): $total"
echo
echo "## By thread (a Flink task's thread is named after its chain of steps)"
# A chain's name lists "at Transform/Step" for each step: keep those, once each, in order.
cut -f1 "$work/java.tsv" | awk '{
    t = $0; out = ""; last = ""
    while (match(t, /at ([A-Za-z]+: )?[A-Za-z]+\/[A-Za-z]+/)) {
      step = substr(t, RSTART + 3, RLENGTH - 3); t = substr(t, RSTART + RLENGTH); sub(/^[A-Za-z]+: /, "", step)
      if (step != last) { out = out (out == "" ? "" : " -> ") step; last = step }
    }
    print (out == "" ? $0 : "chain " out) }' | sort | uniq -c \
  | sort -rn | head -12 | awk -v t="$total" '{ n = $1; $1 = ""; printf "%6d %5.1f%%%s\n", n, 100 * n / t, $0 }'
echo
echo "## Self: the method on top of the stack"
cut -f2 "$work/java.tsv" | sort | uniq -c | sort -rn | head -30 \
  | awk -v t="$total" '{ n = $1; $1 = ""; printf "%6d %5.1f%%%s\n", n, 100 * n / t, $0 }'
echo
echo "## Inclusive: scan2db's and sqlite-jdbc's methods anywhere in the stack"
awk -F'\t' '{ delete seen; for (i = 2; i <= NF; i++) if (!($i in seen)) { seen[$i] = 1; print $i } }' "$work/java.tsv" \
  | grep -E '^org\.(scan2db|sqlite)\.' | sort | uniq -c | sort -rn | head -40 \
  | awk -v t="$total" '{ printf "%6d %5.1f%% %s\n", $1, 100 * $1 / t, $2 }'
echo
echo "## Native method samples (threads waiting in native code count too): $(wc -l < "$work/native.tsv")"
cut -f2 "$work/native.tsv" | sort | uniq -c | sort -rn | head -12
