#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes a timer unit from its template: the line "@ON_CALENDAR@" becomes
# one OnCalendar= line per expression that `ltsupport policy on-calendar`
# prints for the bundled policy, so that the vendor's business hours are
# written once, in the policy (docs/cli.md, "Metrics and timers").
#
#   gen-timer.sh LTSUPPORT TEMPLATE OUTPUT
set -eu

ltsupport=$1
template=$2
output=$3

# The bundled policy only: nothing of the builder's own profile or
# settings may leak into a unit that is installed for everyone.
calendar=$(env -u LTSUPPORT_PROFILE -u LTSUPPORT_PORTAL "$ltsupport" policy on-calendar)
[ -n "$calendar" ] || { echo "gen-timer.sh: no business hours in the policy" >&2; exit 1; }

while IFS= read -r line; do
  if [ "$line" = "@ON_CALENDAR@" ]; then
    printf '%s\n' "$calendar" | sed 's/^/OnCalendar=/'
  else
    printf '%s\n' "$line"
  fi
done <"$template" >"$output.tmp"
mv "$output.tmp" "$output"
