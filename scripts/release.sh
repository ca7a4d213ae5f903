#!/usr/bin/env bash
# Release builds from this one Linux machine (NOT part of the test command): Python
# wheels (abi3, stripped; manylinux2014 = glibc 2.17 floor, musllinux_1_2) through
# `maturin --zig`, and the CLI through cargo-zigbuild, for each target given; every
# Linux wheel is checked with `auditwheel show` and every Linux binary with `readelf`
# (interpreter and needed libraries). Outputs and a summary go to build/release/.
# The full matrix (macOS, Windows, npm platform packages) is
# .github/workflows/release.yml, the canonical path; this script says which of its
# targets it built and which it could not, and why.
#
# Usage: scripts/release.sh [target ...]
#   default targets: x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
#                    x86_64-unknown-linux-musl aarch64-unknown-linux-musl
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"

out="$TRUSTLOOP_ROOT/build/release"
tools="$out/tools"
mkdir -p "$out"
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)

# Pinned tools in a venv of their own (zig from PyPI, as maturin --zig and
# cargo-zigbuild expect it on PATH).
if [ ! -x "$tools/bin/maturin" ]; then
    python3 -m venv "$tools" && "$tools/bin/pip" install -q maturin==1.16.0 ziglang==0.17.1 auditwheel==6.8.2 cargo-zigbuild==0.24.1 \
        || tl_die "cannot install the release tools"
fi
export PATH="$tools/bin:$PATH"
# `python -m ziglang` is the zig maturin and cargo-zigbuild call.
# cargo-zigbuild is on PyPI too (a prebuilt binary): pinned with the other tools above.

summary="$out/SUMMARY.txt"
: >"$summary"
note() { echo "$*" | tee -a "$summary"; }

for target in "${targets[@]}"; do
    rustup target add "$target" >/dev/null 2>&1 || { note "$target: SKIPPED (rustup cannot add the target)"; continue; }
    case "$target" in
        *-linux-musl) compat=musllinux_1_2 zig_target="$target" ;;
        *-linux-gnu) compat=manylinux2014 zig_target="$target.2.17" ;; # the wheel's glibc floor
        *) compat="" zig_target="$target" ;;
    esac
    if cargo zigbuild --release --locked -p trustloop-cli --target "$zig_target" >"$out/$target.cli.log" 2>&1; then
        bin="$CARGO_TARGET_DIR/$target/release/trustloop"
        mkdir -p "$out/cli/$target" && cp "$bin" "$out/cli/$target/"
        # The wheel carries this CLI as a script (`python -m trustloop`).
        rm -rf bindings-python/wheel-data/scripts && mkdir -p bindings-python/wheel-data/scripts && cp "$bin" bindings-python/wheel-data/scripts/
        note "$target: cli $(du -h "$bin" | cut -f1), $(readelf -l "$bin" 2>/dev/null | grep -o 'interpreter: [^]]*' || echo 'static (no interpreter)'); needs: $(readelf -d "$bin" 2>/dev/null | grep -o 'Shared library: \[[^]]*\]' | tr '\n' ' ')"
    else
        note "$target: cli FAILED (see $out/$target.cli.log); no wheel without it"
        continue
    fi
    args=(build --release --strip --zig --target "$target" -m bindings-python/Cargo.toml -o "$out/wheels")
    [ -n "$compat" ] && args+=(--compatibility "$compat")
    if maturin "${args[@]}" >"$out/$target.wheel.log" 2>&1; then
        wheel="$(ls -t "$out/wheels"/*.whl | head -1)"
        note "$target: wheel $(basename "$wheel")"
        if [ "$compat" = musllinux_1_2 ]; then
            # auditwheel reads the host's musl loader to judge a musllinux wheel, which a
            # glibc host lacks: list what the extension links instead.
            so="$(python3 -c "import sys, zipfile; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith('.so')))" "$wheel")"
            python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])" "$wheel" "$so" "$out/unpacked-$target"
            note "$target: wheel needs $(readelf -d "$out/unpacked-$target/$so" | grep -o 'Shared library: \[[^]]*\]' | tr '\n' ' ')"
        elif [ -n "$compat" ]; then
            shown="$(auditwheel show "$wheel" 2>&1)"
            echo "$shown" >>"$summary"
            case "$shown" in
                *"is consistent with the following platform tag"*) ;;
                *) note "$target: auditwheel could not place the wheel" ;;
            esac
        fi
    else
        note "$target: wheel FAILED (see $out/$target.wheel.log)"
    fi
done
echo "summary: $summary"
