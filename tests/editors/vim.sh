#!/usr/bin/env bash
# tests/editors/vim.sh SRC_DIR
#
# editors/vim as Vim runs it: sample.ind is opened in Vim (batch mode,
# no user configuration) with editors/vim on the runtime path, and the
# syntax group under each TEXT of sample.expect is checked
# (vim_check.vim).  Exit 77 (CTest: skipped) when Vim is absent.
set -u
src=$(realpath "$1")
if ! command -v vim >/dev/null; then
  echo "SKIP editors-vim: vim not found (Debian: apt-get install vim)"
  exit 77
fi
here=$src/tests/editors
out=$(mktemp)
trap 'rm -f "$out"' EXIT
q() { printf "'%s'" "${1//\'/\'\'}"; } # a Vim string literal
vim -Nu NONE -i NONE -es \
  --cmd "let g:rtp = $(q "$src/editors/vim") | let g:sample = $(q "$here/sample.ind") | let g:expect = $(q "$here/sample.expect") | let g:out = $(q "$out")" \
  -S "$here/vim_check.vim" </dev/null
if [ ! -s "$out" ]; then
  echo "FAIL editors-vim: Vim wrote no result"
  exit 1
fi
sed '$d' "$out" | sed 's/^/FAIL /'
last=$(tail -n 1 "$out")      # "N checked, M wrong"
n=${last%% checked*}
wrong=${last#*, }
wrong=${wrong%% wrong*}
echo "editors-vim: $((n - wrong)) passed, $wrong failed"
[ "$wrong" -eq 0 ] && [ "$(wc -l <"$out")" -eq 1 ]
