#!/usr/bin/env bash
# Times scan2db's questions (query, du, summary, analyze, diff) on a database of over 5 million directories, end to end from the
# shell: each run is a whole `./scan2db ...` command, launcher and JVM start-up included.
#
# Usage: bench/query.sh [--runs N] [--rebuild]
#   --runs N     timed runs per question, after one warm-up run       BENCH_QUERY_RUNS (default 10)
#   --rebuild    generate the scan and import it again, even if bench/out/ has them
# Further: BENCH_QUERY_LINES (15000000), BENCH_SEED (1), BENCH_DIRS_FRACTION (0.34), BENCH_QUERY_IMPORT_OPTS
# (SCAN2DB_JAVA_OPTS for the import, -Xmx1g), BENCH_QUERY_OPTS (SCAN2DB_JAVA_OPTS for the questions, unset).
#
# The scan (3.2 GiB) and the database (about 1 GiB) stay in bench/out/ and are reused by later runs, so about 5 GiB
# of disk is needed with the import's staging files. The scan has the name and options of bench/run.sh's
# directory-heavy scan, so either script reuses the other's. Uses hyperfine if it is installed (Debian:
# apt-get install -y hyperfine), else a loop of runs timed with date. Needs sqlite3 to pick the subtrees.
# Results go to bench/out/query-results.md.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"

runs="${BENCH_QUERY_RUNS:-10}"
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
    *) echo "bench/query.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

command -v sqlite3 >/dev/null || { echo "bench/query.sh: sqlite3 is missing; install it (apt-get install -y sqlite3)" >&2; exit 1; }
mkdir -p "$out/logs" "$out/db"

bench_jar

# ---- the database --------------------------------------------------------------------------------------------------

# shellcheck source=bench/database.sh
. "$root/bench/database.sh"
ensure_database "$lines" "$seed" "$dirs_fraction" "$import_opts" "$rebuild"

sql() { sqlite3 -batch -noheader "$db" "$@"; }
directories="$(sql 'SELECT total_directories FROM scan_metadata')"
db_bytes="$(stat -c %s "$db")"

# The largest directory at a depth, as "directories below<TAB>path": the size index walked until the first row at
# that depth (a path is looked up by dir_id only: matching the directory_paths view on a path reads every path).
largest_at() {
  sql -separator $'\t' "SELECT s.dir_count_r, p.path FROM directory_stats s INDEXED BY ix_stats_total_size_r
       JOIN directories d USING (dir_id) JOIN directory_paths p USING (dir_id) WHERE d.depth = $1
       ORDER BY s.total_size_r DESC LIMIT 1"
}
# The owner of the most bytes: a big owner, present in most subtrees.
owner="$(sql 'SELECT owner_uid FROM owner_summary WHERE owner_uid >= 0 ORDER BY total_size DESC LIMIT 1')"
group="$(sql 'SELECT owner_gid FROM group_summary WHERE owner_gid >= 0 ORDER BY total_size DESC LIMIT 1')"

# ---- timing --------------------------------------------------------------------------------------------------------

rows=()
over=0
if command -v hyperfine >/dev/null; then timer="hyperfine (1 warm-up run, $runs runs)"; else timer="a loop of $runs runs after 1 warm-up run"; fi

# quote WORD: single-quoted, for hyperfine's word splitting (no shell between it and the command).
quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# time_it LABEL CMD...: one run whose output is kept (its line count, headers included, goes in the table), then the timed runs.
time_it() {
  local name="$1"; shift
  local slug; slug="$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-')"
  local log="$out/logs/query-$slug"
  note "$name"
  if ! SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" "$@" >"$log.out" 2>"$log.err"; then
    echo "bench/query.sh: '$*' failed; see $log.err" >&2
    exit 1
  fi
  local out_lines; out_lines="$(wc -l <"$log.out")"
  local median max
  if command -v hyperfine >/dev/null; then
    local cmd="" w
    for w in "$@"; do cmd+="$(quote "$w") "; done
    SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" hyperfine -N --warmup 1 --runs "$runs" --export-json "$log.json" \
      "$cmd" >"$log.hyperfine" 2>&1
    median="$(jq -r '.results[0].median' "$log.json")"
    max="$(jq -r '.results[0].max' "$log.json")"
  else
    SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" "$@" >/dev/null 2>&1
    local i t0 t1 times=()
    for ((i = 0; i < runs; i++)); do
      t0="$(date +%s%N)"
      SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" "$@" >/dev/null 2>&1
      t1="$(date +%s%N)"
      times+=("$(((t1 - t0) / 1000))")
    done
    read -r median max < <(printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
      m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print m / 1e6, t[NR] / 1e6 }')
  fi
  local ok=yes
  local limit=0.5
  case "$name" in analyze*) limit=1 ;; esac
  awk -v m="$max" -v l="$limit" 'BEGIN { exit !(m > l) }' && { ok=no; over=$((over + 1)); }
  local shown="${*:2}"
  rows+=("| $name | \`scan2db ${shown//"$db"/DB}\` | $out_lines | $(printf '%.3f' "$median") | $(printf '%.3f' "$max") | $ok |")
}

load_start="$(load_now)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

time_it "whole filesystem, top 50 by size" ./scan2db query "$db"
time_it "whole filesystem, top 50 by files" ./scan2db query "$db" --sort-by files
time_it "whole filesystem, top 50 by newest access" ./scan2db query "$db" --sort-by atime
time_it "whole filesystem, --group" ./scan2db query "$db" --group "$group"
for depth in 2 3 4 5 6 7 8; do
  IFS=$'\t' read -r dirs_r path < <(largest_at "$depth")
  note "depth $depth: $path ($dirs_r directories below)"
  time_it "depth $depth ($dirs_r dirs below)" ./scan2db query "$db" -P "$path"
  time_it "depth $depth, --owner" ./scan2db query "$db" -P "$path" --owner "$owner"
  time_it "depth $depth, --single-owner --accessed-before 3y" ./scan2db query "$db" -P "$path" --single-owner --accessed-before 3y
  time_it "depth $depth, --leaves-only" ./scan2db query "$db" -P "$path" --leaves-only
  [ "$depth" = 3 ] && du_path="$path"
done
time_it "du of the largest depth-3 directory" ./scan2db du "$du_path" --db "$db"
time_it "summary" ./scan2db summary "$db"
# analyze: the whole filesystem (stored tables), a subtree of about a million directories and a small one (both from
# the per-directory cells). The target for analyze is 1 s.
time_it "analyze, whole filesystem" ./scan2db analyze "$db"
IFS=$'\t' read -r million_dirs million_path < <(sql -separator $'\t' "SELECT s.dir_count_r, p.path
     FROM directory_stats s JOIN directory_paths p USING (dir_id)
    WHERE s.dir_count_r BETWEEN 500000 AND 2000000 ORDER BY abs(s.dir_count_r - 1000000) LIMIT 1")
time_it "analyze, subtree of $million_dirs dirs" ./scan2db analyze "$db" -P "$million_path"
time_it "analyze, depth 8 subtree" ./scan2db analyze "$db" -P "$path"

# ---- report --------------------------------------------------------------------------------------------------------

{
  echo "# scan2db questions"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $version"
  machine_line
  load_line "$load_start"
  echo "- database: $(basename "$db"), $directories directories, $(awk -v b="$db_bytes" 'BEGIN { printf "%.2f GiB", b / 1073741824 }') ($db_bytes bytes); scan $(basename "$scan") ($options)"
  echo "- timed with $timer, end to end (\`./scan2db\`, JVM start included); SCAN2DB_JAVA_OPTS=${BENCH_QUERY_OPTS:-(unset)}; --owner $owner and --group $group (the owner and group of the most bytes)"
  echo
  echo "| question | command | output lines | median s | max s | within target (0.5 s; analyze 1 s) |"
  echo "| --- | --- | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "$over of ${#rows[@]} questions over their target (max)."
} | tee "$out/query-results.md"
note "written to $out/query-results.md; each question's output and timings are in $out/logs/query-*"
