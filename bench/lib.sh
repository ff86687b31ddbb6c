# Sourced by the bench/*.sh scripts: where the clone and the jar are, the check for GNU time, reading what
# /usr/bin/time -v measured, and the lines that say which machine and load a results file's figures come from.
# shellcheck shell=bash

# The clone's root, whichever script sourced this file.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The script that sourced this file, by an absolute path: the scripts change to the root before reading options.
script="$root/bench/$(basename "${BASH_SOURCE[1]}")"

# usage: the sourcing script's opening comment, its --help.
usage() { sed -n '2,/^set -euo/p' "$script" | sed '$d; s/^# \{0,1\}//'; }

note() { echo "bench: $*" >&2; }

# bench_jar: builds the jar through the launcher when it is missing or stale, outside any timing; sets version
# (scan2db's first --version line) and jar.
bench_jar() {
  version="$("$root/scan2db" --version 2>/dev/null | grep -v '^\[' | head -1)"
  jar="$root/pipeline/target/scan2db.jar"
}

# need_time SCRIPT: every timed run uses GNU time; SCRIPT names the caller in the message.
need_time() {
  if [ ! -x /usr/bin/time ]; then
    echo "$1: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
    exit 1
  fi
}

# load_now: the 1, 5 and 15 minute load averages.
load_now() { cut -d' ' -f1-3 /proc/loadavg; }

# time_v FILE: reads the -o FILE of /usr/bin/time -v; sets m_wall (s), m_cpu (user + sys s) and m_rss (peak, MiB).
time_v() {
  m_wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$1")"
  m_cpu="$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.1f", u + s}' "$1")"
  m_rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1")"
  [ -n "$m_wall" ] || m_wall=0
}

# machine_line: the results file's "- machine:" line (cores, CPU model, memory, Java).
machine_line() {
  local cpu_model
  cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  [ -n "$cpu_model" ] || cpu_model="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
  echo "- machine: $(nproc) cores ($cpu_model), $(free -h | awk '/^Mem:/ {print $2}') memory, $(java -version 2>&1 | head -1)"
}

# load_line START: the results file's load line, from START (load_now when the run began) to now.
load_line() {
  echo "- load average (1, 5, 15 min) at start: $1; at end: $(load_now) — other work on the machine skews the figures"
}
