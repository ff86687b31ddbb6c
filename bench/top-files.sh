#!/usr/bin/env bash
# What keeping the largest and oldest files costs the import (issue 23: at most 3% more at 10M lines): imports one
# generated plain GPFS scan with the launcher's defaults (--top-files 1000 --top-files-per-owner 100) and with
# --top-files 0 --top-files-per-owner 0, alternating, each under /usr/bin/time -v, and prints wall time, CPU
# (user + sys) and peak RSS of each run and the medians. The databases are deleted after each run.
#
# Usage: bench/top-files.sh [--runs N] [--lines N]
#   --runs N     runs of each setting                                  BENCH_TOP_RUNS (default 3)
#   --lines N    lines of the generated scan                           BENCH_TOP_LINES (default 10000000)
# Further: BENCH_SEED (1). The scan is generated into bench/out/ when missing (and kept). Results go to
# bench/out/top-files-results.md.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"

runs="${BENCH_TOP_RUNS:-3}"
lines="${BENCH_TOP_LINES:-10000000}"
seed="${BENCH_SEED:-1}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?needs a value}"; shift ;;
    --lines) lines="${2:?needs a value}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/top-files.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$out/logs" "$out/db"
version="$(./scan2db --version | head -1)"
label="$((lines / 1000000))m"
[ $((lines % 1000000)) -eq 0 ] || label="$lines"
[ "$seed" = 1 ] || label="${label}s$seed"
scan="$out/20260115_bench_p$label.list.all.log"
options="options: --lines $lines --seed $seed --out $scan"
if [ ! -s "$scan" ] || [ "$(head -1 "$scan.summary" 2>/dev/null)" != "$options" ]; then
  note "generating $(basename "$scan")"
  rm -f "$scan" "$scan.summary"
  ./scan2db generate --lines "$lines" --seed "$seed" --out "$scan" 2>"$out/logs/gen-p$label.log" >/dev/null
  { echo "$options"; grep 'scan2db: generated' "$out/logs/gen-p$label.log"; } >"$scan.summary"
fi
cat "$scan" >/dev/null # into the page cache, so the first run does not pay for the disk

load_start="$(load_now)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
rows=()
declare -A walls cpus rsss
for ((i = 1; i <= runs; i++)); do
  for setting in defaults "0 0"; do
    db="$out/db/top-files-$label.db"
    rm -f "$db"
    extra=()
    [ "$setting" = defaults ] || extra=(--top-files 0 --top-files-per-owner 0)
    log="$out/logs/top-files-${setting// /-}-$i.time"
    note "run $i, $setting"
    /usr/bin/time -v -o "$log" ./scan2db import "$scan" --db "$db" --quiet "${extra[@]}" >/dev/null
    kept="$(sqlite3 -batch -noheader "$db" 'SELECT count(*) FROM top_files' 2>/dev/null || echo '?')"
    rm -f "$db"
    read -r wall cpu rss < <(awk -F': ' '
      /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
      /User time/ { c += $2 } /System time/ { c += $2 } /Maximum resident/ { r = $2 / 1024 }
      END { printf "%.2f %.1f %.0f\n", w, c, r }' "$log")
    walls[$setting]+="$wall "; cpus[$setting]+="$cpu "; rsss[$setting]+="$rss "
    rows+=("| $i | ${setting/defaults/defaults (1000, 100)} | $wall | $cpu | $rss | $kept |")
  done
done
median() { printf '%s\n' $1 | sort -n | awk '{ t[NR] = $1 } END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

{
  echo "# What keeping the largest and oldest files costs the import"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $version"
  machine_line
  load_line "$load_start"
  echo "- scan: $(basename "$scan") ($(sed -n 2p "$scan.summary"))"
  echo "- each run: \`/usr/bin/time -v ./scan2db import SCAN --db DB --quiet [--top-files 0 --top-files-per-owner 0]\`, launcher defaults otherwise, SCAN2DB_JAVA_OPTS=${SCAN2DB_JAVA_OPTS:-(unset)}"
  echo
  echo "| run | top files kept (filesystem, per owner) | wall s | CPU s (user + sys) | peak RSS MiB | top_files rows |"
  echo "| ---: | --- | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  for setting in defaults "0 0"; do
    echo "- median, $setting: wall $(median "${walls[$setting]}") s, CPU $(median "${cpus[$setting]}") s, peak RSS $(median "${rsss[$setting]}") MiB"
  done
  awk -v a="$(median "${walls[defaults]}")" -v b="$(median "${walls["0 0"]}")" -v c="$(median "${cpus[defaults]}")" -v d="$(median "${cpus["0 0"]}")" \
    'BEGIN { printf "- cost of the defaults against 0 0 (medians): wall %+.1f%%, CPU %+.1f%% (target: at most +3%%)\n", (a / b - 1) * 100, (c / d - 1) * 100 }'
} | tee "$out/top-files-results.md"
