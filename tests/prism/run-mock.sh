#!/usr/bin/env bash
# run-mock.sh: Prism's mock server for data/portal-api.yaml, for trying a
# client against the contract's examples without the devportal.
#
#   tests/prism/run-mock.sh [SPEC] [PORT]     (default: the repository's
#                                              spec, port 4010)
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
source "$(dirname "$0")/prism-env.sh"

spec=${1:-"$prism_dir/../../data/portal-api.yaml"}
port=${2:-4010}
echo "Prism mock of $spec on http://127.0.0.1:$port (send any Bearer token)"
exec "$prism_bin" mock "$spec" --host 127.0.0.1 --port "$port"
