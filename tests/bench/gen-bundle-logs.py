#!/usr/bin/python3
# gen-bundle-logs.py: the input of the diagnostics-bundle benchmark
# (issue 14, "Performance and limits": `bundle create` over 1 GiB of logs
# against gzip -6 of the same files, and its peak memory).
#
#   gen-bundle-logs.py [--seed N] [--size SIZE] [--file-size SIZE] OUTDIR
#
# Writes SIZE (default 1G; K, M, G suffixes, powers of 1024) of log and
# configuration text into OUTDIR, laid out like the corpus
# (tests/data/bundle/corpus): every corpus file is a source of records
# (a line; a private key block is one record), drawn at random and written
# again with fresh values in each planted slot the answer key lists: the
# host names, addresses, user names… come from pools of realistic size
# (hundreds of hosts, thousands of addresses, most traffic from a few of
# them), the secrets keep their shape with other characters. So the engine
# meets the corpus's shapes at the scale of a real bundle, and its mapping
# grows as it would. Each source becomes NAME, NAME.1, NAME.2.gz… of at
# most --file-size (default 32M) each, the older parts compressed as
# logrotate leaves them (a compressed source, x.log.1.gz, becomes
# x.log.1-archive.gz, x.log.1-archive.1.gz…). The same seed and sizes give the same bytes
# (gzip headers without name or time). SIZE counts the text before
# compression. Prints a JSON summary (files, bytes, seed).
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import gzip
import json
import os
import random
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLE = os.path.join(HERE, '..', 'data', 'bundle')


def parse_size(text):
    units = {'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}
    text = text.strip().upper().rstrip('B').rstrip('I')
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def read_text(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:2] == b'\x1f\x8b':
        data = gzip.decompress(data)
    return data.decode('utf-8')


class Pools:
    """Fresh values per kind, drawn so that a few are frequent and most are
    rare (index = size × u², u uniform), as in real traffic."""

    WORDS = ['web', 'db', 'siem-core', 'collector', 'fw-edge', 'ws', 'print-srv', 'mail', 'ldap', 'app',
             'proxy', 'vpn', 'dc', 'nas', 'build', 'jump', 'k8s-node', 'cache', 'mq', 'backup']
    DOMAINS = ['corp.example.com', 'dmz.example.net', 'db.example.org', 'northwind-traders.test',
               'eu.example.com', 'lab.example.net', 'branch3.example.org', 'contoso-labs.test']
    FIRST = ['alice', 'bruno', 'chen', 'dmitri', 'eva', 'farah', 'gustav', 'hana', 'ivan', 'julia',
             'kofi', 'lena', 'mateo', 'nora', 'omar', 'priya', 'quentin', 'rosa', 'sven', 'tariq']
    LAST = ['martin', 'okafor', 'diaz', 'patel', 'fischer', 'morrison', 'nakamura', 'kowalski',
            'haddad', 'svensson', 'moreau', 'rossi', 'yilmaz', 'novak', 'silva', 'berg']

    def __init__(self, rng):
        self.rng = rng
        self.hosts = [f'{w}{n:02d}' for n in range(1, 26) for w in self.WORDS]          # 500
        self.users = [f'{f[0]}{l}' for f in self.FIRST for l in self.LAST] + \
                     [f'svc_{w.replace("-", "_")}' for w in self.WORDS]                 # 340
        prefixes = ['192.0.2', '198.51.100', '203.0.113'] + \
                   [f'10.0.{i}' for i in range(16)] + [f'172.16.{i}' for i in range(8)] + \
                   [f'192.168.{i}' for i in range(4)]
        self.ipv4 = [f'{p}.{h}' for h in range(1, 255) for p in prefixes]                 # ~7900
        rng.shuffle(self.ipv4)
        self.ipv6 = [f'2001:db8:{s:x}:{n:x}::{h:x}' for s in range(4) for n in range(16) for h in range(1, 33)]
        rng.shuffle(self.ipv6)
        self.macs = [f'52:54:00:{a:02x}:{b:02x}:{c:02x}' for a, b, c in
                     ((rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(1500))]

    def pick(self, pool):
        return pool[int(len(pool) * self.rng.random() ** 2)]

    def value(self, kind, original):
        rng = self.rng
        if kind == 'hostname':
            return self.pick(self.hosts)
        if kind == 'fqdn':
            host = self.pick(self.hosts)
            return f'{host}.{self.DOMAINS[hash_index(host, len(self.DOMAINS))]}'
        if kind == 'ipv4':
            return self.pick(self.ipv4)
        if kind == 'ipv6':
            return self.pick(self.ipv6)
        if kind == 'mac':
            mac = self.pick(self.macs)
            return mac.replace(':', '-') if '-' in original else mac
        if kind == 'email':
            user = self.pick(self.users).replace('svc_', 'team-')
            return f'{user}@{self.DOMAINS[hash_index(user, len(self.DOMAINS))]}'
        if kind == 'user':
            return self.pick(self.users)
        if kind == 'keyword':
            return original
        if kind == 'regex':
            # The admin's patterns: CUST-dddddd, EMPddddd.
            head = original.rstrip(string.digits)
            return head + ''.join(rng.choice(string.digits) for _ in original[len(head):])
        return reshape(rng, kind, original)


def hash_index(text, n):
    """A stable index (Python's hash() is salted per run)."""
    return sum(text.encode()) % n


def reshape(rng, kind, secret):
    """@secret with the same shape and other characters: each segment's
    first eight characters (AKIA, ghp_, sk_test_, eyJhbGci…) kept, the
    rest redrawn in its own class."""
    if kind == 'private-key':
        return secret
    out = []
    for segment in secret.split('.') if kind == 'jwt' else [secret]:
        head, tail = segment[:8], segment[8:]
        redrawn = []
        for c in tail:
            if c.isdigit():
                redrawn.append(rng.choice(string.digits))
            elif c.islower():
                redrawn.append(rng.choice(string.ascii_lowercase))
            elif c.isupper():
                redrawn.append(rng.choice(string.ascii_uppercase))
            else:
                redrawn.append(c)
        out.append(head + ''.join(redrawn))
    return '.'.join(out)


def load_sources(corpus, key):
    """{corpus path: [record]}, a record being a list of literal strings
    and (kind, original) slots, ending with its newline."""
    sources = {}
    for rel, entry in sorted(key['files'].items()):
        data = read_text(os.path.join(corpus, rel)).encode()
        slots = sorted((occ['offset'], occ['offset'] + len(item['text'].encode()), item['kind'], item['text'])
                       for item in entry.get('items', []) for occ in item['occurrences'])

        def line_end(at):
            nl = data.find(b'\n', at)
            return len(data) if nl < 0 else nl + 1

        records, pos, i = [], 0, 0
        while pos < len(data):
            record, end = [], line_end(pos)
            while i < len(slots) and slots[i][0] < end:
                start, stop, kind, text = slots[i]
                record.append(data[pos:start].decode())
                record.append((kind, text))
                pos = stop
                i += 1
                # A slot across lines (a private key) takes the record on
                # to the end of the line it ends on.
                if stop >= end:
                    end = line_end(stop)
            tail = data[pos:end].decode()
            record.append(tail if tail.endswith('\n') else tail + '\n')
            records.append([x for x in record if x != ''])
            pos = end
        sources[rel] = records
    return sources


def generate(outdir, seed, size, file_size, corpus, key):
    rng = random.Random(seed)
    pools = Pools(rng)
    sources = load_sources(corpus, key)
    names = sorted(sources)
    # Every source gets a share of the total in proportion to its
    # corpus size, so the mix of shapes is the corpus's.
    weights = {rel: sum(len(r) for r in sources[rel]) for rel in names}
    total_weight = sum(weights.values())
    files, written = [], 0
    for n, rel in enumerate(names):
        share = size - written if n == len(names) - 1 else size * weights[rel] // total_weight
        # A rotated source (x.log.1.gz) stays compressed in every part,
        # under a name of its own.
        compressed = rel.endswith('.gz')
        name = rel[:-3] + '-archive' if compressed else rel
        part = 0
        while share > 0:
            chunk = min(share, file_size)
            lines, length = [], 0
            while length < chunk:
                record = rng.choice(sources[rel])
                line = ''.join(x if isinstance(x, str) else pools.value(x[0], x[1]) for x in record)
                lines.append(line)
                length += len(line.encode())
            data = ''.join(lines).encode()
            path = name if part == 0 else f'{name}.{part}'
            if compressed or part >= 2:
                path += '.gz'
            full = os.path.join(outdir, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, 'wb') as f:
                f.write(gzip.compress(data, compresslevel=6, mtime=0) if path.endswith('.gz') else data)
            files.append(path)
            written += len(data)
            share -= len(data)
            part += 1
    return {'seed': seed, 'files': len(files), 'bytes': written}


def main():
    parser = argparse.ArgumentParser(description='Generate the bundle benchmark input.')
    parser.add_argument('--seed', type=int, default=14)
    parser.add_argument('--size', default='1G', help='total text size (K, M, G)')
    parser.add_argument('--file-size', default='32M', help='largest file (K, M, G)')
    parser.add_argument('--corpus', default=os.path.join(BUNDLE, 'corpus'))
    parser.add_argument('--key', default=os.path.join(BUNDLE, 'answer-key.json'))
    parser.add_argument('outdir')
    args = parser.parse_args()
    with open(args.key, encoding='utf-8') as f:
        key = json.load(f)
    summary = generate(args.outdir, args.seed, parse_size(args.size), max(1, parse_size(args.file_size)),
                       args.corpus, key)
    print(json.dumps(summary))
    return 0


if __name__ == '__main__':
    sys.exit(main())
