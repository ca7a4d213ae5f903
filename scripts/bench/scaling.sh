#!/usr/bin/env bash
# Scaling plots and tables (time and peak memory against input size) for ANIP verify,
# .anpkg validate and assets-pa pack, beside the reference tools (scaling.py says how).
# Writes docs/benchmarks/scaling-*.png and BENCHMARKS.md's scaling section.
#   --anip BIN              the Go reference `anip` CLI (optional; never built by this script)
#   --anolis-validate BIN   default: .venv/bin/anolis-validate (anolis-workbench 0.22.0, scripts/setup.sh)
#   --runs N                rounds per input (default 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"

venv="$TRUSTLOOP_ROOT/build/bench-venv"
req="$TRUSTLOOP_ROOT/scripts/bench/requirements.txt"
if ! cmp -s "$req" "$venv/.requirements" 2>/dev/null; then
    tl_log "plotting venv: $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r "$req"
    cp "$req" "$venv/.requirements"
fi
# GNU time starts the peak-memory runs (scaling.py says why).
[ -x /usr/bin/time ] || tl_apt_install time
[ -d "$TRUSTLOOP_FIXTURES/anip" ] || tl_die "fixtures missing: $TRUSTLOOP_FIXTURES"
cargo build --release -p trustloop-cli --quiet
args=(--anolis-validate "$TRUSTLOOP_ROOT/.venv/bin/anolis-validate")
while [ $# -gt 0 ]; do
    case "$1" in
        --anip|--anolis-validate|--runs) args+=("$1" "$2"); shift 2 ;;
        *) tl_die "unknown argument $1" ;;
    esac
done
"$venv/bin/python" scripts/bench/scaling.py --trustloop "$CARGO_TARGET_DIR/release/trustloop" \
    --fixtures "$TRUSTLOOP_FIXTURES" --out-dir docs/benchmarks --benchmarks BENCHMARKS.md "${args[@]}"
