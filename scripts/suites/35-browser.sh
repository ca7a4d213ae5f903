#!/usr/bin/env bash
# The client-side verification page (bindings-wasm/www) in headless Chromium through
# playwright-core (Debian's /usr/bin/chromium; no browser download): uploads fixture
# bundles and a garbage file, checks the rendered verdict, and saves a screenshot
# (TRUSTLOOP_SCREENSHOT, default /tmp/trustloop-page.png).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
dir="$TRUSTLOOP_ROOT/bindings-wasm"
tl_require_fixtures || exit 1
start=$SECONDS

if [ ! -f "$dir/pkg-web/trustloop.js" ]; then
    tl_log "browser: pkg-web missing, building it"
    bash "$dir/build.sh"
fi
[ -d "$dir/node_modules/playwright-core" ] || tl_die "bindings-wasm/node_modules missing; run scripts/setup.sh"
status=0
(cd "$dir" && node --test test/page.test.mjs) || status=1
tl_log "browser: $([ "$status" = 0 ] && echo passed || echo FAILED) in $((SECONDS - start)) s"
exit "$status"
