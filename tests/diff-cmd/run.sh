#!/bin/sh
# run.sh - golden tests of `indc diff` (docs/git.md).
#
#   run.sh INDC_BINARY [--update]
#
# Each directory here is one case: two versions of a spec, old.ind and
# new.ind (or the folders old/ and new/), compared from inside the case
# directory by `indc diff old.ind new.ind`, or by `indc diff ARGS` where
# ARGS are the words of the file `args`.  The case passes when
#   - stdout equals expected.txt (empty: no semantic change),
#   - `indc diff --format json` prints expected.json,
#   - stderr equals expected.err (empty when there is none),
#   - the exit status is the number in expected.rc, else 1 when
#     expected.txt is not empty and 0 when it is.
# Then git-driver.sh runs (a real git repository in a temporary folder).
# Prints PASS/FAIL per case with a unified diff, then a summary; exit 1 if
# any failed.  --update rewrites the expectations from what indc prints
# now: for a deliberate change, read them before committing.
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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/indc-diff-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
npass=0
nfail=0

# check NAME WHAT EXPECTED-FILE ACTUAL-FILE: compare, or update
check() {
  if [ $update -eq 1 ]; then
    if [ -s "$4" ] || [ "$2" = text ]; then cp "$4" "$3"; else rm -f "$3"; fi
    return 0
  fi
  want=$3
  [ -f "$want" ] || want=/dev/null
  if ! cmp -s "$want" "$4"; then
    echo "FAIL $1: $2 differs from ${3##*/}"
    diff -u -L "${3##*/} (expected)" -L "${3##*/} (actual)" "$want" "$4" | sed 's/^/  /'
    return 1
  fi
  return 0
}

for dir in "$here"/*/; do
  name=$(basename "$dir")
  cd "$dir" || exit 2
  if [ -f args ]; then
    args=$(cat args)
  elif [ -d old ]; then
    args="old new"
  else
    args="old.ind new.ind"
  fi
  set -f
  # shellcheck disable=SC2086
  "$indc" diff $args >"$tmp/out" 2>"$tmp/err"
  rc=$?
  # shellcheck disable=SC2086
  "$indc" diff --format json $args >"$tmp/json" 2>/dev/null
  set +f
  ok=1
  check "$name" text expected.txt "$tmp/out" || ok=0
  check "$name" json expected.json "$tmp/json" || ok=0
  check "$name" stderr expected.err "$tmp/err" || ok=0
  if [ -f expected.rc ]; then want=$(cat expected.rc)
  elif [ -s expected.txt ]; then want=1
  else want=0; fi
  if [ $update -eq 1 ]; then
    dflt=0
    [ -s expected.txt ] && dflt=1
    if [ "$rc" != "$dflt" ]; then echo "$rc" >expected.rc; else rm -f expected.rc; fi
    want=$rc
  fi
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

if sh "$here/git-driver.sh" "$indc"; then
  echo "PASS git-driver"
  npass=$((npass + 1))
else
  echo "FAIL git-driver"
  nfail=$((nfail + 1))
fi

echo "diff-cmd: $npass passed, $nfail failed"
[ $nfail -eq 0 ]
