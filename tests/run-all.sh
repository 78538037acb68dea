#!/usr/bin/env bash
# tests/run-all.sh - the whole test suite, as README.md's second command and
# .ci/run run it: install what is missing (Debian), build with -Werror and
# run every CTest suite, then again under AddressSanitizer+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=()
for p in cmake gcc make flex bison pkg-config; do command -v "$p" >/dev/null || pkgs+=("$p"); done
command -v msgfmt >/dev/null && command -v xgettext >/dev/null || pkgs+=(gettext)
dpkg -s check >/dev/null 2>&1 || pkgs+=(check)
dpkg -s libutf8proc-dev >/dev/null 2>&1 || pkgs+=(libutf8proc-dev)
dpkg -s libjson-c-dev >/dev/null 2>&1 || pkgs+=(libjson-c-dev)
if [ ${#pkgs[@]} -gt 0 ]; then
  echo "run-all: installing ${pkgs[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null; fi
fi

# Optional: a browser for the HTML render test (tests/html/render.sh) with
# fonts for its Chinese text, and Vim for the editor test.  Where the
# install fails those tests are skipped with a message, not failed.
opt=()
command -v chromium >/dev/null || opt+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || opt+=(fonts-noto-cjk)
command -v vim >/dev/null || opt+=(vim)
if [ ${#opt[@]} -gt 0 ]; then
  echo "run-all: installing ${opt[*]} (optional)"
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if ! { "${sudo[@]}" apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${opt[@]}" >/dev/null; }; then
    echo "run-all: could not install ${opt[*]}; html-render and editors-vim may be skipped"
  fi
fi

# The SQL backend (docs/sql.md): SQLite's library is required; libpq and a
# PostgreSQL server (its initdb and pg_ctl) are optional: where they cannot
# be installed, the test sql-postgres is skipped with a message.
sql_req=() sql_opt=()
dpkg -s libsqlite3-dev >/dev/null 2>&1 || sql_req+=(libsqlite3-dev)
dpkg -s libpq-dev >/dev/null 2>&1 || sql_opt+=(libpq-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || sql_opt+=(postgresql)
if [ ${#sql_req[@]} -gt 0 ] || [ ${#sql_opt[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq || true
  if [ ${#sql_req[@]} -gt 0 ]; then
    echo "run-all: installing ${sql_req[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${sql_req[@]}" >/dev/null
  fi
  if [ ${#sql_opt[@]} -gt 0 ]; then
    echo "run-all: installing ${sql_opt[*]} (optional)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${sql_opt[@]}" \
      >/dev/null || echo "run-all: could not install ${sql_opt[*]}; sql-postgres may be skipped"
  fi
fi

# Optional: LLVM and the clang of the same version, for the LLVM backend
# (docs/llvm.md).  Where the install fails indc is built without it, and
# the llvm tests check that it says so.
llvm=()
ls -d /usr/lib/llvm-*/lib/cmake/llvm >/dev/null 2>&1 || llvm+=(llvm-dev)
command -v clang >/dev/null || llvm+=(clang)
if [ ${#llvm[@]} -gt 0 ]; then
  echo "run-all: installing ${llvm[*]} (optional)"
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  if ! { "${sudo[@]}" apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${llvm[@]}" >/dev/null; }; then
    echo "run-all: could not install ${llvm[*]}; the LLVM backend is not built"
  fi
fi

jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (-Werror) and test"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINDC_WERROR=ON >/dev/null
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs"

echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DINDC_WERROR=ON -DINDC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
# (the 100 MB linear-time test is left to the optimised build above)
# LSAN_OPTIONS=use_tls=0: LeakSanitizer (gcc 12, glibc 2.36) can crash at
# exit while walking the dynamic TLS of a dlopen'ed library, which
# `--backend=jit` loads (indc-llvm.so, libLLVM): "Tracer caught signal 11",
# with a DTLS range at a garbage address, depending on memory layout.  Not
# scanning TLS as a root can only add false leak reports, never hide one;
# tests/lsan.supp names the third-party libraries that would give them.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=use_tls=0:suppressions="$PWD/tests/lsan.supp" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE slow

# Hostile input (docs/security.md).  Both steps are skipped, with a
# message, where their tool is missing, so the script works without them.
echo "== end-to-end commands under valgrind memcheck (the build without sanitizers)"
if command -v valgrind >/dev/null; then
  tests/valgrind/run.sh build-ci/compiler/indc .
else
  echo "run-all: valgrind not installed; skipped (Debian: apt-get install valgrind)"
fi

echo "== fuzzing: each libFuzzer target for 60 s (clang, -DINDC_FUZZ=ON)"
if command -v clang >/dev/null; then
  CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINDC_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzz_all
  tests/fuzz/run-fuzzers.sh -t 60 -j "$jobs" build-fuzz
else
  echo "run-all: clang not installed; fuzzing skipped (the corpora were replayed by CTest above)"
fi

echo "== build and test without the LLVM backend (-DINDC_WITH_LLVM=OFF)"
cmake -S . -B build-nollvm -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINDC_WERROR=ON \
  -DINDC_WITH_LLVM=OFF >/dev/null
cmake --build build-nollvm -j"$jobs"
# everything that can tell whether LLVM is built; the long differential,
# limit and linear-time runs are not repeated here
ctest --test-dir build-nollvm --output-on-failure -j"$jobs" -LE "diff|slow|limits"
