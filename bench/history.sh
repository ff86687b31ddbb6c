#!/usr/bin/env bash
# Times scan2db history and catalog on a catalog of weekly scans of one filesystem, end to end from the shell (each
# run is a whole `./scan2db ...` command, launcher and JVM start-up included; targets: history 1 s, catalog 0.5 s).
# The catalog: SCANS weekly scans of about DIRS directories each, the first a generated directory-heavy scan, each
# later one made from the one before by changes (a project subtree removed, one added as a copy of another, one
# handed over to the largest owner, files added to a deep directory), then the directory-heavy database of over 5
# million directories (bench/query.sh's, of the same filesystem) linked in as the newest scan. Questions: history -P
# of the deep directory, history -u of the largest owner, history of the filesystem, catalog. Then the same history
# questions on one small scan, on the small scans only, and on the large database alone, to show what one database
# costs and that it does not grow with the database's size.
#
# Usage: bench/history.sh [--scans N] [--dirs N] [--runs N] [--keep]
#   --scans N    weekly scans to generate and import                  BENCH_HISTORY_SCANS (default 52)
#   --dirs N     directories per generated scan, about                BENCH_HISTORY_DIRS (default 500000)
#   --runs N     timed runs per question, after one warm-up run       BENCH_QUERY_RUNS (default 5)
#   --keep       keep the catalog and its scans (default: deleted at the end)
# Further: BENCH_HISTORY_BIG (the large database; default bench/out/db/query-d15m.db, made as bench/query.sh makes
# it when missing; it is only read), BENCH_SEED (1), BENCH_QUERY_OPTS (SCAN2DB_JAVA_OPTS for the questions).
# Needs sqlite3. Results go to bench/out/history-results.md; the catalog is made in bench/out/history/.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"

scans="${BENCH_HISTORY_SCANS:-52}"
dirs="${BENCH_HISTORY_DIRS:-500000}"
runs="${BENCH_QUERY_RUNS:-5}"
seed="${BENCH_SEED:-1}"
keep=0

while [ $# -gt 0 ]; do
  case "$1" in
    --scans) scans="${2:?needs a value}"; shift ;;
    --dirs) dirs="${2:?needs a value}"; shift ;;
    --runs) runs="${2:?needs a value}"; shift ;;
    --keep) keep=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/history.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ "$scans" -ge 2 ] || { echo "bench/history.sh: --scans must be at least 2" >&2; exit 2; }

command -v sqlite3 >/dev/null || { echo "bench/history.sh: sqlite3 is missing; install it (apt-get install -y sqlite3)" >&2; exit 1; }
mkdir -p "$out/logs" "$out/db"
bench_jar

big="${BENCH_HISTORY_BIG:-}"
if [ -z "$big" ]; then
  # shellcheck source=bench/database.sh
  . "$root/bench/database.sh"
  ensure_database 15000000 1 0.34 -Xmx1g 0
  big="$db"
fi
bsql() { sqlite3 -batch -noheader -readonly "$big" "$@"; }
fs="$(bsql 'SELECT filesystem FROM scan_metadata')"
big_date="$(bsql 'SELECT substr(scan_timestamp, 1, 10) FROM scan_metadata')"
big_dirs="$(bsql 'SELECT total_directories FROM scan_metadata')"
owner="$(bsql 'SELECT owner_uid FROM access_histogram GROUP BY owner_uid ORDER BY sum(total_size) DESC LIMIT 1')"

work="$out/history"
cat="$work/catalog"
rm -rf "$work"
# The scans and databases name every (generated) user's files: private, as scan2db makes its own.
mkdir -p -m 0700 "$work"
umask 077
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

first="$(date -u -d "$big_date - $((7 * scans)) days" +%F)"
# A directory-heavy scan (0.34 of its records directories) has about 0.342 directories per line.
lines=$((dirs * 1000 / 342))
scan_of() { echo "$work/$(date -u -d "$first + $((7 * $1)) days" +%Y%m%d)_bench_$fs.list.all.log"; }

note "generating the first scan: $lines lines, about $dirs directories, dated $first"
java -jar "$jar" generate --lines "$lines" --seed "$seed" --dirs-fraction 0.34 --scan-date "$first" \
  --out "$(scan_of 0)" >/dev/null 2>"$out/logs/history-gen.log"

# The units that change: project subtrees /gpfs/fs1/projects/pNNNNN of the first scan.
mapfile -t projects < <(awk -F' -- ' '/ p=d/ && $2 ~ /^\/gpfs\/fs1\/projects\/p[0-9]+$/ { print $2 }' "$(scan_of 0)" | sort -u)
[ "${#projects[@]}" -ge 4 ] || { echo "bench/history.sh: only ${#projects[@]} projects in the first scan; give more --dirs" >&2; exit 1; }
# The deep directory: the deepest listed directory of a project, preferring one the large database has too.
deep=""
while read -r candidate; do
  if [ -z "$deep" ]; then deep="$candidate"; fi
  if ./scan2db du "$candidate" --db "$big" -d 0 --format tsv >/dev/null 2>&1; then deep="$candidate"; break; fi
done < <(awk -F' -- ' '/ p=d/ && $2 ~ /^\/gpfs\/fs1\/projects\// { n = gsub("/", "/", $2); if (n >= 9 && $2 ~ /^[A-Za-z0-9\/_.-]+$/) print n "\t" $2 }' \
  "$(scan_of 0)" | sort -t$'\t' -k1,1nr -k2,2 | head -5 | cut -f2)
deep_project="$(echo "$deep" | cut -d/ -f1-5)"
in_big=yes
./scan2db du "$deep" --db "$big" -d 0 --format tsv >/dev/null 2>&1 || in_big=no

# project K: the K-th project (cyclically), skipping the deep directory's, which never changes hands or goes.
project() {
  local p="${projects[$(($1 % ${#projects[@]}))]}"
  [ "$p" != "$deep_project" ] || p="${projects[$((($1 + 1) % ${#projects[@]}))]}"
  echo "$p"
}

# next_week W PREV NEXT: scan W from scan W-1, by the four changes.
next_week() {
  local w="$1" day; day="$(date -u -d "$first + $((7 * w)) days" +%F)"
  awk -v R="$(project $((w * 7)))" -v H="$(project $((w * 11 + 3)))" -v A="$(project $((w * 5 + 1)))" \
      -v N="/gpfs/fs1/projects/w$w" -v owner="$owner" -v deep="$deep" -v w="$w" -v day="$day" '
    function under(p, d) { return p == d || index(p, d "/") == 1 }
    { i = index($0, " -- "); p = i ? substr($0, i + 4) : "" }
    p != "" && under(p, R) { next }
    p != "" && under(p, H) { sub(/ u=[0-9]+ /, " u=" owner " ") }
    { print }
    p != "" && under(p, A) { l = substr($0, 1, i + 3) N substr(p, length(A) + 1); added[++na] = l }
    END {
      for (k = 1; k <= na; k++) print added[k]
      for (k = 0; k < 50; k++) {
        s = (k + 1) * 1048576
        printf "<1> %d 1 0  s=%d a=%d u=%s g=100 m=FAu p=-rw-r--r-- ac=%s 10:00:00 mt=%s 10:00:00 -- %s/w%d_%d.dat\n",
          2000000000 + w * 1000 + k, s, s / 1024, owner, day, day, deep, w, k
      }
    }' "$2" >"$3"
}

imports=()
for ((w = 0; w < scans; w++)); do
  scan="$(scan_of "$w")"
  if [ "$w" -gt 0 ]; then
    next_week "$w" "$(scan_of $((w - 1)))" "$scan"
    rm -f "$(scan_of $((w - 1)))"
  fi
  note "importing scan $((w + 1)) of $scans: $(basename "$scan")"
  t0="$(date +%s%N)"
  ./scan2db import "$scan" --data-dir "$cat" --quiet >/dev/null
  imports+=("$((($(date +%s%N) - t0) / 1000000))")
done
text_bytes="$(stat -c %s "$(scan_of $((scans - 1)))")"
rm -f "$(scan_of $((scans - 1)))"
small_bytes="$(du -sb "$cat" | cut -f1)"
small_last="$(ls "$cat/$fs" | tail -1)"
small_last_dirs="$(sqlite3 -batch -noheader -readonly "$cat/$fs/$small_last" 'SELECT total_directories FROM scan_metadata')"
small_first_dirs="$(sqlite3 -batch -noheader -readonly "$cat/$fs/$(ls "$cat/$fs" | head -1)" 'SELECT total_directories FROM scan_metadata')"
ln -s "$big" "$cat/$fs/$big_date.db"

# Catalogs of some of the same databases, by links: one small scan, the small scans, the large database alone.
mkdir -p "$work/one/$fs" "$work/small/$fs" "$work/big/$fs"
ln -s "$cat/$fs/$small_last" "$work/one/$fs/$small_last"
for f in "$cat/$fs"/*.db; do [ "$f" = "$cat/$fs/$big_date.db" ] || ln -s "$f" "$work/small/$fs/$(basename "$f")"; done
ln -s "$big" "$work/big/$fs/$big_date.db"

rows=()
over=0
# time_it LABEL LIMIT CMD...: one run whose output is kept, one warm-up, the timed runs; median against LIMIT s.
time_it() {
  local name="$1" limit="$2"; shift 2
  local slug; slug="$(echo "$name" | tr -c 'a-zA-Z0-9\n' '-' | tr -s '-')"
  local log="$out/logs/history-$slug"
  note "$name"
  if ! SCAN2DB_JAVA_OPTS="${BENCH_QUERY_OPTS:-}" "$@" >"$log.out" 2>"$log.err"; then
    echo "bench/history.sh: '$*' failed; see $log.err" >&2
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
  last_median="$median"
  last_cpu="$cpu"
  local ok="(floor)"
  if [ "$limit" != - ]; then
    ok=yes
    awk -v m="$median" -v l="$limit" 'BEGIN { exit !(m > l) }' && { ok=no; over=$((over + 1)); }
  fi
  local shown="${*:2}"
  shown="${shown//"$work"/W}"
  rows+=("| $name | \`scan2db $shown\` | $(wc -l <"$log.out") | $(printf '%.3f' "$median") | $(printf '%.3f' "$min") | $(printf '%.2f' "$cpu") | $ok |")
}

load_start="$(load_now)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
n=$((scans + 1))

time_it "summary of the newest small scan (start-up floor)" - ./scan2db summary "$cat/$fs/$small_last"
time_it "catalog, $n scans" 0.5 ./scan2db catalog "$cat"
time_it "history -P (deep directory), $n scans" 1 ./scan2db history "$fs" -P "$deep" --data-dir "$cat"
time_it "history -u $owner (largest owner), $n scans" 1 ./scan2db history "$fs" -u "$owner" --data-dir "$cat"
time_it "history of the filesystem, $n scans" 1 ./scan2db history "$fs" --data-dir "$cat"
main_rows=("${rows[@]}")

# What one database costs: each question on one small scan, the small scans, the large database alone.
declare -A cost cost_cpu
declare -A label=([P]="-P (deep directory)" [u]="-u $owner" [fs]="of the filesystem")
for q in P u fs; do
  case "$q" in
    P) args=(-P "$deep") ;;
    u) args=(-u "$owner") ;;
    fs) args=() ;;
  esac
  for c in one small big; do
    time_it "history ${label[$q]} on '$c'" - ./scan2db history "$fs" "${args[@]}" --data-dir "$work/$c"
    cost[$q-$c]="$last_median"
    cost_cpu[$q-$c]="$last_cpu"
  done
done

per_db() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f", (a - b) * 1000 / n }'; }
median_ms() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { printf "%d", (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) }'; }
import_median="$(median_ms "${imports[@]}")"
import_total="$(printf '%s\n' "${imports[@]}" | awk '{ s += $1 } END { print s }')"

{
  echo "# scan2db history and catalog"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $version"
  machine_line
  load_line "$load_start"
  echo "- catalog: $scans weekly scans of $fs from $first ($small_first_dirs directories in the first, $small_last_dirs in the last; generate --seed $seed --dirs-fraction 0.34 --lines $lines, then a project removed, one added, one handed over to uid $owner and 50 files added to the deep directory each week), and $(basename "$big") ($big_dirs directories) linked in as the scan of $big_date: $n scans"
  echo "- deep directory: $deep (in the large database: $in_big)"
  echo "- disk: the small scans' databases $((small_bytes / 1048576)) MiB ($((small_bytes / scans / 1024)) KiB each), one scan's text $((text_bytes / 1048576)) MiB (two at a time while the next is made); the large database is only read"
  echo "- imports: median $((import_median / 1000)).$(printf '%03d' $((import_median % 1000))) s per scan, $((import_total / 1000)) s for all $scans (each a whole \`./scan2db import --data-dir\`)"
  echo "- timed with a loop of $runs runs after 1 warm-up run, end to end (\`./scan2db\`, JVM start included); SCAN2DB_JAVA_OPTS=${BENCH_QUERY_OPTS:-(unset)}"
  echo
  echo "| question | command | output lines | median s | min s | median CPU s (user + sys) | within target (median) |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${main_rows[@]}"
  echo
  echo "$over of $((${#main_rows[@]} - 1)) questions over their target (median; summary is the floor, not a question)."
  echo
  echo "What one database costs (W is the bench's directory; 'one': the newest small scan alone, 'small': the $scans small scans, 'big': the large database alone):"
  echo
  echo "| question | command | output lines | median s | min s | median CPU s (user + sys) | |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]:${#main_rows[@]}}"
  echo
  for q in P u fs; do
    echo "- history ${label[$q]}: $(per_db "${cost[$q-small]}" "${cost[$q-one]}" $((scans - 1))) ms wall, $(per_db "${cost_cpu[$q-small]}" "${cost_cpu[$q-one]}" $((scans - 1))) ms CPU per small scan ((small - one) / $((scans - 1))); the large database alone: $(per_db "${cost[$q-big]}" "${cost[$q-one]}" 1) ms wall, $(per_db "${cost_cpu[$q-big]}" "${cost_cpu[$q-one]}" 1) ms CPU more than one small scan alone"
  done
} | sed "s|$work|W|g" | tee "$out/history-results.md"
note "written to $out/history-results.md; each question's output is in $out/logs/history-*"
