#!/usr/bin/env bash
# tests/valgrind/run.sh INDC SRC_DIR - the end-to-end commands once under
# valgrind memcheck: no invalid read or write, no use of uninitialised
# memory, no definite or indirect leak.  Run it on a build without the
# sanitizers (tests/run-all.sh uses build-ci); the sanitizer build is
# checked by ASan and UBSan instead.
#
# Each command runs on the seed specs and their data, on the success paths
# and on a few error paths (a spec with errors, bad data, corrupt
# bytecode).  A command's own exit status is not judged here (the golden
# tests do that); only what memcheck reports, through its exit status 99.
set -u
indc=$(realpath "$1") src=$(realpath "$2")
command -v valgrind >/dev/null || { echo "valgrind: not installed, skipped"; exit 0; }
export LC_ALL=C
seed=$src/specs/tianjin-youth-league-2023
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --track-origins=yes)
npass=0 nfail=0

vg_run() { # NAME ARGS...: indc ARGS under memcheck
  local name=$1
  shift
  "${vg[@]}" --log-file="$tmp/vg.log" "$indc" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq 99 ] || [ -s "$tmp/vg.log" ]; then
    echo "FAIL $name: valgrind reports errors"; sed 's/^/  /' "$tmp/vg.log" | head -60
    nfail=$((nfail + 1))
  elif [ $rc -gt 2 ]; then
    echo "FAIL $name: exit status $rc"; head -20 "$tmp/err" | sed 's/^/  /'
    nfail=$((nfail + 1))
  else
    echo "PASS $name (exit $rc)"
    npass=$((npass + 1))
  fi
}

sed 's/^\( *\)/\1\1/' "$seed/11-youth-social-work.ind" >"$tmp/ugly.ind"
printf 'project,indicator,actual\n不存在的项目,x,1\n,执行数,abc\n' >"$tmp/bad.csv"
"$indc" compile -Wnone -o "$tmp/seed.indb" "$seed" 2>/dev/null

vg_run "check seed" check "$seed"
vg_run "check errors" check "$src/tests/golden/errors/041-several-errors.ind" \
  "$src/tests/golden/errors/004-invalid-utf8.ind" "$src/tests/golden/errors/042-deep-parentheses.ind"
vg_run "fmt" fmt "$seed/04-league-work.ind"
vg_run "fmt --check" fmt --check "$tmp/ugly.ind"
vg_run "fmt -w" fmt -w "$tmp/ugly.ind"
vg_run "compile" compile -Wnone -o "$tmp/out.indb" "$seed"
vg_run "disasm" disasm "$tmp/seed.indb"
vg_run "disasm corrupt" disasm "$src/tests/corrupt/verify-code-jump-past.indb"
for f in table json csv md; do
  vg_run "run --format $f" run -Wnone "$seed" --actuals "$seed/actuals-2023.csv" --format "$f"
done
vg_run "run mid-year, English" run -Wnone "$seed" --actuals "$seed/actuals-2023.csv" \
  --as-of 2023-06-30 --lang en -o "$tmp/report.json" --format json
vg_run "run bytecode" run "$tmp/seed.indb" --actuals "$seed/actuals-2023.csv"
vg_run "run JSON data" run "$src/tests/fuzz/data-program.ind" -Wnone \
  --actuals "$src/tests/fuzz/corpus/data/seed-data-program.json"
vg_run "run GBK data" run "$src/tests/fuzz/data-program.ind" -Wnone \
  --actuals "$src/tests/fuzz/corpus/data/seed-data-program-gbk.csv"
vg_run "run bad data" run "$tmp/seed.indb" --actuals "$tmp/bad.csv"
# a report large enough for the threads of --jobs and the writer thread
mkdir "$tmp/big" && "$src/tests/jobs/gen.sh" "$tmp/big" 900 &&
  "$indc" compile -o "$tmp/big.indb" "$tmp/big/spec.ind" 2>/dev/null
vg_run "run --jobs 2 (threads)" run "$tmp/big.indb" --actuals "$tmp/big/actuals.csv" \
  --format json -j 2 -o "$tmp/big.json"

echo "valgrind: $npass passed, $nfail failed"
[ $nfail -eq 0 ]
