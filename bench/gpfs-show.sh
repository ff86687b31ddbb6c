#!/usr/bin/env bash
# ParseFloor on one generated GPFS list in the default key=value layout and the same list rewritten by position
# (--gpfs-show 'USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME:MODIFICATION_TIME'), alternating, so the
# cost of the positional parser (issue 22 item 3: within 10% of the default) is read from one machine state.
#
# Usage: bench/gpfs-show.sh CLASSPATH LINES ROUNDS [DIR]
#   CLASSPATH  scan2db's jar (or its modules' jars and dependencies) and the compiled bench/ParseFloor.java
#   DIR        where the two lists are written (default: a new directory under /tmp); they are left there
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
cp=$1; lines=$2; rounds=$3; dir=${4:-$(mktemp -d)}
spec='USER_ID:GROUP_ID:MODE:FILE_SIZE:KB_ALLOCATED:ACCESS_TIME:MODIFICATION_TIME'
kv=$dir/20260115_bench_kv.list.all.log
pos=$dir/20260115_bench_pos.list.all.log
[ -f "$kv" ] || java -cp "$cp" org.scan2db.cli.Scan2db generate --lines "$lines" --seed 1 --malformed-rate 0 \
  --out "$kv" >&2
[ -f "$pos" ] || sed -E 's/^(<[0-9]+> )?([0-9]+ [0-9]+ [0-9]+)  s=([0-9]+) a=([0-9]+) u=([0-9]+) g=([0-9]+) m=[^ ]+ p=([^ ]+) ac=([^ ]+ [^ ]+) mt=([^ ]+ [^ ]+) cr=[^ ]+ [^ ]+ nl=[^ ]+( [a-z_]+=[^ ]+)* -- /\1\2  \5:\6:\7:\3:\4:\8:\9 -- /' \
  "$kv" > "$pos"
left=$(grep -c ' s=[0-9]' "$pos" || true)
[ "$left" = 0 ] || { echo "$left lines were not rewritten" >&2; exit 1; }
for round in $(seq "$rounds"); do
  for layout in kv pos; do
    file=$kv; args=()
    [ "$layout" = pos ] && { file=$pos; args=("$spec"); }
    /usr/bin/time -f "$layout round $round: %e s wall, %U+%S s CPU" \
      java -cp "$cp" org.scan2db.transforms.ParseFloor "$file" 2 "${args[@]}" >/dev/null
  done
done
