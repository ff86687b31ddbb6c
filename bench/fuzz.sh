#!/usr/bin/env bash
# bench/fuzz.sh [ITERATIONS] [SEED]: the parsers' fuzz test (transforms' ParsersFuzzTest) for longer than CI runs
# it (20,000 mutations from seed 22): the GPFS, Lustre and POSIX line parsers, the escape decoder and the format
# detector on mutated records. A failure prints the record that broke a rule; rerun with the same SEED to repeat it.
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
iterations="${1:-2000000}"
seed="${2:-$(date +%s)}"
echo "bench/fuzz.sh: $iterations mutations from seed $seed"
cd "$root"
mvn -q -o -pl transforms -am -Dtest=ParsersFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dscan2db.fuzz.iterations="$iterations" -Dscan2db.fuzz.seed="$seed" ${SCAN2DB_MVN_OPTS:-} test
echo "bench/fuzz.sh: no rule broken in $iterations mutations from seed $seed"
