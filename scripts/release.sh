#!/usr/bin/env bash
# Release builds from this one Linux machine (NOT part of the test command), for each
# target given: the CLI (cargo-zigbuild; Windows through Debian's mingw-w64), the Python
# wheel (abi3, stripped; manylinux2014 = glibc 2.17 floor, musllinux_1_2; `maturin
# --zig`) and the npm platform package @trustloop/<platform> (`napi build
# --cross-compile`, i.e. cargo-zigbuild; Windows gnu with mingw-w64). Every artifact is
# checked: Linux ELF files by readelf/objdump (no GLIBC_ symbol version above 2.17 for
# gnu, only C-runtime libraries needed), wheels by `auditwheel show`, Windows DLLs by
# the DLLs they import. Outputs go to build/release/ (npm/ holds the platform packages
# and their tarballs); SUMMARY.txt lists every target and artifact built, and for each
# one that was not, why. The canonical path for the full matrix, built natively, is
# .github/workflows/release.yml. Windows artifacts are then run under Wine
# (scripts/release-windows-smoke.sh).
#
# Usage: scripts/release.sh [--only cli,wheel,npm] [target ...]
#   default targets: x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
#                    x86_64-unknown-linux-musl aarch64-unknown-linux-musl
#                    x86_64-pc-windows-gnu x86_64-apple-darwin aarch64-apple-darwin
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TRUSTLOOP_ROOT"

out="$TRUSTLOOP_ROOT/build/release"
tools="$out/tools"
mkdir -p "$out"
only="cli,wheel,npm"
if [ "${1:-}" = "--only" ]; then only="$2"; shift 2; fi
wants() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl
    x86_64-pc-windows-gnu x86_64-apple-darwin aarch64-apple-darwin)
# Windows x64 links with Debian's mingw-w64.
for t in "${targets[@]}"; do
    if [ "$t" = x86_64-pc-windows-gnu ] && ! tl_have x86_64-w64-mingw32-gcc; then tl_apt_install gcc-mingw-w64-x86-64; fi
done
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
# napi-build links windows-gnu addons against LIBNODE_PATH/libnode.dll (`-lnode`), which
# nothing on the reachable registries ships. The addon needs no import: on Windows it
# is built with napi's `dyn-symbols` (bindings-node/Cargo.toml), resolving every N-API
# function from the loading process at run time. So `-lnode` is answered by an empty
# import library (ld takes libnode.dll.a before libnode.dll), and the empty libnode.dll
# beside it only passes napi-build's existence check.
libnode="$tools/libnode"
if [ ! -f "$libnode/libnode.dll.a" ]; then
    mkdir -p "$libnode" && : >"$libnode/libnode.dll" && printf '!<arch>\n' >"$libnode/libnode.dll.a"
fi
export LIBNODE_PATH="$libnode"

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
# This run's artifacts only: an addon or CLI left by an earlier run never counts as built.
wants npm && rm -rf "$out/npm-addons" "$out/npm"
wants cli && rm -rf "$out/cli"
wants wheel && rm -rf "$out/wheels"
: >"$summary"
note() { echo "$*" | tee -a "$summary"; }

# What a shipped binary links: ELF (readelf; for gnu, no GLIBC_ symbol version above
# 2.17), PE (the DLLs it imports), Mach-O (`file`). Prints one line; fails on a violation.
check_binary() { # file target
    local file="$1" target="$2" libs glibc bad=""
    case "$target" in
        *-linux-*)
            libs="$(readelf -d "$file" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
            for lib in $libs; do
                case "$lib" in
                    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libgcc_s.so.*|ld-linux*|ld-musl*) ;;
                    libc.so) case "$target" in *-musl) ;; *) bad+=" needs $lib" ;; esac ;; # musl's loader is its libc and answers to libc.so
                    *) bad+=" needs $lib" ;;
                esac
            done
            glibc="$(objdump -T "$file" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
            case "$target" in *-gnu) [ "$(printf '%s\n' "${glibc#GLIBC_}" 2.17 | sort -V | tail -1)" = 2.17 ] || bad+=" $glibc above the 2.17 floor" ;; esac
            readelf -S "$file" | grep -q '\.symtab' && bad+=" not stripped"
            echo "needs: ${libs:-nothing}; newest glibc symbol: ${glibc:-none}${bad:+; PROBLEM:$bad}" ;;
        *-windows-*)
            libs="$(objdump -p "$file" | sed -n 's/.*DLL Name: //p' | tr '\n' ' ')"
            for lib in $libs; do
                case "${lib,,}" in kernel32.dll|ntdll.dll|msvcrt.dll|advapi32.dll|bcrypt.dll|bcryptprimitives.dll|ws2_32.dll|userenv.dll|api-ms-win-*) ;; *) bad+=" imports $lib" ;; esac
            done
            echo "imports: $libs${bad:+; PROBLEM:$bad}" ;;
        *) echo "$(file -b "$file" | cut -c1-60)" ;;
    esac
    [ -z "$bad" ]
}

record() { # target what file
    local line
    if line="$(check_binary "$3" "$1")"; then note "$1: $2 $(basename "$3") $(du -h "$3" | cut -f1); $line"
    else note "$1: $2 $(basename "$3") FAILED its check: $line"; fi
}

# Why a target did not link, from its log: the first error line (e.g. the macOS SDK
# frameworks zig does not ship).
why() { grep -m1 -E 'not found in any search path|unable to find framework|undefined symbol|cannot find|error(\[|:)' "$1" | cut -c1-200; }

for target in "${targets[@]}"; do
    rustup target add "$target" >/dev/null 2>&1 || { note "$target: SKIPPED (rustup cannot add the target)"; continue; }
    case "$target" in
        *-linux-musl) compat=musllinux_1_2 zig_target="$target" ;;
        *-linux-gnu) compat=manylinux2014 zig_target="$target.2.17" ;; # the wheel's glibc floor
        *) compat="" zig_target="$target" ;;
    esac
    exe=""; build=(cargo zigbuild); cross=(--cross-compile)
    # Windows gnu links with mingw-w64 (napi refuses --cross-compile there). A gnu zig
    # target carries the glibc floor (x86_64-unknown-linux-gnu.2.17), napi passes it on.
    case "$target" in *-windows-gnu) exe=".exe" build=(cargo build) cross=() ;; esac

    if wants npm; then
        log="$out/$target.npm.log"
        if (cd bindings-node && ./node_modules/.bin/napi build --platform --release --strip --no-js --target "$zig_target" \
                "${cross[@]}" --output-dir "$out/npm-addons") >"$log" 2>&1; then
            record "$target" "npm addon" "$(ls -t "$out"/npm-addons/trustloop.*.node | head -1)"
        else
            note "$target: npm addon FAILED: $(why "$log") (see $log)"
        fi
    fi

    if wants cli || wants wheel; then
        if "${build[@]}" --release --locked -p trustloop-cli --target "$zig_target" >"$out/$target.cli.log" 2>&1; then
            bin="$CARGO_TARGET_DIR/$target/release/trustloop$exe"
            mkdir -p "$out/cli/$target" && cp "$bin" "$out/cli/$target/"
            # The wheel carries this CLI as a script (`python -m trustloop`).
            rm -rf bindings-python/wheel-data/scripts && mkdir -p bindings-python/wheel-data/scripts && cp "$bin" bindings-python/wheel-data/scripts/
            record "$target" cli "$bin"
        else
            note "$target: cli FAILED: $(why "$out/$target.cli.log") (see $out/$target.cli.log); no wheel without it"
            continue
        fi
    fi
    wants wheel || continue
    args=(build --release --strip --target "$target" -m bindings-python/Cargo.toml -o "$out/wheels")
    case "$target" in *-windows-gnu) ;; *) args+=(--zig) ;; esac
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
        note "$target: wheel FAILED: $(why "$out/$target.wheel.log") (see $out/$target.wheel.log)"
    fi
done

# The npm platform packages of every addon built (napi-rs layout), packed; the
# targets without an addon are listed by npm-dirs.js as WITHOUT (their package would
# refuse to publish).
if wants npm; then
    rm -rf "$out/npm" && mkdir -p "$out/npm/tarballs"
    node bindings-node/npm-dirs.js --out "$out/npm" "$out/npm-addons" | tee -a "$summary"
    for dir in "$out"/npm/*/; do
        ls "$dir"/*.node >/dev/null 2>&1 && (cd "$out/npm/tarballs" && npm pack --silent "$dir" >/dev/null)
    done
    (cd "$out/npm/tarballs" && npm pack --silent "$TRUSTLOOP_ROOT/bindings-node" >/dev/null)
    note "npm tarballs: $(cd "$out/npm/tarballs" && ls | tr '\n' ' ')"
fi
# The Windows artifacts run under Wine (the CLI's demo, the npm package's ESM use).
if [ -f "$out/cli/x86_64-pc-windows-gnu/trustloop.exe" ] && [ -f "$out/npm/tarballs/trustloop-win32-x64-gnu-0.1.0.tgz" ]; then
    bash scripts/release-windows-smoke.sh | tee -a "$summary"
fi
echo "summary: $summary"
