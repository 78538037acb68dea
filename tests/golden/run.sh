#!/bin/sh
# run.sh - the golden diagnostic tests of `indc check`.
#
#   run.sh INDC_BINARY GOLDEN_DIR [--update]
#
# For each NAME.ind in GOLDEN_DIR/errors and GOLDEN_DIR/check (files whose
# name starts with `_` are helpers, e.g. imported files, and are skipped),
# run `INDC_BINARY check [ARGS] NAME.ind` from inside that directory, where
# ARGS are the words of NAME.args if it exists.  The test passes when
#   - stderr equals NAME.err byte for byte,
#   - stdout is empty,
#   - the exit status is the expected one: 1 in errors/, 0 in check/, or
#     the number in NAME.rc,
#   - and indc did not crash (a status above 2, or death by a signal, is
#     always a failure).
# Prints PASS/FAIL per test, a unified diff for each failure, then
# "golden: N passed, M failed"; exits 1 if any failed.
#
# When GOLDEN_DIR/fmt/run.sh exists (the formatter's goldens), it is run
# with the binary and counts as one more test.
#
# --update rewrites NAME.err (and NAME.rc when the status is not the
# directory's default) from what indc prints now.  It is for humans
# reviewing a deliberate change; CI never passes it.
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ] || { [ $# -eq 3 ] && [ "$3" != --update ]; }; then
  echo "usage: run.sh INDC_BINARY GOLDEN_DIR [--update]" >&2
  exit 2
fi
indc=$1
golden=$2
update=0
[ $# -eq 3 ] && update=1
case $indc in /*) ;; *) indc=$(pwd)/$indc ;; esac
if [ ! -x "$indc" ]; then
  echo "run.sh: '$indc' is not an executable" >&2
  exit 2
fi

# Messages from strerror and sorting must not depend on the caller's locale.
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# A hung indc fails its test instead of hanging the suite.
tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 60"

npass=0
nfail=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }

# run_one DIR NAME DEFAULT_RC
run_one() {
  d=$1 name=$2 want=$3 id=${1##*/}/$2
  [ -f "$d/$name.rc" ] && want=$(tr -d ' \n' <"$d/$name.rc")
  args=
  [ -f "$d/$name.args" ] && args=$(cat "$d/$name.args")
  # ARGS are split into words on purpose; no glob expansion
  set -f
  # shellcheck disable=SC2086
  (cd "$d" && exec $tmo "$indc" check $args "$name.ind" >"$tmp/out" 2>"$tmp/err")
  rc=$?
  set +f
  if [ $rc -gt 2 ]; then
    fail "$id" "indc crashed or hung (exit status $rc)"
    sed 's/^/  /' "$tmp/err" | head -20
    return
  fi
  if [ $update -eq 1 ]; then
    cp "$tmp/err" "$d/$name.err"
    if [ "$rc" != "$3" ]; then echo "$rc" >"$d/$name.rc"; else rm -f "$d/$name.rc"; fi
    want=$rc
  fi
  ok=1
  if [ ! -f "$d/$name.err" ]; then
    fail "$id" "no expected output $name.err"
    return
  fi
  if ! cmp -s "$tmp/err" "$d/$name.err"; then
    fail "$id" "stderr differs from $name.err"
    diff -u -L "$name.err (expected)" -L "$name.err (actual)" "$d/$name.err" "$tmp/err" | sed 's/^/  /'
    ok=0
  fi
  if [ -s "$tmp/out" ]; then
    [ $ok -eq 1 ] && fail "$id" "stdout is not empty"
    sed 's/^/  stdout: /' "$tmp/out" | head -20
    ok=0
  fi
  if [ "$rc" != "$want" ]; then
    [ $ok -eq 1 ] && fail "$id" "exit status $rc, expected $want"
    [ $ok -eq 0 ] && echo "  exit status $rc, expected $want"
    ok=0
  fi
  [ $ok -eq 1 ] && pass "$id"
}

for sub in errors check; do
  d=$golden/$sub
  [ -d "$d" ] || continue
  case $d in /*) ;; *) d=$(pwd)/$d ;; esac
  [ $sub = errors ] && dflt=1 || dflt=0
  for f in "$d"/*.ind; do
    [ -f "$f" ] || continue
    name=${f##*/}
    case $name in _*) continue ;; esac
    run_one "$d" "${name%.ind}" "$dflt"
  done
done

if [ -f "$golden/fmt/run.sh" ]; then
  if [ -x "$golden/fmt/run.sh" ]; then
    "$golden/fmt/run.sh" "$indc"
  else
    sh "$golden/fmt/run.sh" "$indc"
  fi
  rc=$?
  if [ $rc -eq 0 ]; then pass fmt; else fail fmt "fmt/run.sh exited with status $rc"; fi
fi

echo "golden: $npass passed, $nfail failed"
[ $nfail -eq 0 ]
