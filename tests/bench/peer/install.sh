#!/usr/bin/env bash
# Installs the node peer's dependency (json-logic-js, tests/bench/peer/package.json)
# once into $CLOSECOACH_PEER_CACHE (default ~/.cache/closecoach-review-peer)
# with npm, and prints that folder, for NODE_PATH=FOLDER/node_modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${CLOSECOACH_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/closecoach-review-peer}
if [[ ! -f "$cache/node_modules/json-logic-js/package.json" ]]; then
  mkdir -p "$cache"
  cp "$here/package.json" "$cache/"
  npm install --prefix "$cache" --no-audit --no-fund --silent >&2
fi
echo "$cache"
