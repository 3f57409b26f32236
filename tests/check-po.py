#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every language in po/LINGUAS is completely translated.

The template is extracted afresh from the files in po/POTFILES.in, with
the keywords and format flags of meson's "glib" preset (po/meson.build), so
a string added to the code counts as missing even before anyone ran
`make update-po`. For each language the .po file is merged with that
template in a temporary directory and counted:

  - a message of the template that the .po lacks, or has untranslated or
    fuzzy, fails the check (docs/i18n.md: translations are completed
    before a merge, not after);
  - `msgfmt --check --check-accelerators=_` must accept the .po itself
    (format directives, plural forms, header, one mnemonic where the
    original has one);
  - no message may be cut short by a format macro inside the string
    (xgettext stops at G_GINT64_FORMAT and friends, and the cut message
    never matches at run time).

Usage: check-po.py [--report] SOURCE_ROOT
  --report   print the counts and exit 0 even when incomplete
             (what `make update-po` shows)
"""

import os
import re
import subprocess
import sys
import tempfile

PACKAGE = 'lockthreat-support'

# meson's PRESET_ARGS['glib'] (mesonbuild/modules/i18n.py), as used by
# i18n.gettext(preset: 'glib') in po/meson.build.
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

STATS = re.compile(r'(\d+) translated messages?'
                   r'(?:, (\d+) fuzzy translations?)?'
                   r'(?:, (\d+) untranslated messages?)?')
SHOW_AT_MOST = 15


def run(argv, **kwargs):
    env = dict(os.environ, LC_ALL='C', LANGUAGE='')
    return subprocess.run(argv, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          **kwargs)


def linguas(po_dir):
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        langs = []
        for line in f:
            line = line.split('#', 1)[0]
            langs.extend(line.split())
        return langs


def extract_template(root, tmp):
    pot = os.path.join(tmp, PACKAGE + '.pot')
    result = run(['xgettext', '--package-name=' + PACKAGE,
                  '-f', os.path.join(root, 'po', 'POTFILES.in'),
                  '-D', root, '-k_', '-o', pot] + GLIB_PRESET)
    if result.returncode != 0:
        sys.stdout.write(result.stderr)
        raise SystemExit('xgettext failed')
    return pot, cut_messages(result.stderr)


def cut_messages(warnings):
    """Where xgettext cut a message short at a macro such as
    G_GINT64_FORMAT: such a message can never be translated."""
    cut = []
    for line in warnings.splitlines():
        if 'is not a valid C format string' in line or 'ends in the middle of a directive' in line:
            cut.append(line.split(': warning:')[0])
    return cut


def parse_po(text):
    """The (msgctxt, msgid) of each entry of a PO file, header excluded."""
    entries = []
    current = None
    field = None
    for line in text.splitlines():
        line = line.strip()
        keyword = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if keyword:
            field = keyword.group(1)
            if field in ('msgctxt', 'msgid') and (current is None or 'msgstr' in current):
                if current is not None:
                    entries.append(current)
                current = {}
            current[field if not field.startswith('msgstr') else 'msgstr'] = keyword.group(2)
        elif line.startswith('"') and current is not None and field is not None:
            key = field if not field.startswith('msgstr') else 'msgstr'
            current[key] = current.get(key, '') + line[1:-1]
    if current is not None:
        entries.append(current)
    return [(e.get('msgctxt'), e['msgid']) for e in entries if e.get('msgid')]


def msgids(po_file, *filters):
    """The msgids msgattrib selects from PO_FILE with FILTERS."""
    result = run(['msgattrib', '--no-obsolete'] + list(filters) + [po_file])
    return [(ctxt + ' | ' if ctxt else '') + msgid for ctxt, msgid in parse_po(result.stdout)]


def check_language(root, lang, pot, tmp):
    po = os.path.join(root, 'po', lang + '.po')
    problems = []
    if not os.path.isfile(po):
        return ['po/%s.po does not exist (run `make update-po`)' % lang], (0, 0, 0)

    checked = run(['msgfmt', '--check', '--check-accelerators=_', '-o', os.devnull, po])
    if checked.returncode != 0:
        problems.append('msgfmt --check rejects po/%s.po:\n%s' % (lang, checked.stderr.rstrip()))

    merged = os.path.join(tmp, lang + '.po')
    result = run(['msgmerge', '--quiet', '--no-wrap', '-o', merged, po, pot])
    if result.returncode != 0:
        problems.append('msgmerge failed on po/%s.po:\n%s' % (lang, result.stderr.rstrip()))
        return problems, (0, 0, 0)

    stats = run(['msgfmt', '--statistics', '-o', os.devnull, merged])
    match = STATS.search(stats.stderr)
    translated, fuzzy, untranslated = (int(g or 0) for g in match.groups()) if match else (0, 0, 0)

    for label, filters in (('untranslated or missing', ['--untranslated']),
                           ('fuzzy', ['--only-fuzzy'])):
        ids = msgids(merged, *filters)
        if ids:
            shown = '\n'.join('    ' + i for i in ids[:SHOW_AT_MOST])
            more = '\n    … and %d more' % (len(ids) - SHOW_AT_MOST) if len(ids) > SHOW_AT_MOST else ''
            problems.append('po/%s.po: %d %s:\n%s%s' % (lang, len(ids), label, shown, more))
    return problems, (translated, fuzzy, untranslated)


def main(argv):
    report_only = '--report' in argv
    args = [a for a in argv[1:] if a != '--report']
    if len(args) != 1:
        sys.stderr.write('usage: check-po.py [--report] SOURCE_ROOT\n')
        return 2
    root = args[0]

    failed = False
    with tempfile.TemporaryDirectory(prefix='check-po-') as tmp:
        pot, cut = extract_template(root, tmp)
        total = len(msgids(pot))
        print('%d messages in the template' % total)
        if cut:
            failed = True
            print('xgettext cut these messages short at a format macro (G_GINT64_FORMAT…), '
                  'so they can never be translated; cast the number or format it apart '
                  '(docs/i18n.md):')
            print('\n'.join('    ' + c for c in cut))
        for lang in linguas(os.path.join(root, 'po')):
            problems, (translated, fuzzy, untranslated) = check_language(root, lang, pot, tmp)
            print('%-3s %4d translated, %4d fuzzy, %4d untranslated'
                  % (lang, translated, fuzzy, untranslated))
            for problem in problems:
                print(problem)
            failed = failed or bool(problems)
    if failed and not report_only:
        print('Translations are incomplete: run `make update-po`, translate, '
              'and remove the fuzzy flags (docs/i18n.md).')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
