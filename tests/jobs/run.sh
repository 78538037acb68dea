#!/usr/bin/env bash
# tests/jobs/run.sh INDC - `indc run --jobs` ([REP-PARTS] in
# docs/report.md, [PARSE-PARTS] in docs/architecture.md, [DATA-PARTS] in
# docs/data-formats.md): a spec large enough is parsed in parts and its
# data loaded in parts; a report large enough to be cut into chunks, formatted
# by several threads and written by a writer thread, must be byte for byte
# the report written by one thread, in every format, to a file and to
# stdout; a failed write must still fail the run; bad --jobs values are
# usage errors.
set -u
indc=$1
export LC_ALL=C.UTF-8
tmp=$(mktemp -d) || exit 2
trap 'umount "$tmp/ramfs" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
npass=0 nfail=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }

# 1,200 projects of 20 indicators: 25,200 report rows, three chunks and more
"$(dirname "$0")/gen.sh" "$tmp" 1200 || exit 2

for fmt in table json csv md html; do
  if ! "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --format "$fmt" -j 1 \
      -o "$tmp/one.$fmt" 2>"$tmp/err"; then
    fail "$fmt -j 1" "$(head -3 "$tmp/err")"
    continue
  fi
  ok=1
  for j in "-j 2" "--jobs=3" "-j64"; do
    # shellcheck disable=SC2086
    "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --format "$fmt" $j -o "$tmp/many.$fmt" &&
      cmp -s "$tmp/one.$fmt" "$tmp/many.$fmt" || { fail "$fmt $j" "differs from -j 1"; ok=0; }
  done
  "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --format "$fmt" |
    cmp -s "$tmp/one.$fmt" - || { fail "$fmt stdout" "differs from -j 1"; ok=0; }
  [ $ok = 1 ] && pass "$fmt: -j 1, 2, 3, 64 and the default (to stdout) give the same bytes"
done
size=$(wc -c <"$tmp/one.json")
[ "$size" -gt 4194304 ] && pass "the JSON report ($size bytes) takes several output blocks" ||
  fail "size" "the JSON report has only $size bytes: too small to test the writer thread"

# has_phases FILE PHASE...: FILE has a line "…N.NNN s  PHASE" for each
has_phases() {
  local f=$1 ph
  shift
  for ph in "$@"; do grep -q "[0-9] s  $ph\$" "$f" || return 1; done
}

# --timings ([RUN-TIMINGS] in docs/cli.md): every phase on stderr, the
# report unchanged, from the spec and from its bytecode.
"$indc" compile -o "$tmp/spec.indb" "$tmp/spec.ind" 2>"$tmp/err" || fail "compile" "$(head -1 "$tmp/err")"
if "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --format json -j 1 --timings \
     -o "$tmp/timed.json" 2>"$tmp/times" && cmp -s "$tmp/one.json" "$tmp/timed.json" &&
   "$indc" run "$tmp/spec.indb" --actuals "$tmp/actuals.csv" --format json --timings \
     -o "$tmp/timed.json" 2>"$tmp/times2" && cmp -s "$tmp/one.json" "$tmp/timed.json" &&
   [ "$(grep -c ' s  ' "$tmp/times")" = 8 ] && [ "$(grep -c ' s  ' "$tmp/times2")" = 5 ] &&
   grep -q "^indc: timings (wall clock):$" "$tmp/times" &&
   has_phases "$tmp/times" parse check lower "free the compilation" "load data" evaluate report total &&
   has_phases "$tmp/times2" "load program" "load data" evaluate report total; then
  pass "--timings prints every phase and leaves the report as it is"
else
  fail "--timings" "$(cat "$tmp/times" "$tmp/times2" | head -20)"
fi

# A spec large enough to be parsed in parts on two threads (parts of at
# least 4 MiB: PARSE_MIN_PART in compiler/front/parse.h), checked and
# lowered in pieces ([SEMA-PARTS], [LOWER-PARTS]), and its data loaded in
# parts ([DATA-PARTS], at least 1 MiB: ACT_MIN_PART): the same report as
# from one thread, and --timings says the threads were used.
mkdir "$tmp/big" && "$(dirname "$0")/gen.sh" "$tmp/big" 9000 || exit 2
size=$(wc -c <"$tmp/big/spec.ind")
if [ "$size" -lt 8388608 ]; then
  fail "big spec" "only $size bytes: too small to be parsed in parts"
elif "$indc" run "$tmp/big/spec.ind" --actuals "$tmp/big/actuals.csv" --format csv -j 1 \
       -o "$tmp/big/one.csv" 2>"$tmp/err" &&
     "$indc" run "$tmp/big/spec.ind" --actuals "$tmp/big/actuals.csv" --format csv -j 2 \
       --timings -o "$tmp/big/two.csv" 2>"$tmp/times" && cmp -s "$tmp/big/one.csv" "$tmp/big/two.csv" &&
     has_phases "$tmp/times" "parse (2 threads)" "check (2 threads)" "lower (2 threads)" \
       "load data (2 threads)"; then
  pass "a spec of $size bytes, parsed, checked and lowered in parts, and its data loaded in parts (-j 2), give the report of -j 1"
else
  fail "big spec" "-j 2 differs from -j 1, or not in parts: $(head -3 "$tmp/err") $(cat "$tmp/times")"
fi

# A report larger than 16 MiB written to a file goes past the page cache
# once it has grown that far ([OUT-DIRECT] in docs/security.md): the file
# must hold what stdout gets, the short last block included.
if "$indc" run "$tmp/big/spec.ind" --actuals "$tmp/big/actuals.csv" --format json \
     -o "$tmp/big/report.json" 2>"$tmp/err" &&
   "$indc" run "$tmp/big/spec.ind" --actuals "$tmp/big/actuals.csv" --format json \
     >"$tmp/big/stdout.json" 2>>"$tmp/err" &&
   size=$(wc -c <"$tmp/big/report.json") && [ "$size" -gt $((17 << 20)) ] &&
   [ $((size % (1 << 20))) != 0 ] && cmp -s "$tmp/big/report.json" "$tmp/big/stdout.json"; then
  pass "a JSON report of $size bytes to a file is the report on stdout"
else
  fail "large file" "differs from stdout or too small: $(head -3 "$tmp/err")"
fi
# The same where O_DIRECT is refused: ramfs has no direct I/O (fcntl fails
# with EINVAL), so the whole file goes through the page cache as before.
# Needs root to mount; skipped elsewhere.
if [ "$(id -u)" -eq 0 ] && mkdir "$tmp/ramfs" && mount -t ramfs ramfs "$tmp/ramfs" 2>/dev/null; then
  if "$indc" run "$tmp/big/spec.ind" --actuals "$tmp/big/actuals.csv" --format json \
       -o "$tmp/ramfs/report.json" 2>"$tmp/err" &&
     cmp -s "$tmp/ramfs/report.json" "$tmp/big/stdout.json"; then
    pass "the same report to a file on ramfs (no O_DIRECT there)"
  else
    fail "ramfs" "differs from stdout: $(head -3 "$tmp/err")"
  fi
  umount "$tmp/ramfs"
else
  echo "SKIP ramfs: cannot mount one here (needs root)"
fi
rm -f "$tmp/big/report.json" "$tmp/big/stdout.json"

# indc compile and indc check take -j too: the same bytecode from one
# thread and from two, and with a syntax error late in the file (a part
# reports it, the file is parsed again in one piece) the same messages.
if "$indc" compile -j 1 -o "$tmp/big/one.indb" "$tmp/big/spec.ind" 2>"$tmp/err" &&
   "$indc" compile --jobs=2 -o "$tmp/big/two.indb" "$tmp/big/spec.ind" 2>>"$tmp/err" &&
   cmp -s "$tmp/big/one.indb" "$tmp/big/two.indb"; then
  pass "compile -j 1 and -j 2 write the same bytecode"
else
  fail "compile -j" "differs or failed: $(head -3 "$tmp/err")"
fi
printf '项目 "坏" {\n  产出指标 { 数量指标 { 指标 "x": ≥ } }\n}\n' >>"$tmp/big/spec.ind"
"$indc" check -j 1 "$tmp/big/spec.ind" >"$tmp/big/one.out" 2>&1
rc1=$?
"$indc" check -j2 "$tmp/big/spec.ind" >"$tmp/big/two.out" 2>&1
rc2=$?
if [ $rc1 = 1 ] && [ $rc2 = 1 ] && cmp -s "$tmp/big/one.out" "$tmp/big/two.out" &&
   grep -q "error: unexpected '}', expected number" "$tmp/big/two.out"; then
  pass "check -j 1 and -j 2 report the same syntax error"
else
  fail "check -j" "exit $rc1/$rc2: $(diff "$tmp/big/one.out" "$tmp/big/two.out" | head -4)"
fi
for cmd in check compile; do
  out=""
  [ $cmd = compile ] && out="-o $tmp/x"
  # shellcheck disable=SC2086
  "$indc" $cmd --jobs 0 $out "$tmp/big/spec.ind" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 2 ] && grep -q -- "--jobs must be a whole number from 1 to 64" "$tmp/err" &&
    pass "$cmd --jobs 0 is a usage error" || fail "$cmd --jobs 0" "exit $rc: $(head -1 "$tmp/err")"
done

# A write that fails (a full device) fails the run, with a message.
if [ -w /dev/full ]; then
  "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --format json -j 2 -o /dev/full 2>"$tmp/err"
  rc=$?
  [ $rc = 1 ] && grep -q "cannot write '/dev/full'" "$tmp/err" && pass "-o /dev/full fails" ||
    fail "-o /dev/full" "exit $rc: $(head -2 "$tmp/err")"
  "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --format json -j 2 >/dev/full 2>"$tmp/err"
  rc=$?
  [ $rc = 1 ] && grep -q "cannot write to stdout" "$tmp/err" && pass "a full stdout fails" ||
    fail "full stdout" "exit $rc: $(head -2 "$tmp/err")"
else
  echo "SKIP /dev/full: not writable here"
fi

for bad in 0 65 -1 x 2x ""; do
  "$indc" run "$tmp/spec.ind" --actuals "$tmp/actuals.csv" --jobs "$bad" >/dev/null 2>"$tmp/err"
  rc=$?
  [ $rc = 2 ] && grep -q -- "--jobs must be a whole number from 1 to 64" "$tmp/err" &&
    pass "--jobs '$bad' is a usage error" || fail "--jobs '$bad'" "exit $rc: $(head -1 "$tmp/err")"
done

echo "jobs: $npass passed, $nfail failed"
[ $nfail = 0 ]
