#!/bin/sh
# Runs a test inside a private D-Bus session bus with a real GNOME Keyring
# (the Secret Service) whose login keyring is new, unlocked and lives in a
# temporary home, so that libsecret's real code path is exercised without
# touching the user's keyring or needing a desktop session.
#
# Usage: run-with-keyring.sh TEST [ARGS...]
#
# Without gnome-keyring-daemon or dbus-run-session the test runs as it is
# and its keyring tests skip, saying so.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

if ! command -v gnome-keyring-daemon >/dev/null 2>&1 ||
   ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "run-with-keyring: gnome-keyring-daemon or dbus-run-session is missing;" \
       "the keyring tests will skip" >&2
  exec "$@"
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/lt-keyring-XXXXXX") || exit 1
export HOME="$home"
export XDG_DATA_HOME="$home/data"
export XDG_CONFIG_HOME="$home/config"
export XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The keyring must not prompt: there is no display.
unset DISPLAY WAYLAND_DISPLAY

# gnome-keyring creates and unlocks the login keyring with the password
# read from stdin; it only guards this throwaway keyring. Its output (the
# control socket's address) would disturb the TAP stream.
dbus-run-session -- sh -c '
  printf "%s" "lt-test-keyring" |
    gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"
' run-with-keyring "$@"
status=$?

rm -rf "$home"
exit $status
