#!/usr/bin/env bash
# "Run the main job on bundled examples": builds the trustloop CLI (release) and runs
# every scripts/demo.d/*.sh part in name order (one per artifact family; add yours).
# Each part gets $TL (the CLI) and $DEMO_OUT (build/examples) and prints a short summary.
# Exits non-zero if any part failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"
exec </dev/null

tl_log "building the trustloop CLI (release)"
cargo build --release -p trustloop-cli --quiet || tl_die "cargo build failed"
export TL="$CARGO_TARGET_DIR/release/trustloop"
export DEMO_OUT="$TRUSTLOOP_ROOT/build/examples"
mkdir -p "$DEMO_OUT"

failed=()
for part in scripts/demo.d/*.sh; do
    [ -f "$part" ] || continue
    echo
    tl_log "demo: $(basename "$part" .sh)"
    bash "$part" || failed+=("$(basename "$part" .sh)")
done
echo
if [ "${#failed[@]}" -gt 0 ]; then
    echo "demo: FAILED parts: ${failed[*]}"
    exit 1
fi
echo "demo: all parts ok (outputs in ${DEMO_OUT#"$TRUSTLOOP_ROOT"/})"
