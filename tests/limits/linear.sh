#!/usr/bin/env bash
# tests/limits/linear.sh INDC BENCH_GEN - `indc check` takes time linear
# in the size of its input ([LIM-TIME] in docs/limits.md): a generated
# spec of about 100 MB (71,300 projects of 20 indicators, bench_gen) must
# be checked within 15 times the time of one of about 10 MB (7,130
# projects).  Both are generated here and deleted afterwards.  The 10 MB
# time is the best of two runs, so a slow first run (cold caches) does not
# make the bound loose; a quadratic pass would take about 100 times.
set -u
indc=$(realpath "$1") gen=$(realpath "$2")
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# seconds (with decimals) that `indc check` takes on $1
timed() {
  local t0 t1
  t0=$(date +%s.%N)
  "$indc" check -Wnone "$1" >/dev/null 2>"$tmp/err"
  local rc=$?
  t1=$(date +%s.%N)
  if [ $rc -ne 0 ]; then
    echo "linear: indc check failed on $1 (exit $rc):" >&2
    tail -5 "$tmp/err" >&2
    exit 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

mkdir -p "$tmp/10" "$tmp/100"
"$gen" 7130 1 "$tmp/10" >/dev/null && "$gen" 71300 1 "$tmp/100" >/dev/null || exit 2
s10=$(wc -c <"$tmp/10/spec.ind") s100=$(wc -c <"$tmp/100/spec.ind")
a=$(timed "$tmp/10/spec.ind") b=$(timed "$tmp/10/spec.ind")
t10=$(awk -v a="$a" -v b="$b" 'BEGIN { print (a < b ? a : b) }')
t100=$(timed "$tmp/100/spec.ind")
ratio=$(awk -v a="$t10" -v b="$t100" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
echo "linear: $s10 bytes in $t10 s, $s100 bytes in $t100 s: $ratio times the time for" \
     "$(awk -v a="$s10" -v b="$s100" 'BEGIN { printf "%.1f", b / a }') times the size"
if awk -v a="$t10" -v b="$t100" 'BEGIN { exit !(b <= 15 * a) }'; then
  echo "linear: PASS (the bound is 15 times)"
else
  echo "linear: FAIL: more than 15 times the time of the 10 MB spec"
  exit 1
fi
