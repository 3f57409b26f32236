#!/bin/sh
# The accessibility walk (tests/a11y-walk.py) inside a session bus and an
# X display of its own, as `make test` runs the UI tests: the session bus
# activates at-spi-bus-launcher, whose bus the application and the walk
# share, and nothing of an outer session is read.
#
# Usage: run-a11y-walk.sh BUILDDIR SOURCEDIR
#
# Skips (77) only when Debian's python3-pyatspi / gir1.2-atspi-2.0 are
# missing; the walk needs /usr/bin/python3, which sees Debian's modules.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

builddir=$1
srcdir=$2
python=/usr/bin/python3

if ! "$python" -c 'import gi; gi.require_version("Atspi", "2.0"); import pyatspi' 2>/dev/null; then
  echo "SKIP: python3-pyatspi or gir1.2-atspi-2.0 is missing (.ci/install-deps installs them)"
  exit 77
fi
for program in dbus-run-session xvfb-run; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "run-a11y-walk: $program is missing (.ci/install-deps installs it)" >&2
    exit 1
  fi
done

exec dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
  "$python" "$srcdir/tests/a11y-walk.py" --builddir "$builddir"
