#!/usr/bin/env bash
# Node binding: builds the napi-rs addon (release) with @napi-rs/cli and runs the
# node:test suite (vectors + API surface).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT/bindings-node"
# Missing fixtures: loud notice now; under CI=true the suite fails at the end
# (after running everything else, so other results are still visible).
fixtures_ok=1
tl_require_fixtures || fixtures_ok=0
[ -x node_modules/.bin/napi ] || tl_die "bindings-node/node_modules missing; run scripts/setup.sh"

# The differential tests compare against the CLI (debug build, as the other suites).
tl_log "cargo build -p trustloop-cli (reference for the differential tests)"
cargo build -q -p trustloop-cli
export TRUSTLOOP_BIN="$CARGO_TARGET_DIR/debug/trustloop"

tl_log "napi build --platform --release (bindings-node)"
./node_modules/.bin/napi build --platform --release --strip --no-js --dts native.d.ts
code=0
for addon in trustloop.*.node; do tl_check_elf "$addon" || code=1; done

tl_log "node --test bindings-node/test"
shopt -s nullglob
tests=(test/*.test.js)
[ "${#tests[@]}" -gt 0 ] || tl_die "no node tests found in bindings-node/test"
RUST_BACKTRACE=0 node --test "${tests[@]}" || code=$?
[ "$fixtures_ok" = 1 ] || [ "$code" -ne 0 ] || code=1
exit "$code"
