#!/usr/bin/env python3
# Checks a diagnostics bundle with Python's own tarfile, independently of
# libarchive (docs/bundle.md, "Collection and the archive"): every part
# opens, MANIFEST.json is in the last one, entries come in the manifest's
# order with fixed metadata and safe names, every piece of every file is
# the entry the manifest names with its SHA-256, the pieces of a file put
# together give the file's SHA-256 and size_after, and the earlier parts
# have the sizes and checksums the manifest lists. Prints the manifest's
# file list as "path<TAB>sha256" lines on success; exits 1 with a message
# otherwise.
#
# Usage: check-bundle.py PART...
#
# SPDX-License-Identifier: GPL-3.0-or-later
import hashlib
import json
import os
import sys
import tarfile


def fail(message):
    print('check-bundle: ' + message, file=sys.stderr)
    sys.exit(1)


def main(parts):
    contents = []
    orders = []
    for path in parts:
        with tarfile.open(path, 'r:gz') as tar:
            members = tar.getmembers()
            names = [m.name for m in members]
            for m in members:
                if not m.isfile():
                    fail(f'{path}: {m.name} is not a regular file')
                if m.name.startswith('/') or '..' in m.name.split('/'):
                    fail(f'{path}: unsafe entry name {m.name}')
                if m.mtime != 0 or m.uid != 0 or m.gid != 0 or m.mode != 0o644:
                    fail(f'{path}: {m.name} has varying metadata')
            if len(set(names)) != len(names):
                fail(f'{path}: an entry name repeats')
            data = {m.name: tar.extractfile(m).read() for m in members}
        contents.append(data)
        orders.append(names)

    if 'MANIFEST.json' not in contents[-1]:
        fail('no MANIFEST.json in the last part')
    for data in contents[:-1]:
        if 'MANIFEST.json' in data:
            fail('MANIFEST.json in a part other than the last')
    manifest = json.loads(contents[-1]['MANIFEST.json'])

    listed_parts = manifest['parts']
    if len(listed_parts) != len(parts) - 1:
        fail(f'manifest lists {len(listed_parts)} earlier parts, there are {len(parts) - 1}')
    for item, path in zip(listed_parts, parts):
        with open(path, 'rb') as f:
            raw = f.read()
        if item['size'] != len(raw) or item['sha256'] != hashlib.sha256(raw).hexdigest():
            fail(f'{path}: size or checksum differs from the manifest')

    # Entries are in the order of the files' paths in the manifest (the
    # order of their names in the bundle), a file's pieces together, and
    # the manifest last.
    expected = [[] for _ in parts]
    for entry in manifest['files']:
        for piece in entry['pieces']:
            expected[piece['part'] - 1].append(piece['entry'])
    expected[-1].append('MANIFEST.json')
    if [e for e in expected] != orders:
        fail(f'entries not in the manifest\'s order: {orders} != {expected}')
    files = [entry['path'] for entry in manifest['files']]
    if files != sorted(files, key=lambda p: p.encode()):
        fail('the manifest\'s files are not sorted')

    for entry in manifest['files']:
        whole = b''
        for piece in entry['pieces']:
            data = contents[piece['part'] - 1].get(piece['entry'])
            if data is None:
                fail(f'{piece["entry"]} missing from part {piece["part"]}')
            if hashlib.sha256(data).hexdigest() != piece['sha256'] or len(data) != piece['size']:
                fail(f'{piece["entry"]}: piece checksum or size differs')
            if piece['offset'] != len(whole):
                fail(f'{piece["entry"]}: piece offset {piece["offset"]} != {len(whole)}')
            whole += data
        if hashlib.sha256(whole).hexdigest() != entry['sha256'] or len(whole) != entry['size_after']:
            fail(f'{entry["path"]}: file checksum or size differs')
        print(f'{entry["path"]}\t{entry["sha256"]}')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        fail('usage: check-bundle.py PART...')
    main(sys.argv[1:])
