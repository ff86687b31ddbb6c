#!/usr/bin/env bash
# The scale check: a 10M-line scan, then 100M-line ones (plain and multi-block .xz, about 10M directories: the
# generator's one directory per ten lines), each generated into a scratch directory outside the repository, imported
# on embedded Flink under /usr/bin/time -v and checked against the generator's counts. Prints a table of wall time,
# CPU, peak RSS and the ratios to the 10M-line import, also written to SCALE_DIR/results.md (the only file kept).
#
# Disk: the plain 100M-line scan is about 23 GB, its database about 2 GB, the .xz scan about 2.5 GB; each scan is
# deleted after its import, so about 26 GB free at the peak. Time on 2 cores: 25 minutes for the plain runs on a
# shared machine; generating the .xz scan alone (the generator's Java xz encoder) looked like 50 minutes more there.
#
# Usage: bench/scale.sh
# Environment: SCALE_DIR (scratch, default /tmp/scan2db-scale; its scans and databases are deleted at the end),
#   SCALE_LINES (100000000), SCALE_BASE_LINES (10000000), SCALE_FORMATS ("plain xz"),
#   SCALE_JAVA_OPTS (-Xmx2g), SCALE_PARALLELISM (the number of cores), SCALE_SEED (1).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dir="${SCALE_DIR:-/tmp/scan2db-scale}"
lines="${SCALE_LINES:-100000000}"
base_lines="${SCALE_BASE_LINES:-10000000}"
formats="${SCALE_FORMATS:-plain xz}"
jopts="${SCALE_JAVA_OPTS:--Xmx2g}"
parallelism="${SCALE_PARALLELISM:-$(nproc)}"
seed="${SCALE_SEED:-1}"
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  exit 0
fi
command -v sqlite3 >/dev/null || { echo "bench/scale.sh: needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
need_time bench/scale.sh

mkdir -p "$dir"
trap 'find "$dir" -mindepth 1 ! -name results.md -delete' EXIT
# The run takes an hour: a copy of the jar, so that a rebuild of the repository meanwhile cannot change it.
(cd "$root" && ./scan2db --version >/dev/null)
jar="$dir/scan2db.jar"
cp "$root/pipeline/target/scan2db.jar" "$jar"

note() { echo "bench/scale.sh: $*" >&2; }
# measure LOG CMD...: runs CMD under /usr/bin/time -v; sets m_wall (s), m_cpu (user+sys s), m_rss (MiB), m_rc.
measure() {
  local log="$1"; shift
  set +e
  /usr/bin/time -v "$@" >"$log" 2>&1
  m_rc=$?
  set -e
  time_v "$log"
}

rows=()
base_wall="" base_rss=""
# run LINES FORMAT: generate, import, check, delete the scan and its database.
run() {
  local n="$1" format="$2"
  local scan="$dir/20260115_scale_l$n.list.all.log"
  [ "$format" = xz ] && scan="$scan.xz"
  local gen=(--lines "$n" --seed "$seed" --out "$scan")
  [ "$format" = xz ] && gen+=(--xz)
  note "generating $(basename "$scan") ($(date -u +%H:%M:%S) UTC)"
  measure "$dir/gen.log" java -jar "$jar" generate "${gen[@]}"
  [ "$m_rc" -eq 0 ] || { cat "$dir/gen.log" >&2; exit 1; }
  local gen_wall="$m_wall"
  local dirs files
  dirs="$(sed -n 's/.* \([0-9,]*\) directories (.*/\1/p' "$dir/gen.log" | tr -d ,)"
  files="$(sed -n 's/.* \([0-9,]*\) file records.*/\1/p' "$dir/gen.log" | tr -d ,)"
  local size; size="$(du -m "$scan" | cut -f1)"
  note "importing $(basename "$scan") ($size MiB) with SCAN2DB_JAVA_OPTS=$jopts, parallelism $parallelism; load $(cut -d' ' -f1-3 /proc/loadavg)"
  local db="$dir/scale.db"
  rm -f "$db"
  # shellcheck disable=SC2086 # the options are words, as the scan2db launcher takes them
  measure "$dir/import.log" java $jopts -jar "$jar" import "$scan" --db "$db" --parallelism "$parallelism" --quiet
  local check
  if [ "$m_rc" -ne 0 ]; then
    check="FAILED (exit $m_rc)"
    tail -20 "$dir/import.log" >&2
  else
    local got; got="$(sqlite3 "$db" 'SELECT total_directories || " " || total_files FROM scan_metadata')"
    if [ "$got" = "$dirs $files" ]; then check=ok; else check="MISMATCH: database $got, generator $dirs $files"; fi
  fi
  local ratio_t="-" ratio_m="-"
  if [ "$n" = "$base_lines" ] && [ "$format" = plain ]; then
    base_wall="$m_wall"; base_rss="$m_rss"
  elif [ -n "$base_wall" ]; then
    ratio_t="$(awk -v a="$m_wall" -v b="$base_wall" 'BEGIN { printf "%.2f", a / b }')"
    ratio_m="$(awk -v a="$m_rss" -v b="$base_rss" 'BEGIN { printf "%.2f", a / b }')"
  fi
  rows+=("| $n | $format | $size | $dirs | $files | $gen_wall | $m_wall | $m_cpu | $m_rss | $ratio_t | $ratio_m | $check |")
  note "$(basename "$scan"): $m_wall s, $m_rss MiB, $check"
  rm -f "$scan" "$db"
}

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_start="$(load_now)"
run "$base_lines" plain
for f in $formats; do run "$lines" "$f"; done

{
  echo "# scan2db scale check"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD), SCAN2DB_JAVA_OPTS=$jopts, parallelism $parallelism"
  echo "- machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| lines | format | MiB | directories | files | generate s | import wall s | CPU s | peak RSS MiB | time vs ${base_lines} | RSS vs ${base_lines} | check |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
} | tee "$dir/results.md"
