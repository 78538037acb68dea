#!/usr/bin/env bash
# tests/golden/run/run.sh INDC SRC_DIR [--update]
#
# The scorecard of the seed specs with their sample data, in every format,
# through the specs and through compiled bytecode (the two must agree), at
# year end and mid-year; the scorecard of scoring edges (edges.ind) through
# the VM, the generated C, SQLite and the JIT (when built); the template
# of a spec with a derived indicator, filled in and run (derived.ind); and
# the disassembly of a small spec.  Each case's
# stdout must equal CASE.expected byte for byte.
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
update=${3:-}
here=$src/tests/golden/run
seed=specs/tianjin-youth-league-2023
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
pass=0 fail=0

check() { # NAME COMMAND...
  local name=$1
  shift
  local status=0
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "FAIL $name: exit $status"; cat "$tmp/$name.err"; fail=$((fail + 1)); return
  fi
  if [ "$update" = --update ]; then cp "$tmp/$name.out" "$here/$name.expected"; fi
  if cmp -s "$tmp/$name.out" "$here/$name.expected"; then
    echo "PASS $name"; pass=$((pass + 1))
  else
    echo "FAIL $name"; diff -u "$here/$name.expected" "$tmp/$name.out" | head -40; fail=$((fail + 1))
  fi
}

for fmt in table json csv md; do
  check "seed.$fmt" "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format "$fmt"
done
check seed.en.json "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format json --lang en
check seed.midyear.json "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format json \
  --as-of 2023-06-30
"$indc" compile -o "$tmp/seed.indb" "$seed" 2>/dev/null
check seed.indb.json "$indc" run "$tmp/seed.indb" --actuals "$seed/actuals-2023.csv" --format json
if cmp -s "$tmp/seed.json.out" "$tmp/seed.indb.json.out"; then
  echo "PASS specs-and-bytecode-agree"; pass=$((pass + 1))
else
  echo "FAIL specs-and-bytecode-agree"; fail=$((fail + 1))
fi
# scoring edges (targets below zero, a total printed as a grade's
# threshold, derived actuals that cannot be computed, notes): the VM's
# scorecard, and the same bytes from the generated C, SQLite and the JIT
edges=(tests/golden/run/edges.ind --actuals tests/golden/run/edges.csv)
check edges.table "$indc" run "${edges[@]}"
check edges.json "$indc" run "${edges[@]}" --format json
# same_as_vm NAME ARGS...: `indc run ARGS --format json` gives through every
# other backend the bytes the VM gave (NAME.json.out, by `check` above)
same_as_vm() {
  local name=$1 backend
  shift
  for backend in c sqlite jit; do
    "$indc" run "$@" --format json --backend "$backend" >"$tmp/$name.$backend" \
      2>"$tmp/$name.$backend.err"
    if [ "$backend" = jit ] && grep -q "not built" "$tmp/$name.$backend.err"; then
      echo "SKIP $name-jit: the LLVM backend is not built"
    elif cmp -s "$tmp/$name.$backend" "$tmp/$name.json.out"; then
      echo "PASS $name-$backend"; pass=$((pass + 1))
    else
      echo "FAIL $name-$backend: differs from the VM's"; fail=$((fail + 1))
    fi
  done
}
same_as_vm edges "${edges[@]}"
# mid-year: no lag flag for a project whose rate cannot be computed
check edges-midyear.json "$indc" run "${edges[@]}" --format json --as-of 2023-06-30
same_as_vm edges-midyear "${edges[@]}" --as-of 2023-06-30
# [DATA-TEMPLATE] the sheet of a spec with a derived indicator: the
# template's rows; filled in (the derived row's actual left blank, with a
# note) it has the same rows and goes straight to `indc run`, through
# every backend
der=tests/golden/run/derived
check derived.template "$indc" template "$der.ind"
if cmp -s <(cut -d, -f1-5 "$tmp/derived.template.out") <(cut -d, -f1-5 "$der.csv"); then
  echo "PASS derived-sheet-is-the-template"; pass=$((pass + 1))
else
  echo "FAIL derived-sheet-is-the-template: derived.csv has other rows than the template"
  fail=$((fail + 1))
fi
check derived.table "$indc" run "$der.ind" --actuals "$der.csv"
check derived.json "$indc" run "$der.ind" --actuals "$der.csv" --format json
same_as_vm derived "$der.ind" --actuals "$der.csv"
# [REP-CSV-FORMULA] names and notes that start like a formula, after a '
check csv-formula.report "$indc" run tests/golden/run/csv-formula.ind \
  --actuals tests/golden/run/csv-formula.csv --format csv
# [DATA-FORMULA] its template guards the names alike, and the sheet filled
# in goes back to indc run: the loader drops the ' (a value '-1 is -1)
check csv-formula.template "$indc" template tests/golden/run/csv-formula.ind
check csv-formula.filled "$indc" run tests/golden/run/csv-formula.ind \
  --actuals tests/golden/run/csv-formula-filled.csv
"$indc" compile -o "$tmp/small.indb" tests/golden/run/small.ind 2>/dev/null
check small.disasm "$indc" disasm "$tmp/small.indb"
# -o writes atomically and the same bytes as stdout
"$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format csv -o "$tmp/out.csv" 2>/dev/null
if cmp -s "$tmp/out.csv" "$tmp/seed.csv.out" && ! ls "$tmp"/out.csv.tmp* >/dev/null 2>&1; then
  echo "PASS output-file"; pass=$((pass + 1))
else
  echo "FAIL output-file"; fail=$((fail + 1))
fi
# -o onto a pipe (or a device such as /dev/null) writes into it: the node
# must not be replaced by a regular file (a FIFO stands in for /dev/null)
mkfifo "$tmp/fifo"
cat "$tmp/fifo" > "$tmp/fifo.out" &
"$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format csv -o "$tmp/fifo" 2>/dev/null
wait
if [ -p "$tmp/fifo" ] && cmp -s "$tmp/fifo.out" "$tmp/seed.csv.out"; then
  echo "PASS output-to-pipe"; pass=$((pass + 1))
else
  echo "FAIL output-to-pipe: the pipe was replaced or its output differs"; fail=$((fail + 1))
fi
echo "run golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
