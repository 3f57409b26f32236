#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validates recorded `ltsupport … --json` runs against data/schemas/.

tests/lt-test-cli.c records every run whose command line holds --json as
one file {"test", "args", "status", "stdout", "stderr"} and calls this
once per test case:

    validate-cli-json.py SCHEMA_DIR RUN_DIR

For each run:
  - stdout, when not empty, is one JSON document that validates against
    the schema of its command (`ticket list` -> ticket-list.schema.json,
    `eligibility` -> eligibility.schema.json);
  - the last line of stderr, when it is a JSON object, validates against
    error.schema.json; a run that failed (exit status not 0) with nothing
    on stdout must end stderr with that object.

A command without a schema file fails the run. Written for Debian 12's python3-jsonschema (4.10): only
Draft202012Validator and FormatChecker, and "date-time" checked here
(4.10 checks it only with rfc3339-validator, which Debian does not pull
in).
"""

import datetime
import json
import os
import re
import sys

import jsonschema

# The options before the command that take a value (lt_cli_context_new()).
GLOBAL_OPTIONS_WITH_VALUE = {"--policy", "--profile", "--portal"}

RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def format_checker():
    checker = jsonschema.FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not RFC3339.match(value):
            raise ValueError("not an RFC 3339 date-time")
        datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return True

    @checker.checks("date", raises=ValueError)
    def is_date(value):
        if not isinstance(value, str):
            return True
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise ValueError("not an RFC 3339 full-date")
        datetime.date.fromisoformat(value)
        return True

    return checker


def command_words(args):
    """The command's words, after the global options: ["ticket", "show", "LT-1", …]."""
    words = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            words.extend(args[i + 1:])
            break
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            i += 2
            continue
        if not arg.startswith("-"):
            words.append(arg)
        i += 1
    return words


def schema_name(schema_dir, args):
    words = command_words(args)
    if not words:
        return None, "no command"
    if len(words) >= 2:
        name = "%s-%s" % (words[0], words[1])
        if os.path.exists(os.path.join(schema_dir, name + ".schema.json")):
            return name, None
    if os.path.exists(os.path.join(schema_dir, words[0] + ".schema.json")):
        return words[0], None
    return None, "no schema for “%s”" % " ".join(words[:2])


def load(schema_dir, name, cache):
    if name not in cache:
        with open(os.path.join(schema_dir, name + ".schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cache[name] = jsonschema.Draft202012Validator(schema, format_checker=format_checker())
    return cache[name]


def errors_of(validator, document):
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(root)", e.message)
            for e in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))]


def check_run(schema_dir, run, cache):
    problems = []
    args = run["args"]
    words = command_words(args)

    if run["stdout"].strip():
        name, why = schema_name(schema_dir, args)
        if name is None:
            problems.append(why)
        else:
            try:
                document = json.loads(run["stdout"])
            except ValueError as e:
                problems.append("stdout is not JSON: %s" % e)
            else:
                problems += ["%s.schema.json: %s" % (name, p)
                             for p in errors_of(load(schema_dir, name, cache), document)]

    lines = run["stderr"].rstrip("\n").split("\n")
    last = lines[-1] if lines else ""
    if last.startswith("{"):
        try:
            document = json.loads(last)
        except ValueError as e:
            problems.append("the last line of stderr is not JSON: %s" % e)
        else:
            problems += ["error.schema.json: %s" % p
                         for p in errors_of(load(schema_dir, "error", cache), document)]
    elif run["status"] != 0 and not run["stdout"].strip():
        problems.append("exit status %d without an error object on stderr" % run["status"])
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, run_dir = sys.argv[1], sys.argv[2]
    cache = {}
    failed = 0
    names = sorted(n for n in os.listdir(run_dir) if n.endswith(".json"))
    for name in names:
        with open(os.path.join(run_dir, name), encoding="utf-8") as f:
            run = json.load(f)
        problems = check_run(schema_dir, run, cache)
        if problems:
            failed += 1
            print("%s: ltsupport %s (exit %d)" % (run["test"], " ".join(run["args"]), run["status"]))
            for p in problems:
                print("  " + p)
            print("  stdout: %s" % run["stdout"][:2000])
            print("  stderr: %s" % run["stderr"][:2000])
    print("%d of %d --json runs valid" % (len(names) - failed, len(names)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
