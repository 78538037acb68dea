#!/bin/sh
# run.sh - the golden tests of `indc import` (docs/import.md).
#
#   run.sh INDC_BINARY SRC_DIR [--update]
#
# SRC_DIR is this directory (tests/import).  Each directory cases/NAME holds
# a hand-made document (input.*) and its expectations, reviewed by hand:
#   args             the arguments of `indc import` on one line; @OUT@ stands
#                    for an empty temporary directory
#   expected/        the files indc writes into @OUT@, byte for byte (absent:
#                    it must write nothing)
#   expected.stderr  stderr, byte for byte
#   expected.stdout  stdout (absent: stdout must be empty)
#   expected.status  the exit status (absent: 0)
# The command runs inside cases/NAME, so messages name input.txt.  Every
# .ind written must also pass `indc check` without errors, and `indc check`
# must count as many indicators as the import summary says it wrote.
#
# The case "seed" imports seed/tianjin-2023.txt (the seed document) and
# compares the specs with the hand-written ones in
# specs/tianjin-youth-league-2023 with comments removed and ids reduced to
# their kind suffix (dup1_text and xj_text are both ID_text: see [IMPORT-IDS]
# in docs/import.md); 11 projects and 187 indicators must check cleanly.
#
# Prints PASS/FAIL per case (with a diff for failures), then
# "import: N passed, M failed"; exits 1 if any failed.  --update rewrites
# the expectations from what indc does now, for a human to review.
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ] || { [ $# -eq 3 ] && [ "$3" != --update ]; }; then
  echo "usage: run.sh INDC_BINARY SRC_DIR [--update]" >&2
  exit 2
fi
indc=$1
src=$2
update=0
[ $# -eq 3 ] && update=1
case $indc in /*) ;; *) indc=$(pwd)/$indc ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
if [ ! -x "$indc" ]; then
  echo "run.sh: '$indc' is not an executable" >&2
  exit 2
fi

LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 60"

npass=0
nfail=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }

# check_written ID DIR SUMMARY: the written specs check, with the count.
check_written() {
  n_ind=$(find "$2" -name '*.ind' | wc -l)
  [ "$n_ind" -eq 0 ] && return 0
  if ! $tmo "$indc" check "$2" >"$tmp/check.out" 2>"$tmp/check.err"; then
    fail "$1" "indc check finds errors in the output"
    cat "$tmp/check.err"
    return 1
  fi
  got=$(tail -n 1 "$tmp/check.err" | sed -n 's/.*, \([0-9]*\) indicators*, .*/\1/p')
  want=$(tail -n 1 "$3" | sed -n 's/.*), \([0-9]*\) indicators*, .*/\1/p')
  if [ -n "$want" ] && [ "$got" != "$want" ]; then
    fail "$1" "indc check counts $got indicators, the import summary $want"
    return 1
  fi
  return 0
}

run_case() {
  d=$1
  id=${d##*/}
  out=$tmp/out-$id
  mkdir -p "$out"
  args=$(sed "s|@OUT@|$out|g" "$d/args")
  want=0
  [ -f "$d/expected.status" ] && want=$(tr -d ' \n' <"$d/expected.status")
  # shellcheck disable=SC2086 # args are words
  (cd "$d" && $tmo "$indc" import $args >"$tmp/stdout" 2>"$tmp/stderr")
  rc=$?
  sed -i "s|$out|@OUT@|g" "$tmp/stdout" "$tmp/stderr"
  if [ $update -eq 1 ]; then
    cp "$tmp/stderr" "$d/expected.stderr"
    if [ -s "$tmp/stdout" ]; then cp "$tmp/stdout" "$d/expected.stdout"; else rm -f "$d/expected.stdout"; fi
    if [ $rc -ne 0 ]; then echo $rc >"$d/expected.status"; else rm -f "$d/expected.status"; fi
    rm -rf "$d/expected"
    [ -n "$(ls -A "$out")" ] && cp -r "$out" "$d/expected"
    echo "UPDATED $id"
    return
  fi
  if [ $rc -gt 2 ]; then fail "$id" "crashed or timed out (status $rc)"; return; fi
  if [ "$rc" != "$want" ]; then fail "$id" "exit status $rc, expected $want"; cat "$tmp/stderr"; return; fi
  if ! diff -u "$d/expected.stderr" "$tmp/stderr" >"$tmp/diff"; then
    fail "$id" "stderr differs"; cat "$tmp/diff"; return
  fi
  exp_out=/dev/null
  [ -f "$d/expected.stdout" ] && exp_out=$d/expected.stdout
  if ! diff -u "$exp_out" "$tmp/stdout" >"$tmp/diff"; then
    fail "$id" "stdout differs"; cat "$tmp/diff"; return
  fi
  exp_dir=$d/expected
  [ -d "$exp_dir" ] || exp_dir=$tmp/empty
  mkdir -p "$tmp/empty"
  if ! diff -ru "$exp_dir" "$out" >"$tmp/diff"; then
    fail "$id" "written files differ"; cat "$tmp/diff"; return
  fi
  check_written "$id" "$out" "$tmp/stderr" || return
  pass "$id"
}

# Comments out, ids reduced to their kind suffix ([IMPORT-IDS]).
normalise() {
  grep -v '^ *#' "$1" | sed 's/^\( *指标\) [A-Za-z_][A-Za-z0-9_]*_\([a-z]*[0-9]*\) "/\1 ID_\2 "/'
}

run_seed() {
  out=$tmp/seed
  mkdir -p "$out"
  if ! $tmo "$indc" import "$src/seed/tianjin-2023.txt" -o "$out" 2>"$tmp/seed.err"; then
    fail seed "indc import failed"; cat "$tmp/seed.err"; return
  fi
  $tmo "$indc" check "$out" 2>"$tmp/check.err" >/dev/null
  summary=$(tail -n 1 "$tmp/check.err")
  case $summary in
  "11 projects, 187 indicators, 0 errors, "*) ;;
  *) fail seed "indc check of the import: $summary"; return ;;
  esac
  hand=$src/../../specs/tianjin-youth-league-2023
  for f in "$out"/*.ind; do
    n=$(basename "$f" | cut -c1-2)
    h=$(ls "$hand/$n"-*.ind 2>/dev/null | head -n 1)
    if [ -z "$h" ]; then fail seed "no hand-written spec $n-*.ind"; return; fi
    normalise "$f" >"$tmp/a"
    normalise "$h" >"$tmp/b"
    if ! diff -u "$tmp/b" "$tmp/a" >"$tmp/diff"; then
      fail seed "project $n differs from $(basename "$h")"; cat "$tmp/diff"; return
    fi
  done
  pass seed
}

for d in "$src"/cases/*/; do
  [ -f "${d}args" ] && run_case "${d%/}"
done
[ $update -eq 0 ] && run_seed

echo "import: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
