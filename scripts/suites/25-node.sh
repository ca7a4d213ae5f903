#!/usr/bin/env bash
# Node binding: builds the napi-rs addon (release) with @napi-rs/cli and runs the
# node:test suite (vectors + API surface).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT/bindings-node"
tl_require_fixtures || exit 1
[ -x node_modules/.bin/napi ] || tl_die "bindings-node/node_modules missing; run scripts/setup.sh"

tl_log "napi build --platform --release (bindings-node)"
./node_modules/.bin/napi build --platform --release --no-js --dts native.d.ts

tl_log "node --test bindings-node/test"
shopt -s nullglob
tests=(test/*.test.js)
[ "${#tests[@]}" -gt 0 ] || tl_die "no node tests found in bindings-node/test"
RUST_BACKTRACE=0 node --test "${tests[@]}"
