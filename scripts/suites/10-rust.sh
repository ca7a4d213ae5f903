#!/usr/bin/env bash
# Rust: unit tests, integration tests and the conformance vectors of the default
# workspace members (core, cli, tests; the binding crates are built by their own
# suites), then the no_std proof: the core without default features builds for a
# target that has no std at all (thumbv7em-none-eabihf), its unit tests pass on the
# host without default features, and so do the conformance vectors of every operation
# that build has; the host and CLI type-check for Windows. Clippy only with
# TRUSTLOOP_CLIPPY=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
# Missing fixtures: loud notice now; under CI=true the suite fails at the end
# (after running everything else, so other results are still visible).
fixtures_ok=1
tl_require_fixtures || fixtures_ok=0

status=0
tl_log "cargo test (default members: core, cli, tests)"
cargo test --no-fail-fast --workspace --exclude trustloop-python --exclude trustloop-node --exclude trustloop-wasm || status=1

tl_log "no_std proof: cargo build -p trustloop-core --no-default-features --target thumbv7em-none-eabihf"
cargo build -p trustloop-core --no-default-features --target thumbv7em-none-eabihf || status=1
tl_log "no_std unit tests: cargo test -p trustloop-core --no-default-features --lib"
cargo test -p trustloop-core --no-default-features --lib || status=1
tl_log "no_std vectors: cargo test -p trustloop-conformance --no-default-features --test vectors"
cargo test -p trustloop-conformance --no-default-features --test vectors || status=1

# The host's Unix halves (openat walks, process groups) have Windows twins; this keeps
# them compiling (scripts/release-windows-smoke.sh runs them, under Wine).
tl_log "Windows: cargo check -p trustloop-host -p trustloop-cli --target x86_64-pc-windows-gnu"
cargo check -p trustloop-host -p trustloop-cli --target x86_64-pc-windows-gnu || status=1

if [ "${TRUSTLOOP_CLIPPY:-0}" = "1" ]; then
    tl_log "cargo clippy (default members)"
    cargo clippy --workspace --exclude trustloop-python --exclude trustloop-node --exclude trustloop-wasm --all-targets -- -D warnings || status=1
fi
[ "$fixtures_ok" = 1 ] || status=1
exit "$status"
