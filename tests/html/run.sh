#!/usr/bin/env bash
# tests/html/run.sh INDC SRC_DIR [--update]
#
# The HTML scorecard ([REP-HTML] in docs/report.md), byte for byte:
#   seed.html     the seed specs with their year-end data (11 projects:
#                 summary page first), Chinese
#   escape.html   one project whose every name, target and actual holds
#                 markup characters (escape.ind, escape.csv); no summary
# and the properties a golden cannot show by itself: the same input gives
# the same bytes, specs and compiled bytecode give the same page, and the
# page is self-contained (no script, no stylesheet or image link, no URL).
# The page as a browser sees it is tested by render.sh.
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
update=${3:-}
here=$src/tests/html
seed=specs/tianjin-youth-league-2023
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

check seed.html "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format html
check escape.html "$indc" run tests/html/escape.ind --actuals tests/html/escape.csv --format html

# [REP-2] deterministic: a second run gives the same bytes
"$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format html >"$tmp/again" 2>/dev/null
if cmp -s "$tmp/seed.html" "$tmp/again"; then ok deterministic; else bad deterministic; fi

# the page from compiled bytecode is the page from the specs
"$indc" compile -o "$tmp/seed.indb" "$seed" 2>/dev/null
"$indc" run "$tmp/seed.indb" --actuals "$seed/actuals-2023.csv" --format html >"$tmp/indb" 2>/dev/null
if cmp -s "$tmp/seed.html" "$tmp/indb"; then ok bytecode; else bad bytecode; fi

# -o writes the same bytes as stdout
"$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format=html -o "$tmp/out.html" 2>/dev/null
if cmp -s "$tmp/seed.html" "$tmp/out.html"; then ok output-file; else bad output-file; fi

# [REP-HTML] self-contained: nothing is fetched, nothing runs.  An SVG
# namespace URL would be harmless, but the page has no URL at all.
for page in seed.html escape.html; do
  if grep -Eiq '<script|<link|<img|<iframe|<object|src=|url\(|@import|https?:' "$tmp/$page"; then
    bad "self-contained $page"; grep -Eion '<script|<link|<img|<iframe|<object|src=|url\(|@import|https?:' "$tmp/$page" | head -5
  else
    ok "self-contained $page"
  fi
done

# the head every page starts with: UTF-8, language, title
if head -c 200 "$tmp/seed.html" | grep -q '<html lang="zh-CN">' &&
   grep -q '<meta charset="utf-8">' "$tmp/seed.html" &&
   grep -q '<title>绩效自评结果</title>' "$tmp/seed.html"; then
  ok head
else
  bad head
fi

# escaping: the hostile names appear only as text
n=$(grep -c '<script\|<b>\|<i>\|<C>\|</td>"' "$tmp/escape.html")
if [ "$n" -eq 0 ] && grep -q '&lt;script&gt;alert(&#39;项目&#39;)&lt;/script&gt; &amp; &quot;引号&quot;' "$tmp/escape.html"; then
  ok escaping
else
  bad "escaping ($n raw tags)"
fi

# a usage error names html among the formats
"$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --format htm >/dev/null 2>"$tmp/usage"
if grep -q "table, json, csv, md or html" "$tmp/usage"; then ok usage; else bad usage; fi

echo "html: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
