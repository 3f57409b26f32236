#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The systemd units of data/systemd as `meson install` places them:
# `systemd-analyze verify` passes on each (in the installed tree, where
# their ExecStart= program exists), the system service's sandboxing keeps
# `systemd-analyze security` at "OK", the timers run in the vendor's
# business hours (the bundled policy's, as `ltsupport policy on-calendar`
# prints them) and catch up on missed runs. A broken copy of a unit must
# fail the same verification, so that it is known to be able to fail.
#
#   check-systemd-units.sh BUILD_DIR
set -eu

build=$(cd "$1" && pwd)

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

tmp=$(mktemp -d -t lt-systemd.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root

meson install -C "$build" --destdir "$root" --no-rebuild >"$tmp/install.log" 2>&1 ||
  { tail -30 "$tmp/install.log"; fail "meson install --destdir"; }
prefix=$(meson introspect --buildoptions "$build" |
  /usr/bin/python3 -c 'import json, sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')

# The units the installed ones refer to (timers.target, network-online.target…)
# come from the host, into the tree that --root reads.
mkdir -p "$root/usr/lib/systemd/system"
cp /lib/systemd/system/*.target "$root/usr/lib/systemd/system/"

verify () {
  # systemd 252 prints problems on stderr and may still exit 0 for some
  # of them: both count.
  if ! systemd-analyze verify --root="$root" "$@" >"$tmp/verify.log" 2>&1 ||
     [ -s "$tmp/verify.log" ]; then
    cat "$tmp/verify.log" >&2
    return 1
  fi
}

units=""
for kind in user system; do
  for unit in lockthreat-support-sync.service lockthreat-support-sync.timer; do
    path=$(find "$root$prefix/lib" -path "*/systemd/$kind/$unit" | head -n 1)
    [ -n "$path" ] || fail "$kind unit $unit is not installed"
    units="$units ${path#"$root"}"
  done
  # User units are verified as system units: `--user` cannot take --root
  # in systemd 252, and what is checked (syntax, the program, the units
  # named) is the same.
  dir=$(dirname "$path")
  verify "${dir#"$root"}/lockthreat-support-sync.service" "${dir#"$root"}/lockthreat-support-sync.timer" ||
    fail "systemd-analyze verify: the $kind units"
  echo "verified: ${dir#"$root"}"

  timer=$root${dir#"$root"}/lockthreat-support-sync.timer
  grep -qx 'Persistent=true' "$timer" || fail "the $kind timer does not catch up (Persistent=true)"
  # The hours are the policy's, not typed into the unit.
  "$root$prefix/bin/ltsupport" policy on-calendar | sed 's/^/OnCalendar=/' >"$tmp/expected"
  grep '^OnCalendar=' "$timer" >"$tmp/actual" || true
  cmp -s "$tmp/expected" "$tmp/actual" ||
    { diff "$tmp/expected" "$tmp/actual" >&2 || true; fail "the $kind timer's OnCalendar= lines"; }
  while IFS= read -r line; do
    systemd-analyze calendar "${line#OnCalendar=}" >/dev/null ||
      fail "systemd-analyze calendar refuses “${line#OnCalendar=}”"
  done <"$tmp/actual"
done

# R3's default hours: every quarter of an hour 08:00–17:00 Monday to
# Friday in Indianapolis. From Saturday 5 December 2026, noon there, the
# next run is Monday 08:00 (13:00 UTC, EST); from Monday 16:50, 17:00.
grep -qx 'OnCalendar=Mon..Fri \*-\*-\* 08..16:00,15,30,45:00 America/Indiana/Indianapolis' "$timer" ||
  fail "the system timer does not run in R3's business hours"
next_run () {
  sed -n 's/^OnCalendar=//p' "$timer" >"$tmp/expressions"
  first=""
  while IFS= read -r expression; do
    at=$(TZ=UTC systemd-analyze calendar --base-time="$1" "$expression" |
      sed -n 's/^ *Next elapse: //p')
    [ -z "$first" ] || [ "$(date -u -d "$at" +%s)" -lt "$(date -u -d "$first" +%s)" ] && first=$at
  done <"$tmp/expressions"
  echo "$first"
}
next=$(next_run '2026-12-05 17:00:00 UTC')
[ "$next" = "Mon 2026-12-07 13:00:00 UTC" ] || fail "next run after Saturday noon: “$next”"
next=$(next_run '2026-12-07 21:50:00 UTC')
[ "$next" = "Mon 2026-12-07 22:00:00 UTC" ] || fail "next run after Monday 16:50: “$next”"
echo "next runs: Monday 08:00 after a Saturday, 17:00 after 16:50"

# The system service's sandboxing.
service=$(echo "$units" | tr ' ' '\n' | grep '/system/lockthreat-support-sync.service$')
systemd-analyze security --offline=true --root="$root" --threshold=20 "$service" >"$tmp/security.log" 2>&1 ||
  { cat "$tmp/security.log" >&2; fail "systemd-analyze security: exposure above 2.0"; }
tail -n 1 "$tmp/security.log"

# The check itself can fail: a program that does not exist, and a key
# that does not.
broken_dir=$root$prefix/lib/systemd/broken
mkdir -p "$broken_dir"
# (Another name: verify would load the installed unit of the same name.)
sed 's#^ExecStart=.*#ExecStart=/nonexistent/ltsupport sync#' "$root$service" \
  >"$broken_dir/lockthreat-support-broken.service"
if verify "${broken_dir#"$root"}/lockthreat-support-broken.service" 2>/dev/null; then
  fail "systemd-analyze verify passed a service whose program does not exist"
fi
sed 's#^Type=oneshot#Type=oneshot\nExecStratPost=/bin/true#' "$root$service" \
  >"$broken_dir/lockthreat-support-typo.service"
if verify "${broken_dir#"$root"}/lockthreat-support-typo.service" 2>/dev/null; then
  fail "systemd-analyze verify passed a service with a misspelt key"
fi
echo "broken units are refused"
