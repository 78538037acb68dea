#!/usr/bin/env bash
# tests/sql/pg.sh INDC SRC_DIR TOOLS_DIR - the SQL backend on a real
# PostgreSQL server that this test starts itself.
#
# The server runs from a temporary data directory (initdb, pg_ctl; as root
# they run as the user postgres), listens on 127.0.0.1 at a free port and
# on a socket in that directory, and is stopped and removed at the end.
# Exit 77 (CTest: skipped) with a message when the server binaries
# (Debian: postgresql), libpq in this build or the user postgres are
# missing.  Checks:
#   1. the seed's scorecard through --backend=postgres equals the goldens
#      byte for byte (every format, mid-year, English);
#   2. the VM and --backend=postgres agree on the seed's mid-year data,
#      the small spec and edge.ind, at year end and mid-year;
#   3. sql_arith --pg: the NUMERIC arithmetic of the postgres and ansi
#      dialects against dec_muldiv;
#   4. the emitted scripts themselves (INSERT rows, dialects postgres and
#      ansi) run through psql give the VM's results (sql_script);
#   5. random cases of tests/diff/gen.c agree with the VM.
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
tools=$(realpath "$3")
seed=specs/tianjin-youth-league-2023
cd "$src" || exit 2

pgbin=${INDC_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ] || [ ! -x "$pgbin/pg_ctl" ]; then
  echo "SKIP: PostgreSQL server binaries not found (Debian: apt-get install postgresql)"
  exit 77
fi
if "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --backend=postgres --db "port=1" \
     2>&1 | grep -q "unbuilt"; then
  echo "SKIP: this indc was built without libpq (Debian: libpq-dev)"
  exit 77
fi
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "SKIP: running as root, and there is no user postgres to run the server as"
    exit 77
  fi
  as_pg=(runuser -u postgres --)
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
[ ${#as_pg[@]} -gt 0 ] && chown postgres "$tmp"
stop() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap stop EXIT
if ! "${as_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -A trust -U indc -E UTF8 --locale=C \
     --no-sync >"$tmp/initdb.log" 2>&1; then
  echo "FAIL: initdb"; cat "$tmp/initdb.log"; exit 1
fi
port=
for try in 1 2 3 4 5 6 7 8; do
  p=$((50000 + (RANDOM % 10000)))
  if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
       -o "-p $p -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
       start >/dev/null 2>&1; then
    port=$p
    break
  fi
done
if [ -z "$port" ]; then
  echo "FAIL: the server did not start"; tail -20 "$tmp/server.log"; exit 1
fi
conn="host=127.0.0.1 port=$port user=indc dbname=postgres"
psql=("$pgbin/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$conn")
echo "server: PostgreSQL $("${psql[@]}" -c 'SHOW server_version'), port $port"

pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

golden() {
  local name=$1 want=$2
  shift 2
  if "$indc" run "$@" --backend=postgres --db "$conn" >"$tmp/out" 2>"$tmp/err" &&
     cmp -s "$tmp/out" "$want"; then
    ok "$name"
  else
    bad "$name"; head -c 2000 "$tmp/err"; diff "$want" "$tmp/out" | head -20
  fi
}

same() {
  local name=$1
  shift
  "$indc" run "$@" >"$tmp/vm" 2>/dev/null
  local rv=$?
  "$indc" run "$@" --backend=postgres --db "$conn" >"$tmp/sql" 2>"$tmp/err"
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
for asof in "" 2023-06-30 2024-02-01; do
  a=()
  [ -n "$asof" ] && a=(--as-of "$asof")
  same "small${asof:+.$asof}" tests/golden/run/small.ind --actuals tests/sql/small.csv --format json "${a[@]}"
  same "edge${asof:+.$asof}" tests/sql/edge.ind --actuals tests/sql/edge.csv --format json "${a[@]}"
done

# [SQL-TEXT] names with bidirectional controls: escaped in the COPY data of
# the evaluator and in the INSERT text of --emit=sql, and stored as given
same bidi tests/sql/bidi.ind --actuals tests/sql/bidi.csv --format json
for d in postgres ansi; do
  "$indc" compile --emit=sql --dialect "$d" -o "$tmp/bidi.sql" tests/sql/bidi.ind 2>/dev/null
  got=$("${psql[@]}" -c "SET search_path = pg_temp; SET client_min_messages = warning" \
    -f "$tmp/bidi.sql" -c "SELECT encode(convert_to(name, 'UTF8'), 'hex') FROM indc_project" \
    2>"$tmp/err")
  if [ "$got" = 61e280ae62d89c63 ]; then ok "bidi.$d"; else bad "bidi.$d: $got"; head -c 500 "$tmp/err"; fi
done

if "$tools/sql_arith" --pg "$conn" 50000 >"$tmp/arith" 2>&1; then
  ok "arith ($(tail -1 "$tmp/arith"))"
else
  bad arith; tail -25 "$tmp/arith"
fi

# the emitted scripts, INSERT rows and all, through psql
script() { # NAME SPEC ACTUALS [AS-OF]
  local name=$1 spec=$2 act=$3 asof=${4:-}
  "$indc" compile -o "$tmp/p.indb" "$spec" 2>/dev/null || { bad "$name: compile"; return; }
  "$tools/sql_script" --expect "$tmp/p.indb" "$act" $asof >"$tmp/want" || { bad "$name"; return; }
  for d in postgres ansi; do
    if "$tools/sql_script" "$d" "$tmp/p.indb" "$act" $asof >"$tmp/script.sql" &&
       "${psql[@]}" -c "SET search_path = pg_temp; SET client_min_messages = warning" \
         -f "$tmp/script.sql" >"$tmp/got" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then
      ok "script.$d.$name"
    else
      bad "script.$d.$name"; head -c 1500 "$tmp/err"; diff "$tmp/want" "$tmp/got" | head -10
    fi
  done
}
script seed "$seed" "$seed/actuals-2023.csv"
script seed.midyear "$seed" "$seed/actuals-2023.csv" 2023-06-30
script small tests/golden/run/small.ind tests/sql/small.csv
script edge tests/sql/edge.ind tests/sql/edge.csv 2023-06-30

ncases=${INDC_SQL_CASES:-30}
if [ -x "$tools/diff_gen" ]; then
  nd=0
  for s in $(seq 1 "$ncases"); do
    d=$tmp/case$s
    "$tools/diff_gen" "$s" "$d" >/dev/null 2>&1 || continue
    act=$(ls "$d"/actuals.* | head -1)
    a=()
    [ -f "$d/as-of.txt" ] && a=(--as-of "$(cat "$d/as-of.txt")")
    "$indc" run "$d/case.ind" --actuals "$act" --format json "${a[@]}" >"$d/vm" 2>/dev/null
    rv=$?
    "$indc" run "$d/case.ind" --actuals "$act" --format json "${a[@]}" --backend=postgres \
      --db "$conn" >"$d/sql" 2>"$d/err"
    rs=$?
    if [ $rv -ne $rs ] || ! cmp -s "$d/vm" "$d/sql"; then
      nd=$((nd + 1)); echo "random case $s differs (diff_gen $s DIR to see it)"; head -c 500 "$d/err"
    fi
    rm -rf "$d"
  done
  if [ $nd -eq 0 ]; then ok "random.$ncases"; else bad "random ($nd of $ncases)"; fi
fi
echo "sql postgres: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
