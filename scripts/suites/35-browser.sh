#!/usr/bin/env bash
# The client-side verification page (bindings-wasm/www) in headless Chromium through
# playwright-core (Debian's /usr/bin/chromium; no browser download): every family
# (ANIP bundle, .anpkg, assets.pa) good and tampered, pinned and unpinned keys, at
# desktop, 360 and 390 px; the page's JSON downloads against the CLI's --json; axe-core;
# keyboard use; no request off the page's origin. Screenshots: build/test-output/page/
# (TRUSTLOOP_SCREENSHOT_DIR overrides).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
dir="$TRUSTLOOP_ROOT/bindings-wasm"
tl_require_fixtures || exit 1
start=$SECONDS

if [ ! -f "$dir/pkg/web/trustloop.js" ] || [ ! -f "$dir/pkg/node/trustloop.js" ]; then
    tl_log "browser: package missing, building it"
    bash "$dir/build.sh"
fi
[ -d "$dir/node_modules/playwright-core" ] && [ -d "$dir/node_modules/axe-core" ] ||
    tl_die "bindings-wasm/node_modules incomplete; run scripts/setup.sh"
# The page's downloads are compared with this tree's CLI.
cargo build -q -p trustloop-cli
status=0
(cd "$dir" && node --test test/page.test.mjs) || status=1
tl_log "browser: $([ "$status" = 0 ] && echo passed || echo FAILED) in $((SECONDS - start)) s; screenshots in ${TRUSTLOOP_SCREENSHOT_DIR:-$TRUSTLOOP_ROOT/build/test-output/page}"
exit "$status"
