#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when po/POTFILES.in does not list exactly the files with strings.

A source file with translatable strings that is missing from POTFILES.in
ships untranslated without anyone noticing: xgettext only reads the files
it is told about. So every file under src/ and ui/ that marks a string
(_(), N_(), C_(), NC_(), ngettext, g_dngettext, g_dpgettext2,
translatable="yes") must be listed, and so must the translatable data files
(desktop entry, metainfo, GSettings schema). A listed file that no longer
exists breaks `make update-po`, so that fails too.

Usage: check-potfiles.py [--update] SOURCE_ROOT
  --update   rewrite po/POTFILES.in to list exactly those files (what
             `make update-po` does before extracting the strings)
"""

import os
import re
import sys

# Calls that mark a string for xgettext with the glib preset.
C_MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2|g_dcgettext)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(yes|true|1)"')
# C comments and string literals are blanked before scanning, so that a
# comment that mentions N_() does not count as a translatable string.
C_COMMENT_OR_STRING = re.compile(
    r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
    re.DOTALL)
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml.in')


def c_has_strings(text):
    def blank(match):
        token = match.group(0)
        return '""' if token.startswith('"') else ' '
    return C_MARKERS.search(C_COMMENT_OR_STRING.sub(blank, text)) is not None


def needs_translation(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if path.endswith(('.c', '.h')):
        return c_has_strings(text)
    if path.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    return False


def scan(root):
    found = set()
    for top in ('src', 'ui'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in filenames:
                path = os.path.join(dirpath, name)
                if needs_translation(path):
                    found.add(os.path.relpath(path, root))
    data = os.path.join(root, 'data')
    for name in os.listdir(data):
        if name.endswith(DATA_SUFFIXES):
            found.add(os.path.join('data', name))
    return found


def read_potfiles(root):
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def write_potfiles(root, files):
    path = os.path.join(root, 'po', 'POTFILES.in')
    with open(path, encoding='utf-8') as f:
        header = [line for line in f if line.startswith('#')]
    with open(path, 'w', encoding='utf-8') as f:
        f.writelines(header)
        f.writelines(p + '\n' for p in sorted(files))


def main(argv):
    update = '--update' in argv
    args = [a for a in argv[1:] if a != '--update']
    if len(args) != 1:
        sys.stderr.write('usage: check-potfiles.py [--update] SOURCE_ROOT\n')
        return 2
    root = args[0]
    found = scan(root)
    if update:
        write_potfiles(root, found)
    listed = read_potfiles(root)

    failed = False
    duplicates = sorted({p for p in listed if listed.count(p) > 1})
    gone = sorted(p for p in set(listed) if not os.path.isfile(os.path.join(root, p)))
    missing = sorted(found - set(listed))
    if duplicates:
        failed = True
        print('po/POTFILES.in lists these files more than once:')
        print('\n'.join('  ' + p for p in duplicates))
    if gone:
        failed = True
        print('po/POTFILES.in lists files that do not exist:')
        print('\n'.join('  ' + p for p in gone))
    if missing:
        failed = True
        print('These files have translatable strings but are missing from po/POTFILES.in:')
        print('\n'.join('  ' + p for p in missing))
    if listed != sorted(listed):
        failed = True
        print('po/POTFILES.in is not sorted; keep it sorted so merges stay clean.')
    if failed:
        print('Run `make update-po` to bring po/POTFILES.in up to date.')
        return 1
    print('po/POTFILES.in: %d files, complete' % len(listed))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
