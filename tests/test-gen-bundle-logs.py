#!/usr/bin/python3
# test-gen-bundle-logs.py SRCDIR: the bundle benchmark's input generator
# (tests/bench/gen-bundle-logs.py) at a few MiB instead of 1 GiB: the
# size asked for, the same bytes from the same seed, other bytes from
# another, compressed parts that read back, and the corpus's shapes in
# what it writes. Output: TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

generator = os.path.join(sys.argv[1], 'tests', 'bench', 'gen-bundle-logs.py')
SIZE = 3 << 20
results = []


def case(name, ok, diag=''):
    results.append((name, ok, diag))


def generate(outdir, seed):
    proc = subprocess.run([sys.executable, generator, '--seed', str(seed), '--size', '3M',
                           '--file-size', '128K', outdir], capture_output=True, text=True)
    return proc.returncode, json.loads(proc.stdout) if proc.returncode == 0 else proc.stderr


def tree(outdir):
    """{relative path: (sha256 of the bytes, text read through gzip)}"""
    files = {}
    for root, _dirs, names in os.walk(outdir):
        for name in names:
            path = os.path.join(root, name)
            with open(path, 'rb') as f:
                data = f.read()
            text = gzip.decompress(data) if name.endswith('.gz') else data
            files[os.path.relpath(path, outdir)] = (hashlib.sha256(data).hexdigest(), text.decode())
    return files


tmp = tempfile.mkdtemp(prefix='lt-gen-bundle-logs.')
try:
    rc, summary = generate(os.path.join(tmp, 'a'), 7)
    case('the generator runs', rc == 0, summary)
    a = tree(os.path.join(tmp, 'a'))
    text = sum(len(t.encode()) for _h, t in a.values())
    case('it writes the size asked for, counted before compression, and says so',
         SIZE <= text < SIZE + 64 * 1024 and summary['bytes'] == text and summary['files'] == len(a),
         f'{text} bytes, summary {summary}')
    case('no file is larger than --file-size (and one line)',
         all(len(t.encode()) < (128 << 10) + 4096 for _h, t in a.values()))
    case('older parts are gzip-compressed and read back',
         any(p.endswith('.gz') for p in a) and all(t for p, t in a.items() if p.endswith('.gz')))

    generate(os.path.join(tmp, 'b'), 7)
    b = tree(os.path.join(tmp, 'b'))
    case('the same seed gives the same bytes', {p: h for p, (h, _t) in a.items()} == {p: h for p, (h, _t) in b.items()})

    generate(os.path.join(tmp, 'c'), 8)
    c = tree(os.path.join(tmp, 'c'))
    case('another seed gives other bytes', {p: h for p, (h, _t) in a.items()} != {p: h for p, (h, _t) in c.items()})

    everything = '\n'.join(t for _h, t in a.values())
    shapes = {
        'private key': r'-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----',
        'AWS access key': r'\b(?:AKIA|ASIA)[A-Z0-9]{16}\b',
        'JWT': r'\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.',
        'GitHub token': r'\bghp_[A-Za-z0-9]{36,}',
        'bearer token': r'Bearer [A-Za-z0-9]{12,}',
        'IPv4 address': r'\b(?:10|192|198|203|172)\.\d+\.\d+\.\d+\b',
        'IPv6 address': r'\b2001:db8:[0-9a-f]+:[0-9a-f]+::[0-9a-f]+\b',
        'MAC address': r'\b52:54:00(?::[0-9a-f]{2}){3}\b',
        'e-mail address': r'\b[a-z]+@[a-z0-9.-]+\.(?:com|net|org|test)\b',
        'user assignment': r'\buser=[a-z_]+\b',
        'keyword': r'\bBluefin\b',
        'customer number': r'\bCUST-\d{6}\b',
    }
    missing = [name for name, pattern in shapes.items() if not re.search(pattern, everything)]
    case('every planted shape of the corpus is in what it writes', not missing, ', '.join(missing))
    hosts = set(re.findall(r'\b(?:[a-z0-9-]+\d\d)\.(?:corp|dmz|db|eu|lab|branch3)\.example\.(?:com|net|org)\b', everything))
    case('names come from pools of realistic size (many distinct host names)', len(hosts) >= 100, len(hosts))
finally:
    shutil.rmtree(tmp)

print(f'1..{len(results)}')
for i, (name, ok, diag) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok and diag:
        print(f'# {diag}')
sys.exit(0 if all(ok for _n, ok, _d in results) else 1)
