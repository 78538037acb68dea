#!/usr/bin/env bash
# bench/sql.sh [BUILD_DIR] [PROJECTS] - the SQL backend beside the VM, the
# figures of docs/performance.md ("SQL backend").
#
# Generates a corpus with bench_gen (PROJECTS projects, default 100000, of
# about 20 indicators each; seed 1), then scores the same data three ways
# and checks that the three JSON reports are byte-identical:
#   vm        indc run (the bytecode VM)
#   sqlite    indc run --backend=sqlite (in-memory database)
#   postgres  indc run --backend=postgres: a server this script starts in a
#             temporary data directory on a loopback port (as tests/sql/pg.sh
#             does), or the one named by INDC_PG_CONNINFO
# Each line gives the wall time and peak RSS of indc; for the SQL backends
# INDC_SQL_TIMING=1 splits the time into loading the program, loading the
# actuals (COPY and ANALYZE on PostgreSQL) and running the scorecard query.
# Build with optimisation first:
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && make -C build-rel -j2
set -euo pipefail
build=${1:-build-rel}
n=${2:-100000}
indc=$build/compiler/indc
gen=$build/bench/bench_gen
work=${BENCH_DIR:-/tmp/indc-bench}/$n
mkdir -p "$work"
[ -s "$work/spec.ind" ] || "$gen" "$n" 1 "$work"
echo "corpus: $n projects, $(wc -l <"$work/actuals.csv") actuals rows ($work)"

pgdir=
cleanup() {
  if [ -n "$pgdir" ]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
trap cleanup EXIT
as_pg=()
conn=${INDC_PG_CONNINFO:-}
if [ -z "$conn" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; then
    [ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
    pgdir=$(mktemp -d)
    chmod 755 "$pgdir"
    [ ${#as_pg[@]} -gt 0 ] && chown postgres "$pgdir"
    "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -A trust -U indc -E UTF8 --locale=C \
      --no-sync >/dev/null
    port=$((50000 + RANDOM % 10000))
    # settings of a benchmark machine, not of a production server
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -k $pgdir \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
      -c shared_buffers=1GB -c work_mem=256MB -c temp_buffers=1GB" start >/dev/null
    conn="host=127.0.0.1 port=$port user=indc dbname=postgres"
  fi
fi

run() { # NAME ARGS...
  local name=$1
  shift
  INDC_SQL_TIMING=1 /usr/bin/time -f "%e %M" -o "$work/$name.time" \
    "$indc" run "$work/spec.ind" --actuals "$work/actuals.csv" --format json \
    -o "$work/$name.json" "$@" 2>"$work/$name.err" || { cat "$work/$name.err"; return 1; }
  read -r wall rss <"$work/$name.time"
  local split
  split=$(grep -E '^(sqlite|postgres):' "$work/$name.err" | awk '{printf "%s %s s, ", $2, $3}' || true)
  printf '%-9s %7.2f s wall, %7d KiB peak RSS  %s\n' "$name" "$wall" "$rss" "${split%, }"
}

run vm
run sqlite --backend=sqlite
cmp -s "$work/vm.json" "$work/sqlite.json" && echo "sqlite: report identical to the VM's" ||
  { echo "sqlite: REPORT DIFFERS"; exit 1; }
if [ -n "$conn" ]; then
  run postgres --backend=postgres --db "$conn"
  cmp -s "$work/vm.json" "$work/postgres.json" && echo "postgres: report identical to the VM's" ||
    { echo "postgres: REPORT DIFFERS"; exit 1; }
else
  echo "postgres: skipped (no server binaries and no INDC_PG_CONNINFO)"
fi
