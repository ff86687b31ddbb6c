#!/usr/bin/env bash
# Times `scan2db diff` of two databases of over 5 million directories each (the directory-heavy benchmark scan and
# one generated with another seed), against reading one database's directories in preorder in sqlite3 (every
# column a diff row can use; the diff's own streams read five of them, more for --leaves-only and large answers),
# with peak memory for both.
#
# Usage: bench/diff.sh [--rebuild]
# Further: BENCH_QUERY_LINES (15000000), BENCH_DIRS_FRACTION (0.34), BENCH_DIFF_SEED (2: the NEW scan's seed),
# BENCH_QUERY_IMPORT_OPTS (SCAN2DB_JAVA_OPTS for the imports, -Xmx1g).
#
# Reuses bench/query.sh's scan and database in bench/out/ and adds a second pair: about 10 GiB of disk in all.
# The target: the diff in at most 2x the time of the preorder read, with memory that does not grow with the trees.
# Results go to bench/out/diff-results.md.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"
lines="${BENCH_QUERY_LINES:-15000000}"
dirs_fraction="${BENCH_DIRS_FRACTION:-0.34}"
new_seed="${BENCH_DIFF_SEED:-2}"
import_opts="${BENCH_QUERY_IMPORT_OPTS:--Xmx1g}"
rebuild=0
case "${1:-}" in
  --rebuild) rebuild=1 ;;
  "") ;;
  -h|--help) usage; exit 0 ;;
  *) echo "bench/diff.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac
command -v sqlite3 >/dev/null || { echo "bench/diff.sh: sqlite3 is missing (apt-get install -y sqlite3)" >&2; exit 1; }
mkdir -p "$out/logs" "$out/db"
bench_jar

# shellcheck source=bench/database.sh
. "$root/bench/database.sh"
ensure_database "$lines" 1 "$dirs_fraction" "$import_opts" "$rebuild"
old_db="$db"
ensure_database "$lines" "$new_seed" "$dirs_fraction" "$import_opts" "$rebuild"
new_db="$db"

# measure LABEL CMD...: wall seconds and peak RSS of one run, output discarded.
measure() {
  local label="$1"; shift
  note "$label"
  /usr/bin/time -f '%e %M' -o "$out/logs/diff-time" "$@" >/dev/null 2>"$out/logs/diff-err" ||
    { echo "bench/diff.sh: '$*' failed; see $out/logs/diff-err" >&2; exit 1; }
  read -r secs kib <"$out/logs/diff-time"
  echo "| $label | $secs | $((kib / 1024)) |"
}

load_start="$(load_now)"
rows=()
# The two generated scans have different names, so their databases name different filesystems: --force.
for run in 1 2 3; do
  rows+=("$(measure "read OLD in preorder (sqlite3), run $run" sqlite3 "$old_db" "SELECT d.dir_id, d.parent_id,
    d.name, d.depth, s.total_size_r, s.file_count_r, s.dir_count_nr, s.owner_uid, s.max_atime_r FROM directories d
    JOIN directory_stats s ON s.dir_id = d.dir_id ORDER BY d.dir_id")")
  rows+=("$(measure "diff OLD NEW, top 50, run $run" ./scan2db diff "$old_db" "$new_db" --force)")
done
rows+=("$(measure "diff OLD NEW, every row (-n 0, as TSV)" ./scan2db diff "$old_db" "$new_db" --force -n 0 --format tsv)")
copy="$out/db/diff-old-copy.db"
[ "$copy" -nt "$old_db" ] || cp "$old_db" "$copy"
rows+=("$(measure "diff OLD and a copy of it (no change)" ./scan2db diff "$old_db" "$copy")")
{
  echo "# scan2db diff"
  echo
  echo "- run: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(./scan2db --version | head -1)"
  echo "- machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}'); load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- OLD $(basename "$old_db") ($(sqlite3 "$old_db" 'SELECT total_directories FROM scan_metadata') directories),"
  echo "  NEW $(basename "$new_db") ($(sqlite3 "$new_db" 'SELECT total_directories FROM scan_metadata') directories)"
  echo
  echo "| run | wall s | peak RSS MiB |"
  echo "| --- | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} | tee "$out/diff-results.md"
