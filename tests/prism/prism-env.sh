# prism-env.sh: sourced by the scripts beside it.
#
# Finds Node.js and the Prism installed by .ci/install-deps into
# tests/prism/node_modules, and offers helpers for free loopback ports and
# waiting for a server. A missing Node.js is a skip (exit 77); Node.js
# without Prism is a failure that says how to install it.
# SPDX-License-Identifier: GPL-3.0-or-later

prism_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prism_bin="$prism_dir/node_modules/.bin/prism"

if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: Node.js is not installed (.ci/install-deps installs it)"
  exit 77
fi
if [ ! -x "$prism_bin" ] || [ ! -d "$prism_dir/node_modules/@apidevtools/swagger-parser" ]; then
  echo "FAIL: Prism is not installed in $prism_dir/node_modules; run .ci/install-deps" >&2
  exit 1
fi

# Prism reports anonymous usage by default; tests never phone home.
export SCARF_ANALYTICS=false DO_NOT_TRACK=1

# A port nobody listens on right now, on 127.0.0.1.
free_port () {
  node -e 'const s = require("net").createServer();
           s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Waits until something accepts connections on 127.0.0.1:$1, for at most
# $2 seconds, or until the process $3 died.
wait_for_port () {
  local port=$1 timeout=$2 pid=$3 waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.2
    waited=$((waited + 1))
    if [ "$waited" -ge $((timeout * 5)) ]; then
      return 1
    fi
  done
}
