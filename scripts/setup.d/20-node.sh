#!/usr/bin/env bash
# npm dependencies of bindings-node (@napi-rs/cli) at the versions of the committed
# package-lock.json. `npm install` (not `npm ci`): npm leaves other platforms' optional
# native packages of @napi-rs/cli out of the lock, which `npm ci` then refuses.
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
npm install --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp_file"
echo "napi cli $(./node_modules/.bin/napi --version)"
