#!/usr/bin/env bash
# Times a full export: every directory of a large generated database as TSV (`query -n 0 --format tsv`), in
# preorder (--sort-by path) and largest first (--sort-by size, through the external sort), and every changed
# directory of a diff of two such databases (`diff -n 0`, preorder and largest change first), with peak memory, at
# each size given; memory that does not grow with the database is the point.
#
# Usage: bench/export.sh [--rebuild]
#   --rebuild    generate the scans and import them again, even if bench/out/ has them
# Further: BENCH_EXPORT_LINES (scan sizes in lines, "1000000 3000000": about 0.34M and 1.0M directories; 15000000
# gives bench/query.sh's 5.1M), BENCH_SEED (1), BENCH_DIFF_SEED (2: the diff's NEW scan), BENCH_DIRS_FRACTION (0.34),
# BENCH_QUERY_IMPORT_OPTS (SCAN2DB_JAVA_OPTS for the imports, -Xmx1g), BENCH_EXPORT_OPTS (SCAN2DB_JAVA_OPTS for
# the exports, unset), TMPDIR (where the external sort writes its private runs).
#
# Scans and databases stay in bench/out/ (shared with bench/query.sh and bench/diff.sh) and are reused. The exports
# are written to bench/out/export-*.tsv (mode 0600: they hold every path) and checked: one row per directory, in
# the order asked. Needs /usr/bin/time (GNU time) and sqlite3. Results go to bench/out/export-results.md.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"
sizes="${BENCH_EXPORT_LINES:-1000000 3000000}"
seed="${BENCH_SEED:-1}"
new_seed="${BENCH_DIFF_SEED:-2}"
dirs_fraction="${BENCH_DIRS_FRACTION:-0.34}"
import_opts="${BENCH_QUERY_IMPORT_OPTS:--Xmx1g}"
rebuild=0
case "${1:-}" in
  --rebuild) rebuild=1 ;;
  "") ;;
  -h|--help) usage; exit 0 ;;
  *) echo "bench/export.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac
need_time bench/export.sh
command -v sqlite3 >/dev/null || { echo "bench/export.sh: sqlite3 is missing (apt-get install -y sqlite3)" >&2; exit 1; }
umask 077
mkdir -p "$out/logs" "$out/db"
bench_jar
# shellcheck source=bench/database.sh
. "$root/bench/database.sh"

results="$out/export-results.md"
{
  echo "# scan2db export, $(date -u +%Y-%m-%d)"
  echo
  echo "Commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- query pipeline || echo ' (with local changes)');"
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo),"
  echo "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); Java $(java -version 2>&1 | head -1 | cut -d'"' -f2)."
  echo "End to end: \`/usr/bin/time -v\` around the whole \`./scan2db\` command, JVM start-up included;"
  echo "SCAN2DB_JAVA_OPTS=${BENCH_EXPORT_OPTS:-(unset)}."
  echo
  echo "CPU is user + system seconds (what the command itself used, less sensitive than wall time to other load on"
  echo "the machine); load is the 1-minute load average when the command ended."
  echo
  echo "| what | directories | rows | wall time | CPU | peak RSS | load |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$results"

# run LABEL DIRS FILE CMD...: the command's stdout to FILE; a row of the results with its rows, time and peak RSS.
# JAVA_OPTS (default BENCH_EXPORT_OPTS) are the command's SCAN2DB_JAVA_OPTS.
run() {
  local label="$1" dirs="$2" file="$3"
  shift 3
  local log="$out/logs/export-time.log"
  note "$label ($dirs directories)"
  SCAN2DB_JAVA_OPTS="${JAVA_OPTS:-${BENCH_EXPORT_OPTS:-}}" /usr/bin/time -v "$@" >"$file" 2>"$log" || {
    cat "$log" >&2
    exit 1
  }
  local wall rss rows cpu load
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
  cpu="$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.1f s", t }' "$log")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  rows=$(($(wc -l <"$file") - 1))
  printf '| %s | %s | %s | %s | %s | %s MiB | %s |\n' "$label" "$dirs" "$rows" "$wall" "$cpu" $((rss / 1024)) \
    "$load" >>"$results"
  echo "$rows"
}

# Fields are counted from the end of a line: a path may hold tabs (TSV writes values as they are). query's rows
# have 18 fields (dir_id is NF-15, total_size_r NF-13); diff's 13 (delta_total_size_r is NF-8).
# check_order FILE FIELD: the field (from the end) is non-increasing, largest first.
check_order() {
  awk -F'\t' -v c="$2" 'NR > 2 && $(NF - c) + 0 > prev + 0 { print "out of order at line " NR; exit 1 }
    { prev = $(NF - c) }' "$1"
}

for lines in $sizes; do
  ensure_database "$lines" "$seed" "$dirs_fraction" "$import_opts" "$rebuild"
  old_db="$db"
  dirs="$(sqlite3 -batch -noheader "$db" 'SELECT total_directories FROM scan_metadata')"
  rows="$(run "query -n 0 --format tsv --sort-by path" "$dirs" "$out/export-path.tsv" \
    ./scan2db query "$old_db" -n 0 --format tsv --sort-by path)"
  [ "$rows" = "$dirs" ] || { echo "bench/export.sh: $rows rows for $dirs directories" >&2; exit 1; }
  # Preorder: dir_id ascends.
  awk -F'\t' 'NR > 2 && $(NF - 15) + 0 <= prev + 0 { print "not in preorder at line " NR; exit 1 }
    { prev = $(NF - 15) }' "$out/export-path.tsv"
  rows="$(run "query -n 0 --format tsv (largest first)" "$dirs" "$out/export-size.tsv" \
    ./scan2db query "$old_db" -n 0 --format tsv)"
  [ "$rows" = "$dirs" ] || { echo "bench/export.sh: $rows rows for $dirs directories" >&2; exit 1; }
  check_order "$out/export-size.tsv" 13
  # The same rows in both orders.
  ids() { awk -F'\t' 'NR > 1 { print $(NF - 15) }' "$1" | sort | md5sum; }
  [ "$(ids "$out/export-path.tsv")" = "$(ids "$out/export-size.tsv")" ] ||
    { echo "bench/export.sh: the two orders hold different rows" >&2; exit 1; }

  ensure_database "$lines" "$new_seed" "$dirs_fraction" "$import_opts" "$rebuild"
  new_db="$db"
  rows="$(run "diff -n 0 --format tsv --sort-by path" "$dirs" "$out/export-diff-path.tsv" \
    ./scan2db diff "$old_db" "$new_db" -n 0 --format tsv --sort-by path --force)"
  rows="$(run "diff -n 0 --format tsv (largest change first)" "$dirs" "$out/export-diff-change.tsv" \
    ./scan2db diff "$old_db" "$new_db" -n 0 --format tsv --force)"
  awk -F'\t' '{ d = $(NF - 8); d = d < 0 ? -d : d }
    NR > 2 && d > prev { print "out of order at line " NR; exit 1 } { prev = d }' "$out/export-diff-change.tsv"
done
# The largest size again in a small fixed heap: an export that held its rows would fail here.
rows="$(JAVA_OPTS=-Xmx256m run "query -n 0 --format tsv (largest first), -Xmx256m" "$dirs" "$out/export-size.tsv" \
  ./scan2db query "$old_db" -n 0 --format tsv)"
[ "$rows" = "$dirs" ] || { echo "bench/export.sh: $rows rows for $dirs directories" >&2; exit 1; }
JAVA_OPTS=-Xmx256m run "diff -n 0 --format tsv (largest change first), -Xmx256m" "$dirs" \
  "$out/export-diff-change.tsv" ./scan2db diff "$old_db" "$new_db" -n 0 --format tsv --force >/dev/null
rm -f "$out"/export-*.tsv
cat "$results"
