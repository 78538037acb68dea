#!/bin/sh
# run.sh - golden tests of rule tests (docs/testing-rules.md).
#
#   run.sh INDC_BINARY [--update]
#
# Each directory here is one case: specs and *_test.ind files.  From inside
# it, `indc test .` runs (or `indc CMD`, where CMD are the words of the file
# `cmd`: `check spec_test.ind` shows the diagnostics of a test file, `fmt
# messy_test.ind` its canonical layout).  The case passes when stdout
# equals expected.out, stderr equals expected.err (empty when there is
# none) and the exit status is the number in expected.rc (0 when there is
# none).  Prints PASS/FAIL per case with a unified diff, then a summary;
# exit 1 if any failed.  --update rewrites the expectations from what indc
# prints now: read them before committing.
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != --update ]; }; then
  echo "usage: run.sh INDC_BINARY [--update]" >&2
  exit 2
fi
case $1 in /*) indc=$1 ;; *) indc=$(pwd)/$1 ;; esac
update=0
[ $# -eq 2 ] && update=1
here=$(cd "$(dirname "$0")" && pwd)
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/indc-ruletest.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
npass=0
nfail=0

# same NAME WHAT EXPECTED ACTUAL: 0 when equal (a missing EXPECTED is empty)
same() {
  want=$3
  [ -f "$want" ] || want=/dev/null
  cmp -s "$want" "$4" && return 0
  echo "FAIL $1: $2 differs from ${3##*/}"
  diff -u -L "${3##*/} (expected)" -L "${3##*/} (actual)" "$want" "$4" | sed 's/^/  /'
  return 1
}

for dir in "$here"/*/; do
  name=$(basename "$dir")
  cd "$dir" || exit 2
  cmd="test ."
  [ -f cmd ] && cmd=$(cat cmd)
  set -f
  # shellcheck disable=SC2086
  "$indc" $cmd >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set +f
  if [ $rc -gt 2 ]; then
    echo "FAIL $name: indc crashed (exit status $rc)"
    nfail=$((nfail + 1))
    continue
  fi
  if [ $update -eq 1 ]; then
    cp "$tmp/out" expected.out
    if [ -s "$tmp/err" ]; then cp "$tmp/err" expected.err; else rm -f expected.err; fi
    if [ $rc -ne 0 ]; then echo $rc >expected.rc; else rm -f expected.rc; fi
  fi
  ok=1
  same "$name" stdout expected.out "$tmp/out" || ok=0
  same "$name" stderr expected.err "$tmp/err" || ok=0
  want=0
  [ -f expected.rc ] && want=$(cat expected.rc)
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit status $rc, expected $want"
    ok=0
  fi
  if [ $ok -eq 1 ]; then
    echo "PASS $name"
    npass=$((npass + 1))
  else
    nfail=$((nfail + 1))
  fi
done

echo "ruletest: $npass passed, $nfail failed"
[ $nfail -eq 0 ]
