#!/usr/bin/env bash
# Times scan2db owners and cold on the directory-heavy database of over 5 million directories (bench/query.sh's),
# end to end from the shell: each run is a whole `./scan2db ...` command, launcher and JVM start-up included.
# Questions: owners of the whole filesystem, owners of a subtree of about a million directories, owners -u of the
# owner of the most bytes (whole filesystem), cold --accessed-before 2y of the whole filesystem; target 1 s each.
# Then files --largest of the whole filesystem and files --oldest -u of the same owner (issue 23); target 0.5 s each.
# For comparison, the same run times `summary` (a question that reads next to nothing) as the floor of start-up.
#
# Usage: bench/owners.sh [--runs N] [--rebuild]
#   --runs N     timed runs per question, after one warm-up run       BENCH_QUERY_RUNS (default 5)
#   --rebuild    generate the scan and import it again, even if bench/out/ has them
# Further: BENCH_QUERY_LINES (15000000), BENCH_SEED (1), BENCH_DIRS_FRACTION (0.34), BENCH_QUERY_IMPORT_OPTS
# (SCAN2DB_JAVA_OPTS for the import, -Xmx1g), BENCH_QUERY_OPTS (SCAN2DB_JAVA_OPTS for the questions, unset).
# Needs sqlite3 to pick the subtree and the owner. Results go to bench/out/owners-results.md.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"

runs="${BENCH_QUERY_RUNS:-5}"
lines="${BENCH_QUERY_LINES:-15000000}"
seed="${BENCH_SEED:-1}"
dirs_fraction="${BENCH_DIRS_FRACTION:-0.34}"
import_opts="${BENCH_QUERY_IMPORT_OPTS:--Xmx1g}"
rebuild=0

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?needs a value}"; shift ;;
    --rebuild) rebuild=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/owners.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v sqlite3 >/dev/null || { echo "bench/owners.sh: sqlite3 is missing; install it (apt-get install -y sqlite3)" >&2; exit 1; }
mkdir -p "$out/logs" "$out/db"
bench_jar

# shellcheck source=bench/database.sh
. "$root/bench/database.sh"
ensure_database "$lines" "$seed" "$dirs_fraction" "$import_opts" "$rebuild"

sql() { sqlite3 -batch -noheader "$db" "$@"; }
directories="$(sql 'SELECT total_directories FROM scan_metadata')"
owner="$(sql 'SELECT owner_uid FROM access_histogram GROUP BY owner_uid ORDER BY sum(total_size) DESC LIMIT 1')"
IFS=$'\t' read -r million_dirs million_path < <(sql -separator $'\t' "SELECT s.dir_count_r, p.path
     FROM directory_stats s JOIN directory_paths p USING (dir_id)
    WHERE s.dir_count_r BETWEEN 500000 AND 2000000 ORDER BY abs(s.dir_count_r - 1000000) LIMIT 1")

rows=()
over=0
target=1
# time_it LABEL CMD... (against the current target, in seconds): one run whose output is kept, then one warm-up and the timed runs (date-timed loop).
time_it() {
  local name="$1"; shift
  local slug; slug="$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-')"
  local log="$out/logs/owners-$slug"
  note "$name"
  if ! SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" "$@" >"$log.out" 2>"$log.err"; then
    echo "bench/owners.sh: '$*' failed; see $log.err" >&2
    exit 1
  fi
  SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" "$@" >/dev/null 2>&1
  local i t0 t1 times=() cpus=()
  for ((i = 0; i < runs; i++)); do
    t0="$(date +%s%N)"
    # CPU seconds (user + system) too: on a shared machine they say more than the wall clock does.
    SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" /usr/bin/time -f '%U %S' -o "$log.cpu" "$@" >/dev/null 2>&1
    t1="$(date +%s%N)"
    times+=("$(((t1 - t0) / 1000))")
    cpus+=("$(awk '{ printf "%d", ($1 + $2) * 1e6 }' "$log.cpu")")
  done
  local median min cpu
  median_min() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END {
    m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print m / 1e6, t[1] / 1e6 }'; }
  read -r median min < <(median_min "${times[@]}")
  read -r cpu _ < <(median_min "${cpus[@]}")
  local ok=yes
  if [ "$name" = "${name#summary}" ]; then
    awk -v m="$median" -v t="$target" 'BEGIN { exit !(m > t) }' && { ok=no; over=$((over + 1)); }
  else
    ok="(floor)"
  fi
  local shown="${*:2}"
  rows+=("| $name | \`scan2db ${shown//"$db"/DB}\` | $(wc -l <"$log.out") | $(printf '%.3f' "$median") | $(printf '%.3f' "$min") | $(printf '%.2f' "$cpu") | $target | $ok |")
}

load_start="$(load_now)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

time_it "summary (start-up floor)" ./scan2db summary "$db"
time_it "owners, whole filesystem" ./scan2db owners "$db"
time_it "owners of a $million_dirs-directory subtree" ./scan2db owners "$db" -P "$million_path"
time_it "owners -u $owner (most bytes), whole filesystem" ./scan2db owners "$db" -u "$owner"
time_it "cold --accessed-before 2y, whole filesystem" ./scan2db cold "$db" --accessed-before 2y
target=0.5
time_it "files --largest, whole filesystem" ./scan2db files "$db" --largest
time_it "files --oldest -u $owner (most bytes)" ./scan2db files "$db" --oldest -u "$owner"

{
  echo "# scan2db owners and cold"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $version"
  machine_line
  load_line "$load_start"
  echo "- database: $(basename "$db"), $directories directories; scan $(basename "$scan") ($options)"
  [ -z "${import_time:-}" ] || echo "- import (this run, SCAN2DB_JAVA_OPTS=$import_opts): $import_time"
  echo "- timed with a loop of $runs runs after 1 warm-up run, end to end (\`./scan2db\`, JVM start included); SCAN2DB_JAVA_OPTS=${BENCH_QUERY_OPTS:-(unset)}"
  echo
  echo "| question | command | output lines | median s | min s | median CPU s (user + sys) | target s | within target (median) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "$over of $((${#rows[@]} - 1)) questions over their target (median; summary is the floor, not a question)."
} | tee "$out/owners-results.md"
note "written to $out/owners-results.md; each question's output is in $out/logs/owners-*"
