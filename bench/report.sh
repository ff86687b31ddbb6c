#!/usr/bin/env bash
# Times `scan2db report` on a database of millions of directories and prints the page's size and box count.
#   bench/report.sh [DB]      DB: an existing scan2db database (read-only); without it, one is generated and
#                             imported (15M lines, a third of them directories: about 5.1M directories) into
#                             $REPORT_BENCH_DIR (default /tmp/report-bench), outside the repository.
# Extra report options go in REPORT_OPTS (e.g. "--max-nodes 5000").
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
esac
work="${REPORT_BENCH_DIR:-/tmp/report-bench}"
mkdir -p "$work"
db="${1:-}"
if [ -z "$db" ]; then
  db="$work/bench.db"
  if [ ! -f "$db" ]; then
    scan="$work/20260115_bench_d15m.list.all.log"
    [ -f "$scan" ] || "$root/scan2db" generate --lines 15000000 --dirs-fraction 0.34 --seed 1 --out "$scan"
    SCAN2DB_JAVA_OPTS="${SCAN2DB_JAVA_OPTS:--Xmx1g}" "$root/scan2db" import "$scan" --db "$db" --quiet
  fi
fi
out="$work/report.html"
"$root/scan2db" --version >/dev/null # builds the jar first, outside the timing
for run in 1 2 3; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "run $run: %e s wall, %M KiB peak RSS" "$root/scan2db" report "$db" --out "$out" ${REPORT_OPTS:-}
done
echo "page: $(stat -c %s "$out") bytes; directories in the database: $("$root/scan2db" summary "$db" --format csv \
  | sed -n 2p | cut -d, -f6)"
