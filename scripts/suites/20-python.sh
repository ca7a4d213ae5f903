#!/usr/bin/env bash
# Python binding: builds trustloop._native (release, abi3) into <repo>/.venv with
# maturin and runs the pytest suite (vectors, API surface, anpkg, registry and
# assets.pa pack against the CLI). pytest's exit code 5
# ("no tests collected") is a failure like any other non-zero code.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$TRUSTLOOP_ROOT"
# Missing fixtures: loud notice now; under CI=true the suite fails at the end
# (after running everything else, so other results are still visible).
fixtures_ok=1
tl_require_fixtures || fixtures_ok=0

py="$(tl_venv_python)"
[ -x "$py" ] || tl_die "no virtualenv at $TRUSTLOOP_VENV; run scripts/setup.sh"

# The differential tests compare against the CLI (debug build, as the other suites).
tl_log "cargo build -p trustloop-cli (reference for the differential tests)"
cargo build -q -p trustloop-cli
export TRUSTLOOP_BIN="$CARGO_TARGET_DIR/debug/trustloop"

# The wheel carries the CLI as a script (`python -m trustloop`): this host's release
# build for the development install.
tl_log "cargo build --release -p trustloop-cli (the CLI the wheel carries)"
cargo build -q --release -p trustloop-cli
scripts_dir=bindings-python/wheel-data/scripts
mkdir -p "$scripts_dir" && cp "$CARGO_TARGET_DIR/release/trustloop" "$scripts_dir/"

tl_log "maturin develop --release (bindings-python)"
VIRTUAL_ENV="$TRUSTLOOP_VENV" "$TRUSTLOOP_VENV/bin/maturin" develop --release --quiet \
    -m bindings-python/Cargo.toml

tl_log "pytest bindings-python/tests"
set +e
RUST_BACKTRACE=0 "$py" -m pytest bindings-python/tests -q -p no:cacheprovider
code=$?
set -e
if [ "$code" -eq 5 ]; then
    echo "ERROR: pytest collected no tests" >&2
fi

# The wheel users get (scripts/release.sh, .github/workflows/release.yml): abi3,
# stripped, glibc 2.17 floor through zig; auditwheel must place it at manylinux_2_17
# and it must link nothing but the C runtime.
tl_log "maturin build --zig --compatibility manylinux2014 (the release wheel) + auditwheel show"
set +e
wheels="$TRUSTLOOP_ROOT/build/wheels"
rm -rf "$wheels"
glibc217="$(uname -m)-unknown-linux-gnu"
if PATH="$TRUSTLOOP_VENV/bin:$PATH" cargo zigbuild -q --release --locked -p trustloop-cli --target "$glibc217.2.17" \
    && cp "$CARGO_TARGET_DIR/$glibc217/release/trustloop" "$scripts_dir/" \
    && VIRTUAL_ENV="$TRUSTLOOP_VENV" PATH="$TRUSTLOOP_VENV/bin:$PATH" "$TRUSTLOOP_VENV/bin/maturin" build --release --strip --zig \
    --compatibility manylinux2014 -m bindings-python/Cargo.toml -o "$wheels" --quiet; then
    wheel="$(ls "$wheels"/*.whl)"
    "$TRUSTLOOP_VENV/bin/auditwheel" show "$wheel" | tee "$wheels/auditwheel.txt"
    grep -q "\"manylinux_2_17_$(uname -m)\"" "$wheels/auditwheel.txt" || { echo "ERROR: the wheel is not manylinux_2_17" >&2; code=1; }
    unpacked="$wheels/unpacked"
    "$py" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" "$wheel" "$unpacked"
    tl_check_elf "$(ls "$unpacked"/trustloop/_native*.so)" || code=1
    tl_check_elf "$(ls "$unpacked"/*.data/scripts/trustloop)" || code=1
    # From the packed wheel alone, on the oldest and newest supported CPython.
    bash scripts/check-wheel.sh "$wheel" || code=1
else
    echo "ERROR: the release wheel did not build" >&2
    code=1
fi
set -e
[ "$fixtures_ok" = 1 ] || [ "$code" -ne 0 ] || code=1
exit "$code"
