#!/usr/bin/env bash
# Opens the verification page locally: builds the package (pkg/) when it is missing,
# then serves bindings-wasm/www and pkg/ on http://127.0.0.1:${PORT:-8080}/www/ until Ctrl-C.
#
# Usage: bash scripts/page.sh        (PORT=9000 bash scripts/page.sh for another port)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dir="$TRUSTLOOP_ROOT/bindings-wasm"
if [ ! -f "$dir/pkg/web/trustloop.js" ]; then
    tl_log "page: pkg/ missing, building it (bindings-wasm/build.sh)"
    bash "$dir/build.sh"
fi
exec node "$dir/test/support/static-server.mjs"
