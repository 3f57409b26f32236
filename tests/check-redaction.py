#!/usr/bin/python3
# check-redaction.py: scores a redaction of the bundle corpus against its
# answer key (docs/bundle.md, "Test corpus").
#
#   check-redaction.py [--json] [--marker FORMAT] [--also OUTPUTS2…] CORPUS KEY OUTPUTS MAPPING
#   check-redaction.py --validate-key CORPUS KEY
#   check-redaction.py --rewrite-key CORPUS KEY
#
# CORPUS: tests/data/bundle/corpus; KEY: tests/data/bundle/answer-key.json;
# OUTPUTS: a folder with one redacted copy of every corpus file at the same
# relative path (a compressed "x.log.1.gz" may come out compressed under
# its own name or as plain text under "x.log.1"; anything else in the
# folder, MANIFEST.json say, is scanned for leaks too); MAPPING: the
# private mapping, either {"original": "replacement", …} or the profile's
# {"version": 1, "tables": {"host": {"entries": {…}}, "ipv4-net": …}}
# (lt_redaction_map_to_json(): an IPv4 address's replacement is its /24's
# and its host byte; MACs with colons, IPv6 addresses compressed).
# FORMAT: a secret's marker, "{kind}" standing for the kind. --also: a
# second bundle of the corpus made with the same profile, checked the
# same way against the same mapping (consistency across bundles).
#
# It checks, and names every fault it finds:
#   recall       every planted secret and identity is gone from its file
#                (100 % per kind, the acceptance bar);
#   over         what is not an identity (versions, times, UUIDs, paths…,
#                the "keep" list of each file) is still there;
#   control      the clean control files come out byte for byte;
#   mapping      every planted identity has a mapping entry, and no two
#                originals share a replacement;
#   consistency  an identity's replacement appears in every file the
#                identity was planted in (the same host is the same name
#                everywhere);
#   leak         no original (of the key or of the mapping) appears in any
#                output file, whichever: the mapping never enters the
#                bundle;
#   missing      every corpus file has an output;
#   marker       (with --marker) each planted secret left a marker naming
#                its kind.
# Exit status: 0 all met, 1 a fault, 2 usage error or a key that does not
# describe the corpus (--validate-key checks only that; --rewrite-key works
# the key's occurrences and counts out again, see rewrite_key()).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import gzip
import ipaddress
import json
import os
import sys

SECRET_KINDS = ['private-key', 'connection-string', 'aws-access-key',
                'aws-secret-key', 'jwt', 'bearer-token', 'api-token',
                'password']
IDENTITY_KINDS = ['hostname', 'fqdn', 'ipv4', 'ipv6', 'mac', 'email', 'user',
                  'keyword', 'regex']
# Names and addresses compare without case (a host written DB01 once is
# still db01); secrets and user names are compared exactly.
CASELESS_KINDS = {'hostname', 'fqdn', 'email', 'mac', 'keyword', 'regex'}


def read_text(path):
    """A corpus or output file as text: gzip read through."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    return data.decode('utf-8', errors='surrogateescape')


def _word(c):
    return c.isalnum() or c == '_'


def is_token_at(text, start, end):
    """Whether text[start:end] stands as a whole token: not glued to a
    letter, digit or underscore, nor continued by a dot or dash that a
    longer name goes on after ("web01" is not in "web01.example.com",
    "192.0.2.1" is not in "192.0.2.17")."""
    if start > 0:
        before = text[start - 1]
        if _word(before):
            return False
        if before in '.-' and start > 1 and _word(text[start - 2]):
            return False
    if end < len(text):
        after = text[end]
        if _word(after):
            return False
        if after in '.-' and end + 1 < len(text) and _word(text[end + 1]):
            return False
    return True


def find_tokens(text, needle, caseless):
    """Start offsets (in characters) of @needle in @text as a whole token."""
    hay = text.lower() if caseless else text
    pin = needle.lower() if caseless else needle
    found = []
    i = hay.find(pin)
    while i >= 0:
        if is_token_at(hay, i, i + len(pin)):
            found.append(i)
        i = hay.find(pin, i + 1)
    return found


def contains(text, needle, kind):
    """Whether @needle of @kind is in @text: secrets as plain substrings
    (they are long and random), identities as whole tokens."""
    if kind in SECRET_KINDS:
        return needle in text
    return bool(find_tokens(text, needle, kind in CASELESS_KINDS))


def fragments(item):
    """What must not survive of an item: a multi-line private key is gone
    when none of its body lines is left."""
    return item.get('fragments') or [item['text']]


def locate_byte(data, offset, text, caseless=False):
    """(line, column in characters, offset) of @text at byte @offset of
    @data, or (None, None, None) when it is not there."""
    needle = text.encode('utf-8', errors='surrogateescape')
    there = data[offset:offset + len(needle)]
    if (there.lower() != needle.lower()) if caseless else (there != needle):
        return None, None, None
    line = data.count(b'\n', 0, offset) + 1
    start = data.rfind(b'\n', 0, offset) + 1
    column = len(data[start:offset].decode('utf-8', errors='surrogateescape')) + 1
    return line, column, offset


def spans(items):
    """[start, end) byte spans of every listed occurrence of @items."""
    return [(occ['offset'], occ['offset'] + len(i['text'].encode('utf-8', errors='surrogateescape')))
            for i in items for occ in i['occurrences']]


def unlisted_occurrences(text, data, item, items):
    """Byte offsets where @item's text stands as a token in the file
    without being listed, outside every other listed item (an e-mail
    address holds its user name; a private key its lines' prefixes)."""
    listed = {occ['offset'] for occ in item['occurrences']}
    taken = spans(items)
    needle_len = len(item['text'].encode('utf-8', errors='surrogateescape'))
    for start in find_tokens(text, item['text'], item['kind'] in CASELESS_KINDS):
        offset = byte_offset(text, start)
        if offset in listed:
            continue
        if any(a <= offset and offset + needle_len <= b for a, b in taken):
            continue
        yield offset


def byte_offset(text, offset):
    return len(text[:offset].encode('utf-8', errors='surrogateescape'))


def validate_key(corpus, key):
    """Problems with @key as a description of @corpus (empty: it is exact):
    every file listed and present, every item where the key says, with
    every token occurrence of its text listed."""
    problems = []
    on_disk = set()
    for root, _dirs, files in os.walk(corpus):
        for name in files:
            on_disk.add(os.path.relpath(os.path.join(root, name), corpus))
    listed = set(key['files'])
    for rel in sorted(on_disk - listed):
        problems.append(f'{rel}: in the corpus but not in the key')
    for rel in sorted(listed - on_disk):
        problems.append(f'{rel}: in the key but not in the corpus')
    controls = sorted(rel for rel, entry in key['files'].items() if entry.get('control'))
    if sorted(key.get('unchanged', [])) != controls:
        problems.append(f"unchanged lists {sorted(key.get('unchanged', []))}, the control files are {controls}")
    kinds = set(SECRET_KINDS) | set(IDENTITY_KINDS)
    for rel in sorted(listed & on_disk):
        entry = key['files'][rel]
        text = read_text(os.path.join(corpus, rel))
        data = text.encode('utf-8', errors='surrogateescape')
        if entry.get('control'):
            if entry.get('items'):
                problems.append(f'{rel}: a control file with planted items')
            continue
        for item in entry.get('items', []):
            if item['kind'] not in kinds:
                problems.append(f"{rel}: unknown kind {item['kind']!r}")
                continue
            for occ in item['occurrences']:
                line, column, offset = locate_byte(data, occ['offset'], item['text'],
                                                   item['kind'] in CASELESS_KINDS)
                if offset is None:
                    problems.append(f"{rel}: {item['text'][:40]!r} is not at byte {occ['offset']}")
                elif (occ['line'], occ['column']) != (line, column):
                    problems.append(f"{rel}: {item['text'][:40]!r} at byte {offset} is line {line}, "
                                    f"column {column}, not {occ['line']}, {occ['column']}")
            if item['kind'] in IDENTITY_KINDS:
                for offset in unlisted_occurrences(text, data, item, entry['items']):
                    line, column, _ = locate_byte(data, offset, item['text'], True)
                    occ = json.dumps({'line': line, 'column': column, 'offset': offset})
                    problems.append(f"{rel}: {item['text']!r} is also at {occ}, not listed")
            for frag in fragments(item):
                if not contains(text, frag, item['kind']):
                    problems.append(f"{rel}: fragment {frag!r} of a {item['kind']} is not in the file")
        for keep in entry.get('keep', []):
            if len(find_tokens(text, keep['text'], False)) < keep['count']:
                problems.append(f"{rel}: fewer than {keep['count']} of {keep['text']!r} to keep")
    return problems


class Mapping:
    """The private mapping: {original: replacement} per table. The tables
    of networks (the profile's "ipv4-net", "ipv6-net": "10.0.3" →
    "240.0.0") are parts of replacements, not names: they make an
    address's replacement and are not looked for in the outputs."""

    def __init__(self, path):
        with open(path, encoding='utf-8') as f:
            data = json.load(f)
        self.tables = {}
        if isinstance(data, dict) and isinstance(data.get('tables'), dict):
            for name, table in data['tables'].items():
                self.tables[name] = dict(table.get('entries', {}))
        elif isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
            self.tables[''] = dict(data)
        else:
            raise ValueError(f'{path}: neither {{original: replacement}} nor {{"tables": …}}')
        self.whole = {}
        self.caseless = {}
        self.used = set()
        self.nets = {}
        for name, entries in self.tables.items():
            for original, replacement in entries.items():
                if name.endswith('-net'):
                    self.nets[original.lower()] = replacement
                    continue
                self.whole[original] = replacement
                self.caseless.setdefault(original.lower(), replacement)

    def originals(self):
        """(original, compared without case) of every name the mapping
        holds."""
        for name, entries in self.tables.items():
            if not name.endswith('-net'):
                for original in entries:
                    yield original, name not in ('user', '')

    def unused(self):
        """Names the mapping holds that no planted identity looked up:
        either found beyond the key (a domain, a user the key does not
        plant) or a word taken for a name: for review, not a fault."""
        return sorted(o for o, _caseless in self.originals() if o not in self.used)

    def lookup(self, original, kind):
        """The replacement of @original as an identity of @kind, or None:
        as written, without case, in the canonical form of its kind (a MAC
        with colons, an IPv6 address compressed), or made of its /24's
        replacement and its host byte."""
        if original in self.whole:
            self.used.add(original)
            return self.whole[original]
        if kind not in CASELESS_KINDS | {'ipv4', 'ipv6'}:
            return None
        keys = [original.lower()]
        if kind == 'mac':
            keys.append(original.lower().replace('-', ':'))
        if kind == 'ipv6':
            try:
                keys.append(ipaddress.IPv6Address(original.split('%')[0]).compressed)
            except ValueError:
                pass
        for k in keys:
            if k in self.caseless:
                self.used.update(o for o in self.whole if o.lower() == k)
                return self.caseless[k]
        if kind == 'ipv4' and original.count('.') == 3:
            net, host = original.rsplit('.', 1)
            if net in self.nets:
                return f'{self.nets[net]}.{host}'
        return None


def find_output(outputs, rel):
    for candidate in (rel, rel[:-3] if rel.endswith('.gz') else None):
        if candidate and os.path.isfile(os.path.join(outputs, candidate)):
            return os.path.join(outputs, candidate)
    return None


def check(corpus, key, outputs, mapping, marker=None):
    """The report: recall per kind and the list of faults. @marker: the
    format of a secret's marker ("[redacted:{kind}]"), checked when given."""
    faults = []
    texts = {}
    for rel in sorted(key['files']):
        path = find_output(outputs, rel)
        if path is None:
            faults.append({'fault': 'missing', 'file': rel, 'detail': 'no output for this file'})
            continue
        texts[rel] = read_text(path)
    # Every file of the output folder, the corpus's and any other.
    every_output = {}
    for root, _dirs, files in os.walk(outputs):
        for name in files:
            path = os.path.join(root, name)
            every_output[os.path.relpath(path, outputs)] = read_text(path)

    recall = {k: {'planted': 0, 'removed': 0} for k in SECRET_KINDS + IDENTITY_KINDS}
    identity_files = {}   # (kind, text) -> [files]
    all_items = []
    for rel, entry in sorted(key['files'].items()):
        original = read_text(os.path.join(corpus, rel))
        out = texts.get(rel)
        if entry.get('control'):
            if out is not None and out != original:
                a, b = original.splitlines(), out.splitlines()
                n = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
                faults.append({'fault': 'control', 'file': rel,
                               'detail': f'changed, first at line {n + 1}'})
            continue
        for item in entry.get('items', []):
            kind = item['kind']
            all_items.append(item)
            recall[kind]['planted'] += 1
            if kind in IDENTITY_KINDS:
                identity_files.setdefault((kind, item['text']), []).append(rel)
            if out is None:
                continue
            left = [f for f in fragments(item) if contains(out, f, kind)]
            if left:
                faults.append({'fault': 'recall', 'file': rel, 'kind': kind,
                               'detail': f'{item["text"][:60]!r} (line {item["occurrences"][0]["line"]}) is still there'})
            else:
                recall[kind]['removed'] += 1
        if marker is not None and out is not None:
            for kind in SECRET_KINDS:
                planted = sum(len(i['occurrences']) for i in entry.get('items', []) if i['kind'] == kind)
                written = out.count(marker.format(kind=kind))
                if written < planted:
                    faults.append({'fault': 'marker', 'file': rel, 'kind': kind,
                                   'detail': f'{planted} planted, {written} markers {marker.format(kind=kind)!r}'})
        for keep in entry.get('keep', []):
            if out is not None and len(find_tokens(out, keep['text'], False)) < keep['count']:
                faults.append({'fault': 'over', 'file': rel,
                               'detail': f'{keep["text"]!r} is not an identity but was replaced'})

    replacements = {}
    for (kind, text), files in sorted(identity_files.items()):
        repl = mapping.lookup(text, kind)
        if repl is None:
            faults.append({'fault': 'mapping', 'kind': kind,
                           'detail': f'{text!r} has no entry in the mapping'})
            continue
        replacements.setdefault(repl.lower(), set()).add(text.lower())
        for rel in files:
            # Each occurrence became the one replacement: as many of it
            # as the key lists of the original.
            planted = sum(len(i['occurrences']) for i in key['files'][rel]['items']
                          if (i['kind'], i['text']) == (kind, text))
            if rel in texts and len(find_tokens(texts[rel], repl, False)) < planted:
                faults.append({'fault': 'consistency', 'file': rel, 'kind': kind,
                               'detail': f'{text!r} is {repl!r} elsewhere, but not at each of its '
                                         f'{planted} places here'})
    for repl, originals in sorted(replacements.items()):
        if len(originals) > 1:
            faults.append({'fault': 'mapping',
                           'detail': f'{repl!r} stands for {len(originals)} originals'})

    # Leaks: whatever the key planted, and whatever the mapping holds, in
    # whatever the output folder has.
    needles = {}
    for item in all_items:
        for frag in fragments(item):
            needles[frag] = item['kind']
    for original, caseless in mapping.originals():
        needles.setdefault(original, 'keyword' if caseless else 'user')
    for rel, out in sorted(every_output.items()):
        for needle, kind in sorted(needles.items()):
            if contains(out, needle, kind):
                faults.append({'fault': 'leak', 'file': rel, 'kind': kind,
                               'detail': f'{needle[:60]!r} appears'})

    for kind, counts in recall.items():
        counts['recall'] = (counts['removed'] / counts['planted']) if counts['planted'] else None
    return {'recall': recall, 'faults': faults, 'passed': not faults, 'unplanted': mapping.unused()}


def rewrite_key(corpus, key):
    """@key with every occurrence, keep count, repeat and the list of
    control files worked out again from the corpus: to plant more, add
    {"kind", "text"} to a file's items (an identity is then found in every
    file), a {"text"} to a keep list, or a new file with "items": [] or
    "control": true, and rewrite. A longer item wins where two overlap
    (an e-mail address over the user name in it)."""
    secrets = {}
    identities = {}
    keeps = []
    for rel, entry in key['files'].items():
        for item in entry.get('items', []):
            if item['kind'] in IDENTITY_KINDS:
                identities.setdefault((item['kind'], item['text']), item)
            else:
                secrets.setdefault(rel, []).append(item)
        for keep in entry.get('keep', []):
            if keep['text'] not in keeps:
                keeps.append(keep['text'])
    files = {}
    repeats = {}
    for rel, entry in sorted(key['files'].items()):
        if entry.get('control'):
            files[rel] = {'control': True}
            continue
        text = read_text(os.path.join(corpus, rel))
        data = text.encode('utf-8', errors='surrogateescape')
        found = []
        for item in secrets.get(rel, []):
            start = text.find(item['text'])
            if start < 0:
                raise ValueError(f"{rel}: the {item['kind']} {item['text'][:40]!r} is not in the file")
            while start >= 0:
                found.append((start, item))
                start = text.find(item['text'], start + 1)
        for (kind, value), item in identities.items():
            found += [(start, item) for start in find_tokens(text, value, kind in CASELESS_KINDS)]
        found.sort(key=lambda f: (-len(f[1]['text']), f[0]))
        taken, items = [], {}
        for start, item in found:
            end = start + len(item['text'])
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            out = items.setdefault((item['kind'], item['text']),
                                   {k: v for k, v in item.items() if k != 'occurrences'} | {'occurrences': []})
            offset = byte_offset(text, start)
            line, column, _ = locate_byte(data, offset, item['text'], True)
            occ = {'line': line, 'column': column, 'offset': offset}
            if text[start:end] != item['text']:
                occ['as_written'] = text[start:end]
            out['occurrences'].append(occ)
        listed = []
        for item in items.values():
            item['occurrences'].sort(key=lambda o: o['offset'])
            if item['kind'] in IDENTITY_KINDS:
                repeats.setdefault((item['kind'], item['text']), []).append(rel)
            listed.append(item)
        listed.sort(key=lambda i: i['occurrences'][0]['offset'])
        keep = []
        for value in keeps:
            count = sum(1 for i in find_tokens(text, value, False) if not any(a <= i < b for a, b in taken))
            if count:
                keep.append({'text': value, 'count': count})
        files[rel] = {'control': False, 'items': listed, 'keep': keep}
    new = {k: v for k, v in key.items() if k not in ('unchanged', 'files', 'repeats')}
    new['unchanged'] = sorted(rel for rel, entry in files.items() if entry['control'])
    new['files'] = files
    new['repeats'] = [{'kind': k, 'text': t, 'files': sorted(f)}
                      for (k, t), f in sorted(repeats.items()) if len(f) > 1]
    return new


def main():
    parser = argparse.ArgumentParser(description='Score a redaction of the bundle corpus.')
    parser.add_argument('--validate-key', action='store_true',
                        help='only check that the key describes the corpus')
    parser.add_argument('--rewrite-key', action='store_true',
                        help='work out the occurrences and counts of KEY again from the corpus, and write it')
    parser.add_argument('--json', action='store_true', help='print the report as JSON')
    parser.add_argument('--also', metavar='OUTPUTS', action='append',
                        help='another bundle of the corpus made with the same profile (repeatable)')
    parser.add_argument('--marker', metavar='FORMAT',
                        help='also check that each secret left a marker, e.g. "[redacted:{kind}]"')
    parser.add_argument('corpus')
    parser.add_argument('key')
    parser.add_argument('outputs', nargs='?')
    parser.add_argument('mapping', nargs='?')
    args = parser.parse_args()

    with open(args.key, encoding='utf-8') as f:
        key = json.load(f)
    if args.rewrite_key:
        try:
            key = rewrite_key(args.corpus, key)
        except ValueError as e:
            print(f'key: {e}', file=sys.stderr)
            return 2
        with open(args.key, 'w', encoding='utf-8') as f:
            json.dump(key, f, indent=2, ensure_ascii=False)
            f.write('\n')
    problems = validate_key(args.corpus, key)
    if problems:
        for p in problems:
            print(f'key: {p}', file=sys.stderr)
        return 2
    if args.validate_key or args.rewrite_key:
        return 0
    if args.outputs is None or args.mapping is None:
        parser.error('OUTPUTS and MAPPING are needed')
    try:
        mapping = Mapping(args.mapping)
    except (OSError, ValueError) as e:
        print(e, file=sys.stderr)
        return 2

    # Every bundle against the one mapping: the same host is the same
    # name in each.
    report = {'recall': None, 'faults': [], 'unplanted': []}
    for n, outputs in enumerate([args.outputs] + (args.also or [])):
        one = check(args.corpus, key, outputs, mapping, args.marker)
        for fault in one['faults']:
            if n > 0:
                fault['bundle'] = outputs
            report['faults'].append(fault)
        if n == 0:
            report['recall'] = one['recall']
        report['unplanted'] = one['unplanted']
    report['passed'] = not report['faults']
    if args.json:
        json.dump(report, sys.stdout, indent=2, sort_keys=True)
        print()
    else:
        for kind, c in report['recall'].items():
            if c['planted']:
                print(f"recall {kind:18} {c['removed']:3}/{c['planted']:<3} {100 * c['recall']:5.1f} %")
        for fault in report['faults']:
            where = ' '.join(x for x in (fault.get('bundle'), fault.get('file'), fault.get('kind')) if x)
            print(f"FAULT {fault['fault']}: {where + ': ' if where else ''}{fault['detail']}")
        if report['unplanted']:
            print(f"mapped beyond the key (review: a word taken for a name?): {', '.join(report['unplanted'])}")
        print('PASS' if report['passed'] else f"FAIL ({len(report['faults'])} faults)")
    return 0 if report['passed'] else 1


if __name__ == '__main__':
    sys.exit(main())
