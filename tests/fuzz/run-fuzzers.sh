#!/usr/bin/env bash
# tests/fuzz/run-fuzzers.sh - run the libFuzzer targets of an INDC_FUZZ build.
#
#   run-fuzzers.sh [-t SECONDS] [-j JOBS] [--merge] BUILD_DIR [TARGET...]
#
#   BUILD_DIR  a build configured with clang and -DINDC_FUZZ=ON, e.g.
#              CC=clang cmake -S . -B build-fuzz -DINDC_FUZZ=ON
#              cmake --build build-fuzz --target fuzz_spec fuzz_bc ...
#   TARGET     spec bc data roundtrip (import when built); default: all built
#   -t         seconds per target (default 60)
#   -j         targets run at once (default 1; each target is one process)
#   --merge    afterwards, add the inputs that found new coverage to
#              corpus/<target>/ (files named by their SHA-1), to commit
#
# Each target starts from corpus/<target>/ plus a scratch corpus, with its
# dictionary dict/<target>.dict, in an empty working directory (so that
# `import` in a fuzzed spec finds nothing), under a 10 s per-input timeout
# and a 2 GB memory limit.  A crash, a hang (timeout) or running out of
# memory leaves its input in $FUZZ_OUT (default: a temporary directory,
# printed) and makes the script exit 1.  To make a finding a regression
# test, fix the bug, then copy the input to
# corpus/<target>/crash-<target>-<what>: CTest replays it in every build
# (replay.c).
set -uo pipefail
secs=60 jobs=1 merge=0
while [ $# -gt 0 ]; do
  case $1 in
    -t) secs=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    --merge) merge=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-fuzzers.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: run-fuzzers.sh [-t SECONDS] [-j JOBS] [--merge] BUILD_DIR [TARGET...]" >&2; exit 2; }
build=$(cd "$1" && pwd) || exit 2
shift
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/tests/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in spec bc data roundtrip import; do [ -x "$bin/fuzz_$t" ] && targets+=("$t"); done
fi
[ ${#targets[@]} -gt 0 ] || { echo "run-fuzzers.sh: no fuzz_* binaries in $bin (configure with -DINDC_FUZZ=ON)" >&2; exit 2; }
out=${FUZZ_OUT:-$(mktemp -d /tmp/indc-fuzz.XXXXXX)}
mkdir -p "$out"
echo "run-fuzzers: ${targets[*]}, ${secs} s each, output in $out"

run_one() {
  local t=$1 exe=$bin/fuzz_$1
  [ -x "$exe" ] || { echo "run-fuzzers: $exe is not built" >&2; return 2; }
  mkdir -p "$out/$t/new" "$out/$t/cwd"
  local dict=()
  [ -f "$here/dict/$t.dict" ] && dict=(-dict="$here/dict/$t.dict")
  (cd "$out/$t/cwd" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       "${dict[@]}" -artifact_prefix="$out/$t/" "$out/$t/new" "$here/corpus/$t" \
       >"$out/$t/log" 2>&1)
  local rc=$?
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t/log" | grep -o '[0-9]*$')
  if [ $rc -eq 0 ]; then
    echo "run-fuzzers: $t: ok, ${runs:-?} inputs run"
  else
    echo "run-fuzzers: $t: FOUND A PROBLEM (exit $rc); log: $out/$t/log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: check failed|.*runtime error)' "$out/$t/log" | head -5 | sed 's/^/  /'
    ls "$out/$t" | grep -E '^(crash|timeout|oom|leak|slow-unit)-' | sed "s|^|  input: $out/$t/|"
  fi
  if [ $merge -eq 1 ] && [ $rc -eq 0 ]; then
    (cd "$out/$t/cwd" && "$exe" -merge=1 "$here/corpus/$t" "$out/$t/new" >"$out/$t/merge.log" 2>&1) &&
      echo "run-fuzzers: $t: merged new coverage into corpus/$t"
  fi
  return $rc
}

status=0
running=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
    running=$((running - 1))
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
[ $status -eq 0 ] && echo "run-fuzzers: no problems found" || echo "run-fuzzers: problems found (see above)"
exit $status
