#!/bin/sh
# po/update.sh - keep the message catalogues in step with the sources
# (docs/i18n.md).  The one place that knows how messages are marked.
#
#   po/update.sh pot   [SRC]  extract every message into po/indc.pot
#   po/update.sh merge [SRC]  merge po/indc.pot into every po/LANG.po
#   po/update.sh check [SRC]  fail when a message of the sources has no
#                             translation (or a fuzzy one) in a LANG.po
#
# Messages are marked by _() and N_() (support/i18n.h), by i18n_plural()
# and the import's P() for plurals, and by being the format argument of the
# diagnostic functions, which translate it themselves (diag_report,
# diag_note, diag_hint, lex_error, imp_warn, imp_error, imp_fail).
#
# libindrt's data loaders (runtime/data/*.c) have no gettext: their
# messages go through the load's translate callback (data_msg.h), and are
# marked by DATA_N_() and by being the format (or, for json_expected, the
# text) argument of their reporting functions: bind_report, val_fail,
# csv_problem, json_fail, json_fail_at, json_expected, enc_fail.
set -eu
mode=${1:?usage: po/update.sh pot|merge|check [SRC]}
src=${2:-$(dirname "$0")/..}
cd "$src"

extract() { # $1: output .pot
  { find compiler -name '*.c'; echo grammar/lexer.l; ls runtime/data/*.c; } | LC_ALL=C sort |
    xgettext --files-from=- --output="$1" --language=C --from-code=UTF-8 \
      --package-name=indc --no-location --sort-output --add-comments=TRANSLATORS: \
      --exclude-file=po/exclude.pot \
      --keyword=_ --keyword=N_ --keyword=i18n_plural:1,2 --keyword=P:1,2 \
      --keyword=diag_report:4 --keyword=diag_note:3 --keyword=diag_hint:2 \
      --keyword=lex_error:5 --keyword=imp_warn:3 --keyword=imp_error:3 --keyword=imp_fail:4 \
      --keyword=bad_setting:3 --keyword=bad_count:3 --keyword=dup_attr:4 \
      --flag=diag_report:4:c-format --flag=diag_note:3:c-format --flag=diag_hint:2:c-format \
      --flag=lex_error:5:c-format --flag=imp_warn:3:c-format --flag=imp_error:3:c-format \
      --flag=imp_fail:4:c-format \
      --keyword=DATA_N_ --keyword=bind_report:4 --keyword=val_fail:2 --keyword=csv_problem:5 \
      --keyword=json_fail:2 --keyword=json_fail_at:4 --keyword=json_expected:2 --keyword=enc_fail:2 \
      --flag=bind_report:4:c-format --flag=val_fail:2:c-format --flag=csv_problem:5:c-format \
      --flag=json_fail:2:c-format --flag=json_fail_at:4:c-format --flag=enc_fail:2:c-format
}

case $mode in
pot)
  extract po/indc.pot
  ;;
merge)
  for po in po/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-location --sort-output \
      "$po" po/indc.pot
    msgattrib --no-obsolete --no-location --sort-output -o "$po" "$po"
  done
  ;;
check)
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  extract "$tmp/indc.pot"
  bad=0
  for po in po/*.po; do
    # every msgid of the sources is in the catalogue ...
    if ! msgcmp --use-untranslated "$po" "$tmp/indc.pot" 2>"$tmp/cmp"; then
      echo "$po: messages of the sources missing from it (po/update.sh pot && po/update.sh merge):"
      sed 's/^/  /' "$tmp/cmp" | head -40
      bad=1
    fi
    # ... translated, and not fuzzy
    n=$(msgattrib --untranslated --only-fuzzy "$po" 2>/dev/null | grep -c '^msgid ' || true)
    u=$(msgattrib --untranslated "$po" | grep -c '^msgid ' || true)
    f=$(msgattrib --only-fuzzy "$po" | grep -c '^msgid ' || true)
    # msgattrib prints the header entry (msgid "") too when it prints anything
    [ "$u" -gt 0 ] && u=$((u - 1))
    [ "$f" -gt 0 ] && f=$((f - 1))
    if [ "$u" -gt 0 ] || [ "$f" -gt 0 ]; then
      echo "$po: $u untranslated and $f fuzzy messages:"
      msgattrib --untranslated "$po" | grep '^msgid ' | sed 1d | head -20
      msgattrib --only-fuzzy "$po" | grep '^msgid ' | sed 1d | head -20
      bad=1
    fi
    : "$n"
    msgfmt --check --output-file=/dev/null "$po" || bad=1
  done
  exit $bad
  ;;
*)
  echo "usage: po/update.sh pot|merge|check [SRC]" >&2
  exit 2
  ;;
esac
