#!/usr/bin/env bash
# npm dependencies of bindings-node (@napi-rs/cli) from the committed package-lock.json.
# Skipped when node_modules was installed from the same lock file.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

dir="$TRUSTLOOP_ROOT/bindings-node"
stamp_file="$dir/node_modules/.trustloop-lock.sha256"
want="$(tl_stamp "$dir/package-lock.json" "$dir/package.json")"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ] && [ -x "$dir/node_modules/.bin/napi" ]; then
    echo "node_modules up to date ($dir)"
    exit 0
fi
cd "$dir"
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp_file"
echo "napi cli $(./node_modules/.bin/napi --version)"
