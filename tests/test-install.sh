#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `meson install` into a fresh prefix gives a working installation: the
# programs run from there, and the desktop entry, metainfo, schema, icons,
# D-Bus service and translations are where the desktop looks for them.
#
#   test-install.sh SOURCE_ROOT
#
# It configures a build of its own (tests off, plain build type for speed)
# in a temporary directory, so it checks the install rules, not whatever
# the developer's build directory happens to contain.
set -eu

root=$(cd "$1" && pwd)
app_id=com.lockthreat.Support

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

tmp=$(mktemp -d -t lt-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

meson setup "$tmp/build" "$root" --prefix="$prefix" \
  -Dbuildtype=plain -Dtests=false -Ddevelopment=false >"$tmp/setup.log" 2>&1 ||
  { cat "$tmp/setup.log"; fail "meson setup"; }
meson compile -C "$tmp/build" >"$tmp/compile.log" 2>&1 ||
  { tail -50 "$tmp/compile.log"; fail "meson compile"; }
# Without DESTDIR meson runs the post-install steps too: the compiled
# schema and the icon cache are part of a working installation.
meson install -C "$tmp/build" >"$tmp/install.log" 2>&1 ||
  { tail -50 "$tmp/install.log"; fail "meson install"; }

share=$prefix/share
for f in \
    "bin/ltsupport" \
    "share/applications/$app_id.desktop" \
    "share/metainfo/$app_id.metainfo.xml" \
    "share/dbus-1/services/$app_id.service" \
    "share/glib-2.0/schemas/$app_id.gschema.xml" \
    "share/glib-2.0/schemas/gschemas.compiled" \
    "share/icons/hicolor/scalable/apps/$app_id.svg" \
    "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
    "share/locale/de/LC_MESSAGES/lockthreat-support.mo" \
    "share/locale/fr/LC_MESSAGES/lockthreat-support.mo" \
    "share/lockthreat-support/schemas/ticket-list.schema.json" \
    "share/lockthreat-support/schemas/error.schema.json"; do
  [ -f "$prefix/$f" ] || fail "$f is not installed"
  echo "installed: $f"
done

desktop-file-validate "$share/applications/$app_id.desktop" ||
  fail "the installed desktop entry is invalid"
grep -qx "Exec=$prefix/bin/lockthreat-support --gapplication-service" \
  "$share/dbus-1/services/$app_id.service" ||
  fail "the D-Bus service does not start the installed application"

# The programs, as a user would run them: the data they need comes from
# the prefix, nothing from the source or build tree.
export XDG_DATA_DIRS="$share:/usr/local/share:/usr/share"
export XDG_DATA_HOME="$tmp/home/data" XDG_CONFIG_HOME="$tmp/home/config"
export GSETTINGS_BACKEND=memory
unset LTSUPPORT_LOCALEDIR GSETTINGS_SCHEMA_DIR 2>/dev/null || true
cd "$tmp"

version=$(meson introspect --projectinfo "$tmp/build" | python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
out=$("$prefix/bin/ltsupport" --version) || fail "ltsupport --version failed"
echo "$out"
[ "$out" = "ltsupport $version" ] || fail "ltsupport --version printed “$out”"

# Translations come from <prefix>/share/locale.
sh "$root/tests/test-cli-translated.sh" "$prefix/bin/ltsupport"

if [ -x "$prefix/bin/lockthreat-support" ]; then
  out=$("$prefix/bin/lockthreat-support" --help) || fail "lockthreat-support --help failed"
  echo "$out"
  echo "$out" | grep -q -- '--portal' || fail "lockthreat-support --help does not list --portal"
  out=$(LC_ALL=C.UTF-8 LANGUAGE=de "$prefix/bin/lockthreat-support" --help) ||
    fail "LANGUAGE=de lockthreat-support --help failed"
  echo "$out" | grep -q 'Versionsnummer anzeigen und beenden' ||
    fail "lockthreat-support --help is not translated"
else
  fail "lockthreat-support is not installed"
fi

echo "ok: install into $prefix"
