#!/usr/bin/env bash
# tests/limits/run.sh - one case per limit, at it and one past it
# (cases.txt); each case's stderr must equal expected/NAME.err byte for
# byte, and its exit status the one listed.
#
#   run.sh INDC LIMITS_GEN LIMITS_STEPS [--big | --all] [--update] [NAME...]
#
# Inputs are generated at test time (limits_gen) in a temporary directory
# and deleted after each case, so the big ones never sit on disk together.
# By default only the small cases run; --big runs only the big ones, --all
# both.  --update rewrites expected/NAME.err from what runs now (for a
# deliberate change, reviewed like code).  Exit 0 when every case passed.
set -u
[ $# -ge 3 ] || { echo "usage: run.sh INDC LIMITS_GEN LIMITS_STEPS [--big|--all] [--update] [NAME...]" >&2; exit 2; }
indc=$(realpath "$1") gen=$(realpath "$2") steps=$(realpath "$3")
shift 3
here=$(cd "$(dirname "$0")" && pwd)
which=small update=0 only=()
for a in "$@"; do
  case $a in
    --big) which=big ;;
    --all) which=all ;;
    --update) update=1 ;;
    *) only+=("$a") ;;
  esac
done
export LC_ALL=C
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
tmo=
command -v timeout >/dev/null && tmo="timeout 600"
cd "$tmp" || exit 2

# the programs the data and step cases run against
cp "$here/program.ind" . && "$indc" compile -Wnone -o program.indb program.ind || exit 2
"$gen" code-words 1000 steps.ind && "$indc" compile -Wnone -o steps.indb steps.ind || exit 2

npass=0 nfail=0
while read -r name how kind n want big; do
  case $name in ''|'#'*) continue ;; esac
  if [ ${#only[@]} -gt 0 ]; then
    printf '%s\n' "${only[@]}" | grep -qx "$name" || continue
  elif [ "$which" = small ] && [ "$big" = big ]; then continue
  elif [ "$which" = big ] && [ "$big" != big ]; then continue
  fi
  rm -rf in.ind in.csv in.json in.d
  case $how in
    check) "$gen" "$kind" "$n" in.ind && cmd=("$indc" check -Wnone in.ind) ;;
    dir) "$gen" "$kind" "$n" in.d && cmd=("$indc" check -Wnone in.d) ;;
    import) "$gen" "$kind" "$n" in.d && cmd=("$indc" check -Wnone in.d/main.ind) ;;
    csv) "$gen" "$kind" "$n" in.csv && cmd=("$indc" run program.indb --actuals in.csv) ;;
    json) "$gen" "$kind" "$n" in.json && cmd=("$indc" run program.indb --actuals in.json) ;;
    steps) cmd=("$steps" steps.indb "$n") ;;
    *) echo "run.sh: $name: unknown HOW '$how'" >&2; exit 2 ;;
  esac
  start=$(date +%s)
  $tmo "${cmd[@]}" >out 2>err
  rc=$?
  secs=$(( $(date +%s) - start ))
  rm -rf in.ind in.csv in.json in.d
  exp=$here/expected/$name.err
  [ $update -eq 1 ] && cp err "$exp"
  if [ "$rc" -gt 2 ]; then
    echo "FAIL $name: crashed or hung (exit status $rc)"; head -20 err | sed 's/^/  /'
    nfail=$((nfail + 1))
  elif [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit status $rc, expected $want"; head -20 err | sed 's/^/  /'
    nfail=$((nfail + 1))
  elif [ ! -f "$exp" ] || ! cmp -s err "$exp"; then
    echo "FAIL $name: stderr differs from expected/$name.err"
    diff -u "$exp" err 2>&1 | head -40 | sed 's/^/  /'
    nfail=$((nfail + 1))
  else
    echo "PASS $name (${secs}s)"
    npass=$((npass + 1))
  fi
done <"$here/cases.txt"
echo "limits: $npass passed, $nfail failed"
[ $nfail -eq 0 ] && [ $npass -gt 0 ]
