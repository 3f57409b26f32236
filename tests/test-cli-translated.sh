#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# ltsupport speaks the user's language and writes dates the user's way.
#
#   test-cli-translated.sh LTSUPPORT [LOCALEDIR]
#
# LOCALEDIR is the build tree's compiled catalogs (<build>/po), which a
# development build reads through LTSUPPORT_LOCALEDIR; an installed
# ltsupport (tests/test-install.sh) is run without it and must find its
# own.
set -eu

ltsupport=$1
if [ $# -ge 2 ]; then
  LTSUPPORT_LOCALEDIR=$2
  export LTSUPPORT_LOCALEDIR
fi

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Messages follow LANGUAGE even in the C.UTF-8 locale (glibc ≥ 2.35).
expect_error () {
  lang=$1 expected=$2
  status=0
  LC_ALL=C.UTF-8 LANGUAGE=$lang "$ltsupport" eligibility 3.x 2>"$tmp/err" || status=$?
  cat "$tmp/err"
  [ "$status" -eq 2 ] || fail "LANGUAGE=$lang: exit status $status, expected 2"
  grep -qF "$expected" "$tmp/err" || fail "LANGUAGE=$lang: the error is not translated"
}
# French puts a no-break space inside guillemets.
nbsp=$(printf '\302\240')
expect_error de '„3.x“ ist keine Versionsnummer'
expect_error fr "«${nbsp}3.x${nbsp}» n’est pas un numéro de version"

# Dates: weekday and month names come from the locale (LC_TIME), their
# order and punctuation from the translation. A German locale is built
# into a private LOCPATH so the test does not depend on the machine's
# generated locales (the locale sources come with Debian's "locales").
localedef -i de_DE -f UTF-8 "$tmp/de_DE.UTF-8" ||
  fail "cannot build the de_DE.UTF-8 locale (is the locales package installed?)"
LOCPATH=$tmp LC_ALL=de_DE.UTF-8 LANGUAGE= "$ltsupport" policy show >"$tmp/out"
cat "$tmp/out"
grep -q '^  Gültig ab: ' "$tmp/out" || fail "LC_ALL=de_DE.UTF-8: the labels are not German"
grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2} \((Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), [0-9]{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) [0-9]{4}\)' "$tmp/out" ||
  fail "LC_ALL=de_DE.UTF-8: dates are not written the German way"

echo "ok: ltsupport in German and French"
