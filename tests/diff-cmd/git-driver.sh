#!/bin/sh
# git-driver.sh INDC - `indc diff --git` as git's external diff driver for
# *.ind (docs/git.md), driven through real git in a temporary repository:
# a changed file, a reformatted one (no semantic change), an added and a
# removed file (git passes /dev/null), a renamed one, and `git log -p`.
# Git calls the driver with seven arguments: path old-file old-hex old-mode
# new-file new-hex new-mode; nine for a rename, new-path and a note added.
# Skipped, with a message, when git is not installed.
set -u
if [ $# -ne 1 ]; then
  echo "usage: git-driver.sh INDC_BINARY" >&2
  exit 2
fi
case $1 in /*) indc=$1 ;; *) indc=$(pwd)/$1 ;; esac
if ! command -v git >/dev/null 2>&1; then
  echo "git-driver: SKIP: git is not installed"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/indc-git-driver.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# no user or system configuration: only what this test sets
HOME=$tmp
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME=indc GIT_AUTHOR_EMAIL=indc@example.invalid
GIT_COMMITTER_NAME=indc GIT_COMMITTER_EMAIL=indc@example.invalid
export HOME GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
  GIT_COMMITTER_EMAIL
fail=0
bad() {
  echo "git-driver: FAIL: $*"
  fail=1
}

repo=$tmp/repo
mkdir "$repo" && cd "$repo" || exit 2
git init -q . || exit 2
# the set-up docs/git.md describes
echo '*.ind diff=ind' >.gitattributes
git config diff.ind.command "'$indc' diff --git"
cp "$here/targets/old.ind" spec.ind
cp "$here/rename/old.ind" other.ind
cp "$here/removed-file/old.ind" gone.ind
git add . && git commit -qm "2023 specs" || exit 2

# 1. a changed file: the semantic diff, under git's --- / +++ header
cp "$here/targets/new.ind" spec.ind
{
  echo "--- a/spec.ind"
  echo "+++ b/spec.ind"
  cat "$here/targets/expected.txt"
} >"$tmp/want"
git --no-pager diff >"$tmp/got" 2>"$tmp/err" || bad "git diff failed: $(cat "$tmp/err")"
cmp -s "$tmp/want" "$tmp/got" || {
  bad "git diff of a changed spec"
  diff -u "$tmp/want" "$tmp/got" | sed 's/^/  /'
}

# 2. reformatted only: no semantic change
cp "$here/reformat-only/new.ind" other.ind
git --no-pager diff -- other.ind >"$tmp/got" 2>"$tmp/err" || bad "git diff failed: $(cat "$tmp/err")"
printf -- '--- a/other.ind\n+++ b/other.ind\n(no semantic change)\n' >"$tmp/want"
cmp -s "$tmp/want" "$tmp/got" || {
  bad "git diff of a reformatted spec"
  diff -u "$tmp/want" "$tmp/got" | sed 's/^/  /'
}

# 3. an added and a removed file: git passes /dev/null for the other side
cp "$here/added-file/new.ind" new.ind
git rm -q gone.ind
git add -A
git --no-pager diff --cached --no-renames -- new.ind gone.ind >"$tmp/got" 2>"$tmp/err" ||
  bad "git diff --cached failed: $(cat "$tmp/err")"
{
  echo "--- a/gone.ind"
  echo "+++ /dev/null"
  cat "$here/removed-file/expected.txt"
  echo "--- /dev/null"
  echo "+++ b/new.ind"
  cat "$here/added-file/expected.txt"
} >"$tmp/want"
cmp -s "$tmp/want" "$tmp/got" || {
  bad "git diff of an added and a removed spec"
  diff -u "$tmp/want" "$tmp/got" | sed 's/^/  /'
}

# 3b. the same with rename detection: gone.ind and new.ind are equal, so
# git calls the driver once, with nine arguments
{
  echo "--- a/gone.ind"
  echo "+++ b/new.ind"
  echo "(无语义变化)"
} >"$tmp/want"
git --no-pager diff --cached -M -- new.ind gone.ind >"$tmp/got" 2>"$tmp/err" ||
  bad "git diff --cached -M failed: $(cat "$tmp/err")"
cmp -s "$tmp/want" "$tmp/got" || {
  bad "git diff of a renamed spec"
  diff -u "$tmp/want" "$tmp/got" | sed 's/^/  /'
}

# 4. the history: git log -p --ext-diff runs the driver for every commit
# (git log and git show use external drivers only when asked)
git commit -qm "2024 specs" || exit 2
git --no-pager log -p --ext-diff --format='commit %s' >"$tmp/got" 2>"$tmp/err" ||
  bad "git log -p failed: $(cat "$tmp/err")"
grep -q '^~ 项目 "青春活动"$' "$tmp/got" || bad "git log -p shows no semantic diff"
grep -q '^    预算数: 20.00 万元 → 18.00 万元$' "$tmp/got" || bad "git log -p misses the budget change"

# 5. git diff --no-ext-diff still gives the text diff
git --no-pager diff --no-ext-diff HEAD~1 -- spec.ind | grep -q '^-  预算数 20.00$' ||
  bad "git diff --no-ext-diff"

[ $fail -eq 0 ] && echo "git-driver: ok (git $(git --version | sed 's/git version //'))"
exit $fail
