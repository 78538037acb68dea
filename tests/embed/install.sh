#!/usr/bin/env bash
# tests/embed/install.sh BUILD_DIR SRC_DIR: `cmake --install` into a
# temporary prefix, build the embedding host against the installed shared
# library with pkg-config alone, and run it on the seed.
set -eu
build=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/host" "$src/tests/embed/host.c" \
  $(pkg-config --cflags --libs indrt) -pthread -Wl,-rpath,"$tmp/prefix/lib"
ldd "$tmp/host" | grep -q "$tmp/prefix/lib/libindrt.so"
cd "$src"
"$tmp/prefix/bin/indc" compile -o "$tmp/seed.indb" specs/tianjin-youth-league-2023 2>/dev/null
"$tmp/host" "$tmp/seed.indb" specs/tianjin-youth-league-2023/actuals-2023.csv > "$tmp/out.json"
cmp "$tmp/out.json" tests/golden/run/seed.json.expected
# the message catalogue is installed, and the installed indc finds it
# beside itself (../share/locale), not in the build tree
test -f "$tmp/prefix/share/locale/zh_CN/LC_MESSAGES/indc.mo"
mv "$tmp/prefix" "$tmp/moved"
env -u INDC_LOCALEDIR "$tmp/moved/bin/indc" --lang zh check "$tmp/none.ind" 2>"$tmp/zh.err" || true
grep -q '错误' "$tmp/zh.err" || { echo "install: the installed indc does not speak Chinese:"; cat "$tmp/zh.err"; exit 1; }
echo "install: 1 passed, 0 failed"
