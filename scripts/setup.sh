#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (root; registries only:
# Debian apt, crates.io, PyPI, npm). Idempotent: each step skips work already done,
# so a second run takes seconds. Runs every scripts/setup.d/*.sh in name order and
# stops at the first failure.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"

for step in scripts/setup.d/*.sh; do
    [ -f "$step" ] || continue
    tl_log "setup: $step"
    bash "$step" </dev/null || tl_die "setup step $step failed"
done
tl_log "setup: done"
