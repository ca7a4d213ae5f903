#!/usr/bin/env bash
# .anpkg validator differential (spec anpkg.md §15): every fixture package and every
# mutation of tests/anpkg/validate_differential/cases.py validated by
# `trustloop anpkg validate` and by anolis-workbench 0.22.0's `anolis-validate` (in
# <repo>/.venv); verdicts and messages must be identical. Prints the counts and a
# final "N passed, N failed" line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
tl_require_fixtures || exit 1

py="$(tl_venv_python)"
if [ ! -x "$TRUSTLOOP_VENV/bin/anolis-validate" ]; then
    echo "NOT RUN: $TRUSTLOOP_VENV/bin/anolis-validate missing; run scripts/setup.sh" >&2
    if tl_is_ci; then exit 1; fi
    exit 0
fi

tl_log "cargo build -p trustloop-cli"
cargo build -q -p trustloop-cli

tl_log "anpkg validate differential against anolis-validate 0.22.0"
TRUSTLOOP_BIN="$CARGO_TARGET_DIR/debug/trustloop" ANPKG_ORACLE="$TRUSTLOOP_VENV/bin/anolis-validate" \
    "$py" tests/anpkg/validate_differential/run.py
