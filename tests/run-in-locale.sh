#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a program in a real locale and language, with the build tree's
# translations:
#
#   run-in-locale.sh LOCALE LOCALEDIR PROGRAM [ARGUMENT…]
#
# LOCALE (such as de_DE.UTF-8) is compiled with localedef into a private
# LOCPATH, so the test needs only the locale sources (Debian's "locales"),
# not a locale generated on the machine. LOCALEDIR is where the compiled
# catalogs are (<build>/po); the program finds it in LTSUPPORT_LOCALEDIR.
set -eu

locale=$1 localedir=$2
shift 2
lang=${locale%%_*}
charmap=${locale#*.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

localedef -i "${locale%%.*}" -f "$charmap" "$tmp/$locale" >&2 ||
  { echo "cannot build the $locale locale (is the locales package installed?)" >&2; exit 1; }

LOCPATH=$tmp LC_ALL=$locale LANGUAGE=$lang LTSUPPORT_LOCALEDIR=$localedir "$@"
