#!/usr/bin/env python3
# Writes docs/performance.md from the output of the benchmarks that
# tests/bench/run-bench.sh ran: the table of figures, the machine, and each
# program's own output verbatim; then the hand-written analysis of
# tests/bench/performance-notes.md. Exit status 1 when a goal is missed.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import platform
import re
import subprocess
import sys

# measure key -> (title, baseline, goal kind, goal value, unit of ours)
# Goal kinds: "ratio" (ours / baseline at most), "max" (ours at most, ms),
# "max-frame" (ours at most, ms, said as one frame),
# "max-mib" (ours at most, MiB), "rate-at-least" (a rate: ours at least
# this fraction of the baseline's), None (reported, no goal in the issue).
# "{bundle_size}" in a title is the size of the bundle benchmark's input.
MEASURES = [
    ("first-frame-overview",
     "App start to first frame, 100,000 tickets (opens on Overview, the default)",
     "bare libadwaita window (the floor below)", "ratio", 1.2),
    ("first-frame-tickets",
     "App start to first frame, 100,000 tickets (opens on the Tickets page)",
     "bare libadwaita window (the floor below)", "ratio", 1.2),
    ("first-frame-floor-overview",
     "Bare libadwaita window to first frame (`adw_init()`, nothing in it): the floor",
     "bare GTK 4 window", None, None),
    ("tickets-read-overview",
     "App start to the 100,000 tickets read in, Overview (its counts shown)",
     "bare GTK 4 window", None, None),
    ("tickets-read-tickets",
     "App start to the 100,000 tickets read in, Tickets page (the rows shown)",
     "bare GTK 4 window", None, None),
    ("ticket-load",
     "Loading 100,000 tickets into the model (`LtTicketList`)",
     "bare `sqlite3_step` scan", "ratio", 2.0),
    ("filter-keystroke",
     "Filter-as-you-type over 100,000 tickets, per keystroke (median)",
     "bare `strstr` over the titles", "max", 16.0),
    ("filter-keystroke-slowest",
     "Filter-as-you-type, slowest keystroke of the same runs",
     "slowest `strstr`", "max", 16.0),
    ("notifier-look-stall",
     "The notifier's look in the worker, a profile's first ever (100,000 tickets: an alert "
     "recorded per breached ticket): longest stall of the main loop",
     "the same look on the main thread (`lt_notifier_check()`)", "max-frame", 16.0),
    ("notifier-restart-look-stall",
     "The notifier's look in the worker at a restart (every alert recorded before): longest "
     "stall of the main loop",
     "the same look on the main thread (`lt_notifier_check()`)", "max-frame", 16.0),
    ("notifier-idle-stall",
     "The main loop's longest stall with no look, the same runs (the machine's load alone)",
     "the longest of those runs", None, None),
    ("memory-overview",
     "Resident memory with 100,000 tickets (Overview)",
     "bare GTK window + raw row bytes", None, None),
    ("memory-tickets",
     "Resident memory with 100,000 tickets (Tickets page)",
     "bare GTK window + raw row bytes", "ratio", 1.5),
    ("sync-pull",
     "Sync pull of 10,000 tickets with their histories from the devportal, empty profile",
     "data floor: plain HTTP GETs of the same pages + bare sqlite insert of the same rows "
     "(one transaction)", "ratio", 2.0),
    ("sync-pull-gets",
     "Sync pull, the same runs, against the download alone",
     "plain HTTP GETs of the same pages", None, None),
    ("outbox-drain",
     "Outbox drain: 1,000 queued tickets delivered to the devportal",
     "plain HTTP POSTs of the same bodies", "rate-at-least", 0.5),
    ("bundle-create",
     "`bundle create` over {bundle_size} of generated logs (the redactor, with its learning pass)",
     "`gzip -6` of the same files", "ratio", 3.0),
    ("bundle-create-no-learning",
     "`bundle create`, the same, without the learning pass (what the pass costs)",
     "`gzip -6` of the same files", None, None),
    ("bundle-memory",
     "Peak resident memory of `bundle create` ({bundle_size})",
     "`gzip -6`'s peak", "max-mib", 64.0),
]

# The scale curve (run-bench.sh, BENCH_SCALE): the ticket counts of its
# columns, by the suffix of their outputs (ticket-list@10k.txt gives
# ticket-load@10k); the 100,000 column is the main runs, without a suffix.
SCALE_SIZES = [("10k", "10,000", 10000), ("100k", "100,000", 100000), ("1m", "1,000,000", 1000000)]

# measure key -> (title, how it grows when it grows linearly with the
# tickets: "total" ×10 per 10× of tickets, "per-ticket" ×1, or "flat" for a
# figure that must not grow with them at all; how its baseline grows,
# goal). A time's growth is read from its ratio to the baseline timed in
# the same run, times the baseline's own growth ("linear": a scan of every
# row, 10× per 10×; "constant": the bare window), because each size runs
# at another time and the machine's load moves absolute times between
# them (the ratios carry the same load); memory (None) is its own figure.
# Goal kinds: "per-ticket-not-above-100k" (the 1,000,000 figure at most
# the 100,000 one), "flat" (at most 2× per 10× of tickets), None.
SCALE_MEASURES = [
    ("ticket-load", "Loading the tickets into the model (`LtTicketList`)", "total", "linear", None),
    ("first-frame-tickets", "App start to first frame (Tickets page)", "total", "constant", None),
    ("tickets-read-tickets", "App start to the tickets read in (Tickets page)", "total", "constant",
     None),
    ("filter-keystroke", "Filter-as-you-type, median keystroke", "total", "linear", None),
    ("filter-keystroke-slowest", "Filter-as-you-type, slowest keystroke", "total", "linear", None),
    ("memory-tickets", "Resident memory (Tickets page)", "total", None, None),
    ("memory-per-ticket", "Memory per ticket: (resident − bare window) ÷ tickets", "per-ticket", None,
     "per-ticket-not-above-100k"),
    ("list-bytes-per-ticket", "The model's own resident memory per ticket (`LtTicketList`)",
     "per-ticket", None, "per-ticket-not-above-100k"),
    ("installations-named",
     "Installations the tickets name (Versions page, `lt_store_list_installations_named_in_tickets()`)",
     "flat", "linear", "flat"),
]

# How much more than linear a growth factor may be before it is marked:
# the spread of repeated runs on a loaded machine.
LINEAR_SLACK = 1.1

SOURCES = {
    "ticket-list": "tests/bench/bench-ticket-list.c",
    "first-frame-overview": "tests/bench/bench-first-frame.c",
    "first-frame-tickets": "tests/bench/bench-first-frame.c",
    "filter": "tests/bench/bench-filter.c",
    "sync": "tests/bench/bench-sync.c",
    "bundle": "tests/bench/bench-bundle.c",
    "bundle-no-learning": "tests/bench/bench-bundle.c",
    "notifier-look": "tests/bench/bench-notifier-look.c",
    "notifier-look-restart": "tests/bench/bench-notifier-look.c",
}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def parse_results(results_dir):
    """RESULT lines of every program, plus the ticket list's own lines."""
    results = {}
    outputs = {}
    for name in sorted(os.listdir(results_dir)):
        if not name.endswith(".txt"):
            continue
        # NAME@SIZE.txt: a run of the scale curve, its keys KEY@SIZE.
        suffix = "@" + name[:-4].split("@", 1)[1] if "@" in name else ""
        text = read(os.path.join(results_dir, name))
        # The programs report each run on stderr, indented: the spread
        # behind each median.
        err = os.path.join(results_dir, name[:-4] + ".err")
        if os.path.exists(err):
            runs = [l for l in read(err).splitlines() if l.startswith("  ")]
            if runs:
                text = "\n".join(runs) + "\n" + text
        outputs[name[:-4]] = text
        for line in text.splitlines():
            m = re.match(r"RESULT (\S+) (\S+) (\S+) (.+)$", line)
            if m:
                results[m.group(1) + suffix] = (float(m.group(2)), float(m.group(3)), m.group(4))
    return results, outputs


def command(*argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine(builddir, srcdir):
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    system = platform.system()
    if os.path.exists("/etc/os-release"):
        for line in read("/etc/os-release").splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    versions = []
    for label, module in (("GTK", "gtk4"), ("libadwaita", "libadwaita-1"), ("GLib", "glib-2.0"),
                          ("sqlite", "sqlite3"), ("libsoup", "libsoup-3.0"),
                          ("json-glib", "json-glib-1.0")):
        version = command("pkg-config", "--modversion", module)
        if version:
            versions.append(f"{label} {version}")
    buildtype = "unknown"
    options = command("meson", "introspect", "--buildoptions", builddir)
    if options:
        for option in json.loads(options):
            if option["name"] == "buildtype":
                buildtype = option["value"]
    commit = command("git", "-C", srcdir, "rev-parse", "--short", "HEAD") or "no git"
    dirty = command("git", "-C", srcdir, "status", "--porcelain", "--untracked-files=no")
    if dirty:
        commit += " plus uncommitted changes"
    return {
        "nproc": os.cpu_count() or 0,
        "cpu": cpu,
        "mem_gib": mem_kib / (1024 * 1024),
        "system": system,
        "versions": ", ".join(versions),
        "buildtype": buildtype,
        "commit": commit,
    }


def fmt(value, unit):
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "tickets/s":
        return f"{value:,.0f} tickets/s"
    return f"{value:g} {unit}"


def size_label(size):
    """gen-bundle-logs.py's "64M" as "64 MiB"."""
    m = re.match(r"^(\d+(?:\.\d+)?)\s*([KMG])?(?:i?B)?$", size.strip(), re.I)
    if not m:
        return size
    return f"{m.group(1)} {(m.group(2) or '').upper()}iB" if m.group(2) else f"{m.group(1)} bytes"


def scale_figure(results, key, suffix, n_tickets):
    """(ours, baseline, unit) of @key at one size, None when not measured.
    Memory per ticket is derived: the application's resident memory less
    the bare window's, over the tickets."""
    if key == "memory-per-ticket":
        parts = results.get("memory-tickets-parts" + suffix)
        total = results.get("memory-tickets" + suffix)
        if not parts or not total:
            return None
        return ((total[0] - parts[0]) * 1048576 / n_tickets, parts[1] * 1048576 / n_tickets, "bytes")
    return results.get(key + suffix)


def fmt_scale(figure):
    ours, baseline, unit = figure
    if unit == "bytes":
        text = f"{ours:,.0f} B"
    else:
        text = fmt(ours, unit)
    if baseline > 0:
        ratio = ours / baseline
        text += f" ({ratio:.2f}×)" if ratio >= 0.1 else f" ({ratio:.2g}×)"
    return text


def scale_table(results):
    """The scale curve's lines, and the titles of its goals missed."""
    lines = []
    missed = []
    lines.append("| measure | " + " | ".join(f"{label} tickets" for _, label, _ in SCALE_SIZES)
                 + " | growth per 10× of tickets | goal | |")
    lines.append("|---|" + "---|" * len(SCALE_SIZES) + "---|---|---|")
    for key, title, growth, baseline_growth, goal in SCALE_MEASURES:
        figures = []
        for suffix, _, n in SCALE_SIZES:
            figures.append(scale_figure(results, key, "" if suffix == "100k" else "@" + suffix, n))
        cells = [fmt_scale(f) if f else "—" for f in figures]
        linear = {"total": 10.0, "per-ticket": 1.0, "flat": 1.0}[growth]
        factors = []
        for a, b in zip(figures, figures[1:]):
            if not a or not b or a[0] <= 0 or (baseline_growth and (a[1] <= 0 or b[1] <= 0)):
                factors.append("—")
                continue
            if baseline_growth:
                factor = (b[0] / b[1]) / (a[0] / a[1]) * (10.0 if baseline_growth == "linear" else 1.0)
            else:
                factor = b[0] / a[0]
            mark = " **worse than linear**" if factor > linear * LINEAR_SLACK and growth != "flat" else ""
            factors.append(f"{factor:.2f}×{mark}")
        goal_text, status = "—", "—"
        if goal == "per-ticket-not-above-100k":
            goal_text = "1,000,000 ≤ 100,000"
            if figures[1] and figures[2]:
                met = figures[2][0] <= figures[1][0]
                status = "met" if met else "**missed**"
                if not met:
                    missed.append(f"{title}, 1,000,000 tickets")
        elif goal == "flat":
            goal_text = "≤ 2× per 10× (does not grow with the tickets)"
            known = [f for f in factors if f != "—"]
            if known:
                met = all(float(f.split("×")[0]) <= 2.0 for f in known)
                status = "met" if met else "**missed**"
                if not met:
                    missed.append(title)
        lines.append(f"| {title} | " + " | ".join(cells) + f" | {' then '.join(factors)} | {goal_text} "
                     f"| {status} |")
    return lines, missed


def verdict(key, kind, goal, ours, baseline):
    if kind == "ratio":
        met = ours / baseline <= goal
        return f"≤ {goal:g}×", met
    if kind == "max":
        met = ours <= goal
        return f"≤ {goal:g} ms", met
    if kind == "max-frame":
        met = ours <= goal
        return f"≤ {goal:g} ms (one frame)", met
    if kind == "max-mib":
        met = ours <= goal
        return f"≤ {goal:g} MiB", met
    if kind == "rate-at-least":
        met = ours >= goal * baseline
        return f"≥ {goal * 100:g} % of the baseline's rate", met
    return "—", None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--builddir", required=True)
    parser.add_argument("--srcdir", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--started", required=True)
    parser.add_argument("--load-before", required=True)
    parser.add_argument("--load-after", required=True)
    parser.add_argument("--runs", required=True)
    parser.add_argument("--bundle-size", default="64M")
    parser.add_argument("--runs-1m", default="5")
    args = parser.parse_args()

    results, outputs = parse_results(args.results)
    m = machine(args.builddir, args.srcdir)
    short_machine = f"{m['nproc']} × {m['cpu']}"
    missing = [key for key, *_ in MEASURES if key not in results]
    if missing:
        print(f"write-performance: no figure for {', '.join(missing)}", file=sys.stderr)
        return 2

    rows = []
    missed = []
    for key, title, baseline_name, kind, goal in MEASURES:
        title = title.format(bundle_size=size_label(args.bundle_size))
        ours, baseline, unit = results[key]
        goal_text, met = verdict(key, kind, goal, ours, baseline)
        if unit == "tickets/s":
            # A rate: the ratio is how many times longer the drain takes.
            ratio = baseline / ours
        else:
            ratio = ours / baseline
        if met is False:
            missed.append(title)
        status = "met" if met else "**missed**" if met is False else "—"
        rows.append(f"| {title} | {fmt(ours, unit)} | {baseline_name}: {fmt(baseline, unit)} "
                    f"| {ratio:.2f}× | {goal_text} | {status} | {short_machine} |")

    parts = results.get("memory-overview-parts")
    memory_note = ""
    if parts:
        memory_note = (f" The memory baseline is the bare window's resident memory "
                       f"({parts[0]:.1f} MiB) plus the raw bytes of the 100,000 ticket rows "
                       f"({parts[1]:.1f} MiB: every column of every row as sqlite returns it).")

    lines = []
    lines.append("# Performance")
    lines.append("")
    lines.append("<!-- Written by `make bench` (tests/bench/run-bench.sh and "
                 "tests/bench/write-performance.py): edit those, or "
                 "tests/bench/performance-notes.md, not this file. -->")
    lines.append("")
    lines.append("Every figure below was measured by `make bench` on this repository's code; "
                 "each is the median of repeated runs and is set against a bare baseline timed "
                 "in the same run, alternating with it, so that the ratio holds even where the "
                 "absolute times move with the machine.")
    lines.append("")
    lines.append("    make bench                       # builds _build-bench (release), "
                 "runs everything, writes this page")
    lines.append("    tests/bench/run-bench.sh DIR -   # the same with another build folder, "
                 "printing the page")
    lines.append("")
    lines.append("## Figures")
    lines.append("")
    lines.append("| measure | ours | baseline | ratio | goal | | machine |")
    lines.append("|---|---|---|---|---|---|---|")
    lines.extend(rows)
    lines.append("")
    lines.append(f"Ratio: ours ÷ baseline (for the drain, the baseline's rate ÷ ours: how many times "
                 f"longer the drain takes).{memory_note}")
    lines.append("")
    lines.append("## Scale: 10,000, 100,000 and 1,000,000 tickets")
    lines.append("")
    lines.append("The same benchmarks on a profile of each size, generated the same way "
                 "(`bench-ticket-list --tickets N`, fixed seed); the 100,000 column is the "
                 "runs of the table above. Each cell is the median and, in brackets, its "
                 "ratio to the baseline of the table above timed in the same run (for memory "
                 "per ticket, the raw row bytes per ticket; for the installations the tickets "
                 "name, a bare scan of the column they are in, what the page read before "
                 "schema v8). The growth is the figure at a size over the figure at the size "
                 "ten times smaller; for a time it is read from the ratios, times the "
                 "baseline's own growth (10× for a scan of every row, 1× for the bare window), "
                 "because each size runs at another time and the load of the machine moves "
                 "absolute times between them while a ratio carries the same load on both "
                 "sides. Linear growth is 10× for a total and 1× for a figure per ticket; a "
                 "growth more than "
                 f"{(LINEAR_SLACK - 1) * 100:.0f} % beyond linear (the spread of runs on a loaded "
                 "machine) is marked **worse than linear**. The outputs of these runs carry the "
                 "size on their keys (`RESULT filter-keystroke …` of `filter@1m.txt` is "
                 "`filter-keystroke@1m`; tests/bench/run-bench.sh).")
    lines.append("")
    scale_lines, scale_missed = scale_table(results)
    lines.extend(scale_lines)
    missed.extend(scale_missed)
    lines.append("")
    lines.append(f"Runs: as the table above at 10,000 and 100,000 tickets; {args.runs_1m} of each "
                 f"at 1,000,000 (each takes seconds there; `BENCH_RUNS_1M`), the filter's 5 "
                 f"at every size.")
    lines.append("")
    lines.append("### The run")
    lines.append("")
    lines.append(f"- Date: {args.started} (UTC); {args.runs} alternated runs of each start-up "
                 f"and list measurement, 5 of the filter and sync ones, 3 of the bundle "
                 f"ones and of each mode of the notifier's look; medians.")
    lines.append(f"- Machine: {m['nproc']} CPUs (`nproc`), {m['cpu']} (`/proc/cpuinfo`), "
                 f"{m['mem_gib']:.0f} GiB RAM, {m['system']}.")
    lines.append(f"- Load average (1, 5, 15 min) before: {args.load_before}; after: "
                 f"{args.load_after}. Other work on the machine moves the absolute times; "
                 f"the alternated baselines carry the same load.")
    lines.append(f"- Libraries: {m['versions']}.")
    lines.append(f"- Build: `{m['buildtype']}` (`-Dbuildtype=release -Ddevelopment=false`), "
                 f"commit {m['commit']}.")
    lines.append("- GTK programs under Xvfb (`xvfb-run`, 1400×1000×24) in a private session bus "
                 "(`dbus-run-session`), `GDK_DEBUG=gl-disable` (the Cairo renderer), memory "
                 "settings backend.")
    lines.append("")
    if missed:
        lines.append("Goals missed in this run: " + "; ".join(missed) + ". "
                     "The causes, from the profiles, are under “Analysis” below.")
        lines.append("")

    notes = os.path.join(args.srcdir, "tests", "bench", "performance-notes.md")
    if os.path.exists(notes):
        lines.append(read(notes).rstrip("\n"))
        lines.append("")

    lines.append("## Output of this run")
    lines.append("")
    lines.append("Each program's own report, verbatim, after the figures of each run (indented).")
    lines.append("")
    names = ["ticket-list", "first-frame-overview", "first-frame-tickets", "filter",
             "notifier-look", "notifier-look-restart", "sync", "bundle", "bundle-no-learning"]
    for suffix, _, _ in SCALE_SIZES:
        names.extend(f"{name}@{suffix}" for name in ("ticket-list", "first-frame-tickets", "filter"))
    for name in names:
        if name not in outputs:
            continue
        base, _, size = name.partition("@")
        notes = []
        if base == "first-frame-tickets":
            notes.append("Tickets page")
        if base == "bundle-no-learning":
            notes.append("`--no-learning`")
        if base == "notifier-look":
            notes.append("a profile's first look ever")
        if base == "notifier-look-restart":
            notes.append("`--looked`: a restart")
        notes.extend(f"{label} tickets" for suffix, label, _ in SCALE_SIZES if suffix == size)
        lines.append(f"`{SOURCES[base]}`" + (f" ({', '.join(notes)})" if notes else ""))
        lines.append("")
        lines.append("```")
        lines.extend(l for l in outputs[name].rstrip("\n").splitlines() if not l.startswith("RESULT "))
        lines.append("```")
        lines.append("")

    text = "\n".join(lines)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"run-bench: wrote {args.output}", file=sys.stderr)
    print("\n".join(rows), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
