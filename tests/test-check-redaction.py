#!/usr/bin/python3
# test-check-redaction.py SRCDIR: the corpus checker (check-redaction.py)
# run for real on made-up redactions of the corpus, to show that it passes
# a right one and fails on each kind of fault, alone and together.
#
# The made-up redactions are written from the answer key itself (every
# listed occurrence replaced: a secret by a marker, an identity by a name
# from a made-up mapping), so they stay right when the corpus grows; each
# faulty one is that perfect copy with one hand-made change, named below.
# Output: TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import gzip
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import tempfile

srcdir = sys.argv[1]
checker = os.path.join(srcdir, 'tests', 'check-redaction.py')
bundle = os.path.join(srcdir, 'tests', 'data', 'bundle')
corpus = os.path.join(bundle, 'corpus')
key_path = os.path.join(bundle, 'answer-key.json')
with open(key_path, encoding='utf-8') as f:
    key = json.load(f)

FORMS = {
    'hostname': 'host{n}',
    'fqdn': 'host{n}.dom0.invalid',
    'ipv6': '2001:db8:ffff::{n:x}',
    'mac': '02:00:00:00:00:{n:02x}',
    'email': 'mail{n}@dom1.invalid',
    'user': 'user{n}',
    'keyword': 'keyword{n}',
    'regex': 'keyword{n}',
}
# The engine's tables (lt_redaction_map_to_json()): short names and
# domains share "host", keywords and regular expressions "keyword"; an
# IPv4 address is its /24's replacement and its host byte.
TABLES = {'hostname': 'host', 'fqdn': 'host', 'regex': 'keyword', 'ipv4': 'ipv4-net'}
MARKER = '[redacted:{kind}]'


def make_mapping():
    """(flat {original: replacement}, the engine's {"tables": …} form)."""
    flat, tables = {}, {}
    for entry in key['files'].values():
        for item in entry.get('items', []):
            kind, text = item['kind'], item['text']
            if kind not in FORMS and kind != 'ipv4':
                continue
            table = tables.setdefault(TABLES.get(kind, kind), {})
            if kind == 'ipv4':
                net, host = text.rsplit('.', 1)
                if net not in table:
                    table[net] = f'240.0.{len(table)}'
                flat[text] = f'{table[net]}.{host}'
                continue
            # The engine's keys: names without case, MACs with colons,
            # IPv6 addresses compressed.
            canonical = text if kind == 'user' else text.lower().replace('-', ':') if kind == 'mac' \
                else str(ipaddress.IPv6Address(text.split('%')[0])) if kind == 'ipv6' else text.lower()
            if canonical not in table:
                table[canonical] = FORMS[kind].format(n=len(table))
            flat[text] = table[canonical]
    return flat, {'version': 1, 'tables': {name: {'next': len(t), 'entries': t} for name, t in tables.items()}}


def read(path):
    with open(path, 'rb') as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b'\x1f\x8b' else data


def redact_perfectly(outdir, flat):
    for rel, entry in key['files'].items():
        data = read(os.path.join(corpus, rel))
        if not entry.get('control'):
            spans = []
            for item in entry['items']:
                replacement = flat.get(item['text'], MARKER.format(kind=item['kind']))
                for occ in item['occurrences']:
                    spans.append((occ['offset'], len(item['text'].encode()), replacement.encode()))
            for offset, length, replacement in sorted(spans, reverse=True):
                data = data[:offset] + replacement + data[offset + length:]
        path = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(gzip.compress(data, mtime=0) if rel.endswith('.gz') else data)


def edit(outdir, rel, old, new):
    path = os.path.join(outdir, rel)
    data = read(path).decode()
    assert old in data, (rel, old)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(data.replace(old, new, 1))


def run(outputs, mapping_path, key_file=key_path, also=()):
    extra = [x for o in also for x in ('--also', o)]
    proc = subprocess.run([sys.executable, checker, '--json', '--marker', MARKER, *extra, corpus, key_file,
                           outputs, mapping_path],
                          capture_output=True, text=True)
    report = json.loads(proc.stdout) if proc.stdout.strip() else None
    return proc.returncode, report, proc.stderr


results = []


def case(name, ok, diag=''):
    results.append((name, ok, diag))


tmp = tempfile.mkdtemp(prefix='lt-check-redaction.')
try:
    flat, tables = make_mapping()
    flat_path = os.path.join(tmp, 'mapping-flat.json')
    with open(flat_path, 'w') as f:
        json.dump(flat, f)
    # The profile's form (lt_redaction_map_to_json()).
    tables_path = os.path.join(tmp, 'mapping-tables.json')
    with open(tables_path, 'w') as f:
        json.dump(tables, f)

    perfect = os.path.join(tmp, 'perfect')
    redact_perfectly(perfect, flat)

    rc, report, err = run(perfect, flat_path)
    case('a perfect redaction passes (flat mapping)', rc == 0 and report['passed'],
         json.dumps(report and report['faults'][:5]) + err)
    rc, report, err = run(perfect, tables_path)
    case('a perfect redaction passes (the profile\'s mapping form)', rc == 0, err)
    case('recall is reported for every kind, at 100 %',
         report is not None and all(c['recall'] == 1.0 for c in report['recall'].values()))

    def faulty(name, change):
        out = os.path.join(tmp, name)
        shutil.copytree(perfect, out)
        change(out)
        return out

    def faults_of(report):
        return {f['fault'] for f in report['faults']} if report else set()

    mac = '02:42:ac:11:00:02'

    def miss(out):
        # One MAC address of the syslog left as it was.
        edit(out, 'syslog/syslog', flat[mac], mac)

    def leak(out):
        # The private mapping copied into the bundle.
        shutil.copy(flat_path, os.path.join(out, 'MAPPING.json'))

    fqdn = 'siem-core01.corp.example.com'

    def inconsistent(out):
        # The same host under another name in one file.
        edit(out, 'nginx/error.log', flat[fqdn], 'host77.dom9.invalid')

    def control(out):
        # A four-part version in a clean file taken for an address.
        edit(out, 'control/upgrade.log', '3.4.1.2', '240.0.9.2')

    def over(out):
        # A version in a planted file taken for an address.
        edit(out, 'lockthreat/correlation.log', 'version 10.0.3', 'version 240.0.3.1')

    def unmarked(out):
        # The secrets of one file deleted without a marker.
        path = os.path.join(out, 'config', 'collector.env')
        with open(path, encoding='utf-8') as f:
            data = f.read()
        with open(path, 'w', encoding='utf-8') as f:
            f.write(data.replace('[redacted:api-token]', ''))

    def missing(out):
        os.remove(os.path.join(out, 'config', 'agent.yaml'))

    rc, report, _ = run(faulty('miss', miss), flat_path)
    case('a missed MAC address fails on recall for "mac"',
         rc == 1 and any(f['fault'] == 'recall' and f.get('kind') == 'mac' for f in report['faults'])
         and report['recall']['mac']['recall'] < 1.0, json.dumps(report and report['faults']))

    rc, report, _ = run(faulty('leak', leak), flat_path)
    case('the mapping in the outputs fails as a leak, and only that',
         rc == 1 and faults_of(report) == {'leak'}
         and all(f['file'] == 'MAPPING.json' for f in report['faults']), json.dumps(report and report['faults'][:3]))

    rc, report, _ = run(faulty('inconsistent', inconsistent), flat_path)
    case('another replacement for the same host in one file fails on consistency',
         rc == 1 and faults_of(report) == {'consistency'}
         and report['faults'][0]['file'] == 'nginx/error.log', json.dumps(report and report['faults']))

    rc, report, _ = run(faulty('control', control), flat_path)
    case('a changed control file fails, and only on that file',
         rc == 1 and faults_of(report) == {'control'}
         and report['faults'][0]['file'] == 'control/upgrade.log', json.dumps(report and report['faults']))

    rc, report, _ = run(faulty('over', over), flat_path)
    case('a replaced version in a planted file fails as over-redaction',
         rc == 1 and faults_of(report) == {'over'}, json.dumps(report and report['faults']))

    rc, report, _ = run(faulty('unmarked', unmarked), flat_path)
    case('secrets deleted without their marker fail on the marker',
         rc == 1 and faults_of(report) == {'marker'}
         and report['faults'][0]['kind'] == 'api-token', json.dumps(report and report['faults']))

    rc, report, _ = run(faulty('missing', missing), flat_path)
    case('a corpus file without output fails as missing',
         rc == 1 and 'missing' in faults_of(report), json.dumps(report and report['faults'][:3]))

    def all_four(out):
        miss(out)
        leak(out)
        inconsistent(out)
        control(out)

    rc, report, _ = run(faulty('all-four', all_four), flat_path)
    case('a miss, a leak, an inconsistency and a control change are all reported',
         rc == 1 and {'recall', 'leak', 'consistency', 'control'} <= faults_of(report),
         json.dumps(sorted(faults_of(report))))

    # A mapping without one planted identity.
    short = dict(flat)
    del short['web01']
    short_path = os.path.join(tmp, 'mapping-short.json')
    with open(short_path, 'w') as f:
        json.dump(short, f)
    rc, report, _ = run(perfect, short_path)
    case('an identity missing from the mapping fails on the mapping',
         rc == 1 and any(f['fault'] == 'mapping' for f in report['faults']))

    # Two originals under one replacement: the vendor could not tell them apart.
    merged = dict(flat)
    merged['10.0.3.18'] = merged['10.0.3.17']
    merged_path = os.path.join(tmp, 'mapping-merged.json')
    with open(merged_path, 'w') as f:
        json.dump(merged, f)
    rc, report, _ = run(perfect, merged_path)
    case('two originals with one replacement fail on the mapping',
         rc == 1 and any(f['fault'] == 'mapping' and 'stands for' in f['detail'] for f in report['faults']))

    # A second bundle of the same profile: the same names pass; names
    # numbered afresh (a profile's mapping not kept) fail.
    again = os.path.join(tmp, 'again')
    redact_perfectly(again, flat)
    rc, report, _ = run(perfect, flat_path, also=[again])
    case('a second bundle with the same names passes', rc == 0, json.dumps(report and report['faults'][:3]))
    renumbered = os.path.join(tmp, 'renumbered')
    redact_perfectly(renumbered, {o: r.replace('host1', 'host1x') for o, r in flat.items()})
    rc, report, _ = run(perfect, flat_path, also=[renumbered])
    case('a second bundle with other names fails on consistency, in that bundle',
         rc == 1 and faults_of(report) == {'consistency'}
         and all(f.get('bundle') == renumbered for f in report['faults']), json.dumps(report and report['faults'][:3]))

    # A name the mapping holds beyond the key is listed for review, not a
    # fault: an engine may find more than the key plants (in another
    # bundle of the profile, say).
    extra = dict(flat)
    extra['svc_elsewhere'] = 'user99'
    extra_path = os.path.join(tmp, 'mapping-extra.json')
    with open(extra_path, 'w') as f:
        json.dump(extra, f)
    rc, report, _ = run(perfect, extra_path)
    case('a name mapped beyond the key is listed for review and passes',
         rc == 0 and report['unplanted'] == ['svc_elsewhere'], json.dumps(report and report['unplanted']))

    # A key that no longer describes the corpus is refused before scoring.
    bad = json.loads(json.dumps(key))
    bad['files']['syslog/syslog']['items'][0]['occurrences'][0]['offset'] += 1
    bad_path = os.path.join(tmp, 'bad-key.json')
    with open(bad_path, 'w') as f:
        json.dump(bad, f)
    rc, _, err = run(perfect, flat_path, bad_path)
    case('a key out of step with the corpus is refused (exit 2)', rc == 2 and 'key:' in err, err)

    # The key written again from what was planted (no occurrences, no
    # counts) is the committed key: the way to extend it keeps working.
    bare = json.loads(json.dumps(key))
    for entry in bare['files'].values():
        for item in entry.get('items', []):
            del item['occurrences']
        for keep in entry.get('keep', []):
            del keep['count']
    del bare['repeats'], bare['unchanged']
    bare_path = os.path.join(tmp, 'bare-key.json')
    with open(bare_path, 'w') as f:
        json.dump(bare, f)
    proc = subprocess.run([sys.executable, checker, '--rewrite-key', corpus, bare_path],
                          capture_output=True, text=True)
    with open(bare_path, encoding='utf-8') as f:
        rewritten = json.load(f)
    case('--rewrite-key works the committed key out again from its items',
         proc.returncode == 0 and rewritten == key, proc.stderr)

    proc = subprocess.run([sys.executable, checker, '--validate-key', corpus, key_path],
                          capture_output=True, text=True)
    case('the committed answer key describes the corpus exactly', proc.returncode == 0, proc.stderr)
finally:
    shutil.rmtree(tmp)

print(f'1..{len(results)}')
for i, (name, ok, diag) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and diag:
        for line in str(diag).splitlines()[:20]:
            print(f'# {line}')
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
