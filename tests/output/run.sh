#!/usr/bin/env bash
# tests/output/run.sh INDC SRC_DIR - no data lost ([SEC-OUTPUT] in
# docs/security.md): `indc fmt -w` and every `-o` write a temporary file
# beside the target and rename it over the target only when all of it was
# written.  When writing fails half-way the old file must stay byte for
# byte, no temporary file may be left behind, and indc must exit non-zero
# with a message that names the file.  Two failures are staged:
#
#   read-only  the directory cannot take new files: a tmpfs remounted
#              read-only (root), else `chattr +i` on the directory (root,
#              on a file system that has it), else chmod a-w (not root)
#   full disk  a 64 KiB tmpfs filled to within 8 KiB (root only)
#
# and writing to a full stdout (/dev/full).  A case that this machine
# cannot stage (no mount permission in a container, say) is skipped with a
# message; the test fails only on a case that ran and lost data.
set -u
indc=$(realpath "$1") src=$(realpath "$2")
export LC_ALL=C
seed=$src/specs/tianjin-youth-league-2023
tmp=$(mktemp -d) || exit 2
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  chattr -i "$tmp"/* 2>/dev/null
  chmod -R u+w "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
npass=0 nfail=0 nskip=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }
skip() { echo "SKIP $1: $2"; nskip=$((nskip + 1)); }

# inputs: a spec that fmt changes (indented by 4, not 2), the seed's data
sed 's/^\( *\)/\1\1/' "$seed/04-league-work.ind" >"$tmp/ugly.ind"
cp "$seed/actuals-2023.csv" "$tmp/actuals.csv"
printf 'the old contents\n' >"$tmp/old"

# expect_kept CASE DIR FILE STATUS: the command failed with a message
# naming FILE, FILE is unchanged (compared with $tmp/before), and DIR
# holds the same names as before ($tmp/names).
expect_kept() {
  local c=$1 dir=$2 file=$3 rc=$4
  if [ "$rc" -eq 0 ]; then fail "$c" "exit status 0 although the write failed"; return; fi
  if [ "$rc" -gt 2 ]; then fail "$c" "crashed (exit status $rc)"; sed 's/^/  /' "$tmp/err"; return; fi
  if ! cmp -s "$tmp/before" "$file"; then fail "$c" "$file changed"; return; fi
  if ! ls -A "$dir" | cmp -s - "$tmp/names"; then
    fail "$c" "files left behind in $dir: $(ls -A "$dir" | tr '\n' ' ')"; return
  fi
  if ! grep -q "$(basename "$file")" "$tmp/err"; then
    fail "$c" "the message does not name the file:"; sed 's/^/  /' "$tmp/err"; return
  fi
  pass "$c ($(head -1 "$tmp/err"))"
}

# run_cases TAG DIR: fmt -w, compile -o and run -o on files in DIR, each of
# which must fail and keep the old file.  DIR holds ugly.ind, out.indb and
# report.txt.
run_cases() {
  local tag=$1 d=$2 rc
  cp "$d/ugly.ind" "$tmp/before"; ls -A "$d" >"$tmp/names"
  "$indc" fmt -w "$d/ugly.ind" >/dev/null 2>"$tmp/err"; rc=$?
  expect_kept "$tag: fmt -w" "$d" "$d/ugly.ind" $rc
  cp "$d/out.indb" "$tmp/before"
  "$indc" compile -Wnone -o "$d/out.indb" "$seed" >/dev/null 2>"$tmp/err"; rc=$?
  expect_kept "$tag: compile -o" "$d" "$d/out.indb" $rc
  cp "$d/report.txt" "$tmp/before"
  "$indc" run -Wnone "$seed" --actuals "$tmp/actuals.csv" --format json -o "$d/report.txt" \
    >/dev/null 2>"$tmp/err"; rc=$?
  expect_kept "$tag: run -o" "$d" "$d/report.txt" $rc
}

populate() { cp "$tmp/ugly.ind" "$1/ugly.ind"; cp "$tmp/old" "$1/out.indb"; cp "$tmp/old" "$1/report.txt"; }

# ---- sanity: the same commands succeed where they can write --------------------
mkdir "$tmp/ok" && populate "$tmp/ok"
if "$indc" fmt -w "$tmp/ok/ugly.ind" 2>"$tmp/err" && ! cmp -s "$tmp/ugly.ind" "$tmp/ok/ugly.ind" &&
   "$indc" compile -Wnone -o "$tmp/ok/out.indb" "$seed" 2>>"$tmp/err" &&
   "$indc" run -Wnone "$seed" --actuals "$tmp/actuals.csv" -o "$tmp/ok/report.txt" 2>>"$tmp/err" &&
   [ "$(ls -A "$tmp/ok" | tr '\n' ' ')" = "out.indb report.txt ugly.ind " ]; then
  pass "writable: fmt -w, compile -o and run -o replace their files"
else
  fail "writable" "the commands did not replace their files"; sed 's/^/  /' "$tmp/err"
fi

# ---- a read-only directory -------------------------------------------------------
ro=$tmp/ro
mkdir "$ro"
how=
if [ "$(id -u)" -eq 0 ]; then
  if mount -t tmpfs -o size=1m tmpfs "$ro" 2>/dev/null; then
    mounts+=("$ro")
    populate "$ro"
    mount -o remount,ro "$ro" 2>/dev/null && how="tmpfs mounted read-only"
  fi
  if [ -z "$how" ]; then
    populate "$ro"
    chattr +i "$ro" 2>/dev/null && how="chattr +i"
  fi
else
  populate "$ro"
  chmod a-w "$ro" && how="chmod a-w"
fi
if [ -n "$how" ] && ! touch "$ro/probe" 2>/dev/null; then
  echo "read-only directory: $how"
  run_cases "read-only directory" "$ro"
else
  rm -f "$ro/probe" 2>/dev/null
  skip "read-only directory" "cannot make a directory read-only here (${how:-no method worked})"
fi

# ---- a full disk -----------------------------------------------------------------------
full=$tmp/full
mkdir "$full"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
  mounts+=("$full")
  populate "$full"
  # fill it, then free 8 KiB: less than any of the outputs (25 to 40 KiB)
  dd if=/dev/zero of="$full/fill" bs=1k 2>/dev/null
  size=$(stat -c %s "$full/fill")
  truncate -s $((size > 8192 ? size - 8192 : 0)) "$full/fill"
  echo "full disk: 64 KiB tmpfs, $(df -k --output=avail "$full" | tail -1 | tr -d ' ') KiB free"
  run_cases "full disk" "$full"
else
  skip "full disk" "cannot mount a small tmpfs here (needs root and mount permission)"
fi

# ---- a full stdout ------------------------------------------------------------------
if [ -w /dev/full ]; then
  for c in "fmt $tmp/ugly.ind" "compile -Wnone -o - $seed" "disasm $tmp/ok/out.indb" \
           "run -Wnone $seed --actuals $tmp/actuals.csv"; do
    # shellcheck disable=SC2086
    "$indc" $c >/dev/full 2>"$tmp/err"; rc=$?
    if [ $rc -ne 0 ] && [ $rc -le 2 ] && grep -q "stdout" "$tmp/err"; then
      pass "full stdout: indc ${c%% *} ($(head -1 "$tmp/err"))"
    else
      fail "full stdout: indc ${c%% *}" "exit status $rc, message: $(head -1 "$tmp/err")"
    fi
  done
else
  skip "full stdout" "no /dev/full"
fi

echo "output: $npass passed, $nfail failed, $nskip skipped"
[ $nfail -eq 0 ]
