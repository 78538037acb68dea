#!/usr/bin/env bash
# tests/sql/run.sh INDC SRC_DIR TOOLS_DIR - the SQL backend on SQLite.
# TOOLS_DIR holds the test tools diff_gen and sql_arith (build/tests).
#
# SQLite is embedded (its C library), so this always runs:
#   1. the seed's scorecard through --backend=sqlite equals the goldens of
#      tests/golden/run/ byte for byte, in every format, year end, mid-year
#      and in English;
#   2. the VM and --backend=sqlite give the same report for the seed's
#      mid-year data, the small spec with its derived actual and the edge
#      cases of edge.ind (sums past the Dec range, derived actuals that
#      stop, values at the ends of the range), at year end and mid-year;
#   3. --emit=sql writes every dialect, and the sqlite one loads into a
#      file database that --db leaves behind with the same views;
#   4. random cases of tests/diff/gen.c (diff_gen) agree with the VM;
#   5. sql_arith: the views' exact arithmetic against dec_muldiv.
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
build=$(realpath "$3")
seed=specs/tianjin-youth-league-2023
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# golden NAME EXPECTED ARGS...: the sqlite backend's output equals EXPECTED
golden() {
  local name=$1 want=$2
  shift 2
  if "$indc" run "$@" --backend=sqlite >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/out" "$want"; then
    ok "$name"
  else
    bad "$name"; head -c 2000 "$tmp/err"; diff "$want" "$tmp/out" | head -20
  fi
}

# same NAME ARGS...: the VM and the sqlite backend give the same output
same() {
  local name=$1
  shift
  "$indc" run "$@" >"$tmp/vm" 2>/dev/null
  local rv=$?
  "$indc" run "$@" --backend=sqlite >"$tmp/sql" 2>"$tmp/err"
  local rs=$?
  # every case is a scorecard: two runs that fail alike prove nothing
  if [ $rv -eq 0 ] && [ $rs -eq 0 ] && cmp -s "$tmp/vm" "$tmp/sql"; then
    ok "$name"
  else
    bad "$name (exit $rv vs $rs)"; head -c 2000 "$tmp/err"; diff "$tmp/vm" "$tmp/sql" | head -20
  fi
}

g=tests/golden/run
for fmt in table json csv md; do
  golden "seed.$fmt" "$g/seed.$fmt.expected" "$seed" --actuals "$seed/actuals-2023.csv" --format "$fmt"
done
golden seed.en.json "$g/seed.en.json.expected" "$seed" --actuals "$seed/actuals-2023.csv" \
  --format json --lang en
golden seed.midyear.json "$g/seed.midyear.json.expected" "$seed" \
  --actuals "$seed/actuals-2023.csv" --format json --as-of 2023-06-30

[ -f "$seed/actuals-2023-06.csv" ] &&
  same seed-06.midyear "$seed" --actuals "$seed/actuals-2023-06.csv" --format json --as-of 2023-06-30
for asof in "" 2023-03-31 2023-06-30 2023-12-31 2024-02-01; do
  a=()
  [ -n "$asof" ] && a=(--as-of "$asof")
  same "small${asof:+.$asof}" tests/golden/run/small.ind --actuals tests/sql/small.csv --format json "${a[@]}"
  same "edge${asof:+.$asof}" tests/sql/edge.ind --actuals tests/sql/edge.csv --format json "${a[@]}"
done
same edge.table tests/sql/edge.ind --actuals tests/sql/edge.csv --format table
# [SQL-TEXT] names with bidirectional controls: escaped in the program's
# INSERT text, which SQLite runs; the scorecard is the VM's
same bidi tests/sql/bidi.ind --actuals tests/sql/bidi.csv --format json

# --emit=sql in every dialect; the sqlite file database of --db
for d in sqlite postgres ansi; do
  if "$indc" compile --emit=sql --dialect "$d" -o "$tmp/seed.$d.sql" "$seed" 2>/dev/null &&
     grep -q "CREATE VIEW indc_project_score" "$tmp/seed.$d.sql"; then
    ok "emit.$d"
  else
    bad "emit.$d"
  fi
done
if ! "$indc" compile --emit=sql --dialect oracle -o "$tmp/x.sql" "$seed" 2>/dev/null; then
  ok emit.unknown-dialect
else
  bad emit.unknown-dialect
fi
"$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --backend=sqlite --db "$tmp/seed.db" \
  --format json >"$tmp/db.json" 2>/dev/null
if [ -s "$tmp/seed.db" ] && cmp -s "$tmp/db.json" "$g/seed.json.expected"; then
  ok sqlite-file-db
else
  bad sqlite-file-db
fi

# random cases (the differential corpus generator), VM against SQLite
ncases=${INDC_SQL_CASES:-60}
if [ -x "$build/diff_gen" ]; then
  nd=0
  for s in $(seq 1 "$ncases"); do
    d=$tmp/case$s
    "$build/diff_gen" "$s" "$d" >/dev/null 2>&1 || continue
    act=$(ls "$d"/actuals.* | head -1)
    a=()
    [ -f "$d/as-of.txt" ] && a=(--as-of "$(cat "$d/as-of.txt")")
    "$indc" run "$d/case.ind" --actuals "$act" --format json "${a[@]}" >"$d/vm" 2>/dev/null
    rv=$?
    "$indc" run "$d/case.ind" --actuals "$act" --format json "${a[@]}" --backend=sqlite \
      >"$d/sql" 2>"$d/err"
    rs=$?
    if [ $rv -ne $rs ] || ! cmp -s "$d/vm" "$d/sql"; then
      nd=$((nd + 1)); echo "random case $s differs (diff_gen $s DIR to see it)"; head -c 500 "$d/err"
    fi
    rm -rf "$d"
  done
  if [ $nd -eq 0 ]; then ok "random.$ncases"; else bad "random ($nd of $ncases)"; fi
else
  echo "SKIP random cases: $build/diff_gen not built"
fi

if "$build/sql_arith" 200000 >"$tmp/arith" 2>&1; then
  ok "arith ($(tail -1 "$tmp/arith"))"
else
  bad arith; tail -25 "$tmp/arith"
fi
echo "sql sqlite: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
