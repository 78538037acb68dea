#!/usr/bin/env bash
# tests/llvm/run.sh INDC SRC_DIR CHECK [LLVM_AS | BUILD_DIR]
#
# The LLVM backend (docs/llvm.md), one CTest test per CHECK:
#   ir        `indc compile --emit=llvm-ir` of the seed, small.ind and
#             tests/c/exprs.ind is accepted by llvm-as (LLVM's parser and
#             verifier), is the same text when compiled twice, and defines
#             no external function but the ABI's indc_eval_*
#   obj       `--emit=obj` of the same specs: exports only indc_eval_*;
#             tests/c/host.c (written for the generated C) links the seed's
#             object instead of the compiled C, with each of gcc and clang,
#             and its hand-worked checks pass; tests/llvm/dump.c, linked
#             once with the generated C and once with the object, prints
#             identical tables and results on many inputs; the host example
#             of docs/c-abi.md prints the output shown there
#   run       `indc run --backend=jit` on the seed equals the VM's goldens
#             (tests/golden/run/*.expected) byte for byte, year end and
#             --as-of 2023-06-30; without its module (indc-llvm.so) the JIT
#             fails with a clear message
#   install   `cmake --install BUILD_DIR` into a temporary prefix: the
#             installed indc finds its installed indc-llvm.so
#   notbuilt  (builds without LLVM) `indc compile --emit=llvm-ir|obj` and
#             `indc run --backend=jit` exit 2 and say the backend is not built
set -u
indc=$(realpath "$1")
src=$(realpath "$2")
what=$3
llvm_as=${4:-llvm-as}
build=${4:-}
here=$src/tests/llvm
seed=specs/tianjin-youth-league-2023
small=tests/golden/run/small.ind
exprs=tests/c/exprs.ind
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

# NAME SPEC KIND OUT: indc compile --emit=KIND -o OUT SPEC
emit() {
  "$indc" compile --emit="$3" -o "$4" "$2" 2>"$tmp/err" || { bad "$1: indc compile --emit=$3"; cat "$tmp/err"; return 1; }
}

check_ir() {
  local n spec
  for n in seed small exprs; do
    spec=${!n}
    emit "$n" "$spec" llvm-ir "$tmp/$n.ll" || continue
    if "$llvm_as" "$tmp/$n.ll" -o "$tmp/$n.bc" 2>"$tmp/err"; then ok "llvm-as $n"
    else bad "llvm-as $n"; head -20 "$tmp/err"; fi
    emit "$n" "$spec" llvm-ir "$tmp/$n.2.ll" || continue
    if cmp -s "$tmp/$n.ll" "$tmp/$n.2.ll"; then ok "deterministic $n"; else bad "deterministic $n"; fi
    local extra
    extra=$(grep '^define ' "$tmp/$n.ll" | grep -v ' internal \| private ' | grep -v '@indc_eval_')
    if [ -z "$extra" ]; then ok "exports $n"; else bad "exports $n: $extra"; fi
  done
}

# The object file of SPEC and the generated C with its header, in $tmp/N.
build_both() {
  local n=$1 spec=$2
  mkdir -p "$tmp/$n"
  emit "$n" "$spec" obj "$tmp/$n/eval.o" &&
    "$indc" compile --emit=c -o "$tmp/$n/eval.c" -H "$tmp/$n/eval.h" "$spec" 2>"$tmp/err"
}

check_obj() {
  local n spec cc flags="-std=c11 -Wall -Wextra -pedantic -Werror"
  for n in seed small exprs; do
    spec=${!n}
    build_both "$n" "$spec" || { bad "build $n"; cat "$tmp/err"; continue; }
    if command -v nm >/dev/null 2>&1; then
      local extra
      extra=$(nm -g --defined-only "$tmp/$n/eval.o" | awk '{print $3}' | grep -v '^indc_eval_')
      if [ -z "$extra" ]; then ok "exports $n"; else bad "exports $n: $extra"; fi
    fi
    cc=$(compilers | head -1)
    cc=${cc:-cc}
    # shellcheck disable=SC2086
    if $cc $flags -I"$tmp/$n" "$here/dump.c" "$tmp/$n/eval.c" -o "$tmp/$n/dump-c" 2>"$tmp/err" &&
      $cc $flags -I"$tmp/$n" "$here/dump.c" "$tmp/$n/eval.o" -o "$tmp/$n/dump-obj" 2>>"$tmp/err" &&
      "$tmp/$n/dump-c" 40 >"$tmp/$n/c.out" && "$tmp/$n/dump-obj" 40 >"$tmp/$n/obj.out"; then
      if cmp -s "$tmp/$n/c.out" "$tmp/$n/obj.out"; then
        ok "dump $n: C and object agree ($(wc -l <"$tmp/$n/c.out") lines)"
      else
        bad "dump $n: C and object differ"; diff "$tmp/$n/c.out" "$tmp/$n/obj.out" | head -20
      fi
    else
      bad "dump $n"; head -30 "$tmp/err"
    fi
  done
  for cc in $(compilers); do
    # shellcheck disable=SC2086
    if $cc $flags -I"$tmp/seed" "$src/tests/c/host.c" "$tmp/seed/eval.o" -o "$tmp/host-$cc" \
      2>"$tmp/err" && "$tmp/host-$cc" >"$tmp/out" 2>&1; then
      ok "tests/c/host.c with the object, $cc"
    else
      bad "tests/c/host.c with the object, $cc"; cat "$tmp/err" "$tmp/out" 2>/dev/null | head -30
    fi
  done
  [ -n "$(compilers)" ] || echo "SKIP host: neither gcc nor clang is installed"
  check_doc
}

# The host example of docs/c-abi.md, linked with small.ind's object.
check_doc() {
  local doc=$src/docs/c-abi.md cc
  awk '/<!-- example: host.c -->/{want=1; next}
       want && /^```c$/{on=1; next} on && /^```$/{exit} on' "$doc" >"$tmp/doc-host.c"
  awk '/<!-- example-output -->/{want=1; next}
       want && /^```text$/{on=1; next} on && /^```$/{exit} on' "$doc" >"$tmp/want"
  [ -s "$tmp/doc-host.c" ] && [ -s "$tmp/want" ] || { bad "doc: example not found in $doc"; return; }
  cc=$(compilers | head -1)
  cc=${cc:-cc}
  if "$cc" -std=c11 -Wall -Wextra -pedantic -Werror -I"$tmp/small" "$tmp/doc-host.c" \
    "$tmp/small/eval.o" -o "$tmp/doc-host" 2>"$tmp/err" && "$tmp/doc-host" >"$tmp/out" &&
    cmp -s "$tmp/out" "$tmp/want"; then
    ok "docs/c-abi.md example with the object"
  else
    bad "docs/c-abi.md example with the object"; cat "$tmp/err"; diff -u "$tmp/want" "$tmp/out" | head -30
  fi
}

# BACKEND NAME EXPECTED ARGS...: indc run --backend=BACKEND ARGS must print EXPECTED.
run_case() {
  local backend=$1 name=$2 want=$3
  shift 3
  local status=0
  "$indc" run "$seed" --actuals "$seed/actuals-2023.csv" --backend="$backend" "$@" \
    >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -ne 0 ]; then bad "run $backend $name: exit $status"; cat "$tmp/err"; return; fi
  if cmp -s "$tmp/out" "$want"; then ok "run $backend $name"
  else bad "run $backend $name"; diff -u "$want" "$tmp/out" | head -30; fi
}

check_run() {
  local g=tests/golden/run
  run_case jit json $g/seed.json.expected --format json
  run_case jit midyear.json $g/seed.midyear.json.expected --format json --as-of 2023-06-30
  run_case jit table $g/seed.table.expected
  run_case jit csv $g/seed.csv.expected --format csv
  run_case jit md $g/seed.md.expected --format md
  run_case jit en.json $g/seed.en.json.expected --format json --lang en
  local status=0
  INDC_LLVM_PLUGIN=/nonexistent/indc-llvm.so "$indc" run "$seed" --actuals \
    "$seed/actuals-2023.csv" --backend=jit >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -eq 1 ] && grep -q "backend jit: cannot load the LLVM backend (indc-llvm.so): " \
    "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "no module"
  else bad "no module (exit $status)"; cat "$tmp/err"; fi
}

check_install() {
  [ -d "$build" ] || { bad "install: no build directory given"; return; }
  cmake --install "$build" --prefix "$tmp/prefix" >/dev/null 2>"$tmp/err" ||
    { bad "install: cmake --install"; cat "$tmp/err"; return; }
  local status=0
  env -u INDC_LLVM_PLUGIN "$tmp/prefix/bin/indc" run "$seed" --actuals "$seed/actuals-2023.csv" \
    --backend=jit --format json >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -eq 0 ] && cmp -s "$tmp/out" tests/golden/run/seed.json.expected; then
    ok "installed indc runs the JIT ($(cd "$tmp/prefix" && find . -name indc-llvm.so))"
  else
    bad "installed indc runs the JIT (exit $status)"; cat "$tmp/err"
  fi
}

# NAME ARGS...: indc ARGS must exit 2 and say that the backend is not built.
not_built() {
  local name=$1 status=0
  shift
  "$indc" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  if [ $status -eq 2 ] &&
    grep -q "the LLVM backend is not built into this indc (configure with LLVM installed)" \
      "$tmp/err"; then
    ok "not built: $name"
  else
    bad "not built: $name (exit $status)"; cat "$tmp/err"
  fi
}

check_notbuilt() {
  not_built "--emit=llvm-ir" compile --emit=llvm-ir -o "$tmp/x.ll" "$small"
  not_built "--emit=obj" compile --emit=obj -o "$tmp/x.o" "$small"
  not_built "--backend=jit" run "$seed" --actuals "$seed/actuals-2023.csv" --backend=jit
  [ ! -e "$tmp/x.ll" ] && [ ! -e "$tmp/x.o" ] && ok "not built: no output" ||
    bad "not built: output written"
}

case $what in
ir) check_ir ;;
obj) check_obj ;;
run) check_run ;;
install) check_install ;;
notbuilt) check_notbuilt ;;
*) echo "usage: run.sh INDC SRC_DIR ir|obj|run|install|notbuilt [LLVM_AS | BUILD_DIR]" >&2; exit 2 ;;
esac
echo "llvm $what: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
