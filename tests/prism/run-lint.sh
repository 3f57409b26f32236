#!/usr/bin/env bash
# run-lint.sh: checks the contract document itself.
#
# 1. lint-openapi.js: a valid OpenAPI 3.0 document whose $refs resolve, and
#    the contract's own conventions (every operation declares 401, 429,
#    500, 503; POSTs take Idempotency-Key; …).
# 2. Prism loads it: a mock server starts from it and answers /account with
#    200 for a bearer token and 401 without one.
#
#   tests/prism/run-lint.sh data/portal-api.yaml
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "$0")/prism-env.sh"

spec=$1
node "$prism_dir/lint-openapi.js" "$spec"

work=$(mktemp -d)
mock_pid=
cleanup () {
  if [ -n "$mock_pid" ]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
"$prism_bin" mock "$spec" --host 127.0.0.1 --port "$port" >"$work/mock.log" 2>&1 &
mock_pid=$!
if ! wait_for_port "$port" 60 "$mock_pid"; then
  echo "FAIL: Prism could not serve $spec:" >&2
  cat "$work/mock.log" >&2
  exit 1
fi

status_of () {
  node -e '
    const http = require("http");
    const headers = process.argv[2] ? { Authorization: "Bearer " + process.argv[2] } : {};
    http.get({ host: "127.0.0.1", port: process.argv[1], path: "/account", headers }, res => {
      console.log(res.statusCode); res.resume();
    }).on("error", e => { console.log("error " + e.message); });' "$port" "${1:-}"
}
with_token=$(status_of lint-token)
without_token=$(status_of "")
if [ "$with_token" != 200 ] || [ "$without_token" != 401 ]; then
  echo "FAIL: Prism mock answered $with_token with a token and $without_token without one" >&2
  cat "$work/mock.log" >&2
  exit 1
fi
echo "$spec: Prism serves it (200 with a token, 401 without)"
