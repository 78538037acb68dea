#!/bin/sh
# run.sh INDC - golden tests of `indc fmt` (docs/fmt.md).
#
# For each NAME.ind here, `indc fmt NAME.ind` (run from this directory)
# must print exactly NAME.fmt.expected, and formatting that output again
# must change nothing.  Then the options: --check on messy and canonical
# files, -w in place (permissions kept, nothing left behind), and a file
# with a syntax error (exit 1, diagnostics, file untouched).
# Exit status 1 on any difference, with a unified diff.
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 INDC_BINARY" >&2
  exit 2
fi
case $1 in
  /*) INDC=$1 ;;
  *) INDC=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")" || exit 2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/indc-fmt-golden.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'rm -rf "$TMP"; exit 2' HUP INT PIPE TERM
fail=0
n=0

bad() {
  echo "FAIL: $*"
  fail=1
}

for input in *.ind; do
  name=${input%.ind}
  n=$((n + 1))
  if ! "$INDC" fmt "$input" >"$TMP/out" 2>"$TMP/err"; then
    bad "$input: indc fmt exited with status $?"
    cat "$TMP/err"
    continue
  fi
  if ! diff -u "$name.fmt.expected" "$TMP/out"; then
    bad "$input: output differs from $name.fmt.expected"
    continue
  fi
  cp "$TMP/out" "$TMP/again.ind"
  "$INDC" fmt "$TMP/again.ind" >"$TMP/out2" 2>"$TMP/err"
  diff -u "$TMP/out" "$TMP/out2" || bad "$input: formatting is not idempotent"
done
[ "$n" -gt 0 ] || bad "no *.ind cases found"

# --check: 1 and a message for a messy file, 0 and silence for a canonical one.
cp fullwidth.ind "$TMP/messy.ind"
cp fullwidth.fmt.expected "$TMP/clean.ind"
"$INDC" fmt --check "$TMP/messy.ind" "$TMP/clean.ind" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] || bad "--check on a messy file: exit status is not 1"
grep -qx "would reformat $TMP/messy.ind" "$TMP/err" || bad "--check: no 'would reformat' line"
grep -q clean.ind "$TMP/err" && bad "--check names a canonical file"
[ -s "$TMP/out" ] && bad "--check wrote to stdout"
"$INDC" fmt --check "$TMP/clean.ind" >/dev/null 2>&1 || bad "--check on a canonical file: exit status is not 0"

# -w: rewrites in place, keeps the permissions, leaves no temporary file.
chmod 640 "$TMP/messy.ind"
"$INDC" fmt -w "$TMP/messy.ind" || bad "-w: exit status $?"
diff -u fullwidth.fmt.expected "$TMP/messy.ind" || bad "-w: file not rewritten as expected"
[ "$(stat -c %a "$TMP/messy.ind")" = 640 ] || bad "-w: permissions not kept"
ls -A "$TMP" | grep -q indc-fmt && bad "-w: temporary file left behind"

# A syntax error: diagnostics, exit 1, nothing written, file untouched.
printf '项目 "p" {\n  预算数 = 1\n}\n' >"$TMP/broken.ind"
cp "$TMP/broken.ind" "$TMP/broken.orig"
for opt in "" -w; do
  "$INDC" fmt $opt "$TMP/broken.ind" >"$TMP/out" 2>"$TMP/err"
  [ $? -eq 1 ] || bad "syntax error ($opt): exit status is not 1"
  grep -q 'error' "$TMP/err" || bad "syntax error ($opt): no diagnostic"
  [ -s "$TMP/out" ] && bad "syntax error ($opt): output written"
  cmp -s "$TMP/broken.ind" "$TMP/broken.orig" || bad "syntax error ($opt): file changed"
done

# Usage errors exit 2.
"$INDC" fmt >/dev/null 2>&1; [ $? -eq 2 ] || bad "no files: exit status is not 2"
"$INDC" fmt --check -w x.ind >/dev/null 2>&1; [ $? -eq 2 ] || bad "--check -w: exit status is not 2"
"$INDC" fmt --nope x.ind >/dev/null 2>&1; [ $? -eq 2 ] || bad "unknown option: exit status is not 2"

if [ $fail -eq 0 ]; then
  echo "fmt golden: $n cases passed"
fi
exit $fail
