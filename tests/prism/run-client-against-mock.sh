#!/usr/bin/env bash
# run-client-against-mock.sh: the portal client against Prism's mock of the
# contract, so that the client is shown to speak the document and not only
# our own devportal. Fails on any test failure and on any violation Prism
# reports (a request the contract refuses, or an example in the document
# that breaks its own schema).
#
#   tests/prism/run-client-against-mock.sh SPEC TEST-PORTAL-PRISM-MOCK [ARGS…]
#
# Prism serves the operations at their bare paths (/account); the contract's
# servers put them under /api/v1, where the client looks. base-path-proxy.js
# sits in between and maps ROOT/api/v1/… to Prism's /…, and
# ROOT/prefer/<value>/api/v1/… to the same with "Prefer: <value>" (how the
# test asks Prism for the documented 401, 404, 409, 429, 500 and 503).
# The test program gets ROOT in $LT_PRISM_MOCK_URL.
#
# First, check-examples.js validates every example of the document against
# its schema, including those Prism cannot validate itself (see there).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "$0")/prism-env.sh"

spec=$1
test_program=$2
shift 2

node "$prism_dir/check-examples.js" "$spec"

# Loopback only: a proxy set in the environment must not capture the
# test's requests.
export GIO_USE_PROXY_RESOLVER=dummy

work=$(mktemp -d)
pids=()
cleanup () {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

mock_port=$(free_port)
proxy_port=$(free_port)
while [ "$proxy_port" = "$mock_port" ]; do
  proxy_port=$(free_port)
done

"$prism_bin" mock "$spec" --host 127.0.0.1 --port "$mock_port" >"$work/mock.log" 2>&1 &
pids+=($!)
mock_pid=$!
node "$prism_dir/base-path-proxy.js" "$proxy_port" "$mock_port" >"$work/proxy.log" 2>&1 &
pids+=($!)
proxy_pid=$!

if ! wait_for_port "$mock_port" 40 "$mock_pid"; then
  echo "FAIL: Prism could not serve $spec:" >&2
  cat "$work/mock.log" >&2
  exit 1
fi
if ! wait_for_port "$proxy_port" 10 "$proxy_pid"; then
  echo "FAIL: base-path-proxy.js did not start:" >&2
  cat "$work/proxy.log" >&2
  exit 1
fi

status=0
LT_PRISM_MOCK_URL="http://127.0.0.1:$proxy_port" "$test_program" "$@" || status=$?

# Prism logs every difference between a request or a mocked answer and the
# contract as "Violation: <where> <what>", and a request it could not route
# as "Request terminated with error"; either fails the run. The proxy's
# own 404 (a path outside /api/v1) would show a client with a wrong base.
failed=0
if grep -a -n -i -E "violation|terminated with error" "$work/mock.log" >"$work/violations"; then
  echo "FAIL: Prism reported contract violations:" >&2
  cat "$work/violations" >&2
  failed=1
fi
if grep -a -n "not under /api/v1" "$work/proxy.log" >"$work/unrouted"; then
  echo "FAIL: requests outside /api/v1:" >&2
  cat "$work/unrouted" >&2
  failed=1
fi
requests=$(grep -a -c "Request received" "$work/mock.log" || true)
echo "# Prism mock: $requests requests"

if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  if [ "$status" -ne 0 ]; then
    echo "FAIL: $(basename "$test_program") against the Prism mock exited with $status" >&2
  fi
  echo "---- Prism mock log (last 80 lines) ----" >&2
  tail -n 80 "$work/mock.log" >&2
  exit 1
fi
echo "Prism mock: the client passed with no contract violations"
