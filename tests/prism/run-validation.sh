#!/usr/bin/env bash
# run-validation.sh: the devportal test suite through Prism's validation
# proxy, so that every answer of lockthreat-devportal is checked against the
# contract. Fails on any test failure and on any violation Prism reports.
#
#   tests/prism/run-validation.sh SPEC DEVPORTAL TEST-DEVPORTAL
#
# Two proxies forward to one devportal port:
# - strict (--errors): requests and answers are validated, and an answer
#   that breaks the contract is turned into an error the test sees at once;
# - lenient (--errors --validate-request=false): for the requests the test
#   sends against the contract on purpose (wrong token, missing
#   Idempotency-Key, invalid bodies), so that the portal's refusals are
#   validated too instead of Prism answering them itself.
# test-devportal starts each devportal on the port the proxies forward to
# ($LT_DEVPORTAL_TEST_LISTEN) and sends contract requests to the proxies.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "$0")/prism-env.sh"

spec=$1
devportal=$2
test_devportal=$3

# Loopback only: a proxy set in the environment must not capture the
# test's requests (GLib's default resolver would also need GSettings).
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

portal_port=$(free_port)
strict_port=$(free_port)
lenient_port=$(free_port)
while [ "$lenient_port" = "$strict_port" ] || [ "$lenient_port" = "$portal_port" ] \
      || [ "$strict_port" = "$portal_port" ]; do
  strict_port=$(free_port)
  lenient_port=$(free_port)
done
upstream="http://127.0.0.1:$portal_port/api/v1"

"$prism_bin" proxy "$spec" "$upstream" --host 127.0.0.1 --port "$strict_port" \
  --errors >"$work/strict.log" 2>&1 &
pids+=($!)
strict_pid=$!
"$prism_bin" proxy "$spec" "$upstream" --host 127.0.0.1 --port "$lenient_port" \
  --errors --validate-request=false >"$work/lenient.log" 2>&1 &
pids+=($!)
lenient_pid=$!

for pair in "$strict_port:$strict_pid:strict" "$lenient_port:$lenient_pid:lenient"; do
  IFS=: read -r port pid name <<<"$pair"
  if ! wait_for_port "$port" 60 "$pid"; then
    echo "FAIL: the $name Prism proxy did not start:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
done

status=0
LT_DEVPORTAL="$devportal" \
LT_DEVPORTAL_TEST_LISTEN="127.0.0.1:$portal_port" \
LT_DEVPORTAL_TEST_CONTRACT_URL="http://127.0.0.1:$strict_port" \
LT_DEVPORTAL_TEST_LENIENT_URL="http://127.0.0.1:$lenient_port" \
  "$test_devportal" || status=$?

# Prism logs every difference it lets through as "Violation: <where>
# <what>" (warnings included), and every one --errors turned into an error
# as "Request terminated with error: …VIOLATIONS"; either fails the run, as
# does any other request Prism could not route or forward.
violations=0
for name in strict lenient; do
  if grep -n -i -E "violation|terminated with error" "$work/$name.log" >"$work/$name.violations"; then
    echo "FAIL: Prism ($name proxy) reported contract violations:" >&2
    cat "$work/$name.violations" >&2
    violations=1
  fi
  requests=$(grep -c "Request received" "$work/$name.log" || true)
  echo "# $name proxy: $requests requests"
done

if [ "$status" -ne 0 ]; then
  echo "FAIL: test-devportal through Prism exited with $status" >&2
  for name in strict lenient; do
    echo "---- $name proxy log (last 80 lines) ----" >&2
    tail -n 80 "$work/$name.log" >&2
  done
  exit 1
fi
if [ "$violations" -ne 0 ]; then
  exit 1
fi
echo "Prism: no contract violations"
