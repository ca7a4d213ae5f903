#!/usr/bin/env bash
# Base toolchain: C linker, Rust (stable, from rustup as the machine ships it),
# Python 3 with venv, Node.js with npm. Installs from apt only what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

missing=()
tl_have cc || missing+=(build-essential)
tl_have pkg-config || missing+=(pkg-config)
tl_have python3 || missing+=(python3)
if tl_have python3 && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi
tl_have node || missing+=(nodejs)
# The rust suite type-checks the CLI for Windows, and ring's build script compiles C
# for that target.
tl_have x86_64-w64-mingw32-gcc || missing+=(gcc-mingw-w64-x86-64)
tl_have npm || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    tl_log "apt: installing ${missing[*]}"
    tl_apt_install "${missing[@]}"
fi

if ! tl_have cargo; then
    # Debian's rustc is older than the workspace's rust-version; rustup is the supported path.
    tl_die "cargo not found: install Rust (rustup, stable >= 1.80) and put ~/.cargo/bin on PATH"
fi
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || tl_die "python3 >= 3.9 required"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' || tl_die "node >= 18 required"

if tl_have rustup && ! cargo clippy --version >/dev/null 2>&1; then
    rustup component add clippy >/dev/null 2>&1 || tl_warn "clippy unavailable (optional)"
fi
# The rust suite's no_std proof builds the core for a target without std, and it
# type-checks the host and CLI for Windows (their platform halves).
for target in thumbv7em-none-eabihf x86_64-pc-windows-gnu; do
    if tl_have rustup && ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
        tl_log "rustup: adding $target"
        rustup target add "$target"
    fi
done
echo "cargo $(cargo --version | cut -d' ' -f2), python $(python3 -c 'import platform; print(platform.python_version())'), node $(node --version), npm $(npm --version)"
