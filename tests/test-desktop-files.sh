#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The desktop integration files, checked with the validators the desktops
# and app stores use. One check per run, so that each is its own test:
#
#   test-desktop-files.sh desktop  BUILT.desktop SOURCE_ROOT
#   test-desktop-files.sh metainfo BUILT.metainfo.xml SOURCE_ROOT
#   test-desktop-files.sh service  BUILT.service
#   test-desktop-files.sh schema   BUILT_SCHEMA_DIR SOURCE_ROOT
#   test-desktop-files.sh icons    SOURCE_ROOT
#   test-desktop-files.sh ui       PRELOAD_SHIM UI_DIR
#   test-desktop-files.sh flatpak  MANIFEST
#
# Validators print warnings and still exit 0; the project wants none, so
# every check fails on any error or warning line as well as on the status.
#
# The built files carry the build's application id, LT_APPLICATION_ID
# (com.lockthreat.Support.Devel in a development build, from meson); the
# source files and the Flatpak manifest are named after the release's.
set -eu

app_id=${LT_APPLICATION_ID:?is the application id of the build (tests/meson.build sets it)}
release_id=com.lockthreat.Support
check=$1
shift

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs a validator, shows what it said, fails on a non-zero status or on
# any line matching the pattern $1.
validate () {
  pattern=$1
  shift
  status=0
  output=$("$@" 2>&1) || status=$?
  [ -z "$output" ] || printf '%s\n' "$output"
  [ "$status" -eq 0 ] || fail "$* exited with $status"
  if printf '%s\n' "$output" | grep -Eq "$pattern"; then
    fail "$* reported problems"
  fi
}

case $check in
desktop)
  file=$1 root=$2
  # desktop-file-validate prints nothing for a clean file: anything it says
  # (error, warning or hint) is a finding.
  validate '.' desktop-file-validate "$file"
  [ "$(basename "$file")" = "$app_id.desktop" ] || fail "$(basename "$file") is not named after the app id"
  grep -qx "Icon=$app_id" "$file" || fail "Icon= is not the app id"
  grep -qx 'DBusActivatable=true' "$file" || fail "not DBusActivatable"
  [ -f "$root/data/$release_id.service.in" ] || fail "DBusActivatable without a D-Bus service file"
  # The actions that Exec= runs go to this build's instance.
  if grep '^Exec=gapplication action ' "$file" | grep -qv "^Exec=gapplication action $app_id "; then
    fail "an action's Exec= names another application id than $app_id"
  fi
  for lang in $(sed 's/#.*//' "$root/po/LINGUAS"); do
    grep -q "^Name\[$lang\]=" "$file" || fail "no Name[$lang]: translations were not merged"
    grep -q "^Keywords\[$lang\]=.*;$" "$file" || fail "Keywords[$lang] missing or not ;-terminated"
  done
  # Each desktop action is ActivateAction() on the running application:
  # it must be one of the app's actions.
  for action in $(sed -n 's/^Actions=//p' "$file" | tr ';' ' '); do
    grep -rqE "\"$action\"" "$root/src/app" ||
      fail "desktop action $action is not an action of the application (src/app)"
  done
  ;;

metainfo)
  file=$1 root=$2
  # --no-net: the screenshots' addresses exist only once a release is
  # published; E: errors and W: warnings fail, I: and P: are advice.
  validate '^[EW]:' appstreamcli validate --no-net --explain "$file"
  [ "$(basename "$file")" = "$app_id.metainfo.xml" ] || fail "$(basename "$file") is not named after the app id"
  grep -qx "  <id>$app_id</id>" "$file" || fail "<id> is not the app id"
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$file" ||
    fail "the launchable is not the app id's desktop entry"
  for lang in $(sed 's/#.*//' "$root/po/LINGUAS"); do
    grep -q "<summary xml:lang=\"$lang\">" "$file" ||
      fail "no <summary xml:lang=\"$lang\">: translations were not merged"
  done
  # The screenshots shown in the software centre are the ones in
  # docs/screenshots (make screenshots): each one listed must exist there.
  for image in $(sed -n 's|.*<image>.*/\([^/<]*\)</image>.*|\1|p' "$file"); do
    [ -f "$root/docs/screenshots/$image" ] ||
      fail "screenshot $image is not in docs/screenshots (make screenshots)"
  done
  ;;

service)
  file=$1
  grep -qx '\[D-BUS Service\]' "$file" || fail "no [D-BUS Service] group"
  grep -qx "Name=$app_id" "$file" || fail "Name= is not the app id"
  grep -qE '^Exec=/.*/lockthreat-support --gapplication-service$' "$file" ||
    fail "Exec= does not start the installed application as a D-Bus service"
  ;;

schema)
  built=$1 root=$2
  validate '.' glib-compile-schemas --strict --dry-run "$built"
  # The schema holds every preference the application has, and only
  # those: each key the code reads or writes is declared, and each
  # declared key is used somewhere.
  # Its id and path are the build's application id, so that a development
  # build keeps settings of its own.
  python3 - "$built" "$root" "$app_id" <<'EOF'
import os
import re
import sys
import xml.etree.ElementTree as ET

built, root, app_id = sys.argv[1], sys.argv[2], sys.argv[3]
schemas = ET.parse(os.path.join(built, app_id + '.gschema.xml')).getroot().findall('schema')
problems = []
if [(s.get('id'), s.get('path')) for s in schemas] != [(app_id, '/%s/' % app_id.replace('.', '/'))]:
    problems.append('the schema is not one schema with id %s and path /%s/'
                    % (app_id, app_id.replace('.', '/')))
declared = {key.get('name') for s in schemas for key in s.iter('key')}
used = set()
mentioned = ''
call = re.compile(r'g_settings_(?:get|set|bind|reset|create_action|get_user_value|get_default_value|is_writable)\w*'
                  r'\s*\([^;]*?"([a-z0-9-]+)"', re.S)
for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
    for name in filenames:
        if name.endswith('.c'):
            text = open(os.path.join(dirpath, name), encoding='utf-8').read()
            mentioned += text
            used.update(call.findall(text))
problems += ['the code uses the key “%s”, which the schema does not declare' % k
             for k in sorted(used - declared)]
problems += ['the schema declares “%s”, which no code under src/ uses' % k
             for k in sorted(declared) if '"%s"' % k not in mentioned]
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
  ;;

icons)
  root=$1
  icons=$root/icons/hicolor
  [ -f "$icons/scalable/apps/$app_id.svg" ] || fail "no icon for the build's application id $app_id"
  python3 - "$icons" "$release_id" <<'EOF'
import sys
import xml.etree.ElementTree as ET

icons, release_id = sys.argv[1], sys.argv[2]
SVG = '{http://www.w3.org/2000/svg}'
failed = False

def check(path, size, symbolic):
    global failed
    root = ET.parse(path).getroot()
    problems = []
    if root.get('viewBox') != '0 0 %d %d' % (size, size):
        problems.append('viewBox is not 0 0 %d %d' % (size, size))
    for element in root.iter():
        tag = element.tag.replace(SVG, '')
        if tag == 'image':
            problems.append('embeds a bitmap (<image>)')
        if symbolic and (element.get('stroke') not in (None, 'none') or 'stroke:' in (element.get('style') or '')):
            problems.append('<%s> is stroked: GTK recolours symbolic icons by fill only' % tag)
        if symbolic and tag in ('linearGradient', 'radialGradient'):
            problems.append('symbolic icons are one flat colour')
    for p in problems:
        print('%s: %s' % (path, p))
    failed = failed or bool(problems)

# The release icon and the development build's striped variant.
check('%s/scalable/apps/%s.svg' % (icons, release_id), 128, False)
check('%s/scalable/apps/%s.Devel.svg' % (icons, release_id), 128, False)
check('%s/symbolic/apps/%s-symbolic.svg' % (icons, release_id), 16, True)
sys.exit(1 if failed else 0)
EOF
  # Every named icon the UI asks for must exist in the icon theme GTK
  # falls back to (Adwaita, hicolor) or be shipped in icons/.
  missing=
  for name in $(grep -rhoE '[a-z0-9]+(-[a-z0-9]+)*-symbolic' "$root/ui" "$root/src/app" | sort -u); do
    [ "$name" = "$release_id-symbolic" ] && continue
    if ! find /usr/share/icons/Adwaita /usr/share/icons/hicolor "$icons" \
         -name "$name.svg" -o -name "$name.png" 2>/dev/null | grep -q .; then
      missing="$missing $name"
    fi
  done
  [ -z "$missing" ] || fail "icons the UI uses that neither Adwaita nor icons/ provide:$missing"
  if command -v rsvg-convert >/dev/null; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    for icon in "$release_id" "$release_id.Devel"; do
      for size in 128 64 32; do
        rsvg-convert -w $size -h $size "$icons/scalable/apps/$icon.svg" -o "$out/$size.png" ||
          fail "the app icon $icon does not render at $size px"
      done
    done
  fi
  ;;

ui)
  shim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  ui_dir=$2
  # gtk4-builder-tool knows GTK's types only. The shim, preloaded, brings
  # in libadwaita and the application's widgets (builder-validate-shim.c).
  # Template callbacks and expression closures are static functions of
  # the application: each is pointed at the shim's builder_validate_sink
  # so that the tool checks signal names, types, properties and bindings,
  # while the callbacks themselves are checked by the application's own
  # tests, which instantiate the templates.
  # A shim from a sanitizer build (make asan-test) needs the sanitizer
  # runtime in gtk4-builder-tool, which is not built with it: preloaded
  # first, the tool hangs at start-up. The plain build (make test) checks
  # the same files, so the sanitizer build skips (77).
  if ldd "$shim" | grep -q 'libasan\.so'; then
    echo "SKIP: $(basename "$shim") is built with AddressSanitizer"
    exit 77
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    run="xvfb-run -a"
  else
    run=
  fi
  failed=
  for ui in "$ui_dir"/*.ui; do
    copy=$tmp/$(basename "$ui")
    sed -e 's/handler="[^"]*"/handler="builder_validate_sink"/g' \
        -e 's/\(<closure[^>]*function=\)"[^"]*"/\1"builder_validate_sink"/g' "$ui" > "$copy"
    echo "gtk4-builder-tool validate $ui"
    if ! output=$(GTK_A11Y=none $run env LD_PRELOAD="$shim" gtk4-builder-tool validate "$copy" 2>&1) ||
       printf '%s\n' "$output" | grep -Eq 'CRITICAL|WARNING|ERROR'; then
      printf '%s\n' "$output"
      failed="$failed $(basename "$ui")"
    fi
  done
  [ -z "$failed" ] || fail "invalid:$failed"
  ;;

flatpak)
  manifest=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  # --show-manifest parses the manifest fully; fatal warnings turn unknown
  # keys and wrong types into failures. Nothing is built (no remote here).
  # It runs in a scratch directory: flatpak-builder leaves its state
  # folder (.flatpak-builder) wherever it is started.
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  errors=$scratch/errors
  (cd "$scratch" && G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest") >/dev/null 2>"$errors" ||
    { cat "$errors"; fail "flatpak-builder --show-manifest rejects $manifest"; }
  if [ -s "$errors" ]; then
    cat "$errors"
    fail "flatpak-builder --show-manifest warned about $manifest"
  fi
  python3 - "$manifest" "$release_id" <<'EOF'
import json
import sys

manifest = json.load(open(sys.argv[1], encoding='utf-8'))
app_id = sys.argv[2]
problems = []
args = manifest.get('finish-args', [])

if manifest.get('id', manifest.get('app-id')) != app_id:
    problems.append('the id is not %s' % app_id)
if manifest.get('command') != 'lockthreat-support':
    problems.append('command is not lockthreat-support')
for wanted in ('--share=network', '--socket=wayland', '--socket=fallback-x11', '--device=dri'):
    if wanted not in args:
        problems.append('finish-args lacks %s' % wanted)
for arg in args:
    # Files come through the document portal, the token through the
    # secret portal: no file system and no direct keyring access.
    if arg.startswith('--filesystem=') or arg in ('--socket=x11', '--device=all') \
       or arg == '--talk-name=org.freedesktop.secrets':
        problems.append('finish-args must not have %s' % arg)
app = manifest['modules'][-1]
if app.get('buildsystem') != 'meson':
    problems.append('the last module is not the meson-built app')
for opt in ('-Ddevportal=false', '-Dtests=false'):
    if opt not in app.get('config-opts', []):
        problems.append('the app module lacks %s' % opt)
if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in app.get('sources', [])):
    problems.append('the app is not built from the local tree (type dir, path ..)')
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
  ;;

*)
  fail "unknown check $check"
  ;;
esac
echo "ok: $check"
