#!/usr/bin/env bash
# tests/c/run.sh INDC SRC_DIR CHECK [--update]
#
# The C backend (docs/c-abi.md), one CTest test per CHECK:
#   golden    `indc compile --emit=c -H` of tests/golden/run/small.ind equals
#             small.c.expected and small.h.expected, with the text of the
#             embedded files (between "==== BEGIN" and "==== END") left out:
#             those are copies of runtime/ and compiler/backend/ sources
#   warnings  the generated C of the seed, small.ind, tests/c/exprs.ind and
#             tests/c/shared.ind (functions shared by several indicators)
#             compiles with gcc and clang (each one present) under
#             -std=c11 -Wall -Wextra -pedantic -Werror (and our own warning
#             list), at -O0 and -O2, and exports only indc_eval_* symbols
#   host      tests/c/host.c linked statically with the seed's evaluator,
#             with each compiler; it checks scores worked out by hand
#   doc       the host example of docs/c-abi.md, run against small.ind's
#             evaluator, prints the output shown there
#   run       `indc run --backend=c` on the seed equals the VM's goldens
#             (tests/golden/run/*.expected) byte for byte, year end and
#             --as-of 2023-06-30; no temporary files are left behind; a
#             missing or failing C compiler is a clear error
# --update rewrites the golden files (for a reviewed change).
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
what=$3
update=${4:-}
here=$src/tests/c
seed=specs/tianjin-youth-league-2023
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 2
pass=0 fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

compilers() {
  local cc
  for cc in gcc clang; do command -v "$cc" >/dev/null 2>&1 && echo "$cc"; done
}

# The generated text without the bodies of the embedded files.
strip_embedded() {
  awk '/^\/\* ==== BEGIN /{print; print "   ... (embedded verbatim) ..."; skip=1; next}
       /^\/\* ==== END /{skip=0} !skip' "$1"
}

check_golden() {
  "$indc" compile --emit=c -o "$tmp/small.c" -H "$tmp/small.h" tests/golden/run/small.ind \
    2>"$tmp/err" || { bad "golden: indc compile"; cat "$tmp/err"; return; }
  local f
  for f in small.c small.h; do
    strip_embedded "$tmp/$f" >"$tmp/$f.out"
    [ "$update" = --update ] && cp "$tmp/$f.out" "$here/$f.expected"
    if cmp -s "$tmp/$f.out" "$here/$f.expected"; then ok "golden $f"
    else bad "golden $f"; diff -u "$here/$f.expected" "$tmp/$f.out" | head -60; fi
  done
}

check_warnings() {
  local flags="-std=c11 -Wall -Wextra -pedantic -Werror"
  local ours="-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith -Wcast-qual
              -Wwrite-strings -Wvla -Wformat=2"
  "$indc" compile --emit=c -o "$tmp/seed.c" "$seed" 2>/dev/null || { bad "compile seed"; return; }
  "$indc" compile --emit=c -o "$tmp/small.c" tests/golden/run/small.ind 2>/dev/null ||
    { bad "compile small"; return; }
  "$indc" compile --emit=c -o "$tmp/exprs.c" tests/c/exprs.ind 2>/dev/null ||
    { bad "compile exprs"; return; }
  "$indc" compile --emit=c -o "$tmp/shared.c" tests/c/shared.ind 2>/dev/null ||
    { bad "compile shared"; return; }
  local cc n opt found=0
  for cc in $(compilers); do
    found=1
    for n in seed small exprs shared; do
      for opt in -O0 -O2; do
        # shellcheck disable=SC2086
        if "$cc" $flags $ours $opt -c "$tmp/$n.c" -o "$tmp/$n.o" 2>"$tmp/err"; then
          ok "warnings $cc $opt $n"
        else
          bad "warnings $cc $opt $n"; head -30 "$tmp/err"
        fi
      done
      if command -v nm >/dev/null 2>&1; then
        local extra
        extra=$(nm -g --defined-only "$tmp/$n.o" | awk '{print $3}' | grep -v '^indc_eval_')
        if [ -z "$extra" ]; then ok "exports $cc $n"; else bad "exports $cc $n: $extra"; fi
      fi
    done
  done
  [ $found = 1 ] || echo "SKIP warnings: neither gcc nor clang is installed"
}

check_host() {
  "$indc" compile --emit=c -o "$tmp/eval.c" -H "$tmp/eval.h" "$seed" 2>/dev/null ||
    { bad "compile seed"; return; }
  local cc stream
  for cc in $(compilers); do
    # once as built, once with every result written by streaming stores
    # ([CABI-STREAM]: -DINDC_STREAM_MIN=0; the seed is far below the size)
    for stream in "" -DINDC_STREAM_MIN=0; do
      if "$cc" -std=c11 -Wall -Wextra -pedantic -Werror $stream -I"$tmp" "$here/host.c" \
        "$tmp/eval.c" -o "$tmp/host-$cc" 2>"$tmp/err" && "$tmp/host-$cc" >"$tmp/out" 2>&1; then
        ok "host $cc${stream:+ $stream}"
      else
        bad "host $cc${stream:+ $stream}"; cat "$tmp/err" "$tmp/out" 2>/dev/null | head -30
      fi
    done
  done
  # a C++ host links against the C evaluator (eval.h declares it extern "C")
  local cxx
  for cxx in g++ clang++; do
    command -v "$cxx" >/dev/null 2>&1 || { echo "SKIP host $cxx: not installed"; continue; }
    printf '#include "eval.h"\nint main() { return indc_eval_abi_version() == INDC_ABI_VERSION &&\n  indc_eval_program()->nprojects > 0 ? 0 : 1; }\n' \
      >"$tmp/host.cpp"
    local cc=${cxx%++}
    [ "$cc" = g ] && cc=gcc
    if "$cc" -std=c11 -c "$tmp/eval.c" -o "$tmp/eval-$cc.o" 2>"$tmp/err" &&
      "$cxx" -std=c++17 -Wall -Wextra -pedantic -Werror -I"$tmp" "$tmp/host.cpp" \
        "$tmp/eval-$cc.o" -o "$tmp/host-$cxx" 2>>"$tmp/err" && "$tmp/host-$cxx"; then
      ok "host $cxx"
    else
      bad "host $cxx"; head -20 "$tmp/err"
    fi
  done
}

check_doc() {
  local doc=$src/docs/c-abi.md cc
  awk '/<!-- example: host.c -->/{want=1; next}
       want && /^```c$/{on=1; next} on && /^```$/{exit} on' "$doc" >"$tmp/host.c"
  awk '/<!-- example-output -->/{want=1; next}
       want && /^```text$/{on=1; next} on && /^```$/{exit} on' "$doc" >"$tmp/want"
  [ -s "$tmp/host.c" ] && [ -s "$tmp/want" ] || { bad "doc: example not found in $doc"; return; }
  "$indc" compile --emit=c -o "$tmp/eval.c" -H "$tmp/eval.h" tests/golden/run/small.ind \
    2>/dev/null || { bad "compile small"; return; }
  cc=$(compilers | head -1)
  cc=${cc:-cc}
  if "$cc" -std=c11 -Wall -Wextra -pedantic -Werror -I"$tmp" "$tmp/host.c" "$tmp/eval.c" \
    -o "$tmp/host" 2>"$tmp/err" && "$tmp/host" >"$tmp/out" && cmp -s "$tmp/out" "$tmp/want"; then
    ok "doc example"
  else
    bad "doc example"; cat "$tmp/err"; diff -u "$tmp/want" "$tmp/out" | head -30
  fi
}

# NAME EXPECTED ARGS...: indc run --backend=c ARGS must print EXPECTED.
run_case() {
  local name=$1 want=$2
  shift 2
  local status=0
  mkdir -p "$tmp/t"
  TMPDIR=$tmp/t "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --backend=c "$@" \
    >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -ne 0 ]; then bad "run $name: exit $status"; cat "$tmp/err"; return; fi
  if cmp -s "$tmp/out" "$want"; then ok "run $name"
  else bad "run $name"; diff -u "$want" "$tmp/out" | head -30; fi
  if [ -n "$(ls -A "$tmp/t")" ]; then bad "run $name: left $(ls "$tmp/t")"; fi
}

check_run() {
  local g=tests/golden/run
  run_case json $g/seed.json.expected --format json
  run_case midyear.json $g/seed.midyear.json.expected --format json --as-of 2023-06-30
  run_case table $g/seed.table.expected
  run_case csv $g/seed.csv.expected --format csv
  run_case md $g/seed.md.expected --format md
  run_case en.json $g/seed.en.json.expected --format json --lang en
  local status=0
  CC=/nonexistent/cc "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --backend=c \
    >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -eq 1 ] && grep -q "backend c: no C compiler: cannot run '/nonexistent/cc'" \
    "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "no compiler"
  else bad "no compiler (exit $status)"; cat "$tmp/err"; fi
  status=0
  CC="cc -include /nonexistent/missing.h" "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --backend=c \
    >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -eq 1 ] && grep -q "the C compiler 'cc' failed (exit status" "$tmp/err" &&
    [ "$(wc -l <"$tmp/err")" -gt 1 ]; then ok "compiler fails"
  else bad "compiler fails (exit $status)"; cat "$tmp/err"; fi
}

case $what in
golden) check_golden ;;
warnings) check_warnings ;;
host) check_host ;;
doc) check_doc ;;
run) check_run ;;
*) echo "usage: run.sh INDC SRC_DIR golden|warnings|host|doc|run [--update]" >&2; exit 2 ;;
esac
echo "c $what: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
