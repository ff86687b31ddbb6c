#!/usr/bin/env bash
# The floor under one scan's import, in one run on this machine: times the import itself, phase by phase (from
# its progress lines, each stamped when it appears), then the floor under each phase, and prints one table with
# the import's wall time as a multiple of the floors' sum. Run it on a quiet machine: every figure is wall clock.
#
#   start-up       importing the 33-line example scan (JVM, Beam graph, embedded Flink, a database)
#   read           cat SCAN > /dev/null (plain scans; the page cache is warm after the import)
#   parse          bench/ParseFloor.java on 2 threads: scan2db's reader, parser and per-chunk merge, no Beam
#   JDBC writes    bench/JdbcFloor.java: the database's directories and their statistics inserted through
#                  sqlite-jdbc as the writer does, with nothing else around them
#   each index     bench/WriterFloor.java: the same rows copied inside SQLite, then each index and ANALYZE
#
# Shuffle and sort have no floor of their own here: the import's phase between the end of parsing and the first
# directory written is shown as it is.
#
# Usage: bench/floor.sh SCAN [scan2db import options...]
#   e.g. SCAN2DB_JAVA_OPTS=-Xmx1g bench/floor.sh bench/out/20260115_bench_d15m.list.all.log
# The table goes to stdout and to bench/out/floor-<scan name>.md; the databases to a temporary directory, except
# the import's own when BENCH_FLOOR_DB names where to keep it (for the read commands' benchmarks).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  usage
  [ $# -lt 1 ] && exit 2 || exit 0
fi
need_time bench/floor.sh
scan="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
cd "$root"
bench_jar
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes" "$root/bench/out"
javac -d "$work/classes" -cp "$jar" bench/ParseFloor.java bench/JdbcFloor.java bench/WriterFloor.java
start_load="$(load_now)"

# stamped CMD...: runs CMD, each line of its stderr (progress off a terminal is one line per step) prefixed with the seconds since CMD started, into
# $work/stamped.log; /usr/bin/time -v's figures go to $work/time.txt.
stamped() {
  local t0="$EPOCHREALTIME"
  /usr/bin/time -v -o "$work/time.txt" "$@" 2>&1 >/dev/null | while IFS= read -r line; do
    [ -n "$line" ] && awk -v a="$t0" -v b="$EPOCHREALTIME" -v l="$line" 'BEGIN { printf "%7.1f %s\n", b - a, l }'
  done > "$work/stamped.log"
  time_v "$work/time.txt"
}

# at PATTERN: the stamp of the first progress line matching PATTERN.
at() { awk -v p="$1" '$0 ~ p { print $1; exit }' "$work/stamped.log"; }

note "start-up: the example scan"
stamped ./scan2db import examples/20260301_demo_projects.list.all.log --max-rejected 100% --db "$work/example.db" --quiet
startup="$m_wall"

note "import: $(basename "$scan")"
stamped ./scan2db import "$scan" --db "$work/scan.db" "$@"
[ -z "${BENCH_FLOOR_DB:-}" ] || keep_db=1
cp "$work/stamped.log" "$root/bench/out/floor-$(basename "$scan").progress.log"
import_wall="$m_wall" import_cpu="$m_cpu" import_rss="$m_rss"
read_start="$(at 'scan2db: reading')"
read_end="$(at 'scan2db: read ')"
parse_end="$(at 'parsed and aggregated in')"
write_start="$(at 'writing .*: [0-9,]+ of ')"
tree_end="$(at 'directories done in')"
index_start="$(at 'building indexes')"
write_end="$(at 'scan2db: wrote ')"

note "floor: cat"
/usr/bin/time -v -o "$work/time.txt" cat "$scan" > /dev/null
time_v "$work/time.txt"
cat_wall="$m_wall"

note "floor: the parser on 2 threads"
# shellcheck disable=SC2086 # the options are words, as the scan2db launcher takes them
/usr/bin/time -v -o "$work/time.txt" java ${SCAN2DB_JAVA_OPTS:-} -cp "$jar:$work/classes" \
  org.scan2db.transforms.ParseFloor "$scan" 2 > /dev/null
time_v "$work/time.txt"
parse_wall="$m_wall"

note "floor: JDBC inserts"
java -Xmx8g -cp "$jar:$work/classes" JdbcFloor "$work/scan.db" "$work/jdbc.db" > "$work/jdbc.txt"
rm -f "$work/jdbc.db"
jdbc="$(sed -n 's/^insert .* \([0-9.]*\) s$/\1/p' "$work/jdbc.txt")"

note "floor: SQLite alone"
java -cp "$jar:$work/classes" WriterFloor "$work/scan.db" "$work/floor.db" > "$work/writer.txt"
copy="$(sed -n 's/^insert .* \([0-9.]*\) s$/\1/p' "$work/writer.txt")"
indexes="$(sed -n 's/^indexes, analyze and commit *\([0-9.]*\) s$/\1/p' "$work/writer.txt")"
dirs="$(sed -n 's/^insert \([0-9]*\) directories.*/\1/p' "$work/writer.txt")"

span() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%.1f", b - a }'; }
sum="$(awk -v s="$startup" -v p="$parse_wall" -v j="$jdbc" -v i="$indexes" 'BEGIN { printf "%.1f", s + p + j + i }')"
{
  echo "# The floor under importing $(basename "$scan")"
  echo
  echo "- $version, commit $(git -C "$root" rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC')"
  machine_line
  load_line "$start_load"
  echo "- import options: ${*:-(none)}; SCAN2DB_JAVA_OPTS: ${SCAN2DB_JAVA_OPTS:-(none)}; $dirs directories"
  echo "- the import: $import_wall s wall, $import_cpu s CPU, peak RSS $import_rss MiB; the floors' sum: $sum s;" \
    "the import takes $(awk -v a="$import_wall" -v b="$sum" 'BEGIN { printf "%.2f", a / b }')x it"
  echo
  echo "| phase | the import (s) | its floor (s) | floor measured by |"
  echo "| --- | ---: | ---: | --- |"
  echo "| start-up, until reading begins | ${read_start:--} | $startup | the 33-line example's whole import |"
  echo "| reading (ends with parsing) | $read_end | $cat_wall | \`cat\` (not in the sum: parse includes reading) |"
  echo "| reading and parsing | $parse_end | $parse_wall | ParseFloor, 2 threads (reads too) |"
  echo "| shuffle, sort, per-directory merge, staging | $(span "$parse_end" "$write_start") | - | no floor of its own |"
  echo "| merging the runs, tree pass, JDBC writes | $(span "$write_start" "$tree_end") | $jdbc | JdbcFloor (JDBC inserts alone); SQLite's own copy: $copy |"
  echo "| summaries, names, kept files | $(span "$tree_end" "$index_start") | - | |"
  echo "| indexes and ANALYZE | $(span "$index_start" "$write_end") | $indexes | WriterFloor, each below |"
  echo "| whole import, wall | $import_wall | $sum | the sum of start-up, parse, JDBC and indexes |"
  echo
  echo "| index (WriterFloor) | s |"
  echo "| --- | ---: |"
  sed -n 's/^  index \([a-z_]*\) *\([0-9.]*\) s$/| \1 | \2 |/p; s/^  analyze and commit *\([0-9.]*\) s$/| ANALYZE and commit | \1 |/p' \
    "$work/writer.txt"
} | tee "$root/bench/out/floor-$(basename "$scan").md"
[ -z "${keep_db:-}" ] || mv "$work/scan.db" "$BENCH_FLOOR_DB"
