#!/bin/sh
# tests/i18n/run.sh - messages in Chinese and English (docs/i18n.md).
#
#   run.sh INDC_BINARY SOURCE_DIR [--update]
#
#  1. A sample of diagnostics, the summary line and help texts, in both
#     languages, byte for byte against tests/i18n/expected/NAME.{en,zh}
#     (--update rewrites them, for a human to review).
#     The same for problems in actual data (libindrt's loaders, translated
#     through DataSink.translate): bad CSV and JSON files of
#     tests/i18n/data/ against its spec.ind, and a rule test whose given
#     values are refused.
#  2. Coverage: every diagnostic of every golden case (tests/golden/errors
#     and check) is printed in Chinese: its message and hint differ from
#     the English ones.  A message left out of po/zh_CN.po, or built
#     where gettext never sees it, fails here.  Likewise every problem of
#     every bad data file: tests/i18n/data/ and the one-line files below
#     (JSON syntax, values, encodings).
#  3. How the language is chosen: --lang anywhere on the command line,
#     --lang=zh, the locale (LANG, LC_MESSAGES, LC_ALL, LANGUAGE as gettext
#     reads them, zh_CN.UTF-8 working where that locale is not installed),
#     English for C, and a bad --lang.
#  4. Scorecard headings: Chinese by default and for zh locales, English
#     for --lang en and en_* locales; `indc diff` keeps its rule (the
#     specs' keyword language unless --lang says otherwise).
set -u
[ $# -ge 2 ] || { echo "usage: run.sh INDC_BINARY SOURCE_DIR [--update]" >&2; exit 2; }
indc=$1 src=$2 update=0
[ "${3:-}" = --update ] && update=1
case $indc in /*) ;; *) indc=$(pwd)/$indc ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
[ -x "$indc" ] || { echo "run.sh: '$indc' is not an executable" >&2; exit 2; }
exp=$src/tests/i18n/expected
data=$src/tests/i18n/data
golden=$src/tests/golden
seed=$src/specs/tianjin-youth-league-2023
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
unset LANGUAGE LC_MESSAGES LANG
export LC_ALL=C.UTF-8

npass=0 nfail=0
pass() { npass=$((npass + 1)); }
fail() { echo "FAIL $1"; nfail=$((nfail + 1)); }

# --- 1. samples ------------------------------------------------------------
# sample_in DIR NAME LANG COMMAND...: run in DIR (stderr and stdout)
sample_in() {
  dir=$1 name=$2 lang=$3
  shift 3
  (cd "$dir" && "$indc" --lang "$lang" "$@" >"$tmp/s.out" 2>&1)
  echo "exit $?" >>"$tmp/s.out"
  f=$exp/$name.$lang
  if [ $update -eq 1 ]; then cp "$tmp/s.out" "$f"; fi
  if cmp -s "$tmp/s.out" "$f"; then pass; else
    fail "sample $name.$lang"
    diff -u "$f" "$tmp/s.out" | sed 's/^/  /' | head -40
  fi
}
# sample NAME LANG COMMAND...: run in golden/errors
sample() { sample_in "$golden/errors" "$@"; }
for lang in en zh; do
  sample unterminated-string $lang check 001-unterminated-string.ind
  sample syntax $lang check 009-unexpected-token.ind
  sample unknown-unit $lang check 011-unknown-unit.ind
  sample several $lang check 041-several-errors.ind
  sample weights $lang check 034-weights-do-not-add-up.ind
  sample warnings $lang check ../check/001-cost-sum.ind
  sample usage $lang
  sample check-help $lang check --help
  sample run-help $lang run --help
  sample bad-option $lang run --frobnicate
  sample_in "$data" data-rows $lang run spec.ind --actuals rows.csv
  sample_in "$data" data-header $lang run spec.ind --actuals header.csv
  sample_in "$data" data-json $lang run spec.ind --actuals values.json
  sample_in "$data" data-json-syntax $lang run spec.ind --actuals syntax.json
  sample_in "$src/tests/ruletest/data-error" data-ruletest $lang test .
done

# every command's help exists in Chinese (a changed English help text whose
# translation was not updated would come out in English)
for cmd in check fmt import compile disasm run test diff; do
  "$indc" --lang en $cmd --help >"$tmp/h.en" 2>&1
  "$indc" --lang zh $cmd --help >"$tmp/h.zh" 2>&1
  if cmp -s "$tmp/h.en" "$tmp/h.zh" || ! grep -q '用法' "$tmp/h.zh"; then
    fail "help of $cmd is not translated"
  else pass; fi
done

# --- 2. coverage -------------------------------------------------------------
# untranslated LABEL: fail when a line of en.m equals the same line of zh.m
untranslated() {
  same=$(paste -d '\n' "$tmp/en.m" "$tmp/zh.m" | awk 'NR % 2 { e = $0; next } $0 == e { print e }')
  if [ -n "$same" ]; then
    fail "$1: not translated:"
    echo "$same" | sed 's/^/  /'
  else
    pass
  fi
}

# The message of each diagnostic line: "PATH:L:C: SEV: MSG [CODE]" -> MSG,
# "hint: X" / "提示: X" -> X; other lines (quoted source, carets) dropped.
msgs() {
  sed -n -e 's/^[^ ]*:[0-9]*:[0-9]*: [^:]*: \(.*\)$/\1/p' -e 's/^indc: [^:]*: \(.*\)$/\1/p' \
    -e 's/^hint: \(.*\)$/\1/p' -e 's/^提示: \(.*\)$/\1/p' "$1" | sed 's/ \[[EW][0-9]*[^]]*\]$//'
}
ncov=0
for f in "$golden"/errors/*.ind "$golden"/check/*.ind; do
  name=${f##*/}
  case $name in _*) continue ;; esac
  d=${f%/*}
  args=
  [ -f "${f%.ind}.args" ] && args=$(cat "${f%.ind}.args")
  set -f
  # shellcheck disable=SC2086
  (cd "$d" && "$indc" --lang en check $args "$name" 2>"$tmp/en" >/dev/null)
  # shellcheck disable=SC2086
  (cd "$d" && "$indc" --lang zh check $args "$name" 2>"$tmp/zh" >/dev/null)
  set +f
  msgs "$tmp/en" >"$tmp/en.m"
  msgs "$tmp/zh" >"$tmp/zh.m"
  if [ "$(wc -l <"$tmp/en.m")" != "$(wc -l <"$tmp/zh.m")" ]; then
    fail "coverage $name: $(wc -l <"$tmp/en.m") English and $(wc -l <"$tmp/zh.m") Chinese messages"
    continue
  fi
  untranslated "coverage $name"
  ncov=$((ncov + $(wc -l <"$tmp/en.m")))
done
[ $ncov -gt 100 ] || fail "coverage: only $ncov messages compared"

# Data: the message of each problem line "FILE[:L[:C]]: SEV: MSG".
data_msgs() {
  sed -n 's/^[^ :]*\(:[0-9]*\)*: [^ :]*: \(.*\)$/\2/p' "$1"
}
# One-line bad data files: NAME, a tab, the printf format of its bytes.
mkdir "$tmp/data"
while IFS='	' read -r name bytes; do
  # shellcheck disable=SC2059
  printf "$bytes" >"$tmp/data/$name"
done <<'EOF'
comma.json	{"projects": {},}\n
comment.json	{"projects": {}} // 2023\n
colon.json	{"projects" {}}\n
zeros.json	{"projects": {"青年服务热线": {"服务人次": 01}}}\n
newline.json	{"projects": {"青年服务热线": {"服务人次": "1000\n"}}}\n
escape.json	{"projects": {"青年服务热线": {"服务人次": "\\q"}}}\n
hex.json	{"projects": {"青年服务热线": {"服务人次": "\\u12"}}}\n
surrogate.json	{"projects": {"青年服务热线": {"服务人次": "\\udc00"}}}\n
u0000.json	{"projects": {"青年服务热线": {"服务人次": "\\u0000"}}}\n
point.json	{"projects": {"青年服务热线": {"服务人次": 1.}}}\n
exponent.json	{"projects": {"青年服务热线": {"服务人次": 1e}}}\n
minus.json	{"projects": {"青年服务热线": {"服务人次": -}}}\n
literal.json	{"projects": {"青年服务热线": {"服务人次": tru}}}\n
array.json	{"projects": [1 2]}\n
after.json	{"projects": {}} x\n
control.json	{"projects": {"青年服务热线": {"服务人次": "1\t0"}}}\n
unterminated.json	{"projects": {"青年服务热线": {"服务人次": "1000
top-array.json	[]\n
no-projects.json	{}\n
projects-twice.json	{"projects": 1, "projects": 2}\n
spent.json	{"projects": {"青年服务热线": {"执行数": "很多"}}}\n
spent-group.json	{"projects": {"青年服务热线": {"执行数": "1,0000"}}}\n
spent-unit.json	{"projects": {"青年服务热线": {"执行数": "5 公斤"}}}\n
spent-twice.json	{"projects": {"青年服务热线": {"执行数": 5, "执行数": 6}}}\n
decimals.json	{"projects": {"青年服务热线": {"热线运行费": "0.0000000001 元"}}}\n
date.json	{"projects": {"青年服务热线": {"完成时间": "明年"}}}\n
grade.json	{"projects": {"青年服务热线": {"来电者满意度": "达成"}}}\n
band.json	{"projects": {"青年服务热线": {"热线运行": "部分达成:99"}}}\n
score-range.json	{"projects": {"青年服务热线": {"热线运行": "部分达成:99999999999999999999"}}}\n
field-twice.json	{"projects": {"青年服务热线": {"已处置工单": 1, "已处置工单": 2}}}\n
field-group.json	{"projects": {"青年服务热线": {"已处置工单": "1,0"}}}\n
no-indicator.json	{"projects": {"青年服务热线": {"": 2}}}\n
no-project.json	{"projects": {"": {}}}\n
near.json	{"projects": {"青年服务热线": {"覆盖面x": 2}}}\n
utf16.csv	\377\376p\000
nul.csv	project\000
bom.csv	\357\273\277project\377\n
neither.csv	project,\377\377\n
empty.csv	
EOF
ndata=0
for f in "$data"/*.csv "$data"/*.json "$tmp"/data/*; do
  "$indc" --lang en run "$data/spec.ind" --actuals "$f" >/dev/null 2>"$tmp/en"
  "$indc" --lang zh run "$data/spec.ind" --actuals "$f" >/dev/null 2>"$tmp/zh"
  data_msgs "$tmp/en" >"$tmp/en.m"
  data_msgs "$tmp/zh" >"$tmp/zh.m"
  n=$(wc -l <"$tmp/en.m")
  if [ "$n" -eq 0 ] || [ "$n" != "$(wc -l <"$tmp/zh.m")" ]; then
    fail "data coverage ${f##*/}: $n English and $(wc -l <"$tmp/zh.m") Chinese problems"
    continue
  fi
  untranslated "data coverage ${f##*/}"
  ndata=$((ndata + n))
done
# --encoding utf8 on bytes that are not UTF-8
printf 'project,indicator,actual\n\377\n' >"$tmp/utf8.csv"
"$indc" --lang en run "$data/spec.ind" --actuals "$tmp/utf8.csv" --encoding utf8 2>"$tmp/en" >/dev/null
"$indc" --lang zh run "$data/spec.ind" --actuals "$tmp/utf8.csv" --encoding utf8 2>"$tmp/zh" >/dev/null
data_msgs "$tmp/en" >"$tmp/en.m"
data_msgs "$tmp/zh" >"$tmp/zh.m"
if [ -s "$tmp/zh.m" ] && ! cmp -s "$tmp/en.m" "$tmp/zh.m"; then pass; else
  fail "data coverage: invalid UTF-8 (--encoding utf8) not translated"
fi
ndata=$((ndata + $(wc -l <"$tmp/en.m")))
[ $ndata -gt 60 ] || fail "data coverage: only $ndata problems compared"

# --- 3. choosing the language ------------------------------------------------
bad=$golden/errors/011-unknown-unit.ind
"$indc" --lang zh check "$bad" >/dev/null 2>"$tmp/ref.zh"
"$indc" --lang en check "$bad" >/dev/null 2>"$tmp/ref.en"
grep -q '错误' "$tmp/ref.zh" || fail "--lang zh: no 错误 in $(head -1 "$tmp/ref.zh")"
# want LANG WHAT ENV...: indc check with that environment prints ref.LANG
want() {
  l=$1 what=$2
  shift 2
  env -u LC_ALL "$@" "$indc" check "$bad" >/dev/null 2>"$tmp/got"
  if cmp -s "$tmp/got" "$tmp/ref.$l"; then pass; else
    fail "$what: expected the $l messages"
    head -3 "$tmp/got" | sed 's/^/  /'
  fi
}
want zh "LANG=zh_CN.UTF-8" LANG=zh_CN.UTF-8
want zh "LANG=zh_TW.UTF-8" LANG=zh_TW.UTF-8
want zh "LC_MESSAGES=zh_CN.UTF-8" LANG=en_US.UTF-8 LC_MESSAGES=zh_CN.UTF-8
want en "LC_ALL=C over LANG" LC_ALL=C LANG=zh_CN.UTF-8
want zh "LANGUAGE=zh_CN with C.UTF-8" LANG=C.UTF-8 LANGUAGE=zh_CN:en
want en "LANGUAGE ignored under C" LANG=C LANGUAGE=zh_CN
want en "LANG=en_US.UTF-8" LANG=en_US.UTF-8
want en "no locale at all"
env -u LC_ALL LANG=zh_CN.UTF-8 "$indc" --lang en check "$bad" >/dev/null 2>"$tmp/got"
cmp -s "$tmp/got" "$tmp/ref.en" && pass || fail "--lang en over LANG=zh_CN.UTF-8"
"$indc" check --lang zh "$bad" >/dev/null 2>"$tmp/got"
cmp -s "$tmp/got" "$tmp/ref.zh" && pass || fail "--lang after the command"
"$indc" check "$bad" --lang=zh >/dev/null 2>"$tmp/got"
cmp -s "$tmp/got" "$tmp/ref.zh" && pass || fail "--lang=zh at the end"
"$indc" --lang fr check "$bad" >/dev/null 2>"$tmp/got"
rc=$?
[ $rc -eq 2 ] && grep -q -- '--lang must be zh or en' "$tmp/got" && pass ||
  fail "--lang fr: status $rc, $(cat "$tmp/got")"
"$indc" check "$bad" --lang >/dev/null 2>"$tmp/got"
[ $? -eq 2 ] && pass || fail "--lang without a value"

# --- 4. scorecards -----------------------------------------------------------
# heading LANG WHAT ENV...: the first line of the table scorecard
heading() {
  l=$1 what=$2
  shift 2
  env -u LC_ALL "$@" run "$seed" --actuals "$seed/actuals-2023.csv" 2>/dev/null | head -1 >"$tmp/h"
  case $l in zh) w='绩效自评结果' ;; en) w='Performance self-evaluation' ;; esac
  if [ "$(cat "$tmp/h")" = "$w" ]; then pass; else fail "$what: heading '$(cat "$tmp/h")', expected '$w'"; fi
}
heading zh "no locale" "$indc"
heading zh "LANG=C.UTF-8" LANG=C.UTF-8 "$indc"
heading zh "LANG=zh_CN.UTF-8" LANG=zh_CN.UTF-8 "$indc"
heading en "LANG=en_US.UTF-8" LANG=en_US.UTF-8 "$indc"
heading en "--lang en" "$indc" --lang en
heading zh "--lang zh over LANG=en_US" LANG=en_US.UTF-8 "$indc" --lang zh
# indc diff: the specs' keyword language (Chinese here) unless --lang
printf '年度 2023\n项目 "甲" { 预算数 10 万元\n 产出指标 { 数量指标 { 指标 "场次": ≥15 场 } } }\n' >"$tmp/a.ind"
sed 's/≥15/≥20/' "$tmp/a.ind" >"$tmp/b.ind"
env -u LC_ALL LANG=en_US.UTF-8 "$indc" diff "$tmp/a.ind" "$tmp/b.ind" >"$tmp/d1"
"$indc" diff --lang en "$tmp/a.ind" "$tmp/b.ind" >"$tmp/d2"
if grep -q '指标值:' "$tmp/d1" && grep -q 'target:' "$tmp/d2"; then pass; else
  fail "diff: keyword language by default, --lang en overrides"
  cat "$tmp/d1" "$tmp/d2" | sed 's/^/  /'
fi

echo "i18n: $npass passed, $nfail failed"
[ $nfail -eq 0 ]
