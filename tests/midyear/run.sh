#!/usr/bin/env bash
# tests/midyear/run.sh INDC SRC_DIR [--update]
#
# Mid-year monitoring (绩效运行监控, [SCORE-MIDYEAR] in docs/scoring.md):
# the seed specs with the half-year data of actuals-2023-06.csv, in every
# report format, through the specs, through compiled bytecode and through
# every evaluator that is built; each must equal its golden byte for byte.
#
#   midyear.*     --as-of 2023-06-30, Chinese: table, json, csv, md, html
#   midyear.en.*  the same in English: table, html
#   early.json    --as-of 2023-05-31: the 30 June deadline is still ahead
#                 (pending), and the completion date 2023-06-16 lies after
#                 the as-of date (pending, not met)
#
# Then the facts the goldens were reviewed for, so that an --update cannot
# lose them unnoticed: the project whose spending lags, the one just
# under the threshold, the June deadline missed, a deadline not yet due.
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
update=${3:-}
here=$src/tests/midyear
seed=specs/tianjin-youth-league-2023
data=$seed/actuals-2023-06.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
pass=0 fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

check() { # NAME COMMAND...: stdout must equal NAME.expected
  local name=$1
  shift
  local status=0
  "$@" >"$tmp/$name" 2>"$tmp/$name.err" || status=$?
  if [ "$status" -ne 0 ]; then
    bad "$name: exit $status"; cat "$tmp/$name.err"; return
  fi
  if [ "$update" = --update ]; then cp "$tmp/$name" "$here/$name.expected"; fi
  if cmp -s "$tmp/$name" "$here/$name.expected"; then
    ok "$name"
  else
    bad "$name"; diff -u "$here/$name.expected" "$tmp/$name" | head -40
  fi
}

same() { # NAME FILE: FILE must equal the golden NAME
  if cmp -s "$2" "$here/$1.expected"; then ok "$3"; else bad "$3"; diff -u "$here/$1.expected" "$2" | head -20; fi
}

formats="table json csv md html"
for fmt in $formats; do
  check "midyear.$fmt" "$indc" run "$seed" --actuals "$data" --as-of 2023-06-30 --format "$fmt"
done
for fmt in table html; do
  check "midyear.en.$fmt" "$indc" run "$seed" --actuals "$data" --as-of 2023-06-30 --format "$fmt" \
    --lang en
done
check early.json "$indc" run "$seed" --actuals "$data" --as-of 2023-05-31 --format json

# the same reports from compiled bytecode
"$indc" compile -o "$tmp/seed.indb" "$seed" 2>/dev/null
for fmt in $formats; do
  "$indc" run "$tmp/seed.indb" --actuals "$data" --as-of 2023-06-30 --format "$fmt" \
    >"$tmp/indb.$fmt" 2>/dev/null
  same "midyear.$fmt" "$tmp/indb.$fmt" "bytecode $fmt"
done
"$indc" run "$tmp/seed.indb" --actuals "$data" --as-of 2023-05-31 --format json \
  >"$tmp/indb.early.json" 2>/dev/null
same early.json "$tmp/indb.early.json" "bytecode early.json"

# every other evaluator that is built gives the same reports (postgres
# only with INDC_TEST_PG set to a connection string)
for backend in c jit sqlite postgres; do
  db=()
  if [ "$backend" = postgres ]; then
    if [ -z "${INDC_TEST_PG:-}" ]; then echo "SKIP backend postgres: INDC_TEST_PG not set"; continue; fi
    db=(--db "$INDC_TEST_PG")
  fi
  status=0
  "$indc" run "$seed" --actuals "$data" --as-of 2023-06-30 --backend "$backend" "${db[@]}" \
    >/dev/null 2>"$tmp/backend.err" || status=$?
  if [ "$status" -eq 2 ] && grep -q "unknown or unbuilt --backend" "$tmp/backend.err"; then
    echo "SKIP backend $backend: not built"
    continue
  fi
  for fmt in $formats; do
    "$indc" run "$seed" --actuals "$data" --as-of 2023-06-30 --backend "$backend" "${db[@]}" \
      --format "$fmt" >"$tmp/$backend.$fmt" 2>/dev/null
    same "midyear.$fmt" "$tmp/$backend.$fmt" "backend $backend $fmt"
  done
  "$indc" run "$seed" --actuals "$data" --as-of 2023-05-31 --backend "$backend" "${db[@]}" \
    --format json >"$tmp/$backend.early.json" 2>/dev/null
  same early.json "$tmp/$backend.early.json" "backend $backend early.json"
done

# The reviewed facts, read from the CSV golden (Chinese, 20 columns):
# 1 project, 13 indicator name, 16 status, 19 flags.  fact NAME AWK-CONDITION
fact() {
  if sed '1s/^\xEF\xBB\xBF//' "$tmp/midyear.csv" | awk -F, "$2 { found = 1 } END { exit !found }"
  then ok "fact: $1"; else bad "fact: $1"; fi
}
fact "青年发展规划工作经费 lags (19.55% spent, 49.59% elapsed)" \
  '$1 == "青年发展规划工作经费" && $13 == "预算执行率" && $19 == "进度滞后"'
fact "天津市学生联合会第十五次代表大会 lags (8.00% spent)" \
  '$1 == "天津市学生联合会第十五次代表大会" && $13 == "预算执行率" && $19 == "进度滞后"'
fact "天津市青年联合会第十四届委员会全体会议 trails by 19.59 points: no flag" \
  '$1 == "天津市青年联合会第十四届委员会全体会议" && $13 == "预算执行率" && $19 == ""'
fact "30 June deadline not done by 30 June: missing, not pending" \
  '$13 == "定期开展青字号品牌服务活动" && $16 == "未填报" && $19 == "未达标"'
fact "31 December deadline not yet due: pending" \
  '$1 == "青年发展规划工作经费" && $11 == "时效指标" && $13 == "举办青年发展型城市论坛" && $16 == "未到期"'
fact "deadline met before the as-of date: met" \
  '$13 == "召开联席会议时间" && $16 == "达成"'
fact "a satisfaction survey not yet reported: pending" \
  '$13 == "规划青年满意度" && $16 == "未到期" && $18 == ""'
if grep '"name": "召开联席会议时间"' "$tmp/early.json" | grep -q '"status": "pending"'
then ok "fact: a completion date after the as-of date is pending"
else bad "fact: a completion date after the as-of date is pending"; fi

echo "midyear: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
