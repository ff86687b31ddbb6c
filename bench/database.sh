# Sourced by bench/query.sh and bench/diff.sh: makes (or reuses) a generated scan and its database in bench/out/.
# ensure_database LINES SEED DIRS_FRACTION IMPORT_OPTS REBUILD sets scan, db and options. Needs root, out, jar and note.

ensure_database() {
  local lines="$1" seed="$2" dirs_fraction="$3" import_opts="$4" rebuild="$5"
  # The same name and summary file as bench/run.sh's directory-heavy scan ("d", 15m); other seeds add theirs.
  local label="$((lines / 1000000))m"
  [ $((lines % 1000000)) -eq 0 ] || label="$lines"
  [ "$seed" = 1 ] || label="${label}s$seed"
  scan="$out/20260115_bench_d$label.list.all.log"
  db="$out/db/query-d$label.db"
  options="options: --lines $lines --seed $seed --dirs-fraction $dirs_fraction --out $scan"
  if [ "$rebuild" = 1 ] || [ ! -s "$scan" ] || [ "$(head -1 "$scan.summary" 2>/dev/null)" != "$options" ]; then
    note "generating $(basename "$scan")"
    rm -f "$scan" "$scan.summary" "$db"
    java -jar "$jar" generate --lines "$lines" --seed "$seed" --dirs-fraction "$dirs_fraction" --out "$scan" \
      2>"$out/logs/gen-$label.log" >/dev/null
    { echo "$options"; grep 'scan2db: generated' "$out/logs/gen-$label.log"; } >"$scan.summary"
  fi
  # A database this build cannot read (another schema) is imported again.
  if [ "$rebuild" = 1 ] || [ ! -s "$db" ] || [ "$scan" -nt "$db" ] ||
      ! (cd "$root" && ./scan2db summary "$db" >/dev/null 2>&1); then
    note "importing $(basename "$scan") into $db (SCAN2DB_JAVA_OPTS=$import_opts)"
    rm -f "$db"
    # Timed (/usr/bin/time): callers may print import_time (wall, CPU, peak RSS) of an import made in this run.
    local tf="$out/logs/import-$label.time"
    (cd "$root" && SCAN2DB_JAVA_OPTS="$import_opts" /usr/bin/time -f '%e %U %S %M' -o "$tf" \
      ./scan2db import "$scan" --db "$db" --quiet)
    import_time="$(awk 'END { printf "wall %.1f s, CPU (user + sys) %.1f s, peak RSS %.0f MiB", $1, $2 + $3, $4 / 1024 }' "$tf")"
  fi
}
