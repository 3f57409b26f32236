#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The format checker itself (tests/check-format.py): what it lets through
and what it catches.

Each case is a function body added to a file of a throw-away git checkout
with the project's .clang-format, on a branch off `main`; the checker runs
on it as the `format` test runs on the tree. House-style code that
clang-format 14 cannot write must pass; a real slip must still fail.

Usage: test-check-format.py SOURCE_ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SKIP = 77
ROOT = None

PASSES = {
    "call-through-function-pointer-array": """\
  handlers[kind] (self, data);
  self->vtable[i] (self);
""",
    "conditional-continuation-aligned": """\
  g_autofree char *path = cursor != NULL
                          ? g_strdup_printf ("/api/v1/tickets?limit=1000&cursor=%s", cursor)
                          : g_strdup ("/api/v1/tickets?limit=1000");
""",
    "compound-literal": """\
  GdkRGBA color = (GdkRGBA) { 1.0, 0.5, 0.0, 1.0 };
  const LtSpan *span = &(const LtSpan) { .from = 1, .to = 2 };

  g_array_append_vals (array, (LtSpan[]) { { .from = 1, .to = 2 } }, 1);
  return span->from + (int) color.red;
""",
    "autoptr-and-gettext": """\
  g_autoptr(GError) error = NULL;
  const char *label = _("Ready");
""",
    "glued-text-in-strings-is-kept": """\
  g_print ("[%s](%s) (T){x}", "a", "b");
""",
}

FAILS = {
    "no-space-before-paren": """\
  g_print("%d", 1);
""",
    "array-call-without-space": """\
  handlers[kind](self, data);
""",
    "compound-literal-without-space": """\
  GdkRGBA color = (GdkRGBA){ 1.0, 0.5, 0.0, 1.0 };
""",
    "conditional-with-bad-spacing": """\
  g_autofree char *path = cursor != NULL
                          ? g_strdup_printf ("%s",cursor)
                          : g_strdup ("/api/v1/tickets?limit=1000");
""",
}


def git(cwd, *args):
    subprocess.run(["git", "-C", cwd, *args], check=True, capture_output=True, text=True)


def check(bodies):
    """The checker's exit status and output on a change that adds each of
    @bodies ({name: function body}) as src/<name>.c."""
    with tempfile.TemporaryDirectory() as tree:
        shutil.copy(os.path.join(ROOT, ".clang-format"), tree)
        os.mkdir(os.path.join(tree, "src"))
        git(tree, "init", "-q", "-b", "main")
        git(tree, "add", ".clang-format")
        git(tree, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base")
        git(tree, "checkout", "-q", "-b", "change")
        for name, body in bodies.items():
            with open(os.path.join(tree, "src", name + ".c"), "w", encoding="utf-8") as f:
                f.write("static int\ncase_body (void)\n{\n" + body + "}\n")
        result = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "check-format.py"), tree],
                                capture_output=True, text=True)
        return result.returncode, result.stdout + result.stderr


class CheckFormat(unittest.TestCase):
    def test_house_style_passes(self):
        status, output = check(PASSES)
        self.assertEqual(status, 0, output)

    def test_slips_fail(self):
        status, output = check(FAILS)
        self.assertEqual(status, 1, output)
        for name in FAILS:
            self.assertIn("@@ src/%s.c:" % name, output)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: test-check-format.py SOURCE_ROOT")
    ROOT = os.path.abspath(sys.argv.pop())
    if shutil.which("clang-format") is None or shutil.which("git") is None:
        print("test-check-format: clang-format or git is not installed")
        sys.exit(SKIP)
    unittest.main(verbosity=2)
