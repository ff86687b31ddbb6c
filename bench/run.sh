#!/usr/bin/env bash
# Benchmarks scan2db imports on synthetic scans, and the floor under them.
#
# Generates scans with `scan2db generate` into bench/out/ (kept between runs; a scan is made again only when its
# file is missing or was made with other options), then for each scan, format, runner and parallelism runs
#   /usr/bin/time -v ./scan2db import SCAN --quiet ...
# and records wall time, lines/s, user+sys CPU time and peak RSS. It also times the floor under each phase of an
# import: start-up (importing the 33-line example scan), reading the same files without parsing (cat, gzip -dc,
# xz -dc -T1/-T2, and scan2db's own range reader in Java), parsing without Beam (bench/ParseFloor.java: the
# parser's own code on 1 and 2 threads) and SQLite alone (bench/WriterFloor.java: the rows of a finished database
# copied inside SQLite into a new file, then its indexes). The tables go to stdout and to bench/out/results.md,
# with the machine at the top.
#
# Default: scans of 1M and 10M lines (plain, .gz, multi-block .xz), flink at parallelism 1 and 2 on each, direct
# on the 1M scan only, and a directory-heavy scan (15M lines, about 5M directories) imported with
# SCAN2DB_JAVA_OPTS=-Xmx1g. That takes an hour or more on 2 cores; --quick takes a few minutes.
#
# Options (each also has an environment variable):
#   --quick                 scans of 20k and 200k lines, a 300k-line directory-heavy one, 4 MiB xz blocks,
#                           direct on the plain scans only (0.1-0.2 ms of CPU a line), 15 minutes at most
#                           per run: about 5 minutes in all
#   --sizes "N ..."         line counts of the ordinary scans        BENCH_SIZES (default "1000000 10000000")
#   --dirheavy-lines N      lines of the directory-heavy scan, 0: none  BENCH_DIRHEAVY_LINES (default 15000000)
#   --formats "F ..."       plain gz xz                               BENCH_FORMATS (default "plain gz xz")
#   --runners "R ..."       flink direct                              BENCH_RUNNERS (default "flink direct")
#   --parallelism "P ..."                                             BENCH_PARALLELISM (default "1 2")
#   --direct-max-lines N    direct runs only on scans up to N lines  BENCH_DIRECT_MAX_LINES (default 1000000)
#   --direct-formats "F ..." formats the direct runner reads          BENCH_DIRECT_FORMATS (default: --formats)
#   --no-floor              skip the floors                           BENCH_FLOOR=0
# Further: BENCH_SEED (1), BENCH_XZ_BLOCK (16MiB), BENCH_DIRS_FRACTION (0.34), BENCH_DIRHEAVY_JAVA_OPTS (-Xmx1g),
# BENCH_DIRHEAVY_FORMATS (plain), BENCH_TIMEOUT (seconds per run, 3600).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
out="$root/bench/out"
cd "$root"

sizes="${BENCH_SIZES:-1000000 10000000}"
dirheavy_lines="${BENCH_DIRHEAVY_LINES:-15000000}"
formats="${BENCH_FORMATS:-plain gz xz}"
runners="${BENCH_RUNNERS:-flink direct}"
parallelism="${BENCH_PARALLELISM:-1 2}"
direct_max="${BENCH_DIRECT_MAX_LINES:-1000000}"
direct_formats="${BENCH_DIRECT_FORMATS:-}"
floor="${BENCH_FLOOR:-1}"
seed="${BENCH_SEED:-1}"
xz_block="${BENCH_XZ_BLOCK:-16MiB}"
dirs_fraction="${BENCH_DIRS_FRACTION:-0.34}"
dirheavy_opts="${BENCH_DIRHEAVY_JAVA_OPTS:--Xmx1g}"
dirheavy_formats="${BENCH_DIRHEAVY_FORMATS:-plain}"
run_timeout="${BENCH_TIMEOUT:-3600}"

# --quick changes the defaults, whatever its place among the options.
for arg in "$@"; do
  if [ "$arg" = --quick ]; then
    sizes="${BENCH_SIZES:-20000 200000}"
    direct_max="${BENCH_DIRECT_MAX_LINES:-200000}"
    dirheavy_lines="${BENCH_DIRHEAVY_LINES:-300000}"
    xz_block="${BENCH_XZ_BLOCK:-4MiB}"
    direct_formats="${BENCH_DIRECT_FORMATS:-plain}"
    run_timeout="${BENCH_TIMEOUT:-900}"
  fi
done
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ;;
    --sizes) sizes="${2:?needs a value}"; shift ;;
    --dirheavy-lines) dirheavy_lines="${2:?needs a value}"; shift ;;
    --formats) formats="${2:?needs a value}"; shift ;;
    --runners) runners="${2:?needs a value}"; shift ;;
    --parallelism) parallelism="${2:?needs a value}"; shift ;;
    --direct-max-lines) direct_max="${2:?needs a value}"; shift ;;
    --direct-formats) direct_formats="${2:?needs a value}"; shift ;;
    --no-floor) floor=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
direct_formats="${direct_formats:-$formats}"

need_time bench/run.sh
for tool in xz gzip timeout awk; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: '$tool' is missing; install it (apt-get install -y xz-utils gzip coreutils gawk)" >&2; exit 1; }
done

mkdir -p "$out/logs" "$out/db"

# Build the jar if needed (the launcher does that) and take the version.
bench_jar

# ---- measuring -----------------------------------------------------------------------------------------------------

# measure LABEL CMD...: runs CMD under /usr/bin/time -v (and timeout), output in logs/LABEL.log; sets
# m_rc, m_wall (s), m_cpu (user+sys s), m_rss (MiB).
measure() {
  local label="$1"; shift
  local tf="$out/logs/$label.time"
  m_rc=0
  # --foreground keeps the command in this process group, so that Ctrl-C reaches it.
  /usr/bin/time -v -o "$tf" timeout --foreground "$run_timeout" "$@" >"$out/logs/$label.log" 2>&1 || m_rc=$?
  time_v "$tf"
}

rate() { # lines seconds
  awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'
}

status() { # rc
  case "$1" in
    0) echo ok ;;
    124) echo "timeout" ;;
    *) echo "FAILED ($1)" ;;
  esac
}

label_of() { # lines -> 200k, 1m, 10m, 1500001
  local n="$1"
  if [ $((n % 1000000)) -eq 0 ]; then echo "$((n / 1000000))m"
  elif [ $((n % 1000)) -eq 0 ]; then echo "$((n / 1000))k"
  else echo "$n"; fi
}

mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# ---- scans ---------------------------------------------------------------------------------------------------------

gen_rows=()
import_rows=()
floor_rows=()
sqlite_rows=()
declare -A sqlite_floor_done=()

# scan_file KIND LINES FORMAT -> path; KIND is "l" (ordinary) or "d" (directory-heavy).
scan_file() {
  local suffix=""
  case "$3" in gz) suffix=".gz" ;; xz) suffix=".xz" ;; esac
  echo "$out/20260115_bench_$1$(label_of "$2").list.all.log$suffix"
}

# generate KIND LINES FORMAT: makes the scan unless it exists; its summary goes beside it.
generate() {
  local kind="$1" lines="$2" format="$3"
  local file; file="$(scan_file "$kind" "$lines" "$format")"
  local fraction=0.1
  [ "$kind" = d ] && fraction="$dirs_fraction"
  local opts=(--lines "$lines" --seed "$seed" --dirs-fraction "$fraction" --out "$file")
  case "$format" in gz) opts+=(--gz) ;; xz) opts+=(--xz --xz-block-size "$xz_block") ;; esac
  if [ -s "$file" ] && [ "$(head -1 "$file.summary" 2>/dev/null)" = "options: ${opts[*]}" ]; then
    gen_rows+=("| $(basename "$file") | $(mib "$file") | (kept from an earlier run) | | $(summary_cols "$file") |")
    return
  fi
  note "generating $(basename "$file")"
  rm -f "$file" "$file.summary"
  measure "gen-$(basename "$file")" java -jar "$jar" generate "${opts[@]}"
  if [ "$m_rc" -ne 0 ]; then
    echo "bench/run.sh: generating $file failed; see $out/logs/gen-$(basename "$file").log" >&2
    exit 1
  fi
  { echo "options: ${opts[*]}"; grep 'scan2db: generated' "$out/logs/gen-$(basename "$file").log"; } >"$file.summary"
  gen_rows+=("| $(basename "$file") | $(mib "$file") | $m_wall | $(rate "$lines" "$m_wall") | $(summary_cols "$file") |")
}

# From the generator's summary: directories and file records, for the table and the check.
summary_dirs() { sed -n 's/.* \([0-9,]*\) directories (.*/\1/p' "$1.summary" | tr -d ,; }
summary_files() { sed -n 's/.* \([0-9,]*\) file records.*/\1/p' "$1.summary" | tr -d ,; }
summary_cols() { echo "$(summary_dirs "$1") | $(summary_files "$1")"; }

# import_run KIND LINES FORMAT RUNNER P [JAVA_OPTS]
import_run() {
  local kind="$1" lines="$2" format="$3" runner="$4" p="$5" jopts="${6:-}"
  local file; file="$(scan_file "$kind" "$lines" "$format")"
  local name; name="$(basename "$file")"
  local label="import-$name-$runner-p$p"
  local db
  db="$out/db/$kind$(label_of "$lines")-$format-$runner-p$p.db"
  rm -f "$db"
  note "import $name on $runner, parallelism $p${jopts:+, SCAN2DB_JAVA_OPTS=$jopts}"
  SCAN2DB_JAVA_OPTS="${jopts:-${SCAN2DB_JAVA_OPTS:-}}" measure "$label" \
    ./scan2db import "$file" --db "$db" --runner "$runner" --parallelism "$p" --quiet
  local check="-"
  if [ "$m_rc" -eq 0 ] && command -v sqlite3 >/dev/null; then
    local got; got="$(sqlite3 "$db" 'SELECT total_directories || " " || total_files FROM scan_metadata' 2>/dev/null || true)"
    if [ "$got" = "$(summary_dirs "$file") $(summary_files "$file")" ]; then check=ok; else check="MISMATCH ($got)"; fi
  fi
  local st; st="$(status "$m_rc")"
  [ "$st" = ok ] && st="$check"
  import_rows+=("| $(label_of "$lines")${kind/l/} | $format | $runner | $p | ${jopts:--} | $m_wall | $(rate "$lines" "$m_wall") | $m_cpu | $m_rss | $st |")
  if [ "$check" = ok ] && [ -n "$java_floor" ] && [ -z "${sqlite_floor_done[$kind$lines]:-}" ]; then
    sqlite_floor "$kind" "$lines" "$db"
    sqlite_floor_done[$kind$lines]=1
  fi
  rm -f "$db"
}

# floor_run KIND LINES FORMAT
floor_run() {
  local kind="$1" lines="$2" format="$3"
  local file; file="$(scan_file "$kind" "$lines" "$format")"
  local name; name="$(basename "$file")"
  local what=()
  case "$format" in
    plain) what=("cat") ;;
    gz) what=("gzip -dc") ;;
    xz) what=("xz -dc -T1" "xz -dc -T2") ;;
  esac
  local w
  for w in "${what[@]}"; do
    note "floor: $w $name"
    measure "floor-$name-${w// /_}" bash -c "$w \"\$1\" >/dev/null" _ "$file"
    floor_rows+=("| $(label_of "$lines")${kind/l/} | $format | \`$w\` | $m_wall | $(rate "$lines" "$m_wall") | $m_cpu | $m_rss | $(status "$m_rc") |")
  done
  if [ -n "$java_floor" ]; then
    local threads=(1)
    [ "$format" != gz ] && threads=(1 2)
    local floors=("ReadFloor:read:Java range reader" "org.scan2db.transforms.ParseFloor:parse:Java reader and parser, no Beam")
    local f t
    for f in "${floors[@]}"; do
      local class="${f%%:*}" short="${f#*:}"
      local desc="${short#*:}"
      short="${short%%:*}"
      for t in "${threads[@]}"; do
        note "floor: $desc x$t $name"
        # shellcheck disable=SC2086 # the options are words, as the scan2db launcher takes them
        measure "floor-$name-$short$t" java ${SCAN2DB_JAVA_OPTS:-} -cp "$jar:$out/classes" "$class" "$file" "$t"
        floor_rows+=("| $(label_of "$lines")${kind/l/} | $format | $desc, $t thread$([ "$t" = 1 ] || echo s) | $m_wall | $(rate "$lines" "$m_wall") | $m_cpu | $m_rss | $(status "$m_rc") |")
      done
    done
  fi
}

# sqlite_floor KIND LINES DB: SQLite's own work for DB's directories (bench/WriterFloor.java).
sqlite_floor() {
  local kind="$1" lines="$2" db="$3"
  note "floor: SQLite alone on the $(label_of "$lines")${kind/l/} database"
  measure "floor-sqlite-$kind$(label_of "$lines")" java -cp "$jar:$out/classes" WriterFloor "$db" "$out/db/floor.db"
  rm -f "$out/db/floor.db"
  local log
  log="$out/logs/floor-sqlite-$kind$(label_of "$lines").log"
  local dirs insert indexes
  dirs="$(sed -n 's/^insert \([0-9]*\) directories.*/\1/p' "$log")"
  insert="$(sed -n 's/^insert .* \([0-9.]*\) s$/\1/p' "$log")"
  indexes="$(sed -n 's/^indexes, analyze and commit *\([0-9.]*\) s$/\1/p' "$log")"
  sqlite_rows+=("| $(label_of "$lines")${kind/l/} | ${dirs:--} | ${insert:--} | ${indexes:--} | $m_wall | $m_cpu | $(status "$m_rc") |")
}

# The Java floors (bench/*.java), compiled against the jar.
java_floor=""
if [ "$floor" = 1 ]; then
  stamp="$out/classes/.compiled"
  if [ ! -f "$stamp" ] || [ "$jar" -nt "$stamp" ] || [ -n "$(find "$root/bench" -maxdepth 1 -name '*.java' -newer "$stamp")" ]; then
    rm -rf "$out/classes"
    mkdir -p "$out/classes"
    if javac -d "$out/classes" -cp "$jar" "$root"/bench/*.java 2>"$out/logs/floors.javac.log"; then
      touch "$stamp"
      java_floor=1
    else
      note "the Java floors do not compile against this jar (see $out/logs/floors.javac.log); skipping them"
    fi
  else
    java_floor=1
  fi
fi

load_start="$(load_now)"
started="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

for n in $sizes; do
  for f in $formats; do generate l "$n" "$f"; done
done
if [ "$dirheavy_lines" -gt 0 ]; then
  for f in $dirheavy_formats; do generate d "$dirheavy_lines" "$f"; done
fi

startup_row=""
if [ "$floor" = 1 ]; then
  note "floor: start-up (importing the 33-line example scan)"
  measure "floor-startup" ./scan2db import examples/20260301_demo_projects.list.all.log --max-rejected 100% --db "$out/db/startup.db" --quiet
  rm -f "$out/db/startup.db"
  startup_row="| 33-line example | $m_wall | $m_cpu | $m_rss | $(status "$m_rc") |"
fi

for n in $sizes; do
  for f in $formats; do
    [ "$floor" = 1 ] && floor_run l "$n" "$f"
    for r in $runners; do
      if [ "$r" = direct ] && { [ "$n" -gt "$direct_max" ] || [[ " $direct_formats " != *" $f "* ]]; }; then
        continue
      fi
      for p in $parallelism; do import_run l "$n" "$f" "$r" "$p"; done
    done
  done
done
if [ "$dirheavy_lines" -gt 0 ]; then
  for f in $dirheavy_formats; do
    [ "$floor" = 1 ] && floor_run d "$dirheavy_lines" "$f"
    for p in $parallelism; do import_run d "$dirheavy_lines" "$f" flink "$p" "$dirheavy_opts"; done
  done
fi

# ---- report --------------------------------------------------------------------------------------------------------

{
  echo "# scan2db benchmark"
  echo
  echo "- run: $started, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $version"
  machine_line
  load_line "$load_start"
  echo "- $(xz --version | head -1), $(gzip --version | head -1); SCAN2DB_JAVA_OPTS=${SCAN2DB_JAVA_OPTS:-(unset)} except where the table says"
  echo "- scans: seed $seed, xz blocks of $xz_block, directory-heavy scans with --dirs-fraction $dirs_fraction"
  echo
  echo "## Scans (scan2db generate)"
  echo
  echo "| file | MiB on disk | generate s | lines/s | directories | files |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${gen_rows[@]}"
  echo
  echo "## Imports (\`/usr/bin/time -v ./scan2db import SCAN --quiet --runner R --parallelism P\`)"
  echo
  echo "Scan: line count, with d for the directory-heavy scan. Check: the database's directories and files equal what"
  echo "the generator wrote (- when sqlite3 is missing)."
  echo
  echo "| scan | format | runner | P | java opts | wall s | lines/s | CPU s (user+sys) | peak RSS MiB | check |"
  echo "| --- | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- |"
  if [ ${#import_rows[@]} -gt 0 ]; then printf '%s\n' "${import_rows[@]}"; fi
  if [ ${#floor_rows[@]} -gt 0 ]; then
    echo
    echo "## Floor: reading, and reading and parsing, without Beam"
    echo
    echo "| scan | format | reader | wall s | lines/s | CPU s (user+sys) | peak RSS MiB | status |"
    echo "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${floor_rows[@]}"
  fi
  if [ -n "$startup_row" ]; then
    echo
    echo "## Floor: start-up (a whole import of a 33-line scan, flink, default parallelism)"
    echo
    echo "| scan | wall s | CPU s (user+sys) | peak RSS MiB | status |"
    echo "| --- | ---: | ---: | ---: | --- |"
    echo "$startup_row"
  fi
  if [ ${#sqlite_rows[@]} -gt 0 ]; then
    echo
    echo "## Floor: SQLite alone (the first imported database of each scan, copied inside SQLite, then indexed)"
    echo
    echo "| scan | directories | insert s | indexes, ANALYZE, commit s | wall s (with JVM) | CPU s | status |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${sqlite_rows[@]}"
  fi
} | tee "$out/results.md"
note "written to $out/results.md; each run's output and /usr/bin/time report are in $out/logs/"
