#!/usr/bin/env bash
# tests/html/render.sh INDC SRC_DIR
#
# The HTML scorecard as a browser sees it: each page is opened in headless
# Chromium, which writes a screenshot (1280x2000) and the DOM it built.
# The DOM must hold every project's name and total, as the CSV report of
# the same run gives them, one section per project, the summary's links,
# and no element made from a name (escape.html).  The screenshot must be
# a PNG of the window's size.
#
# Exit 77 (CTest: skipped) when Chromium is absent; tests/run-all.sh
# installs it (Debian: chromium, fonts-noto-cjk).  CHROMIUM=path picks
# the browser; INDC_HTML_SHOTS=dir keeps the screenshots to look at.
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
seed=specs/tianjin-youth-league-2023
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
  for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null; then browser=$b; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "SKIP html-render: Chromium not found (Debian: apt-get install chromium fonts-noto-cjk)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
pass=0 fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

# chromium MODE PAGE OUT: a fresh profile per run, nothing from the network
chromium() {
  local profile
  profile=$(mktemp -d "$tmp/profile.XXXXXX")
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
               --disable-component-update --disable-sync "--user-data-dir=$profile")
  if [ "$1" = dom ]; then
    timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$2" >"$3" 2>"$tmp/chromium.err"
  else
    timeout 120 "$browser" "${flags[@]}" "--screenshot=$3" --window-size=1280,2000 "file://$2" \
      >/dev/null 2>"$tmp/chromium.err"
  fi
}

# A PNG of 1280x2000: the signature, then IHDR's width and height.
png_ok() {
  [ -s "$1" ] || return 1
  local head
  head=$(od -An -tx1 -N24 "$1" | tr -d ' \n')
  [ "${head:0:16}" = 89504e470d0a1a0a ] && [ "${head:32:16}" = 00000500000007d0 ]
}

render() { # NAME: screenshot and DOM of $tmp/NAME.html
  local name=$1
  chromium shot "$tmp/$name.html" "$tmp/$name.png"
  if png_ok "$tmp/$name.png" && [ "$(wc -c <"$tmp/$name.png")" -gt 20000 ]; then
    ok "$name screenshot"
  else
    bad "$name screenshot"; tail -5 "$tmp/chromium.err"
  fi
  if [ -n "${INDC_HTML_SHOTS:-}" ]; then mkdir -p "$INDC_HTML_SHOTS" && cp "$tmp/$name.png" "$INDC_HTML_SHOTS/"; fi
  chromium dom "$tmp/$name.html" "$tmp/$name.dom"
  if grep -q '</html>' "$tmp/$name.dom"; then ok "$name dom"; else bad "$name dom"; tail -5 "$tmp/chromium.err"; fi
}

# Every project's name and total, from the CSV of the same run: its rate
# row (预算执行率 / budget execution rate) starts with name and total.
expect_projects() { # NAME CSV: names and totals must be in NAME's DOM
  local name=$1 csv=$2 n=0 missing=0 p=0
  while IFS=, read -r proj total _; do
    p=$((p + 1))
    n=$((n + 1))
    if ! grep -qF "<h2>$proj</h2>" "$tmp/$name.dom" ||
       ! grep -qF "<a href=\"#p$p\">$proj</a>" "$tmp/$name.dom" ||
       ! grep -qF "<div class=\"v\">$total<span" "$tmp/$name.dom"; then
      echo "  not in the rendered page: #$p $proj $total"
      missing=$((missing + 1))
    fi
  done < <(sed '1s/^\xEF\xBB\xBF//' "$csv" | grep -E ',(预算执行率|budget execution rate),' )
  local sections
  sections=$(grep -o '<section class="project" id="p[0-9]*">' "$tmp/$name.dom" | wc -l)
  if [ "$n" -gt 1 ] && [ "$missing" -eq 0 ] && [ "$sections" -eq "$n" ]; then
    ok "$name projects ($n names and totals)"
  else
    bad "$name projects ($n in the CSV, $sections sections, $missing missing)"
  fi
}

run() { # NAME FORMAT ARGS...: the report of the seed specs
  local name=$1 fmt=$2
  shift 2
  "$indc" run "$seed" "$@" --format "$fmt" >"$tmp/$name.$fmt" 2>/dev/null
}

# year end, Chinese
run seed html --actuals "$seed/actuals-2023.csv"
run seed csv --actuals "$seed/actuals-2023.csv"
render seed
expect_projects seed "$tmp/seed.csv"
if grep -qF '<h1>绩效自评结果</h1>' "$tmp/seed.dom" && grep -qF '<section id="summary">' "$tmp/seed.dom"
then ok "seed title and summary"; else bad "seed title and summary"; fi

# mid-year, English: the elapsed share and the lag flag
run mid html --actuals "$seed/actuals-2023-06.csv" --as-of 2023-06-30 --lang en
run mid csv --actuals "$seed/actuals-2023-06.csv" --as-of 2023-06-30 --lang en
render mid
expect_projects mid "$tmp/mid.csv"
if grep -qF 'Performance monitoring (as of 2023-06-30)' "$tmp/mid.dom" &&
   grep -qF '<span class="flag f-lag">lag</span>' "$tmp/mid.dom" &&
   grep -qF '<div class="v">49.59%</div>' "$tmp/mid.dom"
then ok "mid-year elapsed and lag"; else bad "mid-year elapsed and lag"; fi

# escaping: the names stay text in the DOM the browser built
"$indc" run tests/html/escape.ind --actuals tests/html/escape.csv --format html \
  >"$tmp/escape.html" 2>/dev/null
render escape
h2="<h2>&lt;script&gt;alert('项目')&lt;/script&gt; &amp; \"引号\"</h2>"
if ! grep -qE '<script|<b>|<i>|<C>' "$tmp/escape.dom" && grep -qF "$h2" "$tmp/escape.dom"
then ok "escape text"; else bad "escape text"; fi

echo "html-render: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
