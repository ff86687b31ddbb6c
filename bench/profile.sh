#!/usr/bin/env bash
# Where an import's CPU goes: runs one import with Java Flight Recorder's profiling settings, then prints the share
# of Java execution samples per thread (Flink names each task's thread after the chain of steps it runs) and the
# methods most often on top of the stack (self) and anywhere in it (inclusive, scan2db's and sqlite-jdbc's own).
# Native time (SQLite's C code building indexes, for one) is not in Java's execution samples: the native method
# samples are summed apart.
#
# Usage: bench/profile.sh SCAN [scan2db import options...]
#   e.g. SCAN2DB_JAVA_OPTS=-Xmx1g bench/profile.sh bench/out/20260115_bench_d15m.list.all.log
#        bench/profile.sh RECORDING.jfr      prints the tables of an earlier recording
# The recording is kept as bench/out/profile-<scan name>.jfr (open it in JDK Mission Control for more).
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
if [[ "$scan" == *.jfr ]]; then
  jfr_file="$scan"
else
  jfr_file="$root/bench/out/profile-$(basename "$scan").jfr"
  SCAN2DB_JAVA_OPTS="${SCAN2DB_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$jfr_file,settings=profile" \
    ./scan2db import "$scan" --db "$work/scan.db" --quiet "$@" 2>/dev/null
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
samples jdk.ExecutionSample > "$work/java.tsv"
samples jdk.NativeMethodSample > "$work/native.tsv"
total="$(wc -l < "$work/java.tsv")"

echo "# Java execution samples of $(basename "$jfr_file"): $total"
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
  | awk -v t="$total" '{ printf "%6d %5.1f%% %s\n", $1, 100 * $1 / t, $2 }'
echo
echo "## Inclusive: scan2db's and sqlite-jdbc's methods anywhere in the stack"
awk -F'\t' '{ delete seen; for (i = 2; i <= NF; i++) if (!($i in seen)) { seen[$i] = 1; print $i } }' "$work/java.tsv" \
  | grep -E '^org\.(scan2db|sqlite)\.' | sort | uniq -c | sort -rn | head -40 \
  | awk -v t="$total" '{ printf "%6d %5.1f%% %s\n", $1, 100 * $1 / t, $2 }'
echo
echo "## Native method samples (threads waiting in native code count too): $(wc -l < "$work/native.tsv")"
cut -f2 "$work/native.tsv" | sort | uniq -c | sort -rn | head -12
