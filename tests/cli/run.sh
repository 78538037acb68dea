#!/usr/bin/env bash
# tests/cli/run.sh INDC SRC_DIR - how the commands take their arguments
# (docs/cli.md, "Arguments"): an option given twice, an output file that is
# also an input, a directory without specs, a spec that cannot be read, a
# directory where a file is wanted, bytecode mixed with specs.  Each case
# must fail with its exit status and a message that names the culprit, and
# leave every input as it was.
set -u
indc=$(realpath "$1") src=$(realpath "$2")
export LC_ALL=C
seed=$src/specs/tianjin-youth-league-2023
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
npass=0 nfail=0

# expect NAME STATUS PATTERN COMMAND...: the status, and PATTERN in stderr
expect() {
  local name=$1 want=$2 pattern=$3 status=0
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ "$status" -ne "$want" ]; then
    echo "FAIL $name: exit $status, want $want"; sed 's/^/  /' "$tmp/err" | head -5
    nfail=$((nfail + 1))
  elif ! grep -q -- "$pattern" "$tmp/err"; then
    echo "FAIL $name: stderr lacks '$pattern'"; sed 's/^/  /' "$tmp/err" | head -5
    nfail=$((nfail + 1))
  else
    echo "PASS $name"; npass=$((npass + 1))
  fi
}

cp "$seed/actuals-2023.csv" "$tmp/actuals.csv"
cp "$seed/01-it-operations.ind" "$tmp/one.ind"
sum() { cksum <"$1"; }
data_sum=$(sum "$tmp/actuals.csv") spec_sum=$(sum "$tmp/one.ind")

mkdir "$tmp/empty"

# an option that takes one value, given twice, is a usage error
expect run-actuals-twice 2 "--actuals given twice" \
  "$indc" run "$seed" --actuals "$tmp/actuals.csv" --actuals "$tmp/actuals.csv"
expect run-format-twice 2 "--format given twice ('json', then 'csv')" \
  "$indc" run "$seed" --actuals "$tmp/actuals.csv" --format=json --format csv
expect run-jobs-twice 2 "given twice ('2', then '3')" \
  "$indc" run "$seed" --actuals "$tmp/actuals.csv" -j2 --jobs 3
expect run-o-twice 2 "-o given twice" \
  "$indc" run "$seed" --actuals "$tmp/actuals.csv" -o "$tmp/a" -o "$tmp/b"
expect compile-o-twice 2 "-o given twice" "$indc" compile -o "$tmp/a.indb" -o "$tmp/b.indb" "$seed"
expect compile-emit-twice 2 "--emit given twice" "$indc" compile --emit=c --emit=sql -o "$tmp/a" "$seed"
expect compile-o-last 2 "-o needs a value" "$indc" compile "$seed" -o
expect compile-empty-directory 1 "no .ind files in directory" "$indc" compile -o "$tmp/e" "$tmp/empty"
expect import-year-twice 2 "'--year' given twice" "$indc" import --year 2023 --year 2024 "$tmp/x"
if [ -e "$tmp/a" ] || [ -e "$tmp/b" ] || [ -e "$tmp/a.indb" ] || [ -e "$tmp/b.indb" ] ||
  [ -e "$tmp/e" ]; then
  echo "FAIL options-twice: a usage error wrote a file"; nfail=$((nfail + 1))
fi

# an output file that is an input is refused, and the input kept
expect run-o-is-actuals 2 "the report would overwrite it" \
  "$indc" run "$seed" --actuals "$tmp/actuals.csv" -o "$tmp/actuals.csv"
ln -s "$tmp/actuals.csv" "$tmp/link.csv"
expect run-o-is-link-to-actuals 2 "is the input" \
  "$indc" run "$seed" --actuals "$tmp/actuals.csv" -o "$tmp/link.csv"
expect run-o-is-spec 2 "is the input '$tmp/one.ind'" \
  "$indc" run "$tmp/one.ind" --actuals "$tmp/actuals.csv" -o "$tmp/one.ind"
expect compile-o-is-spec 2 "would overwrite the input '$tmp/one.ind'" \
  "$indc" compile -o "$tmp/one.ind" "$tmp/one.ind"
expect import-actuals-out-is-input 2 "would overwrite the input '$tmp/actuals.csv'" \
  "$indc" import "$tmp/actuals.csv" --actuals-out "$tmp/actuals.csv" -o "$tmp/imported"
if [ "$(sum "$tmp/actuals.csv")" != "$data_sum" ] || [ "$(sum "$tmp/one.ind")" != "$spec_sum" ]; then
  echo "FAIL output-is-input: an input was changed"; nfail=$((nfail + 1))
else
  echo "PASS output-is-input-kept"; npass=$((npass + 1))
fi

# a directory with no specs, a spec that cannot be read
mkdir "$tmp/dangling"
ln -s "$tmp/nowhere.ind" "$tmp/dangling/x.ind"
for cmd in check fmt; do
  expect "$cmd-empty-directory" 1 "no .ind files in directory '$tmp/empty'" "$indc" "$cmd" "$tmp/empty"
done
expect run-empty-directory 1 "no .ind files in directory" \
  "$indc" run "$tmp/empty" --actuals "$tmp/actuals.csv"
expect check-dangling-link 1 "cannot read '$tmp/dangling/x.ind': No such file" "$indc" check "$tmp/dangling"

# a spec named on the command line that does not exist: a hint about the
# path, not about imports (hunt #14a)
for cmd in check test; do
  expect "$cmd-missing-file" 1 "a relative path is taken from the current folder" \
    "$indc" "$cmd" "$tmp/nonexistent.ind"
  if grep -q "imports are relative" "$tmp/err"; then
    echo "FAIL $cmd-missing-file: hint about imports"; nfail=$((nfail + 1))
  fi
done
expect diff-missing-file 2 "a relative path is taken from the current folder" \
  "$indc" diff "$tmp/nonexistent.ind" "$tmp/one.ind"

# a directory where a data file is wanted; bytecode with other programs
expect run-actuals-directory 1 "cannot read '$tmp': Is a directory" \
  "$indc" run "$seed" --actuals "$tmp"
"$indc" compile -o "$tmp/seed.indb" "$seed" 2>/dev/null
expect run-two-indb 2 "give it alone" \
  "$indc" run "$tmp/seed.indb" "$tmp/seed.indb" --actuals "$tmp/actuals.csv"
expect run-indb-and-spec 2 "give it alone" \
  "$indc" run "$tmp/seed.indb" "$tmp/one.ind" --actuals "$tmp/actuals.csv"

# indc template: a sheet whose every row names one indicator (or 执行数, or
# a raw field) that the loader finds: filled with 不适用 for indicators, it
# loads without a problem and makes every indicator n/a, each once
"$indc" template "$seed" -o "$tmp/sheet.csv" 2>"$tmp/err"
rows=$(($(wc -l <"$tmp/sheet.csv") - 1))
# (every row ends in its two empty columns, 实际完成值 and 备注)
sed -e '1!{/,,,执行数,/s/,,\r$/,0,\r/;s/,,\r$/,不适用,\r/;}' "$tmp/sheet.csv" >"$tmp/filled.csv"
if "$indc" run "$seed" --actuals "$tmp/filled.csv" --format json >"$tmp/na.json" 2>"$tmp/err"; then
  nind=$(grep -c '"status": "na"' "$tmp/na.json")
  want=$(grep -c '"target": ' "$tmp/na.json")
  if [ "$nind" -gt 180 ] && [ "$nind" -eq "$want" ] && [ "$rows" -eq $((nind + 11)) ]; then
    echo "PASS template-round-trip ($nind indicators)"; npass=$((npass + 1))
  else
    echo "FAIL template-round-trip: $nind n/a of $want statuses, $rows rows"; nfail=$((nfail + 1))
  fi
else
  echo "FAIL template-round-trip: the filled sheet does not load"; head -5 "$tmp/err"
  nfail=$((nfail + 1))
fi
# the raw fields a project's derived actuals read get a row each
"$indc" template "$src/tests/golden/run/edges.ind" >"$tmp/edges-sheet.csv" 2>/dev/null
if grep -q '^计算,,,已拨付金额,,,' "$tmp/edges-sheet.csv" &&
  grep -q '^计算,,,未给,,,' "$tmp/edges-sheet.csv" &&
  ! grep -q '^负目标,,,已拨付金额' "$tmp/edges-sheet.csv"; then
  echo "PASS template-raw-fields"; npass=$((npass + 1))
else
  echo "FAIL template-raw-fields"; nfail=$((nfail + 1))
fi
expect template-o-is-spec 2 "would overwrite the input '$tmp/one.ind'" \
  "$indc" template "$tmp/one.ind" -o "$tmp/one.ind"

# "--" ends the options: a spec whose name starts with '-' is a file
cp "$tmp/one.ind" "$tmp/-dash.ind"
{ head -1 "$tmp/actuals.csv"; grep '^团市委政务信息化系统运维项目,' "$tmp/actuals.csv"; } >"$tmp/one.csv"
for args in "check" "compile -o dash.indb" "template -o dash.csv" "run --actuals one.csv"; do
  if (cd "$tmp" && "$indc" $args -- -dash.ind >/dev/null 2>"$tmp/err"); then
    echo "PASS ${args%% *}-dash-dash"; npass=$((npass + 1))
  else
    echo "FAIL ${args%% *}-dash-dash"; sed 's/^/  /' "$tmp/err" | head -3; nfail=$((nfail + 1))
  fi
done
# (the spec has no rule tests: read, and found to have none)
expect test-dash-dash 1 "no tests found" sh -c "cd '$tmp' && '$indc' test -- -dash.ind"
expect check-dash-option 2 "unknown option '-dash.ind'" sh -c "cd '$tmp' && '$indc' check -dash.ind"
# a bad --as-of is a usage error before the specs are compiled
expect as-of-no-day 2 "'2023-02-30' is no day of the calendar" \
  "$indc" run "$tmp/one.ind" --actuals "$tmp/actuals.csv" --as-of 2023-02-30
expect as-of-form 2 "needs a date YYYY-MM-DD, not '2023/06/30'" \
  "$indc" run "$tmp/one.ind" --actuals "$tmp/actuals.csv" --as-of 2023/06/30
if "$indc" run "$tmp/one.ind" --actuals "$tmp/actuals.csv" --as-of 2023-02-30 2>&1 |
  grep -q "warning"; then
  echo "FAIL as-of-before-compile: the specs were checked first"; nfail=$((nfail + 1))
else
  echo "PASS as-of-before-compile"; npass=$((npass + 1))
fi

echo "cli: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
