#!/usr/bin/env bash
# Loads `scan2db serve` with wrk on loopback, over a catalog of several scans: the 5M-directory database as the newest
# scan of its filesystem, and a few smaller generated weekly scans of a second filesystem (`small`). Requests: a top-50
# query, a directory level as the page asks for it (du -d 1 -n 201, then the same with --cold 1y for the treemap's
# colours), analyze and owners of a subtree of about a million directories, the catalog, and the small filesystem's
# history over its scans; each at 1, 8 and 64 connections, then
# one long run at 64 connections that samples the server's memory. Latency percentiles come from wrk's own --latency
# histogram. Figures mean something only on a quiet machine: the results record the load average at start and end.
#
# Usage: bench/serve.sh [--seconds N] [--soak N] [--db FILE] [--catalog N] [--rebuild]
#   --seconds N  duration of each wrk run                                  BENCH_SERVE_SECONDS (default 20)
#   --soak N     duration of the run at 64 connections that samples RSS    BENCH_SERVE_SOAK (default 600)
#   --db FILE    serve this database as the large scan (for instance another checkout's bench/out/db/query-d15m.db)
#                instead of making bench/query.sh's; it is only linked and read, never written  BENCH_SERVE_DB
#   --catalog N  weekly scans of the small filesystem in the catalog (0: none)  BENCH_SERVE_CATALOG (default 3)
#   --rebuild    generate the scans and import them again
# Further: BENCH_SERVE_SMALL_LINES (300000: lines of each small scan), BENCH_QUERY_LINES (15000000: the 5M-directory
# database of bench/query.sh, shared with it), BENCH_SEED (1), BENCH_DIRS_FRACTION (0.34), BENCH_QUERY_IMPORT_OPTS
# (-Xmx1g), BENCH_SERVE_OPTS (SCAN2DB_JAVA_OPTS for the server).
#
# Needs wrk (Debian: apt-get install -y wrk) and sqlite3 (to pick the paths). Results go to bench/out/serve-results.md.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"

seconds="${BENCH_SERVE_SECONDS:-20}"
soak="${BENCH_SERVE_SOAK:-600}"
lines="${BENCH_QUERY_LINES:-15000000}"
seed="${BENCH_SEED:-1}"
dirs_fraction="${BENCH_DIRS_FRACTION:-0.34}"
import_opts="${BENCH_QUERY_IMPORT_OPTS:--Xmx1g}"
given_db="${BENCH_SERVE_DB:-}"
catalog_scans="${BENCH_SERVE_CATALOG:-3}"
small_lines="${BENCH_SERVE_SMALL_LINES:-300000}"
rebuild=0

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?needs a value}"; shift ;;
    --soak) soak="${2:?needs a value}"; shift ;;
    --db) given_db="${2:?needs a value}"; shift ;;
    --catalog) catalog_scans="${2:?needs a value}"; shift ;;
    --rebuild) rebuild=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/serve.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

for tool in wrk sqlite3 curl; do
  command -v "$tool" >/dev/null || { echo "bench/serve.sh: $tool is missing; install it (apt-get install -y $tool)" >&2; exit 1; }
done
mkdir -p "$out/logs" "$out/db"
bench_jar

if [ -n "$given_db" ]; then
  db="$(realpath "$given_db")"
  [ -s "$db" ] || { echo "bench/serve.sh: --db $given_db: no such database" >&2; exit 2; }
  ./scan2db summary "$db" >/dev/null 2>&1 ||
    { echo "bench/serve.sh: --db $given_db cannot be read by this build (another schema?):" \
      "leave --db out to make one" >&2; exit 2; }
else
  # shellcheck source=bench/database.sh
  . "$root/bench/database.sh"
  ensure_database "$lines" "$seed" "$dirs_fraction" "$import_opts" "$rebuild"
fi

# Read-only: a --db of another checkout is never written, not even a journal.
sql() { sqlite3 -readonly -batch -noheader "$db" "$@"; }
directories="$(sql 'SELECT total_directories FROM scan_metadata')"
filesystem="$(sql 'SELECT filesystem FROM scan_metadata')"
scan_day="$(sql 'SELECT substr(scan_timestamp, 1, 10) FROM scan_metadata')"

# The small filesystem's weekly scans, generated and imported into a catalog of their own once (kept for reruns).
small="$out/serve-catalog"
small_days=()
for i in $(seq 1 "$catalog_scans"); do
  small_days+=("$(date -u -d "2026-01-01 + $((7 * (i - 1))) days" +%F)")
done
for i in "${!small_days[@]}"; do
  d="${small_days[$i]}"
  scan_file="$out/serve-scans/${d//-/}_small.list.all.log"
  if [ "$rebuild" = 1 ] || [ ! -s "$small/small/$d.db" ]; then
    mkdir -p "$out/serve-scans"
    note "generating and importing the small scan of $d ($small_lines lines)"
    # One seed per week: the weeks differ as a filesystem's weeks do, and the same week is the same scan.
    java -jar "$jar" generate --lines "$small_lines" --seed "$((100 + i))" --scan-date "$d" \
      --out "$scan_file" --quiet
    SCAN2DB_JAVA_OPTS="$import_opts" ./scan2db import --data-dir "$small" --filesystem small --quiet "$scan_file" \
      >/dev/null
    rm -f "$scan_file"
  fi
done

# The served data directory is a catalog of links (nothing is copied): NAME/<scan date>.db for each scan.
served="$out/serve-data"
rm -rf "$served"
mkdir -p "$served/$filesystem"
ln -s "$db" "$served/$filesystem/$scan_day.db"
if [ "$catalog_scans" -gt 0 ]; then
  mkdir -p "$served/small"
  for d in "${small_days[@]}"; do
    ln -s "$small/small/$d.db" "$served/small/$d.db"
  done
fi

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
level_path="$(sql "SELECT p.path FROM directory_stats s INDEXED BY ix_stats_total_size_r JOIN directories d USING (dir_id)
  JOIN directory_paths p USING (dir_id) WHERE d.depth = 3 ORDER BY s.total_size_r DESC LIMIT 1")"
IFS=$'\t' read -r million_dirs million_path < <(sql -separator $'\t' "SELECT s.dir_count_r, p.path
     FROM directory_stats s JOIN directory_paths p USING (dir_id)
    WHERE s.dir_count_r BETWEEN 500000 AND 2000000 ORDER BY abs(s.dir_count_r - 1000000) LIMIT 1")

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
note "serving $served on $base"
SCAN2DB_JAVA_OPTS="${BENCH_SERVE_OPTS:-}" ./scan2db serve --data-dir "$served" --listen "127.0.0.1:$port" \
  --access-log "$out/logs/serve-access.log" >"$out/logs/serve.out" 2>"$out/logs/serve.err" &
launcher=$!
trap 'kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$base/api" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$base/api" >/dev/null || { echo "bench/serve.sh: the server did not start; see $out/logs/serve.err" >&2; exit 1; }
server_pid="$(pgrep -n -f "serve --data-dir $served" || true)"
rss_mib() { [ -n "$server_pid" ] && awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status" || echo "?"; }

declare -A urls=(
  ["top 50 by size"]="/api/query?target=$filesystem&limit=50"
  ["directory level (du, depth 3)"]="/api/du?target=$filesystem&path=$(urlencode "$level_path")&limit=201"
  ["its colours (du --cold 1y, depth 3)"]="/api/du?target=$filesystem&path=$(urlencode "$level_path")&limit=201&cold=1y"
  ["analyze, $million_dirs-dir subtree"]="/api/analyze?target=$filesystem&path-prefix=$(urlencode "$million_path")"
  ["owners, $million_dirs-dir subtree"]="/api/owners?target=$filesystem&path-prefix=$(urlencode "$million_path")"
)
order=("top 50 by size" "directory level (du, depth 3)" "its colours (du --cold 1y, depth 3)"
  "analyze, $million_dirs-dir subtree"
  "owners, $million_dirs-dir subtree")
if [ "$catalog_scans" -gt 0 ]; then
  urls["catalog, $((catalog_scans + 1)) scans"]="/api/catalog"
  urls["history of small, $catalog_scans scans"]="/api/history?target=small"
  order+=("catalog, $((catalog_scans + 1)) scans" "history of small, $catalog_scans scans")
fi

rows=()
# load NAME URL CONNECTIONS SECONDS: one wrk run; a row of its latencies, throughput and non-2xx replies.
load() {
  local name="$1" url="$2" conns="$3" secs="$4"
  local slug; slug="$(echo "$name-$conns" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-')"
  local log="$out/logs/serve-$slug.wrk"
  local status; status="$(curl -s -o /dev/null -w '%{http_code}' "$base$url")"
  [ "$status" = 200 ] || { echo "bench/serve.sh: $url answered $status" >&2; exit 1; }
  note "$name at $conns connections for $secs s"
  wrk -t "$((conns < 2 ? 1 : 2))" -c "$conns" -d "${secs}s" --timeout 30s --latency "$base$url" >"$log"
  local p50 p99 rps errors
  p50="$(awk '$1 == "50%" { print $2 }' "$log")"
  p99="$(awk '$1 == "99%" { print $2 }' "$log")"
  rps="$(awk '/^Requests\/sec/ { print $2 }' "$log")"
  errors="$(awk '/Non-2xx/ { print $NF } /Socket errors/ { print }' "$log" | tr '\n' ' ')"
  rows+=("| $name | $conns | $p50 | $p99 | $rps | ${errors:-none} | $(rss_mib) |")
}

load_start="$(load_now)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
rss_start="$(rss_mib)"
for name in "${order[@]}"; do
  for conns in 1 8 64; do
    load "$name" "${urls[$name]}" "$conns" "$seconds"
  done
done
soak_rss=()
if [ "$soak" -gt 0 ]; then
  note "soak: top 50 at 64 connections for $soak s, RSS every 30 s"
  wrk -t 2 -c 64 -d "${soak}s" --timeout 30s --latency "$base${urls["top 50 by size"]}" >"$out/logs/serve-soak.wrk" &
  soak_pid=$!
  while kill -0 "$soak_pid" 2>/dev/null; do
    soak_rss+=("$(rss_mib)")
    sleep 30
  done
  wait "$soak_pid"
fi

{
  echo "# scan2db serve under load"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $version"
  machine_line
  load_line "$load_start"
  echo "- database: $(basename "$db"), $directories directories (scan of $scan_day); catalog: it and $catalog_scans weekly scans of small ($small_lines lines each); wrk on loopback, ${seconds} s a run; server RSS at start $rss_start MiB"
  echo
  echo "| request | connections | p50 | p99 | requests/s | errors | server RSS MiB after |"
  echo "| --- | ---: | ---: | ---: | ---: | --- | ---: |"
  printf '%s\n' "${rows[@]}"
  if [ "$soak" -gt 0 ]; then
    echo
    echo "Soak, top 50 at 64 connections for $soak s: p99 $(awk '$1 == "99%" { print $2 }' "$out/logs/serve-soak.wrk"),"
    soak_errors="$(awk '/Non-2xx|Socket errors/' "$out/logs/serve-soak.wrk" | tr '\n' ' ' | sed 's/ *$//')"
    echo "$(awk '/^Requests\/sec/ { print $2 }' "$out/logs/serve-soak.wrk") requests/s, errors: ${soak_errors:-none};"
    echo "server RSS every 30 s (MiB): ${soak_rss[*]}"
  fi
} | tee "$out/serve-results.md"
note "written to $out/serve-results.md; wrk's output is in $out/logs/serve-*.wrk"
