#!/usr/bin/env bash
# tests/run-all.sh - the whole test suite, as README.md's second command and
# .ci/run run it: install what is missing (Debian), build with -Werror and
# run every CTest suite, then again under AddressSanitizer+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=()
for p in cmake gcc make flex bison pkg-config; do command -v "$p" >/dev/null || pkgs+=("$p"); done
dpkg -s check >/dev/null 2>&1 || pkgs+=(check)
dpkg -s libutf8proc-dev >/dev/null 2>&1 || pkgs+=(libutf8proc-dev)
dpkg -s libjson-c-dev >/dev/null 2>&1 || pkgs+=(libjson-c-dev)
if [ ${#pkgs[@]} -gt 0 ]; then
  echo "run-all: installing ${pkgs[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null; fi
fi

jobs=$(nproc 2>/dev/null || echo 2)

echo "== build (-Werror) and test"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINDC_WERROR=ON >/dev/null
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs"

echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DINDC_WERROR=ON -DINDC_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
