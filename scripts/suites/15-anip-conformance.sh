#!/usr/bin/env bash
# ANIP Go conformance: replays every recorded result of the reference ANIP Go CLI
# (../shared/conformance/anip-go, DEV corpus) against the release `trustloop` binary:
# exit codes, stdout, stderr and written files byte for byte. On failure the replay
# prints its mismatch-class summary with one example per class. tests/anip_go/judge.py
# then decides: every case identical, except step results that no implementation can
# match (upstream map-order nondeterminism, one harness artefact), tolerated by class.
#
# Env: TRUSTLOOP_CONFORMANCE points at the anip-go corpus folder.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
tl_require_fixtures || exit 1

corpus="${TRUSTLOOP_CONFORMANCE:-$TRUSTLOOP_ROOT/../shared/conformance/anip-go}"
if [ ! -f "$corpus/replay.py" ]; then
    echo "NOT RUN: ANIP conformance corpus missing ($corpus); set TRUSTLOOP_CONFORMANCE" >&2
    if tl_is_ci; then exit 1; fi
    exit 0
fi

tl_log "cargo build --release -p trustloop-cli"
cargo build -q --release -p trustloop-cli

tl_log "replay $corpus against $CARGO_TARGET_DIR/release/trustloop"
mkdir -p build
python3 "$corpus/replay.py" "$CARGO_TARGET_DIR/release/trustloop" \
    --fixtures "$TRUSTLOOP_FIXTURES/anip" --jobs "$(nproc 2>/dev/null || echo 2)" \
    --json build/anip-go-replay.json || true
python3 tests/anip_go/judge.py build/anip-go-replay.json
