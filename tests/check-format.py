#!/usr/bin/env python3
"""Checks the C lines a change adds against .clang-format.

    tests/check-format.py [--base REV] [SOURCE_ROOT]

The lines of src/ and tests/ (.c and .h) that differ from REV (default:
the merge base with main, else HEAD; uncommitted changes count) are
compared with what clang-format makes of them; a clean tree, or a change
that adds nothing, passes. Exit 1 with a diff of each hunk that differs,
77 (skipped, as meson's tests say it) when clang-format is not installed
or the tree is not a git checkout (a release tarball).

clang-format 14 (Debian 12) writes most of the house style
(docs/HACKING.md, "Formatting") but not all of it, so the check looks at
function bodies only and hides what it cannot write from the formatter:
- `g_autoptr(T)` and friends, and the gettext macros `_("…")`, `N_`, `C_`,
  `NC_`, `Q_`, are written without the space before '(' that every other
  call has; clang-format cannot except them, so they are handed to it as
  an identifier of the same length and a subscript, and turned back.
- a call through an array of function pointers, `table[i] (x)`, keeps the
  space before '(' (clang-format 14 writes `table[i](x)`), and so does a
  compound literal after its type, `(GdkRGBA) { … }` (it writes
  `(GdkRGBA){`): the formatter's output gets the space back, outside
  strings and comments.
- the continuation lines of a conditional expression, `? a` and `: b`,
  are aligned under the condition, where clang-format 14 indents them
  from the start of the statement: a hunk that differs only in the
  indentation of such lines passes.
- declarations outside function bodies (return type and name, parameter
  lists aligned by name, prototypes aligned in columns, struct members)
  are aligned by hand the way GTK is; clang-format 14 cannot align
  parameter names, so those lines are left to the reviewer.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys

SKIP = 77
AUTO = re.compile(r"\b(g_autoptr|g_autolist|g_autoslist|g_autoqueue|g_auto)\((\w+)\)")
AUTO_BACK = re.compile(r"\b(g_autoptr|g_autolist|g_autoslist|g_autoqueue|g_auto)_(\w+?)_(?=\W)")
GETTEXT = re.compile(r"(?<![\w.>])(NC_|C_|N_|Q_|_)\(")
GETTEXT_BACK = re.compile(r"(?<![\w.>])(NC_|C_|N_|Q_|_)\[")
# What clang-format 14 glues to the token before it, in code only (string
# and character literals and comments are matched first and kept): '('
# after ']' (a call through an array of function pointers) and '{' after
# a cast's ')' (a compound literal).
GLUED = re.compile(r""""(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|/\*.*?\*/|//[^\n]*"""
                   r"|(?P<call>\]\()"
                   r"|(?P<literal>\((?:const\s+|struct\s+)?\w+(?:\s*\*)*(?:\[\w*\])?\)\{)", re.S)


def git(root, *args):
    return subprocess.run(["git", "-C", root, *args], capture_output=True, text=True)


def base_revision(root, base):
    if base:
        return base
    for ref in ("main", "origin/main"):
        merge_base = git(root, "merge-base", "HEAD", ref)
        if merge_base.returncode == 0:
            return merge_base.stdout.strip()
    return "HEAD"


def changed_lines(root, base):
    """{path: set of line numbers (1-based) the change adds}"""
    diff = git(root, "diff", "-U0", "--no-color", "--diff-filter=AMR", base, "--",
               "src/*.c", "src/*.h", "tests/*.c", "tests/*.h")
    if diff.returncode != 0:
        sys.exit(f"check-format: git diff against {base} failed: {diff.stderr.strip()}")
    result = {}
    path = None
    for line in diff.stdout.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
        elif line.startswith("@@ ") and path is not None:
            added = line.split()[2][1:]
            start, _, count = added.partition(",")
            count = int(count) if count else 1
            result.setdefault(path, set()).update(range(int(start), int(start) + count))
    # Files git does not know yet count as added, whole.
    untracked = git(root, "ls-files", "--others", "--exclude-standard", "--", "src", "tests")
    for path in untracked.stdout.splitlines():
        if path.endswith((".c", ".h")):
            with open(os.path.join(root, path), encoding="utf-8") as f:
                result[path] = set(range(1, f.read().count("\n") + 2))
    return result


def matching(text, start, open_char, close_char):
    """Index of the bracket closing the one at @start, skipping strings."""
    depth = 0
    i = start
    quote = None
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == open_char:
            depth += 1
        elif c == close_char:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def swap_brackets(text, pattern, open_char, close_char, new_open, new_close):
    out = list(text)
    for m in pattern.finditer(text):
        at = m.end() - 1
        end = matching(text, at, open_char, close_char)
        if end > 0:
            out[at] = new_open
            out[end] = new_close
    return "".join(out)


def mask(text):
    text = AUTO.sub(lambda m: f"{m.group(1)}_{m.group(2)}_", text)
    return swap_brackets(text, GETTEXT, "(", ")", "[", "]")


def unglue(text):
    def spaced(m):
        glued = m.group("call") or m.group("literal")
        return glued[:-1] + " " + glued[-1] if glued else m.group(0)
    return GLUED.sub(spaced, text)


def unmask(text):
    text = AUTO_BACK.sub(lambda m: f"{m.group(1)}({m.group(2)})", text)
    return unglue(swap_brackets(text, GETTEXT_BACK, "[", "]", "(", ")"))


def code_only(lines):
    """@lines without string and character literals and comments."""
    result = []
    in_comment = False
    for line in lines:
        out = []
        i = 0
        while i < len(line):
            if in_comment:
                end = line.find("*/", i)
                if end < 0:
                    break
                in_comment = False
                i = end + 2
            elif line.startswith("/*", i):
                in_comment = True
                i += 2
            elif line.startswith("//", i):
                break
            elif line[i] in "\"'":
                quote = line[i]
                i += 1
                while i < len(line) and line[i] != quote:
                    i += 2 if line[i] == "\\" else 1
                i += 1
            else:
                out.append(line[i])
                i += 1
        result.append("".join(out))
    return result


def body_lines(lines):
    """The 0-based indexes of the lines inside function bodies: a body
    opens with '{' in column 0 after a line that ends a parameter list."""
    inside = set()
    depth = 0
    in_function = False
    previous = ""
    for i, line in enumerate(code_only(lines)):
        if depth == 0 and line.startswith("{"):
            in_function = previous.rstrip().endswith(")")
        if in_function and depth > 0:
            inside.add(i)
        depth += line.count("{") - line.count("}")
        if depth <= 0:
            depth = 0
            in_function = False
        if line.strip() and not line.startswith("#"):
            previous = line
    return inside


def rewrapped(before, after):
    """Whether @after only breaks the same statement into other lines:
    the house style wraps arguments, strings and conditions where they
    read best, which a formatter cannot know. Spacing within the lines,
    indentation of lines that keep their text, and where statements and
    braces begin and end are still checked."""
    def joined(lines):
        text = " ".join(l.strip().rstrip("\\").strip() for l in lines)
        text = re.sub(r"\s+", " ", text)
        return re.sub(r"\( ", "(", re.sub(r" \)", ")", text))

    def structure(lines):
        ends = [l.strip()[-1] for l in lines if l.strip() and l.strip()[-1] in ";{}"]
        starts = [l.strip()[0] for l in lines if l.strip() and l.strip()[0] in "{}"]
        return ends, starts

    def squeeze(lines):
        return [re.sub(r"\s+", "", l) for l in lines]

    return (squeeze(before) != squeeze(after)
            and joined(before) == joined(after)
            and structure(before) == structure(after))


def ternary_indent_only(before, after):
    """Whether @after differs from @before only in the indentation of the
    continuation lines of conditional expressions (`? a`, `: b`), which
    the house style aligns under the condition."""
    if len(before) != len(after):
        return False
    for b, a in zip(before, after):
        if b != a and not (b.strip() == a.strip() and b.strip()[:1] in "?:"):
            return False
    return True


def check_file(root, path, lines_added, clang_format, style):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        original = f.read()
    formatted = subprocess.run(
        [clang_format, f"--style=file:{style}", f"--assume-filename={path}"],
        input=mask(original), capture_output=True, text=True, check=True).stdout
    formatted = unmask(formatted)
    before = original.splitlines()
    after = formatted.splitlines()
    bodies = body_lines(before)
    findings = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    # Changes one equal line apart are one hunk: a statement
    # re-wrapped may keep a line as it was in the middle.
    hunks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if hunks and i1 - hunks[-1][1] <= 1 and j1 - hunks[-1][3] <= 1:
            hunks[-1][1] = i2
            hunks[-1][3] = j2
        else:
            hunks.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in hunks:
        span = range(i1, max(i2, i1 + 1))
        if not all(i in bodies for i in span if i < len(before)):
            continue
        if not any(i + 1 in lines_added for i in span):
            continue
        if rewrapped(before[i1:i2], after[j1:j2]) or ternary_indent_only(before[i1:i2], after[j1:j2]):
            continue
        hunk = [f"@@ {path}:{i1 + 1} @@"]
        hunk += ["-" + l for l in before[i1:i2]]
        hunk += ["+" + l for l in after[j1:j2]]
        findings.append("\n".join(hunk))
    return findings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base")
    parser.add_argument("root", nargs="?", default=".")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    clang_format = shutil.which("clang-format")
    if clang_format is None:
        print("check-format: clang-format is not installed (.ci/install-deps installs it)")
        return SKIP
    if shutil.which("git") is None or git(root, "rev-parse", "--git-dir").returncode != 0:
        print("check-format: not a git checkout, so no change to check")
        return SKIP
    base = base_revision(root, args.base)
    style = os.path.join(root, ".clang-format")
    findings = []
    changed = changed_lines(root, base)
    for path, lines_added in sorted(changed.items()):
        if not os.path.exists(os.path.join(root, path)):
            continue
        findings += check_file(root, path, lines_added, clang_format, style)
    if findings:
        print("\n".join(findings))
        print(f"check-format: {len(findings)} hunk(s) of the change differ from .clang-format "
              f"(docs/HACKING.md, \"Formatting\"); clang-format -i FILE, then keep what is "
              f"yours by hand")
        return 1
    print(f"check-format: {len(changed)} changed file(s) against {base[:12]} formatted as .clang-format says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
