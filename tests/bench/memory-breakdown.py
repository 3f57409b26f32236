#!/usr/bin/env python3
# memory-breakdown.py: what a process's resident memory is made of
#
# Reads what lt-bench-hook.c writes with LTSUPPORT_BENCH_MEMORY_DETAIL=DIR
# (DIR/smaps, DIR/malloc-info.xml) and prints the resident memory by kind
# of mapping, then glibc's arenas: what each holds from the system and
# how much of that is free (freed chunks that stay resident until the
# arena's top is trimmed or malloc_trim() gives their pages back).
#
#   memory-breakdown.py DIR [DIR2]   # DIR2: a second process, side by side
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys
import xml.etree.ElementTree as ET

KINDS = [
    ("main arena ([heap])", lambda name, perms, size: name == "[heap]"),
    ("fonts", lambda name, perms, size: re.search(r"\.(ttf|otf|ttc|pfb|woff2?)$|/fonts/", name)),
    ("font caches", lambda name, perms, size: "fontconfig" in name and name.endswith("cache-8")),
    ("shared libraries, code", lambda name, perms, size: ".so" in name and "x" in perms),
    ("shared libraries, data", lambda name, perms, size: ".so" in name),
    ("X shared memory / memfd", lambda name, perms, size: name.startswith("/SYSV") or name.startswith("/memfd")
     or name.startswith("/dev/shm")),
    ("sqlite files", lambda name, perms, size: name.endswith(".db") or name.endswith("-shm")),
    ("other files", lambda name, perms, size: name.startswith("/")),
    ("stacks", lambda name, perms, size: name.startswith("[stack")),
    ("anonymous, 64 MiB-aligned arena heaps and big blocks", lambda name, perms, size: name == ""),
    ("other", lambda name, perms, size: True),
]


def read_smaps(path):
    totals = {kind: 0 for kind, _ in KINDS}
    anon = []
    name = perms = None
    size = 0
    with open(path) as f:
        for line in f:
            head = re.match(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$", line)
            if head:
                name = head.group(4).strip()
                perms = head.group(3)
                size = (int(head.group(2), 16) - int(head.group(1), 16)) // 1024
                continue
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
                for kind, test in KINDS:
                    if test(name, perms, size):
                        totals[kind] += rss
                        if name == "" and rss > 0:
                            anon.append((rss, size))
                        break
    return totals, sorted(anon, reverse=True)


def read_arenas(path):
    arenas = []
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return arenas
    for heap in root.findall("heap"):
        rest = heap.find("total[@type='rest']")
        fast = heap.find("total[@type='fast']")
        current = heap.find("system[@type='current']")
        free = (int(rest.get("size")) if rest is not None else 0) + \
            (int(fast.get("size")) if fast is not None else 0)
        arenas.append((heap.get("nr"), int(current.get("size")) if current is not None else 0, free))
    mmap = root.find("total[@type='mmap']")
    if mmap is not None:
        arenas.append(("mmap", int(mmap.get("size")), 0))
    return arenas


def main(dirs):
    columns = [read_smaps(d + "/smaps") for d in dirs]
    width = max(len(k) for k, _ in KINDS)
    print("%-*s %s" % (width, "resident, KiB", " ".join("%10s" % d[-10:] for d in dirs)))
    for kind, _ in KINDS:
        print("%-*s %s" % (width, kind, " ".join("%10d" % c[0][kind] for c in columns)))
    print("%-*s %s" % (width, "total", " ".join("%10d" % sum(c[0].values()) for c in columns)))
    for d, (_, anon) in zip(dirs, columns):
        print("\n%s: largest anonymous mappings (resident KiB / size KiB): %s" %
              (d, ", ".join("%d/%d" % a for a in anon[:8])))
        arenas = read_arenas(d + "/malloc-info.xml")
        for nr, current, free in arenas:
            print("  arena %-5s from the system %8.1f KiB, free in it %8.1f KiB" %
                  (nr, current / 1024, free / 1024))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: memory-breakdown.py DIR [DIR2]")
    main(sys.argv[1:])
