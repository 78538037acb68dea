#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR] - the benchmarks of docs/performance.md.
#
# Generates synthetic corpora of 1k, 10k and 100k projects (about 20
# indicators each) with bench_gen, then measures:
#   - compile throughput: `indc check` spec lines per second
#   - VM evaluation throughput: indicators per second, excluding I/O (bench_vm)
#   - end-to-end `indc run` wall time and peak RSS (GNU time), from the spec
#     and from the compiled .indb, to CSV, the table and JSON; at 100k
#     projects with the time of each phase (--timings, [RUN-TIMINGS] in
#     docs/cli.md)
# Build with optimisation first:  cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
set -euo pipefail
build=${1:-build-rel}
indc=$build/compiler/indc
gen=$build/bench/bench_gen
vm=$build/bench/bench_vm
work=${BENCH_DIR:-/tmp/indc-bench}
mkdir -p "$work"
for n in 1000 10000 100000; do
  d=$work/$n
  mkdir -p "$d"
  [ -s "$d/spec.ind" ] || "$gen" "$n" 1 "$d"
  lines=$(wc -l < "$d/spec.ind")
  t0=$(date +%s.%N)
  "$indc" check "$d/spec.ind" 2>/dev/null || true
  t1=$(date +%s.%N)
  echo "check  $n projects: $lines lines in $(echo "$t1 - $t0" | bc) s, $(echo "$lines / ($t1 - $t0)" | bc) lines/s"
  [ -x "$vm" ] && "$vm" "$d/spec.ind" "$d/actuals.csv" 5
  "$indc" compile -o "$d/spec.indb" "$d/spec.ind"
  # end to end: from the spec, and from the compiled program (.indb)
  # each run after `sync` and a pause, so that the write-back of the
  # previous report does not land in it, and its report removed after it
  timings=()
  [ "$n" = 100000 ] && timings=(--timings)
  for input in spec.ind spec.indb; do
    for fmt in csv table json; do
      sync
      sleep 3
      /usr/bin/time -f "run    $n projects, $input -> $fmt: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
        "$indc" run "$d/$input" --actuals "$d/actuals.csv" --format "$fmt" "${timings[@]}" \
        -o "$d/report.$fmt"
      rm -f "$d/report.$fmt"
    done
  done
done
